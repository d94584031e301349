//! The attribute receivers: what a user may write in `#[service_error(...)]`,
//! parsed by darling, after [`check_keys`] has checked the syntax of every
//! key (known here, given once, a value of the right shape). Nothing here
//! judges what the values mean; `validate` does.

use std::borrow::Cow;

use darling::util::{Flag, SpannedValue};
use darling::{FromDeriveInput, FromField, FromMeta, FromVariant};
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, ExprLit, ExprPath, Lit, LitStr, Meta, MetaList, Token};

use crate::code_table;
use crate::ctxt::Ctxt;
use crate::suggest::{did_you_mean, tidy};

/// The keys that describe one error. On a variant they describe the variant;
/// on an enum they are defaults the variants inherit (only the mapping keys
/// make sense there); on a struct they describe the struct.
#[derive(Clone, Debug, Default, FromMeta)]
pub(crate) struct ErrorKeys {
    pub grpc: Option<SpannedValue<CodeArg>>,
    pub http: Option<SpannedValue<StatusArg>>,
    pub name: Option<LitStr>,
    pub temporary: Flag,
    pub timeout: Flag,
    pub fault: Flag,
    pub user_msg: Option<LitStr>,
    pub retry_after_secs: Option<SpannedValue<u64>>,
    pub transparent: Flag,
    pub classify: Flag,
    /// Goa's custom-type body: the wire fields at the top level.
    pub custom_body: Flag,
    /// The member of a custom body that holds the wire name.
    pub name_member: Option<LitStr>,
}

/// `#[service_error(...)]` on the enum or struct.
#[derive(Debug, FromDeriveInput)]
#[darling(attributes(service_error), supports(struct_any, enum_any))]
pub(crate) struct ContainerAttrs {
    pub service: Option<LitStr>,
    /// The domain of the wire names (`ErrorInfo.domain`).
    pub domain: Option<LitStr>,
    /// The base of the errors' documentation URLs (RFC 9457's `type`).
    pub docs_url: Option<LitStr>,
    /// The Goa method whose errors the type holds: it names the gRPC
    /// message of each custom error type.
    pub method: Option<LitStr>,
    /// `errors!` only: other crates may name the enum as a parent.
    pub export: Flag,
    /// The user writes `IntoResponse` and the `From` impls for `tonic::Status` and `ConnectError`.
    pub no_transport_impls: Flag,
    #[darling(flatten)]
    pub keys: ErrorKeys,
}

/// `#[service_error(...)]` on a variant.
#[derive(Debug, FromVariant)]
#[darling(attributes(service_error))]
pub(crate) struct VariantAttrs {
    #[darling(flatten)]
    pub keys: ErrorKeys,
}

/// `#[service_error(...)]` on a field: whether it travels on the wire.
#[derive(Debug, Default, FromField)]
#[darling(attributes(service_error))]
pub(crate) struct FieldAttrs {
    /// The field travels with the error (as text: `Display` out, `FromStr` in).
    pub wire: Flag,
    /// The field does not travel; a client decodes it as `Default::default()`.
    pub default: Flag,
    /// The field holds the error's field violations (`errdsl::FieldViolations`).
    pub violations: Flag,
    /// The field holds where the error was made (`&'static Location<'static>`).
    pub location: Flag,
    /// The field's wire name, when it is not the field's own.
    pub name: Option<LitStr>,
}

/// The value of `grpc = ...`: a code name (`InvalidArgument`, `Code::InvalidArgument`)
/// or its number (`3`). [`check_keys`] has turned away every other form.
#[derive(Debug, Clone)]
pub(crate) enum CodeArg {
    Name(String),
    Number(i64),
}

