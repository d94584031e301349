//! The `#[derive(ServiceError)]` front end: parse, validate, expand.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::expand::{self, Shape};
use crate::model::{Field, Wire};
use crate::validate::validate;

/// Expands `#[derive(ServiceError)]` on `input`: the impls, or the errors
/// found and stub impls beside them.
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
    let ast = Input::from_syn(&input, &mut cx);
    let catalog = validate(&ast, &mut cx);
    match (catalog, cx.finish()) {
        (Some(catalog), Ok(())) => expand::derive(&catalog),
        (_, result) => {
            let errors = result.err().map(|e| e.to_compile_error());
            let fallback = expand::fallback(&ast);
            let ctors = expand::constructors(&shape_of(&ast));
            quote!(#errors #fallback #ctors)
        }
    }
}

/// The variants and fields of unvalidated input, for the fallback's constructors.
fn shape_of<'a>(ast: &'a Input<'a>) -> Shape<'a> {
    let variants = ast.errors.iter().filter_map(|error| {
        let fields = error.fields.iter().map(|f| Field {
            member: f.member.clone(),
            ty: f.ty.clone(),
            wire: Wire::Local,
        });
        Some((error.variant?, fields.collect()))
    });
    Shape { ident: ast.ident, generics: ast.generics, vis: ast.vis, variants: variants.collect() }
}
