#!/usr/bin/env bash
# A bounded load test of the divider's answers on loopback, HTTP and gRPC.
#
#   scripts/load-test.sh           the full run (release build): 10 s per
#                                  case, 3 rounds (ROUNDS=n), medians, then
#                                  RSS over a million errors;
#                                  prints the Markdown tables of BENCHMARKS.md §5
#   scripts/load-test.sh --smoke   1 s per case and 4,000 errors, on the
#                                  dev build (what .ci/run runs: it checks the
#                                  script, every answer and the fault log,
#                                  not the figures)
#
# HTTP load comes from wrk (Debian's package, installed with apt-get if
# missing), gRPC load from `divider-load` (examples/src/bin). Every answer
# is checked. wrk runs scripts/load-test-check.lua, whose response() hook
# checks each answer's exact status, `Goa-Error` header (absent on a
# success) and `Content-Type`, counts the fault answers, and stops sending
# after the case's seconds so that every request sent gets its answer
# (each wrk run lasts one second more); there must be no socket error
# either. The hooks cost wrk some throughput, so HTTP figures from before
# them are not comparable (BENCHMARKS.md §5). divider-load checks each
# status's code and name. Every HTTP case also runs against divider-twin
# (examples/src/bin), the same answers written by hand, whose answers the
# script first compares with the divider's, byte for byte but the id. The
# servers log every fault (through a writer thread, as a production service
# does); the logs go to target/load-test/, and once both servers have
# stopped, the script counts their fault lines against the fault answers
# each sent, then deletes them (KEEP_LOGS=1 keeps them). The script fails
# on any unexpected answer or count.
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
    seconds=10 errors=1000000 profile=release packages=(-p errdsl-examples) rounds=${ROUNDS:-3}
else
    seconds=1 errors=4000 profile=dev packages=(--workspace --all-features) rounds=${ROUNDS:-1}
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
say "cargo build --profile $profile (divider, divider-twin, divider-load)"
cargo build -q --profile "$profile" "${packages[@]}" --bin divider --bin divider-twin --bin divider-load
bin=target/$([[ $profile == dev ]] && echo debug || echo release)

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
http_port=$(free_port)
grpc_port=$(free_port)
while [[ $grpc_port == "$http_port" ]]; do grpc_port=$(free_port); done
ports=("$http_port" "$grpc_port")
# another_port: a free port none of the others is.
another_port() {
    local port
    port=$(free_port)
    while [[ " ${ports[*]} " == *" $port "* ]]; do port=$(free_port); done
    ports+=("$port")
    echo "$port"
}
twin_port=$(another_port)
twin_grpc_port=$(another_port)
http=http://127.0.0.1:$http_port
grpc=http://127.0.0.1:$grpc_port
twin=http://127.0.0.1:$twin_port
twin_grpc=http://127.0.0.1:$twin_grpc_port

out=target/load-test
mkdir -p "$out"
log=$out/divider.log
twin_log=$out/divider-twin.log
# The server on one core and the load generators on another, so that they
# do not take turns on the same one (PIN=0 to share the cores).
server_cpu=() load_cpu=()
if [[ ${PIN:-1} != 0 ]] && command -v taskset >/dev/null 2>&1 && (($(nproc) >= 2)); then
    server_cpu=(taskset -c 0) load_cpu=(taskset -c 1)
fi
"${server_cpu[@]}" "$bin/divider" serve --http "127.0.0.1:$http_port" --grpc "127.0.0.1:$grpc_port" 2>"$log" >/dev/null &
server=$!
# The twin: the same HTTP answers written by hand (examples/src/bin/divider-twin.rs),
# on the same core; it idles while the divider is loaded, and the reverse.
"${server_cpu[@]}" "$bin/divider-twin" --http "127.0.0.1:$twin_port" --grpc "127.0.0.1:$twin_grpc_port" 2>"$twin_log" >/dev/null &
twin_server=$!
trap 'kill "$server" "$twin_server" 2>/dev/null || true' EXIT

