#!/usr/bin/env bash
# What does `errdsl::errors!` cost at compile time?
#
# Generates, in a temporary cargo workspace that depends on this repository's
# errdsl by path, five crates holding the same 500 errors (21 enums in three
# levels, the layout of tests/build.rs):
#
#   errors_macro  one `errdsl::errors! { ... }`
#   hand_full     a hand-written twin of everything errors! generates: the enums
#                 (ancestors' variants copied in), Display, Error, From<Ancestor>,
#                 ServiceError (one plain match arm per variant, #[inline] like
#                 the generated methods, wire_fields and domain included),
#                 TryFrom<ErrorResult> and Catalog impls, constructors, and
#                 the parent callbacks (a macro_rules! per enum holding its
#                 ancestry). Not in it: IntoResponse and From<_> for
#                 tonic::Status, which errors! writes through errdsl's macros
#                 and which are empty here (errdsl without its axum and tonic
#                 features)
#   thiserror_full the same with Display and Error from
#                 #[derive(Debug, thiserror::Error)] instead of by hand: what a
#                 team without errdsl would write
#   with_thiserror the enums with #[derive(Debug, thiserror::Error)] only
#   hand_plain    the enums with hand-written Display and Error impls only
#
# builds all dependencies once, then rebuilds each crate alone RUNS times
# (touch its lib.rs, `cargo build`), interleaved round by round so that load
# from other processes hits every crate alike, with incremental compilation
# off so that every run compiles the whole crate. Prints the mean and median
# of each and the differences: errors_macro - hand_full is the cost of the
# macro (its expansion), errors_macro / thiserror_full what the macro costs
# against thiserror plus hand-written impls, errors_macro - hand_plain the
# cost of everything errdsl adds to bare enums. Last, rustc's own `-Z time-passes` account of
# macro expansion for errors_macro and hand_full (via RUSTC_BOOTSTRAP=1), the
# figure least disturbed by a busy machine.
#
# Usage: scripts/expansion-time.sh
# Environment: RUNS (default 5), CMD=build|check (default build),
#              PROFILE (cargo profile, default dev), KEEP=1 keeps the temp dir.
# Needs cargo, python3 and awk.
set -euo pipefail
shopt -s inherit_errexit

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-5}
CMD=${CMD:-build}
PROFILE=${PROFILE:-dev}
CRATES=(errors_macro hand_full thiserror_full with_thiserror hand_plain)

WORK=$(mktemp -d /tmp/errdsl-expansion-time.XXXXXX)
if [[ ${KEEP:-0} == 1 ]]; then
    echo "keeping $WORK"
else
    trap 'rm -rf "$WORK"' EXIT
fi
export CARGO_TARGET_DIR="$WORK/target"
export CARGO_INCREMENTAL=0

# The workspace: one crate per variant, the repository's lock file for the
# same dependency versions.
{
    echo '[workspace]'
    echo 'resolver = "3"'
    echo "members = [$(printf '"%s",' "${CRATES[@]}")]"
} >"$WORK/Cargo.toml"
cp "$REPO/Cargo.lock" "$WORK/Cargo.lock"
for crate in "${CRATES[@]}"; do
    mkdir -p "$WORK/$crate/src"
    cat >"$WORK/$crate/Cargo.toml" <<EOF
[package]
name = "$crate"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
errdsl = { path = "$REPO/errdsl" }
thiserror = "2"
http = "1"
EOF
done

# The generator: one model of the 500 errors, written out five ways.
python3 - "$WORK" <<'PY'
import re, sys

CODES = ["Cancelled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists",
         "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange",
         "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated"]
HTTP = dict(zip(CODES, [499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401]))
FROM_HTTP = {400: "InvalidArgument", 401: "Unauthenticated", 403: "PermissionDenied", 404: "NotFound",
             408: "DeadlineExceeded", 409: "AlreadyExists", 412: "FailedPrecondition", 416: "OutOfRange",
             429: "ResourceExhausted", 499: "Cancelled", 500: "Internal", 501: "Unimplemented",
             502: "Unavailable", 503: "Unavailable", 504: "DeadlineExceeded"}
STATUSES = [400, 401, 403, 404, 408, 409, 412, 416, 422, 429, 499, 500, 501, 502, 503, 504]


