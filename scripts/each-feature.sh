#!/usr/bin/env bash
# Every feature of errdsl builds alone, and so does errdsl with none, with
# no warning (cargo-hack's `--each-feature --no-dev-deps check`, as a
# loop over errdsl/Cargo.toml's features), in target/features.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="$root/target/features"

mapfile -t features < <(sed -n '/^\[features\]/,/^\[/p' errdsl/Cargo.toml | sed -n 's/^\([a-z0-9-]*\) = \[.*/\1/p' | grep -v '^default$')
failed=()
for feature in "" "${features[@]}"; do
    echo "==> errdsl with ${feature:-no feature}"
    log=$(mktemp)
    if ! cargo check -p errdsl --locked --no-default-features ${feature:+--features "$feature"} --message-format short >"$log" 2>&1; then
        cat "$log"
        failed+=("${feature:-none}")
    elif grep -q '^errdsl/.*: warning' "$log"; then
        grep '^errdsl/.*: warning' "$log"
        failed+=("${feature:-none} (warnings)")
    fi
    rm -f "$log"
done
if ((${#failed[@]})); then
    echo "failed: ${failed[*]}" >&2
    exit 1
fi
echo "every feature builds alone: ${#features[@]} features, and none"