# wait_for URL PID LOG: until the server answers.
wait_for() {
    for _ in $(seq 100); do
        curl -fsS -o /dev/null "$1/idiv/8/2" 2>/dev/null && return
        kill -0 "$2" 2>/dev/null || die "the server on $1 exited; see $3"
        sleep 0.1
    done
    curl -fsS -o /dev/null "$1/idiv/8/2" || die "the server on $1 does not answer"
}
wait_for "$http" "$server" "$log"
wait_for "$twin" "$twin_server" "$twin_log"

# Fault answers sent, counted from the answers themselves: by the Lua hook
# over HTTP, by divider-load (which checks that a fault case gets only
# faults) over gRPC. The server must have logged one line for each.
http_faults=0
grpc_faults=0
twin_faults=0

# The twin must answer what the divider answers, byte for byte but the id
# and the date, or the comparison means nothing.
answer() { curl -sS -D - ${2:+-H "$2"} "$1" | tr -d '\r' | grep -iv '^date:' | sed -E 's/"id":"[^"]*"/"id":""/; s/\(id: [^)]*\)/(id: )/'; }
for path in /idiv/8/2 /idiv/7/0 /idiv/-2147483648/-1; do
    for accept in "" "Accept: application/problem+json"; do
        divider_answer=$(answer "$http$path" "$accept")
        twin_answer=$(answer "$twin$path" "$accept")
        [[ $divider_answer == "$twin_answer" ]] ||
            die "the twin answers GET $path ${accept:+($accept) }otherwise than the divider:"$'\n'"$divider_answer"$'\n'"---"$'\n'"$twin_answer"
        if [[ $divider_answer == *'"fault":true'* ]]; then
            http_faults=$((http_faults + 1)) twin_faults=$((twin_faults + 1))
        fi
    done
done
"$bin/divider-load" --grpc "$grpc" --same-as "$twin_grpc" || die "the twin answers IntegerDivide otherwise than the divider"
grpc_faults=$((grpc_faults + 1)) twin_faults=$((twin_faults + 1))
say "the twin answers as the divider does (6 HTTP answers and 3 gRPC answers compared)"

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$server/status"; }

# ---- one wrk run, checked ----------------------------------------------------
check_lua=scripts/load-test-check.lua

# check_field NAME: the value of NAME=... in the Lua hook's `check:` line.
check_field() { awk -v key="$1" '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }' <<<"$check"; }

# wrk_run NAME PATH STATUS GOA_ERROR CONTENT_TYPE [HEADER]: requests for
# $seconds s to $target (the divider unless set), each answer checked by
# the Lua hook (GOA_ERROR `-`: none). Sets `check` to the hook's line and
# adds the fault answers to http_faults (twin_faults for the twin).
target=
wrk_run() {
    local name=$1 path=$2 status=$3 goa_error=$4 content_type=$5 header=${6:-} url=${target:-$http}
    # The hook stops sending after $seconds s; the second more lets the
    # requests in flight be answered before wrk stops.
    local args=(-t1 "-c$connections" "-d$((seconds + 1))s" -s "$check_lua")
    [[ -n $header ]] && args+=(-H "$header")
    local report
    report=$("${load_cpu[@]}" wrk "${args[@]}" "$url$path" -- "$status" "$goa_error" "$content_type" "$seconds" 2>&1) ||
        die "HTTP $name: wrk failed: $report"
    local errors
    errors=$(awk '/Socket errors:/ { print }' <<<"$report")
    [[ -z $errors ]] || die "HTTP $name: $errors"
    check=$(grep '^check: ' <<<"$report") || die "HTTP $name: no check line from $check_lua; wrk said: $report"
    local answers mismatches unanswered faults
    answers=$(check_field answers)
    mismatches=$(check_field mismatches)
    unanswered=$(check_field unanswered)
    faults=$(check_field faults)
    ((answers > 0)) || die "HTTP $name: no answers; wrk said: $report"
    ((mismatches == 0)) ||
        die "HTTP $name: $mismatches of $answers answers were not as expected; $(grep '^first mismatch: ' <<<"$report")"
    ((unanswered == 0)) || die "HTTP $name: $unanswered requests were still unanswered when wrk stopped"
    [[ $goa_error == - ]] && goa_error="(none)"
    say "HTTP $name${target:+ (twin)}: $answers answers, each $status, Goa-Error $goa_error, $content_type ($faults faults)"
    if [[ -n $target ]]; then
        twin_faults=$((twin_faults + faults))
    else
        http_faults=$((http_faults + faults))
    fi
}

