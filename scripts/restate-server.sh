#!/usr/bin/env bash
# The Restate server of the notify example (cargo run -p errdsl-examples
# --bin notify) and of examples/tests/restate_*.rs: restate-server from npm
# at the version pinned in peers/restate/package.json (a prebuilt binary; no
# global install). The example and the tests start it themselves, on free
# ports of 127.0.0.1 with a throwaway data directory.
#
#   scripts/restate-server.sh install        # npm install into $ERRDSL_RESTATE_DIR
#   eval "$(scripts/restate-server.sh env)"  # ERRDSL_RESTATE_SERVER: the binary
#
# The packages go to $ERRDSL_RESTATE_DIR (default: target/restate-server).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${ERRDSL_RESTATE_DIR:-$root/target/restate-server}"

# The platform's binary itself, not npm's node wrapper, so that stopping
# the process stops the server.
binary() {
    find "$dir/node_modules/@restatedev" -path '*/bin/restate-server' -type f 2>/dev/null | head -n 1
}

case "${1:-}" in
    install)
        mkdir -p "$dir"
        cp "$root/peers/restate/package.json" "$dir/package.json"
        # The package's analytics postinstall is not run (npm does not
        # approve it), and is told to stay off in case it is.
        SCARF_ANALYTICS=false npm install --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
        server="$(binary)"
        [[ -n $server ]] || { echo "no restate-server binary under $dir" >&2; exit 1; }
        "$server" --version
        ;;
    env)
        server="$(binary)"
        [[ -n $server ]] || { echo "restate-server is not installed: run $0 install" >&2; exit 1; }
        echo "export ERRDSL_RESTATE_SERVER=$server"
        ;;
    *)
        echo "usage: $0 install|env" >&2
        exit 2
        ;;
esac
