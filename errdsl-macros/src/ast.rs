//! The input as written: the derive input with its `#[service_error]`
//! attributes parsed, before any rule is applied; `decls`, the input of
//! `errors!`.

pub(crate) mod decls;

use std::borrow::Cow;

use darling::{FromDeriveInput, FromField, FromVariant};
use syn::ext::IdentExt;
use syn::{Attribute, Data, DeriveInput, Fields, Generics, Ident, Member, Type, Variant, Visibility};

use crate::attr::{ContainerAttrs, ErrorKeys, FieldAttrs, Level, VariantAttrs, Written, check_keys};
use crate::ctxt::Ctxt;

/// An enum or struct and its errors.
pub(crate) struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub vis: &'a Visibility,
    pub is_enum: bool,
    /// The container's keys (those that parsed, when some did not: already
    /// reported); `None` when darling could not read them.
    pub container: Option<ContainerAttrs>,
    /// How much of the container's keys parsed.
    pub container_parsed: Parsed,
    /// The container's keys as written, for messages about them.
    pub container_written: Vec<Written>,
    /// Whether another derive (thiserror) implements `Error` and checks the
    /// `#[source]` and `#[from]` attributes itself: set by the derive.
    pub source_checked_elsewhere: bool,
    /// One per variant, or the struct itself.
    pub errors: Vec<Error<'a>>,
}

/// How much of a container's keys parsed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parsed {
    All,
    /// Some did not (reported). `defaults_known`: none of them is (or looks
    /// like) a key of the mapping an enum passes on to its variants.
    Partly {
        defaults_known: bool,
    },
}

/// One variant (or the struct).
pub(crate) struct Error<'a> {
    /// `None` for a struct.
    pub variant: Option<&'a Ident>,
    /// The variant's or the struct's name, for messages and spans.
    pub ident: &'a Ident,
    pub fields: Vec<Field<'a>>,
    pub fields_style: Style,
    /// `None` when the keys did not parse (already reported).
    pub keys: Option<ErrorKeys>,
    /// The keys as written, for messages about them.
    pub written: Vec<Written>,
    /// The doc comment, lines trimmed and joined.
    pub doc: String,
    /// The message of a plain `#[error("...")]`, when there is one (a
    /// format string with no arguments): the derive sees thiserror's.
    pub message: Option<syn::LitStr>,
    /// Its `#[cfg(...)]` attributes: none in a derive's input, which the
    /// compiler cfg-strips; those of an `errors!` variant.
    pub cfgs: Vec<Attribute>,
}

/// One field of a variant or struct.
pub(crate) struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    pub attrs: &'a [Attribute],
    /// Its `#[service_error(...)]` keys (none when they did not parse).
    pub keys: FieldAttrs,
    /// The keys as written, for messages about them.
    pub written: Vec<Written>,
}

/// The syntax of a variant's or struct's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Unit,
    Tuple,
    Named,
}

