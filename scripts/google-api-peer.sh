#!/usr/bin/env bash
# The Google API client peer of examples/tests/e2e_google_errors.rs
# (peers/google-api-core/): google-api-core and its dependencies at the
# versions pinned in peers/google-api-core/requirements.txt, in a venv:
#
#   scripts/google-api-peer.sh install        # the venv, with the pinned packages
#   eval "$(scripts/google-api-peer.sh env)"  # ERRDSL_GOOGLE_API_PEER: the venv's python
#
# The venv is at $ERRDSL_GOOGLE_API_VENV (default: target/google-api-venv).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${ERRDSL_GOOGLE_API_VENV:-$root/target/google-api-venv}"

case "${1:-}" in
    install)
        if [[ ! -x "$venv/bin/python" ]]; then
            python3 -m venv "$venv"
        fi
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/peers/google-api-core/requirements.txt"
        "$venv/bin/python" -c 'import google.api_core; print("google-api-core", google.api_core.__version__)'
        ;;
    env)
        echo "export ERRDSL_GOOGLE_API_PEER=$venv/bin/python"
        ;;
    *)
        echo "usage: $0 install|env" >&2
        exit 2
        ;;
esac
