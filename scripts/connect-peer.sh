#!/usr/bin/env bash
# The Connect peer of examples/tests/e2e_connect_peer.rs: `buf curl`, Buf's
# CLI (Go, on connect-go), from npm at the version pinned in
# peers/connect/package.json (a prebuilt binary; no global install):
#
#   scripts/connect-peer.sh install        # npm install into $ERRDSL_CONNECT_PEER_DIR
#   eval "$(scripts/connect-peer.sh env)"  # ERRDSL_CONNECT_PEER: the buf binary
#
# The packages go to $ERRDSL_CONNECT_PEER_DIR (default: target/connect-peer).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${ERRDSL_CONNECT_PEER_DIR:-$root/target/connect-peer}"

case "${1:-}" in
    install)
        mkdir -p "$dir"
        cp "$root/peers/connect/package.json" "$dir/package.json"
        npm install --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
        "$dir/node_modules/.bin/buf" --version
        ;;
    env)
        echo "export ERRDSL_CONNECT_PEER=$dir/node_modules/.bin/buf"
        ;;
    *)
        echo "usage: $0 install|env" >&2
        exit 2
        ;;
esac
