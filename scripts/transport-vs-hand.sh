#!/usr/bin/env bash
# errdsl's encoders against their hand-written twins
# (tests/benches/transport_vs_hand.rs), measured two ways a shared machine
# disturbs little:
#
#   scripts/transport-vs-hand.sh instructions   # instructions per call of every row (callgrind)
#   ROWS='http/slow/errdsl http/slow/hand' scripts/transport-vs-hand.sh instructions
#   scripts/transport-vs-hand.sh paired [ROUNDS] # the twins timed in alternation (default 1000 rounds)
#
# instructions: a count does not depend on what else the machine runs, so
# it compares two commits, or errdsl with its twin, where timings wander.
# Each row runs LOW and HIGH times in a process of its own; the difference
# of the two totals over HIGH - LOW is one call's count, without the
# start-up. Needs valgrind (installed with apt-get when missing).
#
# paired: ROUNDS rounds of 1000 calls of each side, the side that goes
# first swapping every round; prints each side's median time per call and
# the median and quartiles of the rounds' ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case $mode in
    instructions | paired) ;;
    *) echo "usage: $0 instructions | paired [ROUNDS]" >&2; exit 2 ;;
esac

LOW=${LOW:-200}
HIGH=${HIGH:-1200}

if [ "$mode" = instructions ] && ! command -v valgrind >/dev/null; then
    echo "installing valgrind (apt-get)" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q valgrind >&2; else sudo apt-get install -y -q valgrind >&2; fi
fi

bin=$(cargo bench -p errdsl-tests --bench transport_vs_hand --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "transport_vs_hand" and m.get("executable"):
        print(m["executable"])')
[ -x "$bin" ] || { echo "no transport_vs_hand binary was built" >&2; exit 1; }

if [ "$mode" = paired ]; then
    TRANSPORT_VS_HAND_PAIRED=${2:-1000} exec "$bin"
fi

rows=${ROWS:-$(TRANSPORT_VS_HAND_ROW=list "$bin")}

# The instructions callgrind counts in one process running `row` `times` times.
count() {
    local row=$1 times=$2
    TRANSPORT_VS_HAND_ROW=$row TRANSPORT_VS_HAND_TIMES=$times \
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" 2>&1 >/dev/null |
        awk '/Collected :/ { print $NF }'
}

declare -A per_call
echo "| row | instructions per call |"
echo "| --- | --- |"
for row in $rows; do
    low=$(count "$row" "$LOW")
    high=$(count "$row" "$HIGH")
    [ -n "$low" ] && [ -n "$high" ] || { echo "callgrind counted nothing for $row" >&2; exit 1; }
    per_call[$row]=$(( (high - low) / (HIGH - LOW) ))
    echo "| \`$row\` | ${per_call[$row]} |"
done

# errdsl / hand for every group that has both.
echo
echo "| group | errdsl | hand | errdsl / hand |"
echo "| --- | --- | --- | --- |"
for row in $rows; do
    group=${row%/errdsl}
    [ "$group" != "$row" ] || continue
    hand=${per_call[$group/hand]:-}
    [ -n "$hand" ] || continue
    ours=${per_call[$row]}
    echo "| \`$group\` | $ours | $hand | $(awk -v a="$ours" -v b="$hand" 'BEGIN { printf "%.2f", a / b }') |"
done
