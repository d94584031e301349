#!/usr/bin/env bash
# The Python models peer of examples/tests/e2e_openapi_python.rs
# (peers/python-models/): datamodel-code-generator and pydantic at the
# versions pinned in peers/python-models/requirements.txt, in a venv:
#
#   scripts/python-models-peer.sh install        # the venv, with the pinned packages
#   eval "$(scripts/python-models-peer.sh env)"  # ERRDSL_PYTHON_MODELS_PEER: the venv's python
#
# The venv is at $ERRDSL_PYTHON_MODELS_VENV (default: target/python-models-venv).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${ERRDSL_PYTHON_MODELS_VENV:-$root/target/python-models-venv}"

case "${1:-}" in
    install)
        if [[ ! -x "$venv/bin/python" ]]; then
            python3 -m venv "$venv"
        fi
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/peers/python-models/requirements.txt"
        "$venv/bin/python" -m datamodel_code_generator --version
        ;;
    env)
        echo "export ERRDSL_PYTHON_MODELS_PEER=$venv/bin/python"
        ;;
    *)
        echo "usage: $0 install|env" >&2
        exit 2
        ;;
esac
