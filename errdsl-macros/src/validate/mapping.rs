//! The mapping of an error declared in full: its gRPC code and HTTP
//! status from `grpc`, `http`, the enum's defaults or the flags, and the
//! rules that keep the mapping and the flags consistent.

use darling::util::{Flag, SpannedValue};
use proc_macro2::Span;

use super::{Owner, check_user_msg, flag_span, resolve_name};
use crate::ast;
use crate::attr::{CodeArg, ErrorKeys, StatusArg};
use crate::code_table::{self, Code};
use crate::ctxt::Ctxt;
use crate::model::{CodeSource, Spec};
use crate::suggest::did_you_mean;
use crate::wire_keys;

/// The mapping and flags of an error declared in full.
pub(super) fn resolve_static(
    error: &ast::Error<'_>,
    keys: &ErrorKeys,
    defaults: Defaults<'_>,
    owner: &Owner,
    cx: &mut Ctxt,
) -> Option<Spec> {
    // Checks run in the order keys are usually written, so messages do too.
    let (known_defaults, defaults) = (defaults.known, defaults.keys);
    let flags = Flags::merge(keys, defaults);
    let mapping =
        resolve_mapping(error, keys, Defaults { keys: defaults, known: known_defaults }, &flags, cx);
    if let Some(mapping) = &mapping {
        check_fault(error, &flags, mapping, cx);
        check_timeout(error, &flags, mapping, cx);
        check_temporary(error, &flags, mapping, cx);
    }
    let name = resolve_name(error, keys, cx);
    let user_msg = match &keys.user_msg {
        Some(lit) => check_user_msg(lit, error, cx).map(Some),
        None => Some(None),
    };
    let retry_after = keys.retry_after_secs.as_ref().or(defaults.and_then(|d| d.retry_after_secs.as_ref()));
    check_retry_after(error, retry_after, &flags, cx);
    let mapping = mapping?;
    let (name, name_span) = name?;
    Some(Spec {
        name,
        name_span,
        service: owner.service.clone(),
        domain: owner.domain.clone(),
        docs_url: owner.docs_url.clone(),
        code: mapping.source,
        http: mapping.declared_http,
        temporary: flags.temporary.is_some(),
        timeout: flags.timeout.is_some(),
        fault: flags.fault.is_some(),
        user_msg: user_msg?,
        retry_after_secs: retry_after.map(|v| **v),
        custom_body: None,
    })
}

/// The keys an enum's variants inherit, and whether they are known: not
/// when the enum's own keys did not parse.
#[derive(Clone, Copy)]
pub(super) struct Defaults<'a> {
    pub(super) keys: Option<&'a ErrorKeys>,
    pub(super) known: bool,
}

/// The flags of an error, each with the span of the key that set it.
struct Flags {
    temporary: Option<SetFlag>,
    timeout: Option<SetFlag>,
    fault: Option<SetFlag>,
}

/// A flag that is set: where, and whether the error has it from its enum.
#[derive(Clone, Copy)]
struct SetFlag {
    span: Span,
    on_enum: bool,
}

impl SetFlag {
    /// How a message about `flag` on `error` starts, and how it ends: an
    /// enum's flag applies to every variant, and is moved, not removed.
    fn words(self, flag: &str, error: &ast::Error<'_>) -> (String, String) {
        if self.on_enum {
            (
                format!("the enum's `{flag}` applies to every variant, and `{}` has it: ", error.ident),
                format!("move `{flag}` to the variants it fits"),
            )
        } else {
            (String::new(), format!("remove `{flag}`"))
        }
    }
}

impl Flags {
    fn merge(keys: &ErrorKeys, defaults: Option<&ErrorKeys>) -> Flags {
        let pick = |own: Flag, default: Option<Flag>| {
            let own = flag_span(own).map(|span| SetFlag { span, on_enum: false });
            own.or(default.and_then(flag_span).map(|span| SetFlag { span, on_enum: true }))
        };
        Flags {
            temporary: pick(keys.temporary, defaults.map(|d| d.temporary)),
            timeout: pick(keys.timeout, defaults.map(|d| d.timeout)),
            fault: pick(keys.fault, defaults.map(|d| d.fault)),
        }
    }
}

/// A resolved code and status, with the words that explain where they came
/// from, and what the declaration said (for the generated code).
struct Mapping {
    code: Code,
    http: u16,
    origin: String,
    source: CodeSource,
    declared_http: Option<u16>,
}