impl FromMeta for CodeArg {
    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        match expr {
            Expr::Path(path) => match code_name(path) {
                Some(name) => Ok(CodeArg::Name(name)),
                None => Err(darling::Error::custom(CODE_EXAMPLE).with_span(expr)),
            },
            Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) => int
                .base10_parse::<i64>()
                .map(CodeArg::Number)
                .map_err(|_| darling::Error::custom(CODE_EXAMPLE).with_span(int)),
            Expr::Group(group) => Self::from_expr(&group.expr),
            _ => Err(darling::Error::custom(CODE_EXAMPLE).with_span(expr)),
        }
    }
}

const CODE_EXAMPLE: &str = "`grpc` takes a gRPC code: write e.g. `grpc = InvalidArgument` or `grpc = 3`";

/// The code a path names, in the forms `grpc` takes: `NotFound`,
/// `Code::NotFound`, `errdsl::Code::NotFound` or `::errdsl::Code::NotFound`.
fn code_name(path: &ExprPath) -> Option<String> {
    let segments = &path.path.segments;
    if path.qself.is_some() || segments.iter().any(|s| !s.arguments.is_none()) {
        return None;
    }
    let names: Vec<String> = segments.iter().map(|s| s.ident.to_string()).collect();
    let prefix: Vec<&str> = names[..names.len().saturating_sub(1)].iter().map(String::as_str).collect();
    let global = path.path.leading_colon.is_some();
    let allowed = match prefix.as_slice() {
        [] | ["Code"] => !global,
        ["errdsl", "Code"] => true,
        _ => false,
    };
    allowed.then(|| names.last().cloned()).flatten()
}

/// The value of `http = ...`: a number, judged by `validate` (so that 70000
/// gets the same message as 302).
#[derive(Debug, Clone)]
pub(crate) struct StatusArg {
    /// `u64::MAX` when the number is larger still.
    pub value: u64,
    /// The number as written, for messages.
    pub digits: String,
}

impl FromMeta for StatusArg {
    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        match expr {
            Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) => Ok(StatusArg {
                // Anything too large for u64 is just as wrong as 600.
                value: int.base10_parse::<u64>().unwrap_or(u64::MAX),
                digits: int.base10_digits().to_owned(),
            }),
            Expr::Group(group) => Self::from_expr(&group.expr),
            _ => {
                Err(darling::Error::custom("`http` takes a number: write e.g. `http = 404`").with_span(expr))
            }
        }
    }
}

/// Where a `#[service_error(...)]` is written; each place takes its own keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    Enum,
    Struct,
    Variant,
    /// A field of a struct (`true`) or of a variant (`false`).
    Field {
        of_struct: bool,
    },
}

/// What a key's value looks like.
#[derive(Clone, Copy)]
enum Shape {
    /// A bare key: `temporary`.
    Flag,
    /// `key = "..."`; the example is shown when the value gives none.
    Str(&'static str),
    /// `grpc = NotFound` or `grpc = 5`.
    Code,
    /// `http = 404`.
    Status,
    /// `retry_after_secs = 30`.
    Secs,
}

impl Shape {
    /// A value of this shape, for messages that show one.
    fn example(self) -> String {
        match self {
            Shape::Flag => String::new(),
            Shape::Str(example) => format!("{example:?}"),
            Shape::Code => "NotFound".to_owned(),
            Shape::Status => "404".to_owned(),
            Shape::Secs => "30".to_owned(),
        }
    }
}

/// Where a key may be written: a set of [`Level`]s.
#[derive(Clone, Copy)]
struct Places(u8);

const ENUM: Places = Places(1);
const STRUCT: Places = Places(2);
const VARIANT: Places = Places(4);
const FIELD: Places = Places(8);

impl Places {
    const fn and(self, other: Places) -> Places {
        Places(self.0 | other.0)
    }

