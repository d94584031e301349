#!/usr/bin/env python3
"""Checks that errdsl builds on the Rust versions its docs claim.

The workspace's `rust-version` is the MSRV of errdsl's default features and
of every feature whose doc comment in errdsl/Cargo.toml (the `##` lines
above it) says nothing else; a feature whose docs say "needs Rust X.Y" (or
that enables such a feature) is checked on X.Y instead. Each version is
installed with rustup (a minimal profile) and `cargo +X.Y check -p errdsl`
runs with the features that claim it, in target/msrv.

    scripts/msrv.py            # install the toolchains and check
    scripts/msrv.py --plan     # print what it would check
"""

import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def msrv():
    with open(os.path.join(ROOT, "Cargo.toml"), encoding="utf-8") as file:
        return re.search(r'^rust-version = "([0-9.]+)"', file.read(), re.M).group(1)


def features():
    """Each feature of errdsl: the version its docs claim (or None) and
    the features it enables."""
    found, docs, in_features = {}, [], False
    with open(os.path.join(ROOT, "errdsl", "Cargo.toml"), encoding="utf-8") as file:
        for line in file:
            line = line.strip()
            if line.startswith("["):
                in_features = line == "[features]"
                continue
            if not in_features:
                continue
            if line.startswith("##"):
                docs.append(line)
                continue
            match = re.match(r'^([a-z0-9-]+) = \[(.*)\]$', line)
            if match:
                claimed = re.search(r"needs Rust ([0-9]+\.[0-9]+)", " ".join(docs))
                enables = [item.strip().strip('"') for item in match.group(2).split(",") if item.strip()]
                found[match.group(1)] = (claimed.group(1) if claimed else None, enables)
            docs = []
    return found


def version_key(version):
    return tuple(int(part) for part in version.split("."))


def plan():
    """{version: [features]} for every feature, and the MSRV for none."""
    table, base = features(), msrv()

    def version_of(name, seen=()):
        claimed, enables = table[name]
        versions = [claimed or base]
        for item in enables:
            if item in table and item not in seen:
                versions.append(version_of(item, seen + (name,)))
        return max(versions, key=version_key)

    by_version = {base: []}
    for name in table:
        if name != "default":
            by_version.setdefault(version_of(name), []).append(name)
    return dict(sorted(by_version.items(), key=lambda item: version_key(item[0])))


def run(*args):
    print("+", " ".join(args), flush=True)
    subprocess.run(args, cwd=ROOT, check=True, env={**os.environ, "CARGO_TARGET_DIR": os.path.join(ROOT, "target", "msrv")})


def main():
    checks = plan()
    if "--plan" in sys.argv:
        for version, names in checks.items():
            default = "default features, and " if version == msrv() else ""
            print(f"{version}: {default}{', '.join(names)}")
        return
    for version, names in checks.items():
        run("rustup", "toolchain", "install", version, "--profile", "minimal")
        if version == msrv():
            run("cargo", f"+{version}", "check", "-p", "errdsl", "-p", "errdsl-macros", "--locked")
        if names:
            run("cargo", f"+{version}", "check", "-p", "errdsl", "--locked", "--features", ",".join(names))


if __name__ == "__main__":
    main()
