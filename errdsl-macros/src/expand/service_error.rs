//! `impl ServiceError`: one `match` per method, constants in every arm.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use super::field_access::{format_args, transparent_call};
use super::{as_dyn_error, binding, code_expr, match_errors, where_clause};
use crate::model::{Catalog, ErrorDecl, Kind, Spec, Wire};

pub(super) fn service_error(catalog: &Catalog) -> TokenStream {
    let outline = &catalog.outline;
    let ident = &outline.ident;
    let (impl_generics, ty_generics, _) = outline.generics.split_for_impl();
    let where_clause = where_clause(outline, Vec::new());
    let method = |arm: &dyn Fn(&ErrorDecl) -> (Vec<usize>, TokenStream)| {
        match_errors(&catalog.errors, |e| Some(arm(e)))
    };

    let name = method(&|e| {
        declared(e, &quote!(name), |spec| {
            let name = &spec.name;
            quote!(#name)
        })
    });
    let code = method(&|e| decided(e, &quote!(code), constant_code, |class| quote!(#class.code)));
    let http_status = method(&|e| {
        decided(
            e,
            &quote!(http_status),
            |spec| {
                let code = constant_code(spec);
                spec.http.map_or_else(
                    || quote!(const { #code.http_status() }),
                    |status| quote!(::errdsl::__private::status::<#status>()),
                )
            },
            |class| quote!(#class.code.http_status()),
        )
    });
    let is_temporary = method(&|e| {
        decided(e, &quote!(is_temporary), |spec| bool_lit(spec.temporary), |class| quote!(#class.temporary))
    });
    let is_timeout = method(&|e| {
        decided(e, &quote!(is_timeout), |spec| bool_lit(spec.timeout), |class| quote!(#class.timeout))
    });
    let is_fault = method(&|e| match &e.kind {
        // A declared `fault` holds whatever the source says.
        Kind::Classified { spec, .. } if spec.fault => (Vec::new(), quote!(true)),
        _ => decided(
            e,
            &quote!(is_fault),
            |spec| bool_lit(spec.fault),
            |class| quote!(#class.code.is_server_side()),
        ),
    });
    let user_message = method(&|e| user_message(e));
    let retry_after = method(&|e| {
        declared(e, &quote!(retry_after), |spec| {
            if let Some(secs) = spec.retry_after_secs {
                quote!(::errdsl::__private::Some(::errdsl::__private::Duration::from_secs(#secs)))
            } else {
                quote!(::errdsl::__private::None)
            }
        })
    });
    let service = method(&|e| declared(e, &quote!(service), |spec| optional_str(spec.service.as_deref())));
    let domain = method(&|e| declared(e, &quote!(domain), |spec| optional_str(spec.domain.as_deref())));
    let docs_url = method(&|e| declared(e, &quote!(docs_url), |spec| optional_str(spec.docs_url.as_deref())));
    // An own error's spec is found in the catalog by its (static) name; a
    // transparent one's is its inner error's.
    let error_spec = method(&|e| {
        declared(e, &quote!(error_spec), |_| {
            quote!(<Self as ::errdsl::__private::Catalog>::spec(::errdsl::__private::ServiceError::name(
                self
            )))
        })
    });
    let location = method(&location);
    let wire_methods = super::wire::wire_methods(catalog);

    quote! {
        #[automatically_derived]
        impl #impl_generics ::errdsl::__private::ServiceError for #ident #ty_generics #where_clause {
            #[inline]
            fn name(&self) -> &str { #name }
            #[inline]
            fn code(&self) -> ::errdsl::__private::Code { #code }
            #[inline]
            fn http_status(&self) -> ::errdsl::__private::StatusCode { #http_status }
            #[inline]
            fn is_temporary(&self) -> bool { #is_temporary }
            #[inline]
            fn is_timeout(&self) -> bool { #is_timeout }
            #[inline]
            fn is_fault(&self) -> bool { #is_fault }
            #[inline]
            fn user_message(&self) -> ::errdsl::__private::Option<::errdsl::__private::Cow<'_, str>> { #user_message }
            #[inline]
            fn retry_after(&self) -> ::errdsl::__private::Option<::errdsl::__private::Duration> { #retry_after }
            #[inline]
            fn service(&self) -> ::errdsl::__private::Option<&str> { #service }
            #[inline]
            fn domain(&self) -> ::errdsl::__private::Option<&str> { #domain }
            #[inline]
            fn docs_url(&self) -> ::errdsl::__private::Option<&str> { #docs_url }
            #[inline]
            fn error_spec(&self) -> ::errdsl::__private::Option<&'static ::errdsl::__private::ErrorSpec> { #error_spec }
            #[inline]
            fn location(&self) -> ::errdsl::__private::Option<&'static ::core::panic::Location<'static>> { #location }
            #wire_methods
        }
    }
}

/// An arm whose body follows from the declaration, or is delegated for
/// transparent errors.
fn declared(
    error: &ErrorDecl,
    method: &TokenStream,
    body: impl Fn(&Spec) -> TokenStream,
) -> (Vec<usize>, TokenStream) {
    match &error.kind {
        Kind::Static(spec) | Kind::Classified { spec, .. } => (Vec::new(), body(spec)),
        Kind::Transparent { field, .. } => delegate(error, *field, method),
    }
}

/// An arm whose body follows from the declaration, from classifying the
/// source at run time, or is delegated.
fn decided(
    error: &ErrorDecl,
    method: &TokenStream,
    constant: impl Fn(&Spec) -> TokenStream,
    classified: impl Fn(TokenStream) -> TokenStream,
) -> (Vec<usize>, TokenStream) {
    match &error.kind {
        Kind::Static(spec) => (Vec::new(), constant(spec)),
        Kind::Classified { source, .. } => {
            let source_error = as_dyn_error(&binding(*source), &error.fields[*source].ty);
            (vec![*source], classified(quote!(::errdsl::__private::classify(#source_error))))
        }
        Kind::Transparent { field, .. } => delegate(error, *field, method),
    }
}

/// `location()`: the field that records it, a transparent variant's inner
/// error's, or none.
fn location(error: &ErrorDecl) -> (Vec<usize>, TokenStream) {
    match error.fields.iter().position(|f| f.wire == Wire::Location) {
        Some(index) => {
            let call = super::field_access::location(&error.fields[index].ty, &binding(index));
            (vec![index], quote!(::errdsl::__private::Some(#call)))
        }
        None => match &error.kind {
            Kind::Transparent { field, .. } => delegate(error, *field, &quote!(location)),
            _ => (Vec::new(), quote!(::errdsl::__private::None)),
        },
    }
}

fn delegate(error: &ErrorDecl, field: usize, method: &TokenStream) -> (Vec<usize>, TokenStream) {
    let inner = binding(field);
    let ty = &error.fields[field].ty;
    (vec![field], transparent_call(ty, &inner, method))
}

/// The declared code as a constant: looked up in the runtime's tables at
/// compile time, whatever the optimiser does with the call.
fn constant_code(spec: &Spec) -> TokenStream {
    let code = code_expr(spec.code);
    quote!(const { #code })
}

/// `Some("...")` or `None`, for a declared text.
fn optional_str(value: Option<&str>) -> TokenStream {
    value.map_or_else(|| quote!(::errdsl::__private::None), |text| quote!(::errdsl::__private::Some(#text)))
}

fn bool_lit(value: bool) -> TokenStream {
    if value { quote!(true) } else { quote!(false) }
}

/// `user_message()`: a borrowed constant, or the message formatted from the
/// fields it names; for a variant classified at run time without one, its
/// class's generic text.
fn user_message(error: &ErrorDecl) -> (Vec<usize>, TokenStream) {
    let spec = match &error.kind {
        Kind::Static(spec) | Kind::Classified { spec, .. } => spec,
        Kind::Transparent { field, .. } => return delegate(error, *field, &quote!(user_message)),
    };
    let Some(template) = &spec.user_msg else {
        return match &error.kind {
            // A foreign error's text is internal: a client sees its class's
            // generic text (a fault, the fault's).
            Kind::Classified { source, .. } if !spec.fault => {
                let source_error = as_dyn_error(&binding(*source), &error.fields[*source].ty);
                (vec![*source], quote!(::errdsl::__private::classified_user_message(#source_error)))
            }
            _ => (Vec::new(), quote!(::errdsl::__private::None)),
        };
    };
    if template.is_static() {
        let text = LitStr::new(&template.static_text(), template.lit.span());
        return (Vec::new(), quote!(::errdsl::__private::Some(::errdsl::__private::Cow::Borrowed(#text))));
    }
    let (bound, args) = format_args(error, template);
    let lit = LitStr::new(&template.rewritten, template.lit.span());
    let body = quote! {
        ::errdsl::__private::Some(::errdsl::__private::Cow::Owned(::std::format!(#lit #(, #args)*)))
    };
    (bound, body)
}