    fn has(self, level: Level) -> bool {
        let place = match level {
            Level::Enum => ENUM,
            Level::Struct => STRUCT,
            Level::Variant => VARIANT,
            Level::Field { .. } => FIELD,
        };
        self.0 & place.0 != 0
    }
}

/// Where a type's errors are described.
const TYPE: Places = ENUM.and(STRUCT);
/// Where one error is described: a variant, or a struct.
const ONE_ERROR: Places = STRUCT.and(VARIANT);
/// Where an error's mapping goes: on it, or on the enum for the variants
/// that declare none.
const MAPPING: Places = TYPE.and(VARIANT);

/// One key of `#[service_error(...)]`.
pub(crate) struct Key {
    pub(crate) name: &'static str,
    shape: Shape,
    places: Places,
    /// What the key does, for messages: "`key` <doc>: put it on ...".
    doc: &'static str,
    /// Where it goes, when its places do not say it (`export`: on an
    /// `errors!` enum, not any enum).
    home: Option<&'static str>,
}

/// Every key errdsl knows: its value's shape, where it goes and what it
/// does. Parsing (`check_keys`), the messages about keys and the keys an
/// error declares all come from here; a new key is a row here, a field of
/// its receiver and its rule in `validate`.
pub(crate) const KEYS: &[Key] = &[
    Key {
        name: "service",
        shape: Shape::Str("divider"),
        places: TYPE,
        doc: "names the service of all the type's errors",
        home: None,
    },
    Key {
        name: "domain",
        shape: Shape::Str("divider.example.com"),
        places: TYPE,
        doc: "names the domain of all the type's errors",
        home: None,
    },
    Key {
        name: "docs_url",
        shape: Shape::Str("https://api.example.com/errors/"),
        places: TYPE,
        doc: "gives where the docs of all the type's errors are",
        home: None,
    },
    Key {
        name: "method",
        shape: Shape::Str("integer_divide"),
        places: TYPE,
        doc: "names the Goa method of all the type's errors, after which the gRPC message of a custom error type is named",
        home: None,
    },
    Key {
        name: "export",
        shape: Shape::Flag,
        places: ENUM,
        doc: "lets other crates inherit from an `errors!` enum",
        home: Some("the enum of an `errors!`"),
    },
    Key {
        name: "no_transport_impls",
        shape: Shape::Flag,
        places: TYPE,
        doc: "leaves `IntoResponse` and the `From` impls for `tonic::Status` and `connectrpc::ConnectError` to hand-written impls",
        home: None,
    },
    Key {
        name: "grpc",
        shape: Shape::Code,
        places: MAPPING,
        doc: "gives the gRPC code of an error",
        home: None,
    },
    Key {
        name: "http",
        shape: Shape::Status,
        places: MAPPING,
        doc: "gives the HTTP status of an error",
        home: None,
    },
    Key {
        name: "temporary",
        shape: Shape::Flag,
        places: MAPPING,
        doc: "marks an error temporary",
        home: None,
    },
    Key { name: "timeout", shape: Shape::Flag, places: MAPPING, doc: "marks an error a timeout", home: None },
    Key {
        name: "fault",
        shape: Shape::Flag,
        places: MAPPING,
        doc: "marks an error a server-side fault",
        home: None,
    },
    Key {
        name: "retry_after_secs",
        shape: Shape::Secs,
        places: MAPPING,
        doc: "says when to retry an error",
        home: None,
    },
    Key {
        name: "custom_body",
        shape: Shape::Flag,
        places: MAPPING,
        doc: "sends an error in Goa's custom-type body, its wire fields as top-level members",
        home: None,
    },
    Key {
        name: "name_member",
        shape: Shape::Str("name"),
        places: MAPPING,
        doc: "names the member of a custom body that holds the error's name",
        home: None,
    },
    Key {
        name: "name",
        shape: Shape::Str("not_found"),
        places: ONE_ERROR.and(FIELD),
        doc: "gives the wire name of a single error, or of a field that travels",
        home: None,
    },
    Key {
        name: "user_msg",
        shape: Shape::Str("..."),
        places: ONE_ERROR,
        doc: "gives the user message of a single error",
        home: None,
    },
    Key {
        name: "classify",
        shape: Shape::Flag,
        places: ONE_ERROR,
        doc: "takes a single error's code and flags from its source",
        home: None,
    },
    Key {
        name: "transparent",
        shape: Shape::Flag,
        places: ONE_ERROR,
        doc: "delegates a single error to its only field",
        home: None,
    },
    Key { name: "wire", shape: Shape::Flag, places: FIELD, doc: "sends a field with the error", home: None },
    Key {
        name: "default",
        shape: Shape::Flag,
        places: FIELD,
        doc: "has clients decode a field as its default",
        home: None,
    },
    Key {
        name: "violations",
        shape: Shape::Flag,
        places: FIELD,
        doc: "sends a field's `FieldViolations` as the error's field violations",
        home: None,
    },
    Key {
        name: "location",
        shape: Shape::Flag,
        places: FIELD,
        doc: "records in a field where the error was made, for the log",
        home: None,
    },
];

/// A key as written in `#[service_error(...)]`: its name, and the whole
/// `key = value`, for messages about it.
#[derive(Clone)]
pub(crate) struct Written {
    pub key: &'static str,
    pub tokens: proc_macro2::TokenStream,
}

impl Level {
    /// The keys written here, as listed in messages.
    fn keys(self) -> impl Iterator<Item = &'static str> {
        KEYS.iter().filter(move |key| key.places.has(self)).map(|key| key.name)
    }