impl<'a> Input<'a> {
    /// Parses the attributes of `input`, recording what does not parse.
    pub(crate) fn from_syn(input: &'a DeriveInput, cx: &mut Ctxt) -> Self {
        let is_enum = matches!(input.data, Data::Enum(_));
        let level = if is_enum { Level::Enum } else { Level::Struct };
        let checked = check_keys(&input.attrs, level, cx);
        let (container_written, container_complete) =
            (checked.written, matches!(checked.attrs, Cow::Borrowed(_)));
        let defaults_known = !checked.mapping_failed;
        let container = match checked.attrs {
            Cow::Borrowed(_) => cx.handle(ContainerAttrs::from_derive_input(input)),
            // Darling reads what is left, to report its mistakes in the same
            // pass; what it reads still tells the variants their defaults.
            Cow::Owned(attrs) => {
                cx.handle(ContainerAttrs::from_derive_input(&DeriveInput { attrs, ..input.clone() }))
            }
        };
        let errors = match &input.data {
            Data::Enum(data) => data
                .variants
                .iter()
                .map(|variant| {
                    let checked = check_keys(&variant.attrs, Level::Variant, cx);
                    let written = checked.written;
                    let keys = match checked.attrs {
                        Cow::Borrowed(_) => cx.handle(VariantAttrs::from_variant(variant)).map(|a| a.keys),
                        Cow::Owned(attrs) => {
                            cx.handle(VariantAttrs::from_variant(&Variant { attrs, ..variant.clone() }));
                            None
                        }
                    };
                    Error::new(
                        Some(&variant.ident),
                        &variant.ident,
                        &variant.fields,
                        &variant.attrs,
                        (keys, written),
                        cx,
                    )
                })
                .collect(),
            Data::Struct(data) => {
                // A struct is one error: its own attributes are its keys,
                // unknown if any failed.
                let keys =
                    container.as_ref().filter(|_| container_complete).map(|container| container.keys.clone());
                vec![Error::new(
                    None,
                    &input.ident,
                    &data.fields,
                    &input.attrs,
                    (keys, container_written.clone()),
                    cx,
                )]
            }
            // Rejected by `ContainerAttrs`' `supports`.
            Data::Union(_) => Vec::new(),
        };
        Input {
            ident: &input.ident,
            generics: &input.generics,
            vis: &input.vis,
            is_enum,
            container,
            container_parsed: if container_complete {
                Parsed::All
            } else {
                Parsed::Partly { defaults_known }
            },
            source_checked_elsewhere: false,
            errors,
            container_written,
        }
    }
}

impl<'a> Error<'a> {
    fn new(
        variant: Option<&'a Ident>,
        ident: &'a Ident,
        fields: &'a Fields,
        attrs: &'a [Attribute],
        (keys, written): (Option<ErrorKeys>, Vec<Written>),
        cx: &mut Ctxt,
    ) -> Self {
        let fields_style = match fields {
            Fields::Unit => Style::Unit,
            Fields::Unnamed(_) => Style::Tuple,
            Fields::Named(_) => Style::Named,
        };
        let level = Level::Field { of_struct: variant.is_none() };
        let fields = fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let checked = check_keys(&field.attrs, level, cx);
                let keys = match checked.attrs {
                    Cow::Borrowed(_) => cx.handle(FieldAttrs::from_field(field)),
                    Cow::Owned(attrs) => {
                        cx.handle(FieldAttrs::from_field(&syn::Field { attrs, ..field.clone() }))
                    }
                }
                .unwrap_or_default();
                Field {
                    member: field.ident.clone().map_or_else(|| Member::from(index), Member::Named),
                    ty: &field.ty,
                    attrs: &field.attrs,
                    keys,
                    written: checked.written,
                }
            })
            .collect();
        // Keys a `cfg_attr` hides (an `errors!` mistake, reported) are
        // unknown, so no rule runs on what is left.
        let keys = keys.filter(|_| hidden_by_cfg_attr(attrs).is_none());
        // Only one `#[error]` counts; a second is reported by `errors!`
        // (and by thiserror).
        let message =
            attrs.iter().find(|attr| attr.path().is_ident("error")).and_then(|attr| attr.parse_args().ok());
        let cfgs = attrs.iter().filter(|attr| attr.path().is_ident("cfg")).cloned().collect();
        Error { variant, ident, fields, fields_style, keys, written, doc: doc_comment(attrs), message, cfgs }
    }
}

impl Error<'_> {
    /// The whole `key = value` of `key` as written on this error, for
    /// messages about it.
    pub(crate) fn written_key(&self, key: &str) -> Option<&proc_macro2::TokenStream> {
        self.written.iter().find(|written| written.key == key).map(|written| &written.tokens)
    }

    /// The source field, by thiserror's rule: marked `#[source]` or
    /// `#[from]`, else named `source`.
    pub(crate) fn source_field(&self) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| f.has_attr("source") || f.has_attr("from"))
            .or_else(|| self.fields.iter().position(|f| f.name().as_deref() == Some("source")))
    }
}

