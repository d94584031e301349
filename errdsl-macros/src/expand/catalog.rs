//! `impl Catalog`: the static list of every error the type can be.

use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned};

use super::code_expr;
use crate::model::{Catalog, ErrorDecl, Kind, Spec, Wire};
use crate::suggest::tidy;

pub(super) fn catalog(catalog: &Catalog) -> TokenStream {
    let outline = &catalog.outline;
    let ident = &outline.ident;
    let (impl_generics, ty_generics, where_clause) = outline.generics.split_for_impl();

    // Runs of own specs, split by the catalogs of transparent variants' types
    // (marked `true`).
    let mut parts: Vec<TokenStream> = Vec::new();
    let mut run: Vec<TokenStream> = Vec::new();
    for error in &catalog.errors {
        // A cfg'd variant is a part of its own, empty when compiled out.
        if let (false, Some(spec)) = (error.cfgs.is_empty(), error.spec()) {
            if !run.is_empty() {
                parts.push(quote!((&[#(#run),*], false)));
                run.clear();
            }
            let spec = spec_expr(error, spec, matches!(error.kind, Kind::Classified { .. }));
            let (cfgs, not_cfgs) = (&error.cfgs, negated(&error.cfgs));
            parts.push(quote!(({
                #(#cfgs)*
                const PART: &[::errdsl::__private::ErrorSpec] = &[#spec];
                #not_cfgs
                const PART: &[::errdsl::__private::ErrorSpec] = &[];
                PART
            }, false)));
            continue;
        }
        match &error.kind {
            Kind::Static(spec) => run.push(spec_expr(error, spec, false)),
            Kind::Classified { spec, .. } => run.push(spec_expr(error, spec, true)),
            Kind::Transparent { field, in_catalog } => {
                let ty = &error.fields[*field].ty;
                if *in_catalog {
                    if !run.is_empty() {
                        parts.push(quote!((&[#(#run),*], false)));
                        run.clear();
                    }
                    parts.push(quote!((<#ty as ::errdsl::__private::Transparent>::ERRORS, true)));
                }
            }
        }
    }

    let combined = !parts.is_empty();
    let errors = if combined {
        if !run.is_empty() {
            parts.push(quote!((&[#(#run),*], false)));
        }
        let lengths = parts.iter().map(|part| quote!((#part).0.len()));
        quote! {{
            const LEN: usize = 0 #(+ #lengths)*;
            const ERRORS: [::errdsl::__private::ErrorSpec; LEN] =
                ::errdsl::__private::concat_catalogs::<LEN>(&[#(#parts),*]);
            &ERRORS
        }}
    } else {
        quote!(&[#(#run),*])
    };

    // A combined catalog is checked for duplicate names when it is evaluated;
    // evaluate it now, so the check runs even if nothing reads the catalog.
    let force = (outline.generics.params.is_empty() && combined).then(|| {
        quote! {
            const _: usize = <#ident as ::errdsl::__private::Catalog>::ERRORS.len();
        }
    });
    let own_vs_inner = own_names_not_inner(catalog);
    let inner_vs_inner = inner_names_apart(catalog);

    quote! {
        #[automatically_derived]
        impl #impl_generics ::errdsl::__private::Catalog for #ident #ty_generics #where_clause {
            const ERRORS: &'static [::errdsl::__private::ErrorSpec] = #errors;
        }
        #force
        #(#own_vs_inner)*
        #(#inner_vs_inner)*
    }
}

/// One `#[cfg(...)]` that holds exactly when one of `cfgs` does not.
fn negated(cfgs: &[syn::Attribute]) -> TokenStream {
    let predicates = cfgs.iter().filter_map(|attr| attr.parse_args::<TokenStream>().ok());
    quote!(#[cfg(not(all(#(#predicates),*)))])
}

/// Rule (checked at compile time, where the inner catalogs are known): no
/// own wire name is declared again by the type of a transparent variant in
/// the catalog. One assertion per own name and inner type, whose message
/// names both, spanned on the own name.
fn own_names_not_inner(catalog: &Catalog) -> Vec<TokenStream> {
    let ident = &catalog.outline.ident;
    let inners: Vec<(&syn::Type, &Ident)> = catalog
        .errors
        .iter()
        .filter_map(|error| match (&error.kind, &error.variant) {
            (Kind::Transparent { field, in_catalog: true }, Some(variant)) => {
                Some((&error.fields[*field].ty, variant))
            }
            _ => None,
        })
        .collect();
    let mut checks = Vec::new();
    for error in &catalog.errors {
        let (Some(spec), Some(variant)) = (error.spec(), &error.variant) else { continue };
        for (ty, inner_variant) in &inners {
            let name = &spec.name;
            let message = format!(
                "errdsl: wire name `{name}` of `{ident}::{variant}` is also declared by `{}`, inside transparent variant `{inner_variant}`; rename one with `name = \"...\"`",
                tidy(ty)
            );
            let cfgs = &error.cfgs;
            checks.push(quote_spanned! {spec.name_span=>
                #(#cfgs)*
                const _: () = if ::errdsl::__private::specs_contain(
                    <#ty as ::errdsl::__private::Transparent>::ERRORS,
                    #name,
                ) {
                    ::core::panic!("{}", #message)
                };
            });
        }
    }
    checks
}

/// Rule (checked at compile time): the types of two transparent variants in
/// the catalog declare no wire name in common. One assertion per pair,
/// whose message names the shared name, both types and both variants,
/// spanned on the second type.
fn inner_names_apart(catalog: &Catalog) -> Vec<TokenStream> {
    let ident = &catalog.outline.ident;
    let inners: Vec<(&syn::Type, &Ident, &[syn::Attribute])> = catalog
        .errors
        .iter()
        .filter_map(|error| match (&error.kind, &error.variant) {
            (Kind::Transparent { field, in_catalog: true }, Some(variant)) => {
                Some((&error.fields[*field].ty, variant, error.cfgs.as_slice()))
            }
            _ => None,
        })
        .collect();
    let mut checks = Vec::new();
    for (i, (second, second_variant, second_cfgs)) in inners.iter().enumerate() {
        for (first, first_variant, first_cfgs) in &inners[..i] {
            let before = "errdsl: wire name `";
            let after = format!(
                "` is declared by both `{}` (inside transparent variant `{ident}::{first_variant}`) and `{}` (inside `{ident}::{second_variant}`); rename it in one of their declarations",
                tidy(first),
                tidy(second)
            );
            checks.push(quote_spanned! {syn::spanned::Spanned::span(second)=>
                #(#first_cfgs)*
                #(#second_cfgs)*
                const _: () = if let ::errdsl::__private::Some(name) = ::errdsl::__private::shared_name(
                    <#first as ::errdsl::__private::Transparent>::ERRORS,
                    <#second as ::errdsl::__private::Transparent>::ERRORS,
                ) {
                    let message = ::errdsl::__private::Message::new().push(#before).push(name).push(#after);
                    ::core::panic!("{}", message.as_str())
                };
            });
        }
    }
    checks
}

/// `ErrorSpec::new(..).with_..(..)`, setting only what differs from the
/// defaults; the status follows the code by the runtime's table unless declared.
fn spec_expr(error: &ErrorDecl, spec: &Spec, classified: bool) -> TokenStream {
    let (name, description) = (&spec.name, &error.description);
    let code = code_expr(spec.code);
    let mut expr = quote!(::errdsl::__private::ErrorSpec::new(#name, #code));
    if !description.is_empty() {
        expr = quote!(#expr.with_description(#description));
    }
    if let Some(service) = &spec.service {
        expr = quote!(#expr.with_service(#service));
    }
    if let Some(docs_url) = &spec.docs_url {
        expr = quote!(#expr.with_docs_url(#docs_url));
    }
    if let Some(domain) = &spec.domain {
        expr = quote!(#expr.with_domain(#domain));
    }
    if let Some(http) = spec.http {
        expr = quote!(#expr.with_http_status(::errdsl::__private::status::<#http>()));
    }
    for (set, method) in [
        (spec.temporary, quote!(with_temporary)),
        (spec.timeout, quote!(with_timeout)),
        (spec.fault, quote!(with_fault)),
        (classified, quote!(with_classified)),
    ] {
        if set {
            expr = quote!(#expr.#method(true));
        }
    }
    if let Some(template) = &spec.user_msg {
        let text = template.lit.value();
        expr = quote!(#expr.with_user_message(#text));
    }
    if let Some(secs) = spec.retry_after_secs {
        expr = quote!(#expr.with_retry_after_secs(#secs));
    }
    let wire_fields = error.travelling_fields();
    if !wire_fields.is_empty() {
        let fields = wire_fields.iter().map(|(field, json_type)| {
            let (name, cfgs) = (field.wire_name(), &field.cfgs);
            let tokens = json_type.tokens();
            let mut field_expr = quote!(::errdsl::__private::WireField::new(#name, #tokens));
            if let Some(proto_type) = crate::json_type::proto_type(&field.ty, *json_type) {
                field_expr = quote!(#field_expr.with_proto_type(#proto_type));
            }
            quote!(#(#cfgs)* #field_expr)
        });
        expr = quote!(#expr.with_wire_fields(&[#(#fields),*]));
    }
    if error.fields.iter().any(|field| field.wire == Wire::Violations) {
        expr = quote!(#expr.with_field_violations(true));
    }
    if let Some(body) = &spec.custom_body {
        let name_member = body.name_member.as_ref().map_or_else(
            || quote!(::errdsl::__private::None),
            |member| quote!(::errdsl::__private::Some(#member)),
        );
        expr = quote!(#expr.with_body(::errdsl::__private::BodyShape::Custom { name_member: #name_member }));
        if let Some(message) = &body.grpc_message {
            expr = quote!(#expr.with_goa_message(#message));
        }
    }
    expr
}
