#!/usr/bin/env bash
# What errdsl adds to a service's clean build: the same small axum + tonic +
# prost + tokio + serde + thiserror service (scripts/build-cost/), once with
# errdsl (features serde, axum, tonic) declaring its errors and once with
# the same answers written by hand, each built from clean RUNS times, the
# two interleaved (the order swapping every run), on this machine.
#
#   scripts/build-cost.sh            # 3 runs each; prints each build and the median ratios
#   RUNS=5 scripts/build-cost.sh
#   TIMINGS=1 scripts/build-cost.sh  # also `cargo build --timings` of the errdsl one, once
#   PASSES=1 RUNS=0 scripts/build-cost.sh  # only where errdsl and errdsl-macros spend (nightly)
#
# Wall time and CPU time (user + system of cargo and everything it runs)
# per build; the ratio is the median of errdsl's over the median of the
# hand-written one's. The two crates start from the workspace's Cargo.lock,
# so both resolve the same versions; the registry must hold them (the
# first run downloads what is missing). Builds use the dev profile, as
# `cargo build` does. Nothing else should run meanwhile.
set -euo pipefail
shopt -s inherit_errexit
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-3}
work=${OUT:-${TMPDIR:-/tmp}/errdsl-build-cost}
rm -rf "$work"
mkdir -p "$work"

# The crate `name`, its main.rs from scripts/build-cost/, and `extra` as
# further dependencies.
generate() {
    local name=$1 extra=$2
    mkdir -p "$work/$name/src"
    cp "$repo/scripts/build-cost/$name.rs" "$work/$name/src/main.rs"
    cp "$repo/Cargo.lock" "$work/$name/Cargo.lock"
    cat >"$work/$name/Cargo.toml" <<TOML
[package]
name = "divider-$name"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
axum = { version = "0.8", default-features = false, features = ["http1", "tokio", "json"] }
tonic = "0.14"
prost = "0.14"
tokio = { version = "1", features = ["rt-multi-thread", "macros", "net"] }
serde = { version = "1", features = ["derive"] }
thiserror = "2"
$extra

[workspace]
TOML
}

generate with "errdsl = { path = \"$repo/errdsl\", features = [\"serde\", \"axum\", \"tonic\"] }"
generate without ""

# Fetches every dependency once, so that no build times a download.
for name in with without; do
    (cd "$work/$name" && cargo fetch -q)
done

# Builds `name` from clean; prints "wall cpu" in seconds.
build() {
    local name=$1
    rm -rf "$work/$name/target"
    python3 - "$work/$name" <<'PY'
import os, resource, subprocess, sys, time
start = time.monotonic()
subprocess.run(["cargo", "build", "-q", "--offline"], cwd=sys.argv[1], check=True)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.2f} {usage.ru_utime + usage.ru_stime:.2f}")
PY
}

if ((runs > 0)); then
declare -a with_wall with_cpu without_wall without_cpu
echo "| run | build | wall (s) | CPU (s) |"
echo "| --- | --- | --- | --- |"
for ((run = 1; run <= runs; run++)); do
    if ((run % 2)); then order="without with"; else order="with without"; fi
    for name in $order; do
        read -r wall cpu < <(build "$name")
        echo "| $run | $name errdsl | $wall | $cpu |"
        if [ "$name" = with ]; then
            with_wall+=("$wall"); with_cpu+=("$cpu")
        else
            without_wall+=("$wall"); without_cpu+=("$cpu")
        fi
    done
done

python3 - "${with_wall[*]}" "${with_cpu[*]}" "${without_wall[*]}" "${without_cpu[*]}" <<'PY'
import statistics, sys
ww, wc, ow, oc = ([float(x) for x in arg.split()] for arg in sys.argv[1:5])
m = statistics.median
print()
print(f"median wall: with errdsl {m(ww):.2f} s, without {m(ow):.2f} s: {m(ww) / m(ow):.2f}x")
print(f"median CPU:  with errdsl {m(wc):.2f} s, without {m(oc):.2f} s: {m(wc) / m(oc):.2f}x")
PY
fi

if [ "${TIMINGS:-0}" = 1 ]; then
    rm -rf "$work/with/target"
    (cd "$work/with" && cargo build -q --offline --timings)
    echo "timings: $work/with/target/cargo-timings/cargo-timing.html"
fi

# PASSES=1: where errdsl's own two crates spend their compile (BENCHMARKS.md
# §4b): each rebuilt alone on nightly with `-Z time-passes` (the passes over
# 0.3 s), and its LLVM IR lines by `cargo llvm-lines` (the largest 5).
if [ "${PASSES:-0}" = 1 ]; then
    rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
    command -v cargo-llvm-lines >/dev/null || cargo install -q --locked cargo-llvm-lines
    for crate in errdsl errdsl-macros; do
        (cd "$work/with" && CARGO_INCREMENTAL=0 cargo +nightly build -q --offline -p "$crate")
        echo
        echo "$crate, rustc's passes over 0.3 s:"
        (cd "$work/with" && touch "$repo/$crate/src/lib.rs" &&
            CARGO_INCREMENTAL=0 cargo +nightly rustc -q --offline -p "$crate" --lib -- -Z time-passes 2>&1) |
            awk '$1 == "time:" && $2 + 0 >= 0.3 { printf "  %-32s %s s\n", $NF, $2 + 0 }'
        echo "$crate, LLVM IR lines (the total and the largest 5):"
        (cd "$work/with" && CARGO_INCREMENTAL=0 cargo +nightly llvm-lines -q --offline -p "$crate" --lib 2>/dev/null) |
            sed -n '3,8p'
    done
fi
