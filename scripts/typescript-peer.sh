#!/usr/bin/env bash
# The TypeScript peer of examples/tests/e2e_openapi_typescript.rs
# (peers/typescript/): openapi-typescript, openapi-fetch, TypeScript and
# Node's types from npm at the versions pinned in peers/typescript/package.json
# (no global install):
#
#   scripts/typescript-peer.sh install        # npm install into $ERRDSL_TYPESCRIPT_PEER_DIR
#   eval "$(scripts/typescript-peer.sh env)"  # ERRDSL_TYPESCRIPT_PEER: that directory
#
# The packages go to $ERRDSL_TYPESCRIPT_PEER_DIR (default: target/typescript-peer).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${ERRDSL_TYPESCRIPT_PEER_DIR:-$root/target/typescript-peer}"

case "${1:-}" in
    install)
        mkdir -p "$dir"
        cp "$root/peers/typescript/package.json" "$dir/package.json"
        npm install --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
        "$dir/node_modules/.bin/openapi-typescript" --version
        "$dir/node_modules/.bin/tsc" --version
        ;;
    env)
        echo "export ERRDSL_TYPESCRIPT_PEER=$dir"
        ;;
    *)
        echo "usage: $0 install|env" >&2
        exit 2
        ;;
esac