def error(i, service):
    """Error i of kind i % 8, as in tests/build.rs."""
    r, k = i // 8, i % 8
    e = dict(i=i, service=service, fields=None, user=None, retry=None, wire=None,
             temporary=False, timeout=False, fault=False)
    if k == 0:
        code = CODES[r % 16]
        e.update(variant=f"Invalid{i}", display=f"invalid request {i}", keys=f"grpc = {code}", code=code)
    elif k == 1:
        code = CODES[r % 16]
        e.update(variant=f"Missing{i}", fields=("tuple", ["u32", "String"]), code=code,
                 display=f"missing {{0}} in {{1}} ({i})", user="Nothing numbered {0} in {1}.",
                 keys=f'grpc = {r % 16 + 1}, user_msg = "Nothing numbered {{0}} in {{1}}."')
    elif k == 2:
        status = STATUSES[r % 16]
        code = FROM_HTTP.get(status, "FailedPrecondition" if status < 500 else "Internal")
        e.update(variant=f"Conflict{i}", fields=("named", [("item_id", "u64"), ("owner", "String")]),
                 display=f"conflict {i} on {{item_id}} (owner {{owner}})", user="Item {item_id} belongs to {owner}.",
                 keys=f'http = {status}, user_msg = "Item {{item_id}} belongs to {{owner}}."', code=code, http=status)
    elif k == 3:
        e.update(variant=f"Busy{i}", display=f"busy {i}", code="Unavailable", temporary=True, retry=i % 60 + 1,
                 keys=f"temporary, retry_after_secs = {i % 60 + 1}")
    elif k == 4:
        e.update(variant=f"Broken{i}", fields=("named", [("detail", "String")]), display=f"broken {i}: {{detail}}",
                 code="Internal", fault=True, keys="fault")
    elif k == 5:
        e.update(variant=f"Slow{i}", fields=("tuple", ["u64"]), display=f"slow {i}: {{0}} ms",
                 code="DeadlineExceeded", timeout=True, keys="timeout")
    elif k == 6:
        code, status = ("PermissionDenied", 403) if r % 2 == 0 else ("InvalidArgument", 422)
        e.update(variant=f"Denied{i}", fields=("named", [("user", "String")]), display=f"{{user}} denied ({i})",
                 user="{user} may not do this.", code=code, http=status,
                 keys=f'grpc = {code}, http = {status}, user_msg = "{{user}} may not do this."')
    else:
        e.update(variant=f"Custom{i}", display=f"custom {i}", code="Aborted", temporary=True,
                 wire=f"custom_wire_{i}", keys=f'grpc = Aborted, temporary, name = "custom_wire_{i}"')
    e.setdefault("http", HTTP[e["code"]])
    e["name"] = e["wire"] or e["variant"].lower()
    return e


# (enum, parent, service, first, count): ApiError, 4 services, 4 methods each.
ENUMS = [("ApiError", None, None, 0, 20)]
ENUMS += [(f"Svc{s}Error", "ApiError", f"svc{s}", 20 + 40 * s, 40) for s in range(4)]
ENUMS += [(f"Svc{s}Op{m}Error", f"Svc{s}Error", f"svc{s}", 180 + 80 * s + 20 * m, 20)
          for s in range(4) for m in range(4)]
OWN = {name: [error(i, service) for i in range(first, first + n)] for name, _, service, first, n in ENUMS}
PARENT = {name: parent for name, parent, *_ in ENUMS}
assert sum(len(v) for v in OWN.values()) == 500


def ancestors(name):
    out = []
    while PARENT[name]:
        name = PARENT[name]
        out.append(name)
    return out


def all_errors(name):
    """Inherited errors first, as errors! lists them."""
    return [e for a in reversed(ancestors(name)) for e in OWN[a]] + OWN[name]


def definition(e, attrs):
    kind, fields = e["fields"] or (None, [])
    if kind is None:
        body = ""
    elif kind == "tuple":
        body = f"({', '.join(fields)})"
    else:
        body = " { " + ", ".join(f"{n}: {t}" for n, t in fields) + " }"
    return f"    /// Error {e['i']}.\n{attrs}    {e['variant']}{body},\n"


def pattern(e, path, bind=True):
    kind, fields = e["fields"] or (None, [])
    if kind is None:
        return f"{path}::{e['variant']}"
    if kind == "tuple":
        inner = ", ".join(f"f{j}" for j in range(len(fields))) if bind else ".."
        return f"{path}::{e['variant']}({inner})"
    inner = ", ".join(n for n, _ in fields) if bind else ".."
    return f"{path}::{e['variant']} {{ {inner} }}"


