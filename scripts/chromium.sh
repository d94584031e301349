#!/usr/bin/env bash
# The browser of examples/tests/e2e_error_reference.rs: headless Chromium,
# Debian's package, installed with apt-get if missing (root or sudo):
#
#   scripts/chromium.sh install        # apt-get install chromium, unless installed
#   eval "$(scripts/chromium.sh env)"  # ERRDSL_CHROMIUM: the browser
set -euo pipefail

case "${1:-}" in
    install)
        if ! command -v chromium >/dev/null 2>&1; then
            sudo=()
            if [[ $(id -u) != 0 ]]; then
                command -v sudo >/dev/null 2>&1 || { echo "install needs root or sudo" >&2; exit 1; }
                sudo=(sudo)
            fi
            "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
            "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
        fi
        chromium --version
        ;;
    env)
        echo "export ERRDSL_CHROMIUM=$(command -v chromium)"
        ;;
    *)
        echo "usage: $0 install|env" >&2
        exit 2
        ;;
esac