    fn place(self) -> &'static str {
        match self {
            Level::Enum => "an enum",
            Level::Struct => "a struct",
            Level::Variant => "a variant",
            Level::Field { .. } => "a field",
        }
    }

    /// This place, as a message names where a key was written.
    fn here(self) -> &'static str {
        match self {
            Level::Enum => "the enum",
            Level::Struct => "the struct",
            Level::Variant => "a variant",
            Level::Field { .. } => "a field",
        }
    }

    /// Where `places` are, seen from here: in an enum, "the enum", "a
    /// variant" and "a field"; in a struct, "the struct" and "a field".
    fn homes(self, places: Places) -> String {
        let in_struct = matches!(self, Level::Struct | Level::Field { of_struct: true });
        let levels: &[(Level, &str)] = if in_struct {
            &[(Level::Struct, "the struct"), (Level::Field { of_struct: true }, "a field")]
        } else {
            &[
                (Level::Variant, "a variant"),
                (Level::Enum, "the enum"),
                (Level::Field { of_struct: false }, "a field"),
            ]
        };
        let homes: Vec<&str> =
            levels.iter().filter(|(level, _)| places.has(*level)).map(|(_, home)| *home).collect();
        match homes.as_slice() {
            [] => "an `errors!` enum".to_owned(),
            [one] => (*one).to_owned(),
            [first @ .., last] => format!("{} or {last}", first.join(", ")),
        }
    }
}