def uses(template):
    """A template with `{0}` rewritten to the binding `{f0}`."""
    return re.sub(r"\{(\d+)\}", r"{f\1}", template)


def text_expr(template, owned):
    if "{" not in template:
        return f'Cow::Borrowed("{template}")' if owned else f'f.write_str("{template}")'
    return f'Cow::Owned(format!("{uses(template)}"))' if owned else f'write!(f, "{uses(template)}")'


def errors_macro():
    out = ["errdsl::errors! {\n"]
    for name, parent, service, first, n in ENUMS:
        out.append(f"/// Errors {first}..{first + n}.\n")
        if service:
            out.append(f'#[service_error(service = "{service}")]\n')
        out.append(f"pub enum {name}{': ' + parent if parent else ''} {{\n")
        for e in OWN[name]:
            attrs = f'    #[error("{e["display"]}")]\n    #[service_error({e["keys"]})]\n'
            out.append(definition(e, attrs))
        out.append("}\n")
    out.append("}\n")
    return "".join(out)


def enums(derive, error_attr):
    out = []
    for name, _, _, first, n in ENUMS:
        out.append(f"/// Errors {first}..{first + n}.\n{derive}pub enum {name} {{\n")
        for e in all_errors(name):
            out.append(definition(e, f'    #[error("{e["display"]}")]\n' if error_attr else ""))
        out.append("}\n")
    return "".join(out)


def display_and_error():
    out = []
    for name, *_ in ENUMS:
        arms = "".join(f"            {pattern(e, 'Self')} => {text_expr(e['display'], False)},\n"
                       for e in all_errors(name))
        out.append(f"impl fmt::Display for {name} {{\n"
                   f"    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{\n"
                   f"        match self {{\n{arms}        }}\n    }}\n}}\n"
                   f"impl std::error::Error for {name} {{}}\n")
    return "".join(out)


def method(name, signature, body_of, bind=lambda e: False):
    arms = "".join(f"            {pattern(e, 'Self', bind(e))} => {body_of(e)},\n" for e in all_errors(name))
    return f"    #[inline]\n    fn {signature} {{\n        match self {{\n{arms}        }}\n    }}\n"


def spec(e):
    s = f'ErrorSpec::new("{e["name"]}", Code::{e["code"]}).with_description("Error {e["i"]}.")'
    if e["service"]:
        s += f'.with_service("{e["service"]}")'
    if e["http"] != HTTP[e["code"]]:
        s += f".with_http_status({e['http']})"
    for flag in ("temporary", "timeout", "fault"):
        if e[flag]:
            s += f".with_{flag}(true)"
    if e["user"]:
        s += f'.with_user_message("{e["user"]}")'
    if e["retry"]:
        s += f".with_retry_after_secs({e['retry']})"
    return s


def constructor(e):
    kind, fields = e["fields"] or (None, [])
    fn = e["variant"].lower()
    if kind is None:
        return f"    #[inline]\n    pub fn {fn}() -> Self {{ Self::{e['variant']} }}\n"
    if kind == "tuple":
        params = ", ".join(f"f{j}: {t}" for j, t in enumerate(fields))
        return f"    #[inline]\n    pub fn {fn}({params}) -> Self {{ {pattern(e, 'Self')} }}\n"
    params = ", ".join(f"{n}: {t}" for n, t in fields)
    return f"    #[inline]\n    pub fn {fn}({params}) -> Self {{ {pattern(e, 'Self')} }}\n"


def shown(e):
    """The fields the sent message shows, which travel with the error: the
    user message's, else the `#[error]` text's unless a fault's."""
    template = e["user"] or ("" if e["fault"] else e["display"])
    return re.findall(r"\{(\w+)\}", template)


def wire_fields_expr(e):
    names = shown(e)
    if not names:
        return "Vec::new()"
    binding = lambda n: f"f{n}" if n.isdigit() else n
    return "vec![" + ", ".join(f'("{n}", {binding(n)}.to_string())' for n in names) + "]"


