//! Property tests of both front ends: arbitrary token streams, and valid
//! samples with arbitrary tokens spliced into their attributes and headers.
//! Whatever the input, a macro answers with tokens and never panics; its
//! answer, `compile_error!`s and fallback included, parses as a Rust file.
//!
//! 48 cases per property by default, so that `cargo test` stays quick; set
//! `PROPTEST_CASES` for more (`PROPTEST_CASES=5000 cargo test -p
//! errdsl-macros-internals --test properties --release`).

mod samples;

use std::ffi::CString;
use std::str::FromStr;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Cases per property when `PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 48;

fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = DEFAULT_CASES;
    }
    config
}

/// Words the macros treat specially, and Rust keywords.
const WORDS: &[&str] = &[
    // Keys of `#[service_error(...)]`, on every level.
    "service",
    "export",
    "grpc",
    "http",
    "temporary",
    "timeout",
    "fault",
    "user_msg",
    "retry_after_secs",
    "name",
    "classify",
    "transparent",
    "wire",
    "default",
    // Attributes and field names that matter.
    "error",
    "service_error",
    "source",
    "from",
    "backtrace",
    "doc",
    "derive",
    "error_name",
    // gRPC codes.
    "Ok",
    "Cancelled",
    "Unknown",
    "InvalidArgument",
    "DeadlineExceeded",
    "NotFound",
    "AlreadyExists",
    "PermissionDenied",
    "ResourceExhausted",
    "FailedPrecondition",
    "Aborted",
    "OutOfRange",
    "Unimplemented",
    "Internal",
    "Unavailable",
    "DataLoss",
    "Unauthenticated",
    // Rust keywords and names the generated code uses.
    "pub",
    "crate",
    "self",
    "Self",
    "super",
    "enum",
    "struct",
    "union",
    "where",
    "for",
    "impl",
    "fn",
    "type",
    "const",
    "static",
    "mod",
    "use",
    "as",
    "in",
    "dyn",
    "async",
    "move",
    "ref",
    "mut",
    "_",
    "Option",
    "Some",
    "None",
    "Result",
    "Err",
    "core",
    "std",
    "errdsl",
    "__private",
    "__errdsl_parent",
];

/// Strings with format braces, escapes and other oddities.
const ODD_STRINGS: &[&str] = &[
    "",
    "{",
    "}",
    "{}",
    "{{",
    "}}",
    "{0}",
    "{1}",
    "{99999999999999999999}",
    "{dividend}",
    "{dividend:>4}",
    "{dividend:.2$}",
    "{:?}",
    "{0:#x}",
    "{missing}",
    "{self}",
    "{ dividend }",
    "{dividend",
    "dividend}",
    "}{",
    "{{dividend}}",
    "{{{dividend}}}",
    "{r#type}",
    "{0.1}",
    "\\",
    "\"",
    "\0",
    "\u{202e}",
    "é{é}",
    "a\nb",
    "divider",
    "not_a_code",
    "urn:errdsl:error:x",
];

fn ident() -> impl Strategy<Value = TokenTree> {
    prop_oneof![
        3 => proptest::sample::select(WORDS).prop_map(|word| Ident::new(word, Span::call_site())),
        1 => "[a-zA-Z][a-zA-Z0-9_]{0,8}".prop_map(|word| Ident::new(&word, Span::call_site())),
        1 => "[a-z][a-z0-9_]{0,8}".prop_filter("a raw identifier", |word| {
            !matches!(word.as_str(), "self" | "super" | "crate")
        })
        .prop_map(|word| Ident::new_raw(&word, Span::call_site())),
    ]
    .prop_map(TokenTree::Ident)
}

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(ODD_STRINGS).prop_map(str::to_owned),
        any::<String>(),
        "[{}a-z0-9:.>]{0,12}",
    ]
}

fn literal() -> impl Strategy<Value = TokenTree> {
    prop_oneof![
        any::<u128>().prop_map(Literal::u128_unsuffixed),
        Just(Literal::u128_unsuffixed(u128::MAX)),
        any::<i64>().prop_map(Literal::i64_suffixed),
        (0u16..1000).prop_map(Literal::u16_unsuffixed),
        any::<u8>().prop_map(Literal::u8_suffixed),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Literal::f64_unsuffixed),
        any::<f32>().prop_filter("finite", |f| f.is_finite()).prop_map(Literal::f32_suffixed),
        // Numbers as written: huge, suffixed oddly, in other bases.
        proptest::sample::select(
            &[
                "99999999999999999999999999999999999999999",
                "0x1F",
                "0b1_0",
                "1_000u16",
                "503u64",
                "1e309",
                "3i8",
                "404usize",
                "0",
                "00",
            ][..]
        )
        .prop_map(|text| Literal::from_str(text).unwrap()),
        string().prop_map(|text| Literal::string(&text)),
        string().prop_map(|text| Literal::byte_string(text.as_bytes())),
        "[a-z{}]{0,8}".prop_map(|text| Literal::c_string(&CString::new(text).unwrap())),
        any::<char>().prop_map(Literal::character),
        any::<u8>().prop_map(Literal::byte_character),
    ]
    .prop_map(TokenTree::Literal)
}