impl Field<'_> {
    /// The field's `#[cfg(...)]` attributes.
    pub(crate) fn cfgs(&self) -> Vec<syn::Attribute> {
        self.attrs.iter().filter(|attr| attr.path().is_ident("cfg")).cloned().collect()
    }

    /// Whether the field has an attribute named `name` (e.g. `source`).
    pub(crate) fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|attr| attr.path().is_ident(name))
    }

    /// The field's name, for named fields.
    pub(crate) fn name(&self) -> Option<String> {
        match &self.member {
            Member::Named(ident) => Some(ident.unraw().to_string()),
            Member::Unnamed(_) => None,
        }
    }
}

/// What a derive of an `errors!` enum would implement that `errors!`
/// implements itself: `Some("Display and Error")` for `thiserror::Error`
/// (or a bare `Error`), `Some("ServiceError")` for `ServiceError`.
pub(crate) fn own_derive(path: &syn::Path) -> Option<&'static str> {
    let last = path.segments.last()?;
    let bare_or_thiserror =
        path.segments.len() == 1 || path.segments.first().is_some_and(|s| s.ident == "thiserror");
    if last.ident == "Error" && bare_or_thiserror {
        Some("Display and Error")
    } else if last.ident == "ServiceError" {
        Some("ServiceError")
    } else {
        None
    }
}

/// The paths of a `#[derive(...)]`, if `attr` is one.
pub(crate) fn derived(attr: &Attribute) -> Option<syn::punctuated::Punctuated<syn::Path, syn::Token![,]>> {
    if !attr.path().is_ident("derive") {
        return None;
    }
    attr.parse_args_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated).ok()
}

/// The attributes `errors!` reads.
const READ_ATTRS: &[&str] = &["service_error", "error", "source", "from"];

/// A `#[cfg_attr(...)]` of `attrs` that holds an attribute `errors!` reads,
/// and that attribute's name. A derive never sees one: the compiler
/// evaluates `cfg_attr` before derives, but after function-like macros.
pub(crate) fn hidden_by_cfg_attr(attrs: &[Attribute]) -> Option<(&Attribute, &'static str)> {
    attrs.iter().filter(|attr| attr.path().is_ident("cfg_attr")).find_map(|attr| {
        let items = attr
            .parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
            .ok()?;
        // The first item is the condition; the others are the attributes.
        let read = items.iter().skip(1).find_map(|m| READ_ATTRS.iter().find(|n| m.path().is_ident(n)))?;
        Some((attr, *read))
    })
}

/// The public text of the doc comment in `attrs`: its lines with their
/// common indentation removed (so that code blocks keep theirs), as
/// [`doc_text::public`](crate::doc_text::public) keeps them for the
/// people who read an API's error reference.
pub(crate) fn doc_comment(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        // A blank `///` line is an empty string, which has no `lines()`:
        // keep it, so that paragraphs stay apart.
        .flat_map(
            |doc| if doc.is_empty() { vec![String::new()] } else { doc.lines().map(str::to_owned).collect() },
        )
        .collect();
    crate::doc_text::public(&lines)
}

/// Whether `ty` mentions any of the generic parameters.
pub(crate) fn mentions_generics(generics: &syn::Generics, ty: &syn::Type) -> bool {
    fn walk(tokens: proc_macro2::TokenStream, params: &[String]) -> bool {
        tokens.into_iter().any(|tree| match tree {
            proc_macro2::TokenTree::Ident(ident) => params.contains(&ident.to_string()),
            proc_macro2::TokenTree::Group(group) => walk(group.stream(), params),
            _ => false,
        })
    }
    let params: Vec<String> = generics
        .params
        .iter()
        .map(|param| match param {
            syn::GenericParam::Type(t) => t.ident.to_string(),
            syn::GenericParam::Lifetime(l) => l.lifetime.ident.to_string(),
            syn::GenericParam::Const(c) => c.ident.to_string(),
        })
        .collect();
    !params.is_empty() && walk(quote::quote!(#ty), &params)
}