def callbacks():
    """The hidden `macro_rules!` each `errors!` enum gets, through which a
    child in another module borrows its ancestry: the same text."""
    out = []
    for name, *_ in ENUMS:
        chain = list(reversed(ancestors(name))) + [name]
        decls = []
        for i, enum in enumerate(chain):
            parent = f": {chain[i - 1]}" if i else ""
            service = next(s for n, _, s, *_ in ENUMS if n == enum)
            attrs = f'#[service_error(service = "{service}")] ' if service else ""
            variants = "".join(definition(e, f'    #[error("{e["display"]}")]\n    #[service_error({e["keys"]})]\n')
                               for e in OWN[enum])
            decls.append(f"{attrs}enum {enum}{parent} {{\n{variants}}}\n")
        out.append(f"#[doc(hidden)]\n#[allow(unused_macros)]\nmacro_rules! __errdsl_parent_{name} {{\n"
                   f"    ([$($path:tt)*] $($input:tt)*) => {{\n"
                   f"        ::errdsl::errors! {{ @__errdsl_parent [$($path)*] {{ {''.join(decls)} }} $($input)* }}\n"
                   f"    }};\n}}\n#[doc(hidden)]\n#[allow(unused_imports)]\npub(crate) use __errdsl_parent_{name} as {name};\n")
    return "".join(out)


def hand_full():
    return enums("#[derive(Debug)]\n", False) + display_and_error() + service_impls() + callbacks()


def thiserror_full():
    return enums("#[derive(Debug, thiserror::Error)]\n", True) + service_impls() + callbacks()


def service_impls():
    """ServiceError, Catalog, constructors and From<Ancestor>, by hand."""
    out = []
    for name, *_ in ENUMS:
        errors = all_errors(name)
        flag = lambda key: lambda e: "true" if e[key] else "false"
        out.append(f"impl ServiceError for {name} {{\n")
        out.append(method(name, "name(&self) -> &str", lambda e: f'"{e["name"]}"'))
        out.append(method(name, "code(&self) -> Code", lambda e: f"Code::{e['code']}"))
        out.append(method(name, "http_status(&self) -> StatusCode",
                          lambda e: f"const {{ status({e['http']}) }}"))
        out.append(method(name, "is_temporary(&self) -> bool", flag("temporary")))
        out.append(method(name, "is_timeout(&self) -> bool", flag("timeout")))
        out.append(method(name, "is_fault(&self) -> bool", flag("fault")))
        out.append(method(name, "user_message(&self) -> Option<Cow<'_, str>>",
                          lambda e: f"Some({text_expr(e['user'], True)})" if e["user"] else "None",
                          bind=lambda e: e["user"] is not None))
        out.append(method(name, "retry_after(&self) -> Option<Duration>",
                          lambda e: f"Some(Duration::from_secs({e['retry']}))" if e["retry"] else "None"))
        out.append(method(name, "service(&self) -> Option<&str>",
                          lambda e: f'Some("{e["service"]}")' if e["service"] else "None"))
        out.append("    #[inline]\n    fn domain(&self) -> Option<&str> { None }\n")
        out.append(method(name, "wire_fields(&self) -> Vec<(&str, String)>", wire_fields_expr,
                          bind=lambda e: bool(shown(e))))
        out.append("}\n")
        decoders = "".join(f'        if name.eq_ignore_ascii_case("{e["name"]}") {{ return Ok({pattern(e, "Self")}); }}\n'
                           for e in errors if not e["fields"])
        out.append(f"impl TryFrom<ErrorResult> for {name} {{\n    type Error = ErrorResult;\n"
                   f"    fn try_from(result: ErrorResult) -> Result<Self, ErrorResult> {{\n"
                   f"        let name = result.name();\n{decoders}        Err(result)\n    }}\n}}\n")
        specs = "".join(f"        {spec(e)},\n" for e in errors)
        out.append(f"impl Catalog for {name} {{\n    const ERRORS: &'static [ErrorSpec] = &[\n{specs}    ];\n}}\n")
        out.append(f"impl {name} {{\n{''.join(constructor(e) for e in errors)}}}\n")
        for ancestor in ancestors(name):
            arms = "".join(f"            {pattern(e, ancestor)} => {pattern(e, 'Self')},\n" for e in all_errors(ancestor))
            out.append(f"impl From<{ancestor}> for {name} {{\n    fn from(error: {ancestor}) -> Self {{\n"
                       f"        match error {{\n{arms}        }}\n    }}\n}}\n")
    return "".join(out)


PRELUDE = ("use std::borrow::Cow;\n#[allow(unused_imports)]\nuse std::fmt;\nuse std::time::Duration;\n"
           "use errdsl::{Catalog, Code, ErrorResult, ErrorSpec, ServiceError};\nuse http::StatusCode;\n"
           "const fn status(n: u16) -> StatusCode {\n"
           "    match StatusCode::from_u16(n) {\n        Ok(status) => status,\n"
           "        Err(_) => panic!(\"not an HTTP status\"),\n    }\n}\n")
