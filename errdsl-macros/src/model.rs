//! The validated model of one error type: what every error is, resolved and
//! checked. Built by `validate`, read by `expand`; both front ends (the
//! derive and `errors!`) produce it.

use syn::ext::IdentExt;
use syn::{Generics, Ident, Member, Type, Visibility};

use crate::codes::Code;
use crate::fmt::{FieldRef, Template};

/// An enum or struct and every error it can be.
#[derive(Clone)]
pub(crate) struct Catalog {
    pub ident: Ident,
    pub generics: Generics,
    pub vis: Visibility,
    pub errors: Vec<ErrorDecl>,
}

/// One error: a variant of the enum, or the struct itself.
#[derive(Clone)]
pub(crate) struct ErrorDecl {
    /// `None` for a struct.
    pub variant: Option<Ident>,
    pub fields: Vec<Field>,
    /// The doc comment, for `ErrorSpec::description`.
    pub description: String,
    pub kind: Kind,
    /// Only in `errors!`, which writes the enum itself: how to write this variant.
    pub definition: Option<Definition>,
}

/// What `errors!` needs beyond the derive's model to write an error's variant
/// and its `Display`, `Error::source` and `From` impls.
#[derive(Clone)]
pub(crate) struct Definition {
    /// The variant as declared, without errdsl's and thiserror's attributes.
    pub variant: syn::Variant,
    pub display: Display,
    /// The field `Error::source` returns.
    pub source: Option<usize>,
    /// Whether the only field is `#[from]`, i.e. `From<FieldType>` is generated.
    pub from: bool,
    /// The enum that declared the error (its own enum, or an ancestor).
    pub origin: Ident,
}

/// How an error displays: a message template, or its only field's `Display`.
#[derive(Clone)]
pub(crate) enum Display {
    Message(Template),
    Transparent,
}

/// How an error answers `ServiceError`.
#[derive(Clone)]
pub(crate) enum Kind {
    /// Everything is known at compile time.
    Static(Spec),
    /// Name, service, fault, user message and retry-after are declared; code,
    /// HTTP status and the temporary and timeout flags come from classifying
    /// the field at `source` at run time.
    Classified { spec: Spec, source: usize },
    /// Everything is delegated to the only field, itself a `ServiceError`.
    Transparent { field: usize },
}

/// The declared facts of one error.
#[derive(Clone)]
pub(crate) struct Spec {
    pub name: String,
    pub service: Option<String>,
    /// For classified errors, the fallback: `Unknown`.
    pub code: CodeSource,
    /// The declared HTTP status; `None`: the code's standard one.
    pub http: Option<u16>,
    pub temporary: bool,
    pub timeout: bool,
    pub fault: bool,
    pub user_msg: Option<Template>,
    pub retry_after_secs: Option<u64>,
}

/// Where an error's gRPC code comes from. Generated code asks the runtime's
/// tables (`errdsl::Code`); the macros' mirror of them only drives diagnostics.
#[derive(Clone, Copy)]
pub(crate) enum CodeSource {
    /// A code named in the declaration, or implied by a flag.
    Named(Code),
    /// The code the runtime maps a declared HTTP status to.
    FromHttp(u16),
}

/// A field of the error's variant or struct.
#[derive(Clone)]
pub(crate) struct Field {
    pub member: Member,
    pub ty: Type,
    pub wire: Wire,
}

/// What becomes of a field on the wire.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wire {
    /// It stays in the process; an error with such a field cannot be decoded.
    Local,
    /// `#[service_error(wire)]`: it travels as text.
    Travels,
    /// `#[service_error(default)]`: it stays, and decodes as `Default::default()`.
    Defaulted,
}

impl Field {
    /// The field's name on the wire: its name, or its index for a tuple field.
    pub(crate) fn wire_name(&self) -> String {
        match &self.member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        }
    }
}

impl ErrorDecl {
    /// Whether a client can decode this error: it has no local field.
    pub(crate) fn is_decodable(&self) -> bool {
        self.fields.iter().all(|field| field.wire != Wire::Local)
    }

    /// The index of the field a placeholder names (validated to exist).
    pub(crate) fn field_index(&self, field: &FieldRef) -> Option<usize> {
        match field {
            FieldRef::Index(index) => Some(*index),
            FieldRef::Named(name) => self.fields.iter().position(|f| match &f.member {
                Member::Named(ident) => ident.unraw() == name,
                Member::Unnamed(_) => false,
            }),
        }
    }

    /// The spec the error declares itself (none for a transparent one).
    pub(crate) fn spec(&self) -> Option<&Spec> {
        match &self.kind {
            Kind::Static(spec) | Kind::Classified { spec, .. } => Some(spec),
            Kind::Transparent { .. } => None,
        }
    }
}
