//! The macros never panic, whatever tokens they get: every valid sample
//! below is mutated token by token (each token dropped, each token doubled,
//! each pair swapped) and both front ends must answer with tokens.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

fn samples() -> Vec<TokenStream> {
    vec![
        quote! {
            #[service_error(service = "divider", grpc = Internal)]
            pub enum DivideError {
                /// Docs.
                #[error("cannot divide {dividend} by zero")]
                #[service_error(grpc = InvalidArgument, user_msg = "Can't divide {dividend:>4} by {0}.")]
                DivByZero { dividend: i64 },
                #[service_error(temporary, http = 503, retry_after_secs = 30, name = "maint")]
                Maintenance,
                #[service_error(classify, fault)]
                Storage(#[source] std::io::Error),
                #[service_error(transparent)]
                Auth(AuthError),
            }
        },
        quote! {
            #[error("quota {used}/{limit}")]
            #[service_error(grpc = 8, temporary, user_msg = "Used {used}.")]
            pub struct Quota<T: Send> where T: Sync { used: u32, limit: T }
        },
    ]
}

fn catalog_sample() -> TokenStream {
    quote! {
        pub enum ApiError {
            #[error("authentication required")]
            #[service_error(grpc = Unauthenticated)]
            Unauthorized,
        }
        #[service_error(service = "divider")]
        pub enum DividerError: ApiError {
            #[error("divider is in maintenance {0}")]
            #[service_error(temporary, http = 503, retry_after_secs = 30)]
            Maintenance(#[from] std::io::Error),
        }
    }
}

/// Every variation of `tokens` that drops, doubles or swaps one top-level
/// or nested token.
fn mutations(tokens: &TokenStream) -> Vec<TokenStream> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut out = Vec::new();
    for i in 0..trees.len() {
        let mut dropped = trees.clone();
        dropped.remove(i);
        out.push(dropped.into_iter().collect());
        let mut doubled = trees.clone();
        doubled.insert(i, trees[i].clone());
        out.push(doubled.into_iter().collect());
        if i + 1 < trees.len() {
            let mut swapped = trees.clone();
            swapped.swap(i, i + 1);
            out.push(swapped.into_iter().collect());
        }
        if let TokenTree::Group(group) = &trees[i] {
            for inner in mutations(&group.stream()) {
                let mut nested = trees.clone();
                nested[i] = TokenTree::Group(proc_macro2::Group::new(group.delimiter(), inner));
                out.push(nested.into_iter().collect());
            }
        }
    }
    out
}

#[test]
fn derive_answers_every_mutated_input() {
    for sample in samples() {
        assert!(!crate::derive::derive(sample.clone()).is_empty());
        for input in mutations(&sample) {
            let output = crate::derive::derive(input.clone());
            assert!(!output.is_empty(), "no output for {input}");
        }
    }
}

#[test]
fn errors_answers_every_mutated_input() {
    let sample = catalog_sample();
    let valid = crate::errors_macro::errors(sample.clone()).to_string();
    assert!(!valid.contains("compile_error"), "{valid}");
    for input in mutations(&sample) {
        let output = crate::errors_macro::errors(input.clone());
        assert!(!output.is_empty(), "no output for {input}");
    }
}