/// Rule: a `#[service_error(...)]` is a list of keys known at its level,
/// each given once, each with a value of the right shape.
///
/// Runs before darling, so that every mistake gets errdsl's own message,
/// spanned on the whole `key = value`. Returns the keys written, and
/// `attrs` itself when it reported nothing, else (owned) the attributes
/// without the items it reported, for darling to parse the rest without
/// repeating them.
pub(crate) fn check_keys<'a>(attrs: &'a [Attribute], level: Level, cx: &mut Ctxt) -> Checked<'a> {
    let mut seen: Vec<String> = Vec::new();
    let mut written = Vec::new();
    let mut mapping_failed = false;
    let mut ok = true;
    let mut kept_attrs = Vec::with_capacity(attrs.len());
    for attr in attrs {
        if !attr.path().is_ident("service_error") {
            kept_attrs.push(attr.clone());
            continue;
        }
        let Meta::List(list) = &attr.meta else {
            cx.error_at(
                attr,
                "`#[service_error]` takes its keys in parentheses, e.g. `#[service_error(http = 404)]`",
            );
            ok = false;
            continue;
        };
        let items = match list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
            Ok(items) => items,
            // syn's own words ("expected an expression") say what it
            // wanted, not what to write.
            Err(error) => {
                match malformed_item(list.tokens.clone()) {
                    Some((tokens, message)) => cx.error_at(tokens, message),
                    None => cx.error_span(
                        error.span(),
                        "`#[service_error(...)]` takes keys separated by commas, each `key` or `key = value`, e.g. `#[service_error(http = 404, temporary)]`",
                    ),
                }
                ok = false;
                continue;
            }
        };
        let mut kept: Vec<&Meta> = Vec::new();
        for item in &items {
            match check_item(item, level, &seen) {
                Ok(key) => {
                    seen.push(key.name.to_owned());
                    written.push(Written { key: key.name, tokens: item.to_token_stream() });
                    kept.push(item);
                }
                Err(Problem { tokens, message }) => {
                    // A key given twice is still the key: report its second value once.
                    if let Some(key) = item.path().get_ident() {
                        seen.push(key.to_string());
                    }
                    mapping_failed |= is_mapping_key(item, level);
                    cx.error_at(tokens, message);
                    ok = false;
                }
            }
        }
        let mut attr = attr.clone();
        attr.meta = Meta::List(MetaList { tokens: quote::quote!(#(#kept),*), ..list.clone() });
        kept_attrs.push(attr);
    }
    Checked { attrs: if ok { Cow::Borrowed(attrs) } else { Cow::Owned(kept_attrs) }, written, mapping_failed }
}

/// The first item of `#[service_error(...)]` that is no `key` or
/// `key = value`, and what to write instead, for the mistakes users make:
/// a quoted list, `key: value`, `key =` with no value, two values.
fn malformed_item(tokens: proc_macro2::TokenStream) -> Option<(proc_macro2::TokenStream, String)> {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for item in trees.split(|tree| matches!(tree, TokenTree::Punct(p) if p.as_char() == ',')) {
        let spanned = |trees: &[TokenTree]| trees.iter().cloned().collect::<proc_macro2::TokenStream>();
        match item {
            [TokenTree::Literal(literal), ..] if literal.to_string().starts_with('"') => {
                let text = literal.to_string();
                let text = text.trim_matches('"');
                return Some((
                    spanned(&item[..1]),
                    format!("keys are written without quotes: `#[service_error({text})]`"),
                ));
            }
            [TokenTree::Ident(key), TokenTree::Punct(colon), rest @ ..]
                if colon.as_char() == ':' && !rest.is_empty() =>
            {
                let value = spanned(rest);
                return Some((
                    spanned(&item[..2]),
                    format!(
                        "a key takes its value after `=`, not `:`: write `{key} = {}`",
                        crate::suggest::tidy(value)
                    ),
                ));
            }
            [TokenTree::Ident(key), TokenTree::Punct(eq)] if eq.as_char() == '=' => {
                let example = KEYS
                    .iter()
                    .find(|k| *key == k.name)
                    .map_or_else(|| "...".to_owned(), |k| k.shape.example());
                return Some((
                    spanned(item),
                    format!("`{key} =` needs a value: write e.g. `{key} = {example}`"),
                ));
            }
            [TokenTree::Ident(key), TokenTree::Punct(eq), _, extra @ ..]
                if eq.as_char() == '='
                    && !extra.is_empty()
                    && !matches!(&extra[0], TokenTree::Punct(p) if p.as_char() == ':' || p.as_char() == '.') =>
            {
                let extra = spanned(extra);
                return Some((
                    extra.clone(),
                    format!(
                        "`{key}` takes one value; remove `{}`, or separate keys with commas",
                        crate::suggest::tidy(extra)
                    ),
                ));
            }
            _ => {}
        }
    }
    None
}

/// What [`check_keys`] found.
pub(crate) struct Checked<'a> {
    /// The attributes, without the items it reported (borrowed when it
    /// reported none).
    pub attrs: Cow<'a, [Attribute]>,
    pub written: Vec<Written>,
    /// Whether an item it reported is, or looks like, a key of the mapping
    /// (`grpc`, `http`, a flag, `retry_after_secs`): then what an enum
    /// passes on to its variants is not known.
    pub mapping_failed: bool,
}

