#!/usr/bin/env bash
# A bounded load test of the divider's answers on loopback, HTTP and gRPC.
#
#   scripts/load-test.sh           the full run (release build): 10 s per
#                                  case, then RSS over a million errors;
#                                  prints the Markdown tables of BENCHMARKS.md §5
#   scripts/load-test.sh --smoke   1 s per case and 4,000 errors, on the
#                                  dev build (what .ci/run runs: it checks the
#                                  script and every answer, not the figures)
#
# HTTP load comes from wrk (Debian's package, installed with apt-get if
# missing), gRPC load from `divider-load` (examples/src/bin). Every answer
# is checked: wrk must see only 2xx answers for the success case and no 2xx
# answer for the error cases (and no socket errors); divider-load checks
# each status's code and name. The script fails on any unexpected answer.
# The server logs every fault; its log goes to target/load-test/.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case ${1:-} in
    "") ;;
    --smoke) mode=smoke ;;
    *) echo "usage: scripts/load-test.sh [--smoke]" >&2; exit 2 ;;
esac

# The smoke run builds with the workspace's features, so that after
# `cargo test --workspace --all-features` (as in .ci/run) nothing is rebuilt.
if [[ $mode == full ]]; then
    seconds=10 errors=1000000 profile=release packages=(-p errdsl-examples)
else
    seconds=1 errors=4000 profile=dev packages=(--workspace --all-features)
fi
connections=16

say() { printf 'load-test: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# ---- wrk ---------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 || die "installing wrk needs root or sudo"
        sudo=(sudo)
    fi
    say "apt-get install wrk"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
    command -v wrk >/dev/null 2>&1 || die "wrk still missing after apt-get install"
fi

# ---- the server --------------------------------------------------------------
say "cargo build --profile $profile (divider, divider-load)"
cargo build -q --profile "$profile" "${packages[@]}" --bin divider --bin divider-load
bin=target/$([[ $profile == dev ]] && echo debug || echo release)

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
http_port=$(free_port)
grpc_port=$(free_port)
while [[ $grpc_port == "$http_port" ]]; do grpc_port=$(free_port); done
http=http://127.0.0.1:$http_port
grpc=http://127.0.0.1:$grpc_port

out=target/load-test
mkdir -p "$out"
log=$out/divider.log
"$bin/divider" serve --http "127.0.0.1:$http_port" --grpc "127.0.0.1:$grpc_port" 2>"$log" >/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

for _ in $(seq 100); do
    curl -fsS -o /dev/null "$http/idiv/8/2" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || die "the divider exited; see $log"
    sleep 0.1
done
curl -fsS -o /dev/null "$http/idiv/8/2" || die "the divider does not answer on $http"

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$server/status"; }

# ---- wrk's output, read ------------------------------------------------------
# A latency of wrk's (`812.00us`, `1.20ms`, `2.00s`) in microseconds.
micros() {
    awk -v t="$1" 'BEGIN {
        n = t + 0
        if (t ~ /us$/) print n; else if (t ~ /ms$/) print n * 1000; else if (t ~ /s$/) print n * 1000000; else print n
    }'
}

# wrk_case NAME PATH EXPECT [HEADER]: one HTTP case; EXPECT is 2xx or error.
wrk_case() {
    local name=$1 path=$2 expect=$3 header=${4:-}
    local args=(-t1 "-c$connections" "-d${seconds}s" --latency)
    [[ -n $header ]] && args+=(-H "$header")
    local report
    report=$(wrk "${args[@]}" "$http$path")
    local requests non2xx errors rps p50 p99
    requests=$(awk '/requests in/ { print $1 }' <<<"$report")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$report")
    errors=$(awk '/Socket errors:/ { print }' <<<"$report")
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$report")
    p50=$(micros "$(awk '$1 == "50%" { print $2 }' <<<"$report")")
    p99=$(micros "$(awk '$1 == "99%" { print $2 }' <<<"$report")")
    non2xx=${non2xx:-0}
    [[ -z $errors ]] || die "HTTP $name: $errors"
    [[ -n $requests && $requests -gt 0 ]] || die "HTTP $name: no requests; wrk said: $report"
    if [[ $expect == 2xx && $non2xx != 0 ]]; then
        die "HTTP $name: $non2xx of $requests answers were not 2xx"
    elif [[ $expect == error && $non2xx != "$requests" ]]; then
        die "HTTP $name: only $non2xx of $requests answers were errors"
    fi
    printf '| HTTP | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99"
}

# grpc_case NAME CASE: one gRPC case.
grpc_case() {
    local name=$1 case=$2 line
    line=$("$bin/divider-load" --grpc "$grpc" --case "$case" --connections "$connections" --seconds "$seconds") ||
        die "gRPC $name failed: $line"
    local rps p50 p99
    rps=$(sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$line")
    p50=$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")
    p99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
    printf '| gRPC | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99"
}

# ---- throughput and latency --------------------------------------------------
say "$seconds s per case, $connections connections, one wrk thread"
echo "| transport | answer | requests/s | p50 (µs) | p99 (µs) |"
echo "| --- | --- | --- | --- | --- |"
wrk_case "success (8 / 2)" /idiv/8/2 2xx
wrk_case "client error (div_by_zero)" /idiv/7/0 error
wrk_case "fault, logged (overflow)" /idiv/-2147483648/-1 error
wrk_case "problem+json (div_by_zero)" /idiv/7/0 error "Accept: application/problem+json"
grpc_case "success (8 / 2)" success
grpc_case "client error (div_by_zero)" client_error
grpc_case "fault, logged (overflow)" fault

# ---- memory over many errors -------------------------------------------------
# A quarter of the errors each: HTTP client errors, HTTP faults, gRPC client
# errors, gRPC faults. wrk runs for a duration, so it runs in rounds of
# $seconds s until its count is reached.
quarter=$((errors / 4))
wrk_count() {
    local url=$1 sent=0 report
    while ((sent < quarter)); do
        report=$(wrk -t1 "-c$connections" "-d${seconds}s" "$url")
        sent=$((sent + $(awk '/requests in/ { print $1 }' <<<"$report")))
    done
}
errors_round() {
    wrk_count "$http/idiv/7/0"
    wrk_count "$http/idiv/-2147483648/-1"
    "$bin/divider-load" --grpc "$grpc" --case client_error --connections "$connections" --requests "$quarter" >/dev/null
    "$bin/divider-load" --grpc "$grpc" --case fault --connections "$connections" --requests "$quarter" >/dev/null
}
after_warm_up=$(rss_kib)
say "RSS over $errors error answers, twice"
errors_round
after_first=$(rss_kib)
errors_round
after_second=$(rss_kib)
faults=$(grep -c 'overflow' "$log" || true)
echo
echo "| server RSS | KiB |"
echo "| --- | --- |"
echo "| after the cases above | $after_warm_up |"
echo "| after $errors more error answers | $after_first |"
echo "| after $errors more again | $after_second |"
echo
echo "Fault lines in the server's log: $faults ($(du -h "$log" | cut -f1))."
[[ $faults -gt 0 ]] || die "the server logged no fault"
