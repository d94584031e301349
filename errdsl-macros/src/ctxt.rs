//! The error context: every stage pushes its errors here, so that one
//! compilation reports all the mistakes of an input, not just the first.

use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;

/// Collects errors; `finish` combines them into one `syn::Error`.
///
/// Dropping a context without calling `finish` is a bug (its errors would be
/// lost silently), so it panics, as `serde_derive`'s does: the fuzz and unit
/// tests catch a path that forgets.
pub(crate) struct Ctxt {
    /// `None` once finished.
    errors: Option<Vec<syn::Error>>,
}

impl Ctxt {
    pub(crate) fn new() -> Self {
        Ctxt { errors: Some(Vec::new()) }
    }

    fn push(&mut self, error: syn::Error) {
        self.errors.get_or_insert_with(Vec::new).push(error);
    }

    /// An error on the tokens of `node`.
    pub(crate) fn error_at(&mut self, node: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(node.into_token_stream(), message));
    }

    /// An error at `span`.
    pub(crate) fn error_span(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// An error as syn made it (its span may cover several tokens).
    pub(crate) fn syn_error(&mut self, error: syn::Error) {
        self.push(error);
    }

    /// Errors darling found while parsing attributes.
    pub(crate) fn darling(&mut self, error: darling::Error) {
        self.push(error.into());
    }

    /// The value of a darling result, recording its error.
    pub(crate) fn handle<T>(&mut self, result: darling::Result<T>) -> Option<T> {
        result.map_err(|error| self.darling(error)).ok()
    }

    /// Whether no error has been recorded so far.
    pub(crate) fn is_clean(&self) -> bool {
        self.errors.as_ref().is_none_or(Vec::is_empty)
    }

    /// All recorded errors as one, in the order of their place in the
    /// source (rules run in their own order), or `Ok` when there were none.
    pub(crate) fn finish(mut self) -> syn::Result<()> {
        let mut errors = self.errors.take().unwrap_or_default();
        // Where the compiler gives no location (before Rust 1.88, or
        // outside a macro), every key is equal and the order stays the
        // rules' order.
        errors.sort_by_key(|error| {
            let start = error.span().start();
            (start.line, start.column)
        });
        let mut errors = errors.into_iter();
        let Some(mut first) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            first.combine(error);
        }
        Err(first)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        assert!(
            self.errors.is_none() || std::thread::panicking(),
            "errdsl-macros bug: an error context was dropped without `finish`"
        );
    }
}