/// Whether `item`'s key is a mapping key, or an unknown key that looks like
/// one (`grcp`).
fn is_mapping_key(item: &Meta, level: Level) -> bool {
    let written = tidy(item.path());
    let name = KEYS
        .iter()
        .find(|key| key.name == written)
        .map(|key| key.name)
        .or_else(|| did_you_mean(&written, level.keys()));
    name.and_then(|name| KEYS.iter().find(|key| key.name == name))
        .is_some_and(|key| key.places.0 == MAPPING.0)
}

/// A mistake in a key, on the tokens it is about (the whole `key = value`,
/// or its value).
struct Problem {
    tokens: proc_macro2::TokenStream,
    message: String,
}

fn problem<T>(node: &dyn ToTokens, message: String) -> Result<T, Problem> {
    Err(Problem { tokens: node.to_token_stream(), message })
}

/// One `key`, `key = value` or `key(...)`: its key, or what is wrong with it.
fn check_item(item: &Meta, level: Level, seen: &[String]) -> Result<&'static Key, Problem> {
    let fail = |message: String| problem(item, message);
    let path = item.path();
    let known = path.get_ident().and_then(|ident| KEYS.iter().find(|key| ident == key.name));
    let Some(key) = known else {
        // The key is the mistake: underline it, not its value.
        let fail = |message: String| problem(path, message);
        let written = tidy(path);
        if let Some(meant) = by_meaning(&written, level) {
            return fail(meant);
        }
        let hint = did_you_mean(&written, level.keys())
            .map_or_else(String::new, |s| format!(" did you mean `{s}`?"));
        let list = level.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        return fail(format!(
            "unknown key `{written}` in `#[service_error]`;{hint} keys on {}: {list}",
            level.place()
        ));
    };
    if !key.places.has(level) {
        return fail(format!(
            "`{}` {}: put it on {}, not on {}",
            key.name,
            key.doc,
            key.home.map_or_else(|| level.homes(key.places), str::to_owned),
            level.here()
        ));
    }
    if seen.iter().any(|name| name == key.name) {
        return fail(format!("`{}` is given twice; remove one", key.name));
    }
    check_shape(key.name, key.shape, item)?;
    Ok(key)
}

/// The keys other libraries (Goa, tonic, axum, serde, thiserror) spell
/// differently, and errdsl's key for each: a user writes what they know.
const SYNONYMS: &[(&[&str], &str)] = &[
    (&["status", "status_code", "http_status", "http_code"], "http"),
    (&["code", "grpc_code", "rpc_code"], "grpc"),
    (&["message", "msg", "user_message", "public_message", "display"], "user_msg"),
    (&["rename", "key", "wire_name", "wire_key"], "name"),
    (&["retry_after", "retry_in", "retry_after_seconds"], "retry_after_secs"),
    (&["transient", "retryable", "retry"], "temporary"),
    (&["internal", "server_error"], "fault"),
    (&["timed_out", "deadline"], "timeout"),
];

/// What an unknown key means in errdsl's words, for a key of another
/// library: `status = 404` is errdsl's `http = 404`.
fn by_meaning(written: &str, level: Level) -> Option<String> {
    if written == "description" || written == "doc" {
        return Some(format!(
            "errdsl takes an error's description from its doc comment: write `/// ...` above the {}, and remove `{written}`",
            if matches!(level, Level::Field { .. }) { "field" } else { "variant" }
        ));
    }
    let (_, key) = SYNONYMS.iter().find(|(names, _)| names.contains(&written))?;
    let row = KEYS.iter().find(|row| row.name == *key)?;
    if !row.places.has(level) {
        return None;
    }
    let example = match row.shape {
        Shape::Flag => (*key).to_owned(),
        shape => format!("{key} = {}", shape.example()),
    };
    Some(format!(
        "unknown key `{written}` in `#[service_error]`: errdsl's `{key}` {}, e.g. `{example}`",
        row.doc
    ))
}

