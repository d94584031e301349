#!/usr/bin/env bash
# errdsl's public API as a list (errdsl/public-api.txt), from rustdoc's JSON
# output on the nightly toolchain (`scripts/public-api.py` reads it): every
# public item with its signature (generics, argument, field and return
# types) and every trait impl on a public type, auto traits included, so
# that a change a user compiles against (`u16` becoming `StatusCode`, a
# dropped `From` impl, a type no longer `Send`) is deliberate: `.ci/run`
# runs `--check`, which fails when the list differs from the committed
# one; `--bless` rewrites it.
#
# Usage: scripts/public-api.sh [--check | --bless]
set -euo pipefail
shopt -s inherit_errexit

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
mode=${1:---check}

cargo +nightly rustdoc -q -p errdsl --lib --all-features --target-dir target/public-api \
    -- -Z unstable-options --output-format json
current=$(python3 scripts/public-api.py target/public-api/doc/errdsl.json)

case $mode in
    --bless)
        printf '%s\n' "$current" >errdsl/public-api.txt
        echo "wrote errdsl/public-api.txt: $(wc -l <errdsl/public-api.txt) items"
        ;;
    --check)
        if ! diff -u errdsl/public-api.txt <(printf '%s\n' "$current"); then
            echo "errdsl's public API changed (above: - committed, + now);" \
                "if that is deliberate, run scripts/public-api.sh --bless and commit the list" >&2
            exit 1
        fi
        echo "public API unchanged: $(wc -l <errdsl/public-api.txt) items"
        ;;
    *)
        echo "usage: scripts/public-api.sh [--check | --bless]" >&2
        exit 2
        ;;
esac