root = sys.argv[1]
sources = {
    "errors_macro": errors_macro(),
    "hand_full": PRELUDE + hand_full(),
    "thiserror_full": PRELUDE + thiserror_full(),
    "with_thiserror": enums("#[derive(Debug, thiserror::Error)]\n", True),
    "hand_plain": "use std::fmt;\n" + enums("#[derive(Debug)]\n", False) + display_and_error(),
}
for crate, source in sources.items():
    with open(f"{root}/{crate}/src/lib.rs", "w") as f:
        f.write(source)
PY

cd "$WORK"
echo "errdsl at $REPO; $(rustc --version); $(nproc) cores; cargo $CMD --profile $PROFILE, $RUNS runs each"
wc -l "${CRATES[@]/%//src/lib.rs}" | sed 's/^/  /'
echo "building the dependencies once..."
cargo "$CMD" -q --profile "$PROFILE" --workspace

# RUNS rounds; each round rebuilds every crate once (touch its source, run
# cargo), so that load from other processes hits all crates alike.
# Prints "wall cpu": the build's elapsed seconds, and the CPU seconds (user
# and system) of cargo and rustc, which another process's load disturbs
# less than the elapsed time.
seconds() {
    touch "$WORK/$1/src/lib.rs"
    local TIMEFORMAT='%R %U %S'
    { time cargo "$CMD" -q --profile "$PROFILE" -p "$1" 2>"$WORK/cargo.err"; } 2>"$WORK/time.txt" ||
        { cat "$WORK/cargo.err" >&2; return 1; }
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$WORK/time.txt"
}
declare -A TIMES CPUS
for round in $(seq "$RUNS"); do
    for crate in "${CRATES[@]}"; do
        read -r wall cpu < <(seconds "$crate")
        TIMES[$crate]+="$wall "
        CPUS[$crate]+="$cpu "
    done
    echo "  round $round done"
done

# rustc's own account of the expansion (nightly flag, so RUSTC_BOOTSTRAP):
# macro_expand_crate, which includes running the proc macros.
expand_seconds() {
    touch "$WORK/$1/src/lib.rs"
    RUSTC_BOOTSTRAP=1 cargo rustc -q --profile "$PROFILE" -p "$1" -- -Z time-passes 2>&1 |
        awk -F'[:;]' '/\tmacro_expand_crate$/ && !found { gsub(/ /, "", $2); found = $2 }
            END { print found == "" ? "?" : found }'
}

# "mean median" of a list of seconds.
stats() {
    tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -n |
        awk '{ t[NR] = $1; sum += $1 } END {
            m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%.3f %.3f\n", sum / NR, m }'
}
echo
printf '%-15s %9s %10s %14s  %s\n' crate "mean (s)" "median (s)" "cpu median (s)" "runs (s)"
declare -A MEAN MEDIAN CPU
for crate in "${CRATES[@]}"; do
    read -r mean median < <(stats "${TIMES[$crate]}")
    read -r _ cpu < <(stats "${CPUS[$crate]}")
    MEAN[$crate]=$mean
    MEDIAN[$crate]=$median
    CPU[$crate]=$cpu
    printf '%-15s %9s %10s %14s  %s\n' "$crate" "$mean" "$median" "$cpu" "${TIMES[$crate]}"
done
awk -v m="${MEAN[errors_macro]}" -v f="${MEAN[hand_full]}" -v p="${MEAN[hand_plain]}" \
    -v mm="${MEDIAN[errors_macro]}" -v tm="${MEDIAN[thiserror_full]}" -v fm="${MEDIAN[hand_full]}" \
    -v mc="${CPU[errors_macro]}" -v tc="${CPU[thiserror_full]}" -v fc="${CPU[hand_full]}" 'BEGIN {
    printf "\nerrors_macro - hand_full  = %+.3f s  (the cost of the macro: expansion)\n", m - f
    printf "errors_macro - hand_plain = %+.3f s  (everything errdsl adds to bare enums)\n", m - p
    printf "medians: errors_macro / thiserror_full = %.2f, errors_macro / hand_full = %.2f\n", mm / tm, mm / fm
    printf "cpu medians: errors_macro / thiserror_full = %.2f, errors_macro / hand_full = %.2f\n", mc / tc, mc / fc
}'
echo "rustc macro_expand_crate: errors_macro $(expand_seconds errors_macro) s," \
    "hand_full $(expand_seconds hand_full) s"