/// Rule: each key's value has the shape the key takes.
fn check_shape(key: &str, shape: Shape, item: &Meta) -> Result<(), Problem> {
    let value = match item {
        Meta::NameValue(nv) => Some(ungroup(&nv.value)),
        Meta::Path(_) | Meta::List(_) => None,
    };
    let fail = |message: String| problem(item, message);
    match (shape, value) {
        (Shape::Flag, None) if matches!(item, Meta::Path(_)) => Ok(()),
        (Shape::Flag, _) => {
            let written = match item {
                Meta::NameValue(nv) => format!("{key} = {}", tidy(&nv.value)),
                _ => format!("{key}(...)"),
            };
            fail(format!("`{key}` is a flag: write `{key}`, not `{written}`"))
        }
        (Shape::Str(_), Some(Expr::Lit(ExprLit { lit: Lit::Str(_), .. }))) => Ok(()),
        (Shape::Str(example), value) => {
            // A domain is a dotted name: an unquoted one would not be valid.
            let echoed = if key == "domain" { None } else { value.and_then(plain_text) };
            let text = echoed.unwrap_or_else(|| example.to_owned());
            let message = format!("`{key}` takes a string: write `{key} = {text:?}`");
            match value {
                Some(value) => problem(value, message),
                None => fail(message),
            }
        }
        (Shape::Code, Some(value)) => check_code(value),
        (Shape::Status | Shape::Secs, Some(value)) if is_negative(value) => {
            fail(format!("`{key}` cannot be negative: write e.g. `{key} = {}`", shape.example()))
        }
        (Shape::Status, Some(value)) => check_number(key, value, &shape.example(), |text| {
            code_table::Code::from_name(text).map(|code| {
                format!(
                    "`http` takes a status number, not a gRPC code: write `grpc = {}` or a status such as `http = {}`",
                    code.name, code.http
                )
            })
        }),
        (Shape::Secs, Some(value)) => check_number(key, value, &shape.example(), |_| None),
        (Shape::Code, None) => {
            fail(format!("`{key}` takes a value: write e.g. `{key} = {}`", shape.example()))
        }
        (Shape::Status | Shape::Secs, None) => {
            fail(format!("`{key}` takes a number: write e.g. `{key} = {}`", shape.example()))
        }
    }
}

/// Rule: `grpc` is a code name, in one of the path forms [`code_name`]
/// accepts, or a number.
fn check_code(value: &Expr) -> Result<(), Problem> {
    let fail = |message: String| problem(value, message);
    match value {
        Expr::Path(path) if code_name(path).is_some() => Ok(()),
        Expr::Path(path) => {
            let last =
                path.path.segments.last().map_or_else(|| "NotFound".to_owned(), |s| s.ident.to_string());
            fail(format!(
                "`grpc` takes a code name: write `grpc = {last}` or `grpc = Code::{last}`, not `{}`",
                tidy(path)
            ))
        }
        Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) if int.base10_parse::<i64>().is_err() => fail(format!(
            "unknown gRPC code {}: codes are 1 to 16, e.g. `grpc = 3` or `grpc = InvalidArgument`",
            int.base10_digits()
        )),
        Expr::Lit(ExprLit { lit: Lit::Int(_), .. }) => Ok(()),
        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => {
            let text = s.value();
            let written = if syn::parse_str::<syn::Ident>(&text).is_ok() || text.parse::<u8>().is_ok() {
                text
            } else {
                "NotFound".to_owned()
            };
            fail(format!("`grpc` takes a code name, not a string: write `grpc = {written}`"))
        }
        _ => fail(CODE_EXAMPLE.to_owned()),
    }
}

