#!/usr/bin/env bash
# The guide's examples compile and pass with exactly the errdsl features
# their chapter names, no more: `cargo test --workspace --all-features`
# runs them with every feature on, which would hide a chapter that forgot
# one. Each chapter (errdsl/docs/*.md) starts with the line
#
#   *errdsl features:* `axum`, `tonic`. *Crates the examples use:* ...
#
# and this script runs errdsl's doctests of `guide::<chapter>` with those
# features alone, chapters that need the same features in one run.
# (`tests/tests/guide_chapters.rs` holds the line to the chapter's `cfg` in
# errdsl/src/lib.rs and to the crates its code names.)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

declare -A chapters_of
for chapter in errdsl/docs/*.md; do
    line=$(grep -m1 '^\*errdsl features:\*' "$chapter") || {
        echo "$chapter: no '*errdsl features:*' line" >&2
        exit 1
    }
    features=$(sed -E 's/^\*errdsl features:\* ([^*]*)\. \*Crates.*/\1/; s/`//g; s/ //g' <<<"$line")
    module=$(basename "$chapter" .md | tr - _)
    chapters_of[$features]+=" guide::$module"
done

for features in "${!chapters_of[@]}"; do
    # shellcheck disable=SC2086 # the chapters are separate filters
    set -- ${chapters_of[$features]}
    echo "==> features '$features': $*"
    [[ $features == none ]] && features=""
    cargo test -p errdsl --locked --doc --no-default-features ${features:+--features "$features"} -- "$@"
done
echo "every chapter's examples pass with exactly its features"
