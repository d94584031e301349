//! Tokens from the validated model. Nothing here can fail: every decision
//! was made by `validate`.

pub(crate) mod callback;
mod catalog;
mod ctor;
mod definition;
mod fallback;
mod field_access;
mod service_error;
mod wire;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;
use syn::{Member, WherePredicate};

use crate::model::{Catalog, CodeSource, ErrorDecl, Outline};

/// Everything generated for a valid declaration: for `errors!` the enum and
/// its `Display`, `Error` and `From` impls too.
pub(crate) fn expand(catalog: &Catalog) -> TokenStream {
    let definition = definition::definition(catalog);
    let service_error = service_error::service_error(catalog);
    let catalog_impl = catalog::catalog(catalog);
    let ctors = ctor::constructors(&catalog.outline);
    let try_from = wire::try_from(catalog);
    let transports = catalog.outline.transport_impls.then(|| wire::transports(&catalog.outline));
    let type_checks = type_checks(&catalog.outline);
    quote! {
        #type_checks
        #definition
        #service_error
        #catalog_impl
        #ctors
        #try_from
        #transports
    }
}

/// What is generated beside the errors of an invalid declaration: the type
/// (for `errors!`), its constructors and conversions, and stub impls, so
/// that the user reads only the real mistakes.
pub(crate) fn fallback(outline: &Outline) -> TokenStream {
    let definition = definition::outline_definition(outline);
    if outline.definition.is_some() && !outline.generics.params.is_empty() {
        // `errors!` rejects generic enums; stubs would only add noise about bounds.
        return definition;
    }
    let ctors = ctor::constructors(outline);
    let stubs = fallback::stubs(outline);
    let type_checks = type_checks(outline);
    quote! {
        #type_checks
        #definition
        #ctors
        #stubs
    }
}