/// Rule: `http` and `retry_after_secs` are numbers that fit in a `u64`.
/// `hint` may explain a path value (`http = NotFound`).
fn check_number(
    key: &str,
    value: &Expr,
    example: &str,
    hint: impl Fn(&str) -> Option<String>,
) -> Result<(), Problem> {
    let fail = |message: String| problem(value, message);
    match value {
        // A suffix (`404u16`) says nothing of the value: code that writes
        // errdsl's input (`quote!` of a number) has one; it is accepted.
        Expr::Lit(ExprLit { lit: Lit::Int(int), .. })
            if int.to_string().starts_with("0x")
                || int.to_string().starts_with("0o")
                || int.to_string().starts_with("0b") =>
        {
            fail(format!("write `{key}` in decimal, as people read it: `{key} = {}`", int.base10_digits()))
        }
        // An HTTP status too large is judged with the others, by `validate`.
        Expr::Lit(ExprLit { lit: Lit::Int(int), .. })
            if key == "http" || int.base10_parse::<u64>().is_ok() =>
        {
            Ok(())
        }
        Expr::Lit(ExprLit { lit: Lit::Float(float), .. }) => {
            let whole = float
                .base10_parse::<f64>()
                .map_or_else(|_| example.to_owned(), |f| format!("{}", f.ceil().max(1.0)));
            let unit = if key == "http" { "a whole status number" } else { "whole seconds" };
            fail(format!("`{key}` takes {unit}: write e.g. `{key} = {whole}`"))
        }
        Expr::Path(path) if key == "http" && is_status_constant(path) => {
            let constant = path.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            let number = code_table::http_status_named(&constant);
            let write =
                number.map_or_else(|| format!("e.g. `http = {example}`"), |n| format!("`http = {n}`"));
            fail(format!("`http` takes the status number, not an `http::StatusCode`: write {write}"))
        }
        Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) => fail(format!(
            "`{key} = {}` is more than a day ({} s), the most errdsl's clients accept; write a number of seconds such as `{key} = {example}`",
            int.base10_digits(),
            crate::wire_keys::MAX_RETRY_AFTER_SECS
        )),
        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) if s.value().trim().parse::<u64>().is_ok() => {
            fail(format!("`{key}` takes a number: write `{key} = {}`", s.value().trim()))
        }
        Expr::Path(path) if path.path.get_ident().is_some_and(|i| hint(&i.to_string()).is_some()) => {
            let ident = path.path.get_ident().map(ToString::to_string).unwrap_or_default();
            fail(hint(&ident).unwrap_or_default())
        }
        _ => fail(format!("`{key}` takes a number: write e.g. `{key} = {example}`")),
    }
}

/// Whether a number is written negative: `-1` (which syn may read as one
/// literal, spanned on the `-` alone, hence the whole `key = value` for
/// the message).
fn is_negative(value: &Expr) -> bool {
    match value {
        Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) => int.base10_digits().starts_with('-'),
        Expr::Lit(ExprLit { lit: Lit::Float(float), .. }) => float.base10_digits().starts_with('-'),
        Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), .. }) => true,
        _ => false,
    }
}

/// Whether `path` looks like one of `http::StatusCode`'s constants
/// (`NOT_FOUND`, `StatusCode::NOT_FOUND`).
fn is_status_constant(path: &ExprPath) -> bool {
    path.path
        .segments
        .last()
        .is_some_and(|last| code_table::http_status_named(&last.ident.to_string()).is_some())
}

/// The value without the invisible groups `macro_rules!` wraps it in.
fn ungroup(expr: &Expr) -> &Expr {
    match expr {
        Expr::Group(group) => ungroup(&group.expr),
        _ => expr,
    }
}

/// A value's text when quoting it makes a plausible string: `not_found`
/// for `name = not_found`, `30` for `name = 30`.
fn plain_text(value: &Expr) -> Option<String> {
    match value {
        Expr::Path(path) => path.path.get_ident().map(ToString::to_string),
        Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) => Some(int.base10_digits().to_owned()),
        Expr::Lit(ExprLit { lit: Lit::Bool(b), .. }) => Some(b.value.to_string()),
        _ => None,
    }
}
