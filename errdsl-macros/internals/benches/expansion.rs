//! How long `errors!` takes to expand catalogs of 10, 100 and 1,000 errors:
//! the macro's own code, timed through `errdsl-macros-internals` (the same
//! source files as the proc-macro crate), outside the compiler.
//!
//! ```text
//! cargo bench -p errdsl-macros-internals --bench expansion
//! ```
//!
//! Each catalog is two enums, `ApiError` with the first half of the errors
//! and `ServiceError: ApiError` with the second half (so the child declares
//! every error again, inherited), the eight kinds of error of
//! `tests/build.rs` in turn. Beside each expansion, as a yardstick, the time
//! `syn` takes to parse the expanded tokens as a `syn::File`: the least any
//! code of that size costs a proc macro that reads it.

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The 16 gRPC codes, by name.
const CODES: [&str; 16] = [
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
];

/// HTTP statuses `http = ...` cycles through.
const STATUSES: [u16; 8] = [400, 401, 403, 404, 409, 422, 429, 503];

/// Error `i`, of kind `i % 8`, as a variant of an `errors!` enum.
fn variant(i: usize) -> TokenStream {
    let round = i / 8;
    let doc = format!("Error {i}.");
    match i % 8 {
        0 => {
            let ident = format_ident!("Invalid{i}");
            let code = format_ident!("{}", CODES[round % 16]);
            let display = format!("invalid request {i}");
            quote! { #[doc = #doc] #[error(#display)] #[service_error(grpc = #code)] #ident }
        }
        1 => {
            let ident = format_ident!("Missing{i}");
            let code = u8::try_from(round % 16 + 1).unwrap();
            let display = format!("missing {{0}} in {{1}} ({i})");
            quote! {
                #[doc = #doc] #[error(#display)]
                #[service_error(grpc = #code, user_msg = "Nothing numbered {0} in {1}.")]
                #ident(u32, String)
            }
        }
        2 => {
            let ident = format_ident!("Conflict{i}");
            let status = STATUSES[round % STATUSES.len()];
            let display = format!("conflict {i} on {{item_id}} (owner {{owner}})");
            quote! {
                #[doc = #doc] #[error(#display)]
                #[service_error(http = #status, user_msg = "Item {item_id} belongs to {owner}.")]
                #ident { item_id: u64, owner: String }
            }
        }
        3 => {
            let ident = format_ident!("Busy{i}");
            let secs = i % 60 + 1;
            let display = format!("busy {i}");
            quote! { #[doc = #doc] #[error(#display)] #[service_error(temporary, retry_after_secs = #secs)] #ident }
        }
        4 => {
            let ident = format_ident!("Broken{i}");
            let display = format!("broken {i}: {{detail}}");
            quote! { #[doc = #doc] #[error(#display)] #[service_error(fault)] #ident { detail: String } }
        }
        5 => {
            let ident = format_ident!("Slow{i}");
            let display = format!("slow {i}: {{0}} ms");
            quote! { #[doc = #doc] #[error(#display)] #[service_error(timeout)] #ident(u64) }
        }
        6 => {
            let ident = format_ident!("Denied{i}");
            let display = format!("{{user}} denied ({i})");
            quote! {
                #[doc = #doc] #[error(#display)]
                #[service_error(grpc = PermissionDenied, http = 403, user_msg = "{user} may not do this.")]
                #ident { user: String }
            }
        }
        _ => {
            let ident = format_ident!("Custom{i}");
            let name = format!("custom_wire_{i}");
            let display = format!("custom {i}");
            quote! {
                #[doc = #doc] #[error(#display)]
                #[service_error(grpc = Aborted, temporary, name = #name)]
                #ident
            }
        }
    }
}

/// The input of an `errors!` declaring `n` errors.
fn catalog(n: usize) -> TokenStream {
    let api = (0..n / 2).map(variant);
    let service = (n / 2..n).map(variant);
    quote! {
        /// Errors every service may return.
        pub enum ApiError { #(#api,)* }
        /// Errors of one service.
        #[service_error(service = "svc")]
        pub enum ServiceError: ApiError { #(#service,)* }
    }
}

fn expansion(c: &mut Criterion) {
    let mut group = c.benchmark_group("errors");
    for n in [10, 100, 1000] {
        let input = catalog(n);
        let output = errdsl_macros_internals::errors(input.clone());
        let text = output.to_string();
        assert!(!text.contains("compile_error"), "the catalog of {n} errors is invalid: {text}");
        group.bench_with_input(BenchmarkId::new("expand", n), &input, |b, input| {
            b.iter_batched(
                || input.clone(),
                |input| black_box(errdsl_macros_internals::errors(input)),
                BatchSize::LargeInput,
            );
        });
        group.bench_with_input(BenchmarkId::new("parse_output", n), &output, |b, output| {
            b.iter_batched(
                || output.clone(),
                |output| black_box(syn::parse2::<syn::File>(output).unwrap()),
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = expansion
}
criterion_main!(benches);
