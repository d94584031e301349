//! The input of `errors! { ... }` as written: enum declarations, each with
//! an optional parent, and the ancestries of parents declared elsewhere,
//! which their callbacks prepended.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, DeriveInput, Generics, Ident, Path, Token, Variant, Visibility, braced};

/// One `enum Name: Parent { ... }` of the input.
pub(crate) struct EnumDecl {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
    pub generics: Generics,
    /// The parent as written: an enum of the same `errors!` by name, or one
    /// declared elsewhere by path (`crate::api::ApiError`).
    pub parent: Option<Path>,
    pub variants: Punctuated<Variant, Token![,]>,
    /// `None` for the enums this invocation declares; the index of the
    /// borrowed ancestry for the enums a parent's callback brought in.
    pub scope: Option<usize>,
}

/// The input: the enums to declare, and the ancestries of parents declared
/// elsewhere, which their callbacks prepended (`@__parent [path] { .. }`).
pub(crate) struct Decls {
    /// Each borrowed ancestry's path, as the child names its last enum.
    pub scopes: Vec<Path>,
    pub decls: Vec<EnumDecl>,
}

/// The marker of a borrowed ancestry in the input of `errors!`.
pub(crate) const PARENT_MARKER: &str = "__errdsl_parent";

impl Parse for Decls {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let (mut scopes, mut decls) = (Vec::new(), Vec::new());
        while input.peek(Token![@]) {
            let at = input.parse::<Token![@]>()?;
            let marker: Ident = input.parse()?;
            if marker != PARENT_MARKER {
                return Err(syn::Error::new_spanned(
                    quote::quote!(#at #marker),
                    "unexpected `@` in `errors!`: it declares enums, e.g. `pub enum Name { ... }` or `pub enum Name: Parent { ... }`",
                ));
            }
            let path;
            syn::bracketed!(path in input);
            let path: Path = path.parse()?;
            let body;
            braced!(body in input);
            while !body.is_empty() {
                let mut decl: EnumDecl = body.parse()?;
                decl.scope = Some(scopes.len());
                decls.push(decl);
            }
            scopes.push(path);
        }
        while !input.is_empty() {
            decls.push(input.parse()?);
        }
        Ok(Decls { scopes, decls })
    }
}

impl Parse for EnumDecl {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        if !input.peek(Token![enum]) {
            return Err(input.error(
                "`errors!` declares enums: write `pub enum Name { ... }` or `pub enum Name: Parent { ... }`",
            ));
        }
        input.parse::<Token![enum]>()?;
        let ident = input.parse()?;
        let generics = input.parse()?;
        let parent = if input.peek(Token![:]) {
            input.parse::<Token![:]>()?;
            let path = input.call(Path::parse_mod_style)?;
            // The parent's callback is invoked by this path, as a macro:
            // `Self` names no module a macro can be in.
            if let Some(segment) = path.segments.iter().find(|segment| segment.ident == "Self") {
                return Err(syn::Error::new(
                    segment.ident.span(),
                    "a parent is named by its enum's path, e.g. `crate::api::ApiError`, and `Self` names no module: write the path",
                ));
            }
            Some(path)
        } else {
            None
        };
        let content;
        braced!(content in input);
        let variants = content.parse_terminated(Variant::parse, Token![,])?;
        Ok(EnumDecl { attrs, vis, ident, generics, parent, variants, scope: None })
    }
}

impl ToTokens for EnumDecl {
    /// The declaration as written (a borrowed enum as its ancestry has it).
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (attrs, vis, ident, generics, variants) =
            (&self.attrs, &self.vis, &self.ident, &self.generics, &self.variants);
        let parent = self.parent.as_ref().map(|parent| quote::quote!(: #parent));
        tokens.extend(quote::quote!(#(#attrs)* #vis enum #ident #generics #parent { #variants }));
    }
}

impl EnumDecl {
    /// The enum with its own variants, as the derive would see it.
    pub(crate) fn derive_input(&self) -> DeriveInput {
        let (attrs, vis, ident, generics, variants) =
            (&self.attrs, &self.vis, &self.ident, &self.generics, &self.variants);
        syn::parse_quote!(#(#attrs)* #vis enum #ident #generics { #variants })
    }
}
