//! The `#[derive(ServiceError)]` front end: parse and lower; `validate`
//! checks, `expand` writes.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::expand;
use crate::lower;
use crate::validate::validate;

/// Expands `#[derive(ServiceError)]` on `input`: the impls, or the errors
/// found and the fallback beside them.
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    if let syn::Data::Union(data) = &input.data {
        let message = "`ServiceError` can be derived for enums and structs, not for unions";
        return syn::Error::new_spanned(data.union_token, message).to_compile_error();
    }
    let mut cx = Ctxt::new();
    let mut ast = Input::from_syn(&input, &mut cx);
    // thiserror, which implements `Error` beside this derive, checks them.
    ast.source_checked_elsewhere = true;
    let outline = lower::outline(&ast);
    let catalog = validate(&ast, outline.clone(), &mut cx);
    match (catalog, cx.finish()) {
        (Some(catalog), Ok(())) => expand::expand(&catalog),
        (_, result) => {
            let errors = result.err().map(|e| e.to_compile_error());
            let fallback = expand::fallback(&lower::without_clashes(outline));
            quote!(#errors #fallback)
        }
    }
}