/// Rule: the variant's `grpc`/`http`, else the enum's, else the flags decide
/// the mapping (`timeout` -> `DeadlineExceeded`/504, `fault` -> `Internal`/500,
/// `temporary` -> `Unavailable`/503); with none of them it is an error.
fn resolve_mapping(
    error: &ast::Error<'_>,
    keys: &ErrorKeys,
    defaults: Defaults<'_>,
    flags: &Flags,
    cx: &mut Ctxt,
) -> Option<Mapping> {
    let Defaults { keys: defaults, known: known_defaults } = defaults;
    let source = if keys.grpc.is_some() || keys.http.is_some() {
        Some(keys)
    } else {
        defaults.filter(|d| d.grpc.is_some() || d.http.is_some())
    };
    let grpc = source.and_then(|s| s.grpc.as_ref());
    let http = source.and_then(|s| s.http.as_ref());
    let code = grpc.map(|g| resolve_code(g, cx));
    let status = http.map(|h| check_status(h, cx));
    match (code, status) {
        (Some(None), _) | (_, Some(None)) => None,
        (Some(Some(code)), Some(Some(status))) => {
            check_class(code, status, http.map_or_else(Span::call_site, SpannedValue::span), cx);
            Some(Mapping {
                code,
                http: status,
                origin: format!("`grpc = {}`", code.name),
                source: CodeSource::Named(code),
                declared_http: Some(status),
            })
        }
        (Some(Some(code)), None) => Some(Mapping {
            code,
            http: code.http,
            origin: format!("`grpc = {}`", code.name),
            source: CodeSource::Named(code),
            declared_http: None,
        }),
        (None, Some(Some(status))) => Some(Mapping {
            code: Code::from_http(status),
            http: status,
            origin: format!("`http = {status}`"),
            source: CodeSource::FromHttp(status),
            declared_http: Some(status),
        }),
        (None, None) => {
            let implied = [
                (flags.timeout, code_table::DEADLINE_EXCEEDED, "timeout"),
                (flags.fault, code_table::INTERNAL, "fault"),
                (flags.temporary, code_table::UNAVAILABLE, "temporary"),
            ];
            if let Some((_, code, flag)) = implied.into_iter().find(|(span, _, _)| span.is_some()) {
                return Some(Mapping {
                    code,
                    http: code.http,
                    origin: format!("`{flag}`"),
                    source: CodeSource::Named(code),
                    declared_http: None,
                });
            }
            if !known_defaults {
                // The enum's keys, reported already, may have held the mapping.
                return None;
            }
            cx.error_span(
                error.ident.span(),
                format!(
                    "`{}` has no HTTP status or gRPC code: add `#[service_error(grpc = <Code>)]` or `#[service_error(http = <status>)]`, or a flag that implies one (`fault`, `timeout` or `temporary`)",
                    error.ident
                ),
            );
            None
        }
    }
}

/// Rule: `grpc` names one of the sixteen codes, by name or number (not OK).
fn resolve_code(arg: &SpannedValue<CodeArg>, cx: &mut Ctxt) -> Option<Code> {
    match &**arg {
        CodeArg::Name(name) if name.eq_ignore_ascii_case("ok") => {
            cx.error_span(arg.span(), format!("`{name}` is gRPC's code of success, not of an error; use one of the 16 error codes, e.g. `grpc = InvalidArgument`"));
            None
        }
        CodeArg::Name(name) => Code::from_name(name).or_else(|| {
            let hint = did_you_mean(name, code_table::ALL.iter().map(|c| c.name)).map_or_else(
                || {
                    let names: Vec<String> = code_table::ALL
                        .iter()
                        .filter(|c| c.number != 0)
                        .map(|c| format!("`{}`", c.name))
                        .collect();
                    format!("; the codes are {}, or their numbers 1 to 16", names.join(", "))
                },
                |s| format!("; did you mean `{s}`?"),
            );
            cx.error_span(arg.span(), format!("unknown gRPC code `{name}`{hint}"));
            None
        }),
        CodeArg::Number(0) => {
            cx.error_span(arg.span(), "gRPC code 0 is `OK`, which is not an error; use a code from 1 to 16, e.g. `grpc = InvalidArgument`");
            None
        }
        CodeArg::Number(n) => Code::from_number(*n).or_else(|| {
            cx.error_span(
                arg.span(),
                format!(
                    "unknown gRPC code {n}: codes are 1 to 16, e.g. `grpc = 3` or `grpc = InvalidArgument`"
                ),
            );
            None
        }),
    }
}

/// Rule: an error's HTTP status is in 400..=599.
fn check_status(status: &SpannedValue<StatusArg>, cx: &mut Ctxt) -> Option<u16> {
    if let Ok(code @ 400..=599) = u16::try_from(status.value) {
        Some(code)
    } else {
        cx.error_span(
            status.span(),
            format!("HTTP status {} is not an error status: use 400..=599, e.g. `http = 404`", status.digits),
        );
        None
    }
}

/// Rule: when both are given, status and code blame the same side (4xx with
/// a client-side code, 5xx with a server-side one), unless the status is the
/// one the standard table maps to the code (408 `DeadlineExceeded`).
fn check_class(code: Code, status: u16, span: Span, cx: &mut Ctxt) {
    let agrees = code.is_server_side() == (status >= 500) || Code::from_http(status) == code;
    if !agrees {
        let (status_side, code_side) =
            if status >= 500 { ("server", "client") } else { ("client", "server") };
        cx.error_span(
            span,
            format!(
                "`http = {status}` is a {status_side} error but `grpc = {}` is a {code_side}-side code; pick a pair that agrees, e.g. `http = {}` for `{}`",
                code.name, code.http, code.name
            ),
        );
    }
}