# Each row's figures over the rounds: "transport|answer" -> values.
declare -A rps_of p50_of p99_of
rows=()
# record ROW RPS P50 P99: one round's figures of a row.
record() {
    [[ -n ${rps_of[$1]+set} ]] || rows+=("$1")
    rps_of[$1]+=" $2" p50_of[$1]+=" $3" p99_of[$1]+=" $4"
}
# median VALUES: the middle value (the lower of the two middle ones).
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# wrk_case NAME PATH STATUS GOA_ERROR CONTENT_TYPE [HEADER]: one HTTP case,
# one round of a row of the table.
wrk_case() {
    local name=$1
    wrk_run "$@"
    record "HTTP${target:+ by hand}|$name" "$(check_field rps)" "$(check_field p50_us)" "$(check_field p99_us)"
}

# grpc_case NAME CASE: one gRPC case, against the twin when $target is set.
# The client's check of each answer (errdsl's decoder) is timed apart.
declare -A check_ns_of
grpc_case() {
    local name=$1 case=$2 line url=${target:-$grpc}
    line=$("${load_cpu[@]}" "$bin/divider-load" --grpc "$url" --case "$case" --connections "$connections" --seconds "$seconds") ||
        die "gRPC $name failed: $line"
    local requests rps p50 p99
    requests=$(sed -E 's/^requests=([0-9]+).*/\1/' <<<"$line")
    if [[ $case == fault && -n $target ]]; then
        twin_faults=$((twin_faults + requests))
    elif [[ $case == fault ]]; then
        grpc_faults=$((grpc_faults + requests))
    fi
    rps=$(sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$line")
    p50=$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")
    p99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
    local row="gRPC${target:+ by hand}|$name"
    record "$row" "$rps" "$p50" "$p99"
    check_ns_of[$row]+=" $(sed -E 's/.* check_ns=([0-9]+).*/\1/' <<<"$line")"
}

# ---- throughput and latency --------------------------------------------------
pinned=$([[ ${#server_cpu[@]} -gt 0 ]] && echo "server on CPU 0, load on CPU 1" || echo "not pinned")
say "$seconds s per case, $rounds round(s) interleaved, $connections connections, one wrk thread, $pinned"
# The answers the divider sends (examples/src/divider/errors.rs: its table,
# and http.rs): a success is the bare quotient as JSON with no Goa-Error;
# an error is its status, `Goa-Error: <name>` and Goa's JSON body, or
# problem+json when the request's Accept prefers it. The cases take turns,
# round after round, so that a slow moment of the machine hits all of them.
for round in $(seq "$rounds"); do
    say "round $round of $rounds"
    wrk_case "success (8 / 2)" /idiv/8/2 200 - application/json
    wrk_case "client error (div_by_zero)" /idiv/7/0 400 div_by_zero application/json
    wrk_case "fault, logged (overflow)" /idiv/-2147483648/-1 500 overflow application/json
    wrk_case "problem+json (div_by_zero)" /idiv/7/0 400 div_by_zero application/problem+json "Accept: application/problem+json"
    target=$twin
    wrk_case "success (8 / 2)" /idiv/8/2 200 - application/json
    wrk_case "client error (div_by_zero)" /idiv/7/0 400 div_by_zero application/json
    wrk_case "fault, logged (overflow)" /idiv/-2147483648/-1 500 overflow application/json
    wrk_case "problem+json (div_by_zero)" /idiv/7/0 400 div_by_zero application/problem+json "Accept: application/problem+json"
    target=
    grpc_case "success (8 / 2)" success
    grpc_case "client error (div_by_zero)" client_error
    grpc_case "fault, logged (overflow)" fault
    target=$twin_grpc
    grpc_case "success (8 / 2)" success
    grpc_case "client error (div_by_zero)" client_error
    grpc_case "fault, logged (overflow)" fault
    target=
done
# The medians; how much slower than its transport's success each is; how
# much slower than the same answer written by hand; and over gRPC, the
# load generator's mean time per answer to check it (errdsl's decoder).
echo "| transport | answer | requests/s | p50 (µs) | p99 (µs) | time per answer vs success | vs by hand | client's check (ns) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for row in "${rows[@]}"; do
    transport=${row%%|*}
    rps=$(median "${rps_of[$row]}")
    success=$(median "${rps_of[$transport|success (8 / 2)]}")
    ratio=$(awk -v s="$success" -v r="$rps" 'BEGIN { printf "%.2fx", s / r }')
    by_hand=- check=-
    if [[ $transport == HTTP || $transport == gRPC ]]; then
        by_hand=$(awk -v h="$(median "${rps_of[$transport by hand|${row#*|}]}")" -v r="$rps" 'BEGIN { printf "%.2fx", h / r }')
    fi
    [[ -n ${check_ns_of[$row]+set} ]] && check=$(median "${check_ns_of[$row]}")
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$transport" "${row#*|}" "$rps" \
        "$(median "${p50_of[$row]}")" "$(median "${p99_of[$row]}")" "$ratio" "$by_hand" "$check"
done

# ---- memory over many errors -------------------------------------------------
# A quarter of the errors each: HTTP client errors, HTTP faults, gRPC client
# errors, gRPC faults. wrk runs for a duration, so it runs in rounds of
# $seconds s until its count is reached.
quarter=$((errors / 4))
# wrk_count NAME PATH STATUS GOA_ERROR CONTENT_TYPE: checked rounds until
# a quarter of the errors is sent.
wrk_count() {
    local sent=0
    while ((sent < quarter)); do
        wrk_run "$@"
        sent=$((sent + $(check_field answers)))
    done
}
# grpc_count CASE: a quarter of the errors over gRPC, checked by divider-load.
grpc_count() {
    local line
    line=$("${load_cpu[@]}" "$bin/divider-load" --grpc "$grpc" --case "$1" --connections "$connections" --requests "$quarter") ||
        die "gRPC $1 (RSS round) failed: $line"
    [[ $1 == fault ]] && grpc_faults=$((grpc_faults + $(sed -E 's/^requests=([0-9]+).*/\1/' <<<"$line")))
    return 0
}
errors_round() {
    wrk_count "client error (div_by_zero, RSS round)" /idiv/7/0 400 div_by_zero application/json
    wrk_count "fault (overflow, RSS round)" /idiv/-2147483648/-1 500 overflow application/json
    grpc_count client_error
    grpc_count fault
}
after_warm_up=$(rss_kib)
say "RSS over $errors error answers, twice"
errors_round
after_first=$(rss_kib)
errors_round
after_second=$(rss_kib)
echo
echo "| server RSS | KiB |"
echo "| --- | --- |"
echo "| after the cases above | $after_warm_up |"
echo "| after $errors more error answers | $after_first |"
echo "| after $errors more again | $after_second |"
echo
# One line per fault (errdsl's capture.rs, `service fault` at ERROR level),
# queued before its answer is sent and written by the log's thread: the
# servers stop on Ctrl-C, writing out what is queued, before the count.
stop() {
    kill -INT "$1"
    wait "$1" || die "the server $1 did not stop cleanly on Ctrl-C"
}
stop "$server"
stop "$twin_server"
trap - EXIT
logged=$(grep -cE '^[^ ]+ +ERROR service fault ' "$log" || true)
sent=$((http_faults + grpc_faults))
echo "Fault lines in the server's log: $logged ($(du -h "$log" | cut -f1)), fault answers sent: $sent (HTTP $http_faults, gRPC $grpc_faults)."
((sent > 0)) || die "no fault answer was sent"
((logged == sent)) || die "the server logged $logged faults but sent $sent fault answers; see $log"
twin_logged=$(grep -cE '^[^ ]+ +ERROR service fault ' "$twin_log" || true)
echo "Fault lines in the twin's log: $twin_logged, fault answers it sent: $twin_faults."
((twin_logged == twin_faults)) || die "the twin logged $twin_logged faults but sent $twin_faults fault answers; see $twin_log"
# The logs hold a line per fault, gigabytes after a full run.
[[ -n ${KEEP_LOGS:-} ]] || rm -f "$log" "$twin_log"
