#!/usr/bin/env bash
# Fuzzes errdsl's wire decoders and its macros with cargo-fuzz (libFuzzer),
# every target of fuzz/ for a bounded time.
#
# Usage: scripts/fuzz.sh [seconds per target, default 60] [target...]
#
# Needs a nightly toolchain (cargo-fuzz builds with sanitizer flags only
# nightly has): without one it fails, and never downloads a toolchain,
# unless ERRDSL_SKIP_FUZZ=1 asks it to skip (it then prints a SKIP line and
# exits 0). A run that would fuzz no target fails too. Installs cargo-fuzz
# from crates.io when it is missing. Each target runs on fuzz/corpus/<target> (kept between runs,
# ignored by git) plus the committed seeds of fuzz/seeds/<target>, with the
# dictionary of fuzz/dicts/ that fits it. Prints executions per target;
# exits non-zero if any target crashed, leaking or timing out included,
# with the input that did it under fuzz/artifacts/<target>/.
set -euo pipefail
shopt -s inherit_errexit

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_PER_TARGET=${1:-60}
shift || true
cd "$REPO/fuzz"

if ! nightly=$(rustup run nightly rustc --version 2>/dev/null); then
    if [[ ${ERRDSL_SKIP_FUZZ:-} == 1 ]]; then
        echo "SKIP fuzzing: ERRDSL_SKIP_FUZZ=1 and no nightly toolchain"
        exit 0
    fi
    echo "fuzzing needs a nightly toolchain (rustup run nightly rustc --version failed):" \
        "rustup toolchain install nightly --profile minimal, or ERRDSL_SKIP_FUZZ=1 to skip" >&2
    exit 1
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz (cargo install cargo-fuzz --locked)"
    cargo install cargo-fuzz --locked
fi

targets=("$@")
if ((${#targets[@]} == 0)); then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
if ((${#targets[@]} == 0)); then
    echo "no fuzz target to run (cargo +nightly fuzz list is empty)" >&2
    exit 1
fi
echo "fuzzing ${targets[*]}: ${SECONDS_PER_TARGET} s each; $nightly; $(cargo +nightly fuzz --version)"
cargo +nightly fuzz build

dict_of() {
    case $1 in
        macro_*) echo dicts/rust.dict ;;
        goa_body | problem_body | http_response | connect_body) echo dicts/json.dict ;;
        *) ;;
    esac
}

declare -A EXECS RATE RESULT CORPUS
failed=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    corpora=("corpus/$target")
    [[ -d "seeds/$target" ]] && corpora+=("seeds/$target")
    flags=(-max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
    dict=$(dict_of "$target")
    [[ -n $dict ]] && flags+=(-dict="$dict")
    log=$(mktemp)
    echo
    echo "==> $target"
    if cargo +nightly fuzz run "$target" "${corpora[@]}" -- "${flags[@]}" >"$log" 2>&1; then
        RESULT[$target]=ok
    else
        RESULT[$target]="CRASH (see fuzz/artifacts/$target/)"
        failed=1
        tail -n 60 "$log"
    fi
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|Done [0-9]+ runs)' "$log" || true
    EXECS[$target]=$(awk '/^stat::number_of_executed_units/ { print $NF }' "$log")
    RATE[$target]=$(awk '/^stat::average_exec_per_sec/ { print $NF }' "$log")
    CORPUS[$target]=$(find "corpus/$target" -type f | wc -l)
    rm -f "$log"
done

echo
printf '%-15s %12s %9s %8s  %s\n' target executions "exec/s" corpus result
for target in "${targets[@]}"; do
    printf '%-15s %12s %9s %8s  %s\n' "$target" "${EXECS[$target]:-?}" "${RATE[$target]:-?}" \
        "${CORPUS[$target]}" "${RESULT[$target]}"
done
exit "$failed"
