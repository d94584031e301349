//! The two front ends, called outside the compiler: valid samples expand to
//! code that parses as a Rust file and holds no `compile_error!`; invalid
//! ones to `compile_error!`s beside a fallback that parses too.

mod samples;

use proc_macro2::TokenStream;
use quote::quote;

/// Parses `output` as a file, with the tokens in the message if it fails.
fn parse_file(output: TokenStream) -> syn::File {
    let text = output.to_string();
    syn::parse2(output).unwrap_or_else(|err| panic!("not a Rust file ({err}): {text}"))
}

#[test]
fn valid_samples_expand_to_rust_files() {
    let holes = samples::valid();
    for (what, output) in [
        ("derive enum", errdsl_macros_internals::derive(samples::derive_enum(&holes))),
        ("derive struct", errdsl_macros_internals::derive(samples::derive_struct(&holes))),
        ("errors!", errdsl_macros_internals::errors(samples::catalog(&holes))),
    ] {
        let text = output.to_string();
        assert!(!text.contains("compile_error"), "{what}: {text}");
        let file = parse_file(output);
        assert!(!file.items.is_empty(), "{what}: no items");
    }
}

#[test]
fn the_derive_writes_the_catalog_and_constructors() {
    let file = parse_file(errdsl_macros_internals::derive(samples::derive_enum(&samples::valid())));
    let text = quote!(#file).to_string();
    for expected in ["ServiceError for DivideError", "Catalog for DivideError", "fn div_by_zero", "\"maint\""]
    {
        assert!(text.contains(expected), "no `{expected}` in {text}");
    }
}

#[test]
fn errors_declares_the_enums() {
    let file = parse_file(errdsl_macros_internals::errors(samples::catalog(&samples::valid())));
    let enums: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Enum(item) => Some(item.ident.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(enums, ["ApiError", "DividerError"]);
}

#[test]
fn mistakes_are_compile_errors_beside_a_fallback() {
    let mut holes = samples::valid();
    holes[1] = quote!(grpc = NoSuchCode, htp = 404);
    for output in [
        errdsl_macros_internals::derive(samples::derive_enum(&holes)),
        errdsl_macros_internals::errors(samples::catalog(&holes)),
    ] {
        let text = output.to_string();
        assert!(text.contains("compile_error"), "{text}");
        parse_file(output);
    }
    let output = errdsl_macros_internals::derive(quote!(union U { a: u8 }));
    assert!(output.to_string().contains("not for unions"), "{output}");
}