/// Rule: a fault is the server's failure, so its code is server-side.
fn check_fault(error: &ast::Error<'_>, flags: &Flags, mapping: &Mapping, cx: &mut Ctxt) {
    if let Some(set) = flags.fault
        && !mapping.code.is_server_side()
    {
        let (start, end) = set.words("fault", error);
        cx.error_span(
            set.span,
            format!(
                "{start}`fault` marks a failure of the server, but `{}` (from {}) blames the client; use a server-side code such as `Internal` (500), or {end}",
                mapping.code.name, mapping.origin
            ),
        );
    }
}

/// Rule: a timeout maps to `DeadlineExceeded`, 408 or 504.
fn check_timeout(error: &ast::Error<'_>, flags: &Flags, mapping: &Mapping, cx: &mut Ctxt) {
    if let Some(set) = flags.timeout
        && mapping.code != code_table::DEADLINE_EXCEEDED
        && !matches!(mapping.http, 408 | 504)
    {
        let (start, end) = set.words("timeout", error);
        cx.error_span(
            set.span,
            format!(
                "{start}`timeout` says the call ran out of time, but the error maps to `{}`/{} (from {}); use `grpc = DeadlineExceeded`, `http = 504` or `http = 408`, or {end}",
                mapping.code.name, mapping.http, mapping.origin
            ),
        );
    }
}

/// Rule: a temporary error has a code that clients may retry.
fn check_temporary(error: &ast::Error<'_>, flags: &Flags, mapping: &Mapping, cx: &mut Ctxt) {
    if let Some(set) = flags.temporary
        && !mapping.code.can_be_temporary()
    {
        let (start, end) = set.words("temporary", error);
        cx.error_span(
            set.span,
            format!(
                "{start}`temporary` means a retry may succeed, but `{}` (from {}) says the request itself is wrong and is never retried; use {}, or {end}",
                mapping.code.name,
                mapping.origin,
                // Say it in the terms the mapping was declared in.
                if matches!(mapping.source, CodeSource::FromHttp(_)) {
                    "a retryable status such as `http = 503` or `http = 429`"
                } else {
                    "a retryable code such as `Unavailable` or `ResourceExhausted`"
                },
            ),
        );
    }
}

/// Rule: `retry_after_secs` only makes sense on a temporary error, and is
/// 1 s to a day (what errdsl's decoders accept).
fn check_retry_after(
    error: &ast::Error<'_>,
    retry_after: Option<&SpannedValue<u64>>,
    flags: &Flags,
    cx: &mut Ctxt,
) {
    let Some(retry_after) = retry_after else { return };
    let inherited = error.written_key("retry_after_secs").is_none();
    let message = if flags.temporary.is_none() {
        // The enum's default: every variant it misfits is named in one
        // error, on the enum's key (`check_inherited_retry_after`).
        if inherited {
            return;
        }
        format!(
            "`retry_after_secs` tells clients when to retry, but `{}` is not `temporary`, so they never do; add `temporary`, or remove `retry_after_secs`",
            error.ident
        )
    } else if **retry_after == 0 {
        "`retry_after_secs = 0` tells clients nothing; give at least 1, or remove it and clients retry with their own backoff".to_owned()
    } else if **retry_after > wire_keys::MAX_RETRY_AFTER_SECS {
        format!(
            "`retry_after_secs = {}` is more than a day ({} s), the most errdsl's clients accept; write at most `retry_after_secs = {}`",
            **retry_after,
            wire_keys::MAX_RETRY_AFTER_SECS,
            wire_keys::MAX_RETRY_AFTER_SECS
        )
    } else {
        return;
    };
    // Not `temporary`: on the whole `retry_after_secs = N`, the key being
    // the mistake; a delay out of range: on `N`.
    match error.written_key("retry_after_secs") {
        Some(tokens) if flags.temporary.is_none() => cx.error_at(tokens, message),
        _ => cx.error_span(retry_after.span(), message),
    }
}

/// Rule: an enum's `retry_after_secs` is the delay of every variant that
/// gives none, so each of them must be `temporary`: one error on the key,
/// naming every variant it misfits.
pub(super) fn check_inherited_retry_after(input: &ast::Input<'_>, misfits: &[&syn::Ident], cx: &mut Ctxt) {
    let written = input.container_written.iter().find(|written| written.key == "retry_after_secs");
    let (Some(written), [first, rest @ ..]) = (written, misfits) else { return };
    let names = match rest {
        [] => format!("`{first}` is not `temporary`"),
        [.., last] => {
            let before: Vec<String> =
                misfits[..misfits.len() - 1].iter().map(|ident| format!("`{ident}`")).collect();
            format!("{} and `{last}` are not `temporary`", before.join(", "))
        }
    };
    cx.error_at(
        &written.tokens,
        format!(
            "`retry_after_secs` on the enum is the delay of every variant that gives none, but {names}, so their clients never retry; give `retry_after_secs` to the temporary variants only, or make these `temporary`"
        ),
    );
}