/// One check per field type that only the compiler can tell is `Send +
/// Sync` ([`Outline::thread_checks`]), spanned on the type, so that one that
/// is not is one error there, in errdsl's words.
/// For a derived type without generics, the check that it is a
/// `std::error::Error`, on its name (`errors!` writes `Error` itself).
fn type_checks(outline: &Outline) -> TokenStream {
    let ident = &outline.ident;
    let std_error = (outline.definition.is_none() && outline.generics.params.is_empty())
        .then(|| quote_spanned!(ident.span()=> <#ident as ::errdsl::__private::StdError>::CHECKED));
    if outline.thread_checks.is_empty() && std_error.is_none() {
        return TokenStream::new();
    }
    let checks = outline.thread_checks.iter().map(|ty| {
        let check = quote_spanned!(ty.span()=> <#ty as ::errdsl::__private::ThreadSafe>::CHECKED);
        quote!(let () = #check;)
    });
    let std_error = std_error.map(|check| quote!(let () = #check;));
    quote!(const _: () = { #std_error #(#checks)* };)
}

/// The code as a constant expression over the runtime's tables.
pub(crate) fn code_expr(code: CodeSource) -> TokenStream {
    match code {
        CodeSource::Named(code) => {
            let code = Ident::new(code.name, Span::call_site());
            quote!(::errdsl::__private::Code::#code)
        }
        CodeSource::FromHttp(status) => quote!(::errdsl::__private::code_from_http(#status)),
    }
}

/// The local variable a field is bound to in generated `match` arms.
pub(crate) fn binding(index: usize) -> Ident {
    format_ident!("__self_{}", index, span = Span::call_site())
}

/// The field bound to `binding`, of type `ty`, as `&dyn Error`.
/// Method-call autoderef reaches the `bounds::Source` impl of the field's
/// type, or of the `dyn Error` inside a `Box`; spanned on the type, where
/// the compiler reports a type that is no error.
pub(crate) fn as_dyn_error(binding: &Ident, ty: &syn::Type) -> TokenStream {
    let call = quote_spanned!(syn::spanned::Spanned::span(ty)=> (*#binding).as_dyn_source());
    quote!({
        use ::errdsl::bounds::Source as _;
        #call
    })
}

/// A pattern matching `error`, binding the fields at `bound` to `binding(i)`.
pub(crate) fn pattern(error: &ErrorDecl, bound: &[usize]) -> TokenStream {
    let fields = bound.iter().map(|&i| {
        let (member, cfgs) = (&error.fields[i].member, &error.fields[i].cfgs);
        let binding = binding(i);
        // `{ 0: x }` matches tuple variants too, so one form serves every shape.
        let member = match member {
            Member::Named(ident) => quote!(#ident),
            Member::Unnamed(index) => quote!(#index),
        };
        quote!(#(#cfgs)* #member: #binding)
    });
    let path = if let Some(variant) = &error.variant { quote!(Self::#variant) } else { quote!(Self) };
    quote!(#path { #(#fields,)* .. })
}

/// One arm of a `match self`: the variant's `#[cfg(...)]` attributes, its
/// pattern, the fields the pattern binds, and the body.
pub(crate) struct Arm {
    pub cfgs: TokenStream,
    pub pattern: TokenStream,
    pub bound: Vec<usize>,
    pub body: TokenStream,
}

/// A `match self` over `arms`. Arms whose patterns bind nothing, under the
/// same `cfg`, and whose bodies are the same are merged, and a match whose
/// arms all merge into one without a `cfg` is just its body, so the output
/// reads like hand-written code and trips no lint such as
/// `clippy::match_same_arms`.
pub(crate) fn match_self(arms: Vec<Arm>) -> TokenStream {
    if arms.is_empty() {
        return quote!(match *self {});
    }
    let mut merged: Vec<(Vec<TokenStream>, Arm)> = Vec::new();
    // The group of each mergeable (cfg, body), by its text: one lookup per
    // arm, so that a match over a thousand variants stays linear.
    let mut groups: std::collections::HashMap<(String, String), usize> = std::collections::HashMap::new();
    for arm in arms {
        if !arm.bound.is_empty() {
            merged.push((vec![arm.pattern.clone()], arm));
            continue;
        }
        let key = (arm.cfgs.to_string(), arm.body.to_string());
        if let Some(&group) = groups.get(&key) {
            merged[group].0.push(arm.pattern);
        } else {
            groups.insert(key, merged.len());
            merged.push((vec![arm.pattern.clone()], arm));
        }
    }
    if let [(_, arm)] = merged.as_slice()
        && arm.bound.is_empty()
        && arm.cfgs.is_empty()
    {
        return arm.body.clone();
    }
    let arms =
        merged.into_iter().map(|(patterns, Arm { cfgs, body, .. })| quote!(#cfgs #(#patterns)|* => #body,));
    quote!(match self { #(#arms)* })
}

/// `match self` with one arm per error that `arm` returns a body for: the
/// fields it binds and the expression.
pub(crate) fn match_errors(
    errors: &[ErrorDecl],
    arm: impl Fn(&ErrorDecl) -> Option<(Vec<usize>, TokenStream)>,
) -> TokenStream {
    let arms = errors
        .iter()
        .filter_map(|error| {
            let (bound, body) = arm(error)?;
            let cfgs = &error.cfgs;
            Some(Arm { cfgs: quote!(#(#cfgs)*), pattern: pattern(error, &bound), bound, body })
        })
        .collect();
    match_self(arms)
}

/// The type's own `where` predicates, the outline's bounds, and `more`.
pub(crate) fn where_clause(outline: &Outline, more: Vec<WherePredicate>) -> Option<syn::WhereClause> {
    let own = outline.generics.where_clause.as_ref();
    let mut predicates: Vec<WherePredicate> =
        own.map(|w| w.predicates.iter().cloned().collect()).unwrap_or_default();
    predicates.extend(outline.bounds.iter().cloned());
    predicates.extend(more);
    if predicates.is_empty() { None } else { Some(syn::parse_quote!(where #(#predicates),*)) }
}
