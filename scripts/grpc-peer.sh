#!/usr/bin/env bash
# The Python gRPC peer of examples/tests/e2e_grpc_peer.rs (peers/grpc/):
#
#   scripts/grpc-peer.sh install   # a venv with the pinned packages of peers/grpc/requirements.txt
#   eval "$(scripts/grpc-peer.sh env)"   # ERRDSL_GRPC_PEER: the venv's python
#
# The venv is at $ERRDSL_PEER_VENV (default: target/grpc-peer-venv).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${ERRDSL_PEER_VENV:-$root/target/grpc-peer-venv}"

case "${1:-}" in
    install)
        if [[ ! -x "$venv/bin/python" ]]; then
            python3 -m venv "$venv"
        fi
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/peers/grpc/requirements.txt"
        "$venv/bin/python" -c "import grpc, grpc_status, grpc_tools, google.rpc.error_details_pb2"
        ;;
    env)
        echo "export ERRDSL_GRPC_PEER=$venv/bin/python"
        ;;
    *)
        echo "usage: $0 install|env" >&2
        exit 2
        ;;
esac