fn punct() -> impl Strategy<Value = TokenTree> {
    let chars: Vec<char> = "+-*/%^!&|=<>@.,;:#$?~'".chars().collect();
    (proptest::sample::select(chars), any::<bool>())
        .prop_map(|(ch, joint)| Punct::new(ch, if joint { Spacing::Joint } else { Spacing::Alone }))
        .prop_map(TokenTree::Punct)
}

fn delimiter() -> impl Strategy<Value = Delimiter> {
    prop_oneof![
        Just(Delimiter::Parenthesis),
        Just(Delimiter::Brace),
        Just(Delimiter::Bracket),
        Just(Delimiter::None),
    ]
}

/// Any token tree: identifiers, literals and punctuation, in groups nested
/// up to four deep.
fn tree() -> impl Strategy<Value = TokenTree> {
    let leaf = prop_oneof![4 => ident(), 2 => literal(), 3 => punct()];
    leaf.prop_recursive(4, 48, 8, |inner| {
        (delimiter(), prop::collection::vec(inner, 0..8)).prop_map(|(delimiter, trees)| {
            TokenTree::Group(Group::new(delimiter, trees.into_iter().collect()))
        })
    })
}

fn stream() -> impl Strategy<Value = TokenStream> {
    prop::collection::vec(tree(), 0..16).prop_map(|trees| trees.into_iter().collect())
}

/// Attribute contents shaped like errdsl's: `key`, `key = value` or
/// `key(...)`, comma-separated, with keys and values mostly meaningful.
fn keyed() -> impl Strategy<Value = TokenStream> {
    let item = (
        ident(),
        prop_oneof![
            Just(None),
            prop_oneof![literal(), ident()].prop_map(|value| Some((true, TokenStream::from(value)))),
            stream().prop_map(|inner| Some((false, inner))),
        ],
    )
        .prop_map(|(key, value)| {
            let mut out = TokenStream::from(key);
            match value {
                None => {}
                Some((true, value)) => {
                    out.extend([TokenTree::Punct(Punct::new('=', Spacing::Alone))]);
                    out.extend(value);
                }
                Some((false, inner)) => {
                    out.extend([TokenTree::Group(Group::new(Delimiter::Parenthesis, inner))]);
                }
            }
            out
        });
    (prop::collection::vec(item, 0..5), any::<bool>()).prop_map(|(items, trailing)| {
        let mut out = TokenStream::new();
        let count = items.len();
        for (i, item) in items.into_iter().enumerate() {
            out.extend(item);
            if i + 1 < count || trailing {
                out.extend([TokenTree::Punct(Punct::new(',', Spacing::Alone))]);
            }
        }
        out
    })
}

/// What to put in one hole: what makes the sample valid, errdsl-shaped
/// contents, or any tokens.
fn hole(valid: TokenStream) -> impl Strategy<Value = TokenStream> {
    prop_oneof![2 => Just(valid), 3 => keyed(), 2 => stream()]
}

/// The holes of a sample, each filled by [`hole`].
fn holes() -> impl Strategy<Value = samples::Holes> {
    let [container, variant, error, field, header, vis] = samples::valid();
    (hole(container), hole(variant), hole(error), hole(field), hole(header), hole(vis)).prop_map(
        |(container, variant, error, field, header, vis)| [container, variant, error, field, header, vis],
    )
}

/// Checks what a macro answered to `input`: tokens (unless there were none
/// to read: `errors! {}` declares nothing), which parse as a file.
fn check(output: &TokenStream, input: &TokenStream) -> Result<(), TestCaseError> {
    prop_assert!(!output.is_empty() || is_blank(input), "no tokens for {input}");
    let parsed = syn::parse2::<syn::File>(output.clone());
    prop_assert!(parsed.is_ok(), "{:?}: {output}\nfor {input}", parsed.err());
    Ok(())
}

/// Whether `tokens` hold nothing but invisible groups of nothing.
fn is_blank(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().all(|tree| match tree {
        TokenTree::Group(group) => group.delimiter() == Delimiter::None && is_blank(&group.stream()),
        _ => false,
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn derive_answers_any_tokens(input in stream()) {
        check(&errdsl_macros_internals::derive(input.clone()), &input)?;
    }

    #[test]
    fn errors_answers_any_tokens(input in stream()) {
        check(&errdsl_macros_internals::errors(input.clone()), &input)?;
    }

    #[test]
    fn derive_answers_spliced_enums(holes in holes()) {
        let input = samples::derive_enum(&holes);
        check(&errdsl_macros_internals::derive(input.clone()), &input)?;
    }

    #[test]
    fn derive_answers_spliced_structs(holes in holes()) {
        let input = samples::derive_struct(&holes);
        check(&errdsl_macros_internals::derive(input.clone()), &input)?;
    }

    #[test]
    fn errors_answers_spliced_catalogs(holes in holes()) {
        let input = samples::catalog(&holes);
        check(&errdsl_macros_internals::errors(input.clone()), &input)?;
    }

    /// Enum-level keys spliced into the derive and errors! alike, the rest
    /// valid: the paths that get furthest into validation.
    #[test]
    fn both_answer_spliced_keys(container in keyed(), variant in keyed()) {
        let mut holes = samples::valid();
        holes[0] = container;
        holes[1] = variant;
        let input = samples::derive_enum(&holes);
        check(&errdsl_macros_internals::derive(input.clone()), &input)?;
        let input = samples::catalog(&holes);
        check(&errdsl_macros_internals::errors(input.clone()), &input)?;
    }
}
