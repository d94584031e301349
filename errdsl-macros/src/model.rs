//! The model both front ends (the derive and `errors!`) lower their input
//! to, and the only thing `expand` reads.
//!
//! - [`Outline`]: what a type is, known even when its declaration has
//!   mistakes: its variants, their constructors and conversions, and (for
//!   `errors!`) how to write the enum. The fallback expands it alone, so that
//!   code using the type keeps compiling while its declaration is fixed.
//! - [`Catalog`]: the outline plus every error resolved and checked by
//!   `validate`, from which the real impls are expanded.

use crate::json_type::JsonType;
use syn::ext::IdentExt;
use syn::{Attribute, Generics, Ident, Member, Path, Type, Visibility, WherePredicate};

pub(crate) use crate::code_table::Code;
pub(crate) use crate::fmt::{FieldRef, Template};

/// What a type is, whether or not its declaration is valid.
#[derive(Clone)]
pub(crate) struct Outline {
    pub ident: Ident,
    pub generics: Generics,
    pub vis: Visibility,
    /// Bounds every generated impl needs beyond the type's own `where`
    /// clause (the supertraits of `ServiceError` on a generic type, the
    /// inner types of transparent errors), so that the fallback's stub impls
    /// ask no less than the real ones.
    pub bounds: Vec<WherePredicate>,
    /// `IntoResponse` and `From<_> for tonic::Status` are generated (no
    /// `no_transport_impls`).
    pub transport_impls: bool,
    /// No field is, as written, kept from being `Send + Sync`: without
    /// it, the fallback writes no `ServiceError` stub, whose supertraits
    /// would report the field again.
    pub thread_safe: bool,
    /// The field types only the compiler can tell are `Send + Sync` (a
    /// user's type may hold an `Rc`), each checked once through errdsl's
    /// `ThreadSafe`, on the type; every impl then asks for `Send + Sync`
    /// in a `where` clause the compiler does not check on its own, so that
    /// the check is the one error.
    pub thread_checks: Vec<syn::Type>,
    /// The enum's variants, inherited ones first; empty for a struct.
    pub variants: Vec<VariantOutline>,
    /// Only for `errors!`, which writes the enum itself.
    pub definition: Option<EnumDefinition>,
}

/// One variant of an enum.
#[derive(Clone)]
pub(crate) struct VariantOutline {
    pub ident: Ident,
    /// The constructor function, e.g. `div_by_zero`; `None` in the fallback
    /// of a declaration where another variant already has its name.
    pub constructor: Option<Ident>,
    pub fields: Vec<Field>,
    /// Only for `errors!`: the variant as written in the enum, without
    /// errdsl's and thiserror's attributes.
    pub syntax: Option<syn::Variant>,
    /// Only for `errors!`: the only field is `#[from]`, so `From<FieldType>`
    /// converts into the variant.
    pub from: bool,
    /// Its `#[cfg(...)]` attributes (only in `errors!`, whose input the
    /// compiler does not cfg-strip), for every item that names it.
    pub cfgs: Vec<Attribute>,
}

impl VariantOutline {
    /// The field a `#[from]` variant converts from: its one field that
    /// does not record a location.
    pub(crate) fn converted_field(&self) -> Option<&Field> {
        self.fields.iter().find(|field| field.wire != Wire::Location)
    }
}

/// How `errors!` writes an enum beyond its variants.
#[derive(Clone)]
pub(crate) struct EnumDefinition {
    /// The user's attributes, without `#[service_error]`.
    pub attrs: Vec<Attribute>,
    /// Whether to add `#[derive(Debug)]` (the user did not derive it).
    pub derive_debug: bool,
    /// The ancestors the enum converts from, nearest first.
    pub ancestors: Vec<Ancestor>,
}

/// An ancestor enum: every variant of it is a variant of its descendant.
#[derive(Clone)]
pub(crate) struct Ancestor {
    /// The ancestor as the descendant names it.
    pub path: Path,
    /// Its variants.
    pub variants: Vec<AncestorVariant>,
}

/// A variant of an ancestor, as `From` converts it.
#[derive(Clone)]
pub(crate) struct AncestorVariant {
    pub ident: Ident,
    /// Its fields, each with its `#[cfg(...)]` attributes.
    pub fields: Vec<(Member, Vec<Attribute>)>,
    /// Its `#[cfg(...)]` attributes.
    pub cfgs: Vec<Attribute>,
}

/// An enum or struct and every error it can be, resolved and checked.
#[derive(Clone)]
pub(crate) struct Catalog {
    pub outline: Outline,
    /// One per variant of the outline, in order; one for a struct.
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
    /// Only for `errors!`: how the error displays and which field is its source.
    pub display: Option<DisplayDecl>,
    /// The plain `#[error("...")]` message, when the macro sees one: the
    /// fields it shows travel when it is the message sent ([`Shown`]).
    pub message: Option<Template>,
    /// The variant's `#[cfg(...)]` attributes, for every item that names it.
    pub cfgs: Vec<Attribute>,
}

/// The fields the message an error sends shows, which travel with it (a
/// value on the wire is on the wire: AIP-193 wants it in `ErrorInfo`'s
/// metadata), each with the format spec the message shows it with.
pub(crate) struct Shown {
    pub fields: Vec<(usize, String)>,
}

/// `Display` and `Error::source` of an error declared in `errors!`.
#[derive(Clone)]
pub(crate) struct DisplayDecl {
    pub display: Display,
    /// The field `Error::source` returns.
    pub source: Option<usize>,
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
    /// `in_catalog`: its errors join the type's `Catalog` (not when its type
    /// is generic: a const array cannot have a generic length).
    Transparent { field: usize, in_catalog: bool },
}

/// The declared facts of one error.
#[derive(Clone)]
pub(crate) struct Spec {
    pub name: String,
    /// Where the name comes from (`name = "..."`, or the variant), for messages.
    pub name_span: proc_macro2::Span,
    pub service: Option<String>,
    /// The domain of the wire name (`ErrorInfo.domain`), if declared.
    pub domain: Option<String>,
    /// The base of the error's documentation URL, if declared.
    pub docs_url: Option<String>,
    /// For classified errors, the fallback: `Unknown`.
    pub code: CodeSource,
    /// The declared HTTP status; `None`: the code's standard one.
    pub http: Option<u16>,
    pub temporary: bool,
    pub timeout: bool,
    pub fault: bool,
    pub user_msg: Option<Template>,
    pub retry_after_secs: Option<u64>,
    /// Goa's custom-type body, when declared; Goa's `ErrorResult` otherwise.
    pub custom_body: Option<CustomBody>,
}

/// An error sent in Goa's custom-type body.
#[derive(Clone)]
pub(crate) struct CustomBody {
    /// The member that holds the wire name, if any.
    pub name_member: Option<String>,
    /// The full name of the gRPC message a Goa server sends for it, when
    /// its type names its Goa method (and service).
    pub grpc_message: Option<String>,
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
    /// `#[service_error(name = "...")]`: its wire name, when not its own.
    pub name: Option<String>,
    /// Its `#[cfg(...)]` attributes (`errors!` only: the compiler strips a
    /// derive's cfg'd fields before the derive runs), for every item that
    /// names it.
    pub cfgs: Vec<Attribute>,
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
    /// `#[service_error(violations)]`: it travels as the error's field
    /// violations (gRPC's `BadRequest`), not as a wire field.
    Violations,
    /// `#[service_error(location)]`: it holds where the error was made,
    /// which constructors and `From` impls fill, a decoded error gets where
    /// it is decoded, and the fault log shows; it never travels.
    Location,
}

impl Field {
    /// The field's name on the wire: the declared one, else its name, or
    /// its index for a tuple field.
    pub(crate) fn wire_name(&self) -> String {
        if let Some(name) = &self.name {
            return name.clone();
        }
        match &self.member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        }
    }
}

impl ErrorDecl {
    /// When a client can decode this error: in the configurations where
    /// it has no local field. `None` when some local field is there in
    /// every configuration; else the `#[cfg(...)]` attributes of each local
    /// field (none: always).
    pub(crate) fn local_field_cfgs(&self) -> Option<Vec<&[Attribute]>> {
        let local = self.fields.iter().filter(|field| field.wire == Wire::Local);
        local.map(|field| (!field.cfgs.is_empty()).then_some(field.cfgs.as_slice())).collect()
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

    /// The fields the sent message shows that are not already `wire`, by
    /// the wire message rule: the user message's; else, unless the error is
    /// a fault (whose `Display` text stays in the process) or classified at
    /// run time (which sends its class's text), the `#[error]` message's.
    pub(crate) fn shown(&self) -> Shown {
        let none = Shown { fields: Vec::new() };
        let Some(spec) = self.spec() else { return none };
        let template = match (&spec.user_msg, &self.message) {
            (Some(user_msg), _) => user_msg,
            (None, _) if spec.fault || matches!(self.kind, Kind::Classified { .. }) => return none,
            (None, Some(message)) => message,
            (None, None) => return none,
        };
        let fields = template
            .fields
            .iter()
            .zip(&template.specs)
            .filter_map(|(field, spec)| Some((self.field_index(field)?, spec.clone())))
            .filter(|&(index, _)| !matches!(self.fields[index].wire, Wire::Travels | Wire::Violations))
            .collect();
        Shown { fields }
    }

    /// Every field that travels, with its JSON type: those declared `wire`,
    /// then those the sent message shows (as text when the message formats
    /// them with a spec, `{amount:.2}`).
    pub(crate) fn wire_fields(&self) -> Vec<(String, JsonType)> {
        self.travelling_fields()
            .into_iter()
            .map(|(field, json_type)| (field.wire_name(), json_type))
            .collect()
    }

    /// [`wire_fields`](Self::wire_fields), with the fields themselves.
    pub(crate) fn travelling_fields(&self) -> Vec<(&Field, JsonType)> {
        let travelling = self.fields.iter().filter(|field| field.wire == Wire::Travels);
        let mut fields: Vec<(&Field, JsonType)> =
            travelling.map(|field| (field, JsonType::of(&field.ty))).collect();
        for (index, spec) in self.shown().fields {
            let field = &self.fields[index];
            let json_type = if spec.is_empty() { JsonType::of(&field.ty) } else { JsonType::String };
            fields.push((field, json_type));
        }
        fields
    }

    /// The spec the error declares itself (none for a transparent one).
    pub(crate) fn spec(&self) -> Option<&Spec> {
        match &self.kind {
            Kind::Static(spec) | Kind::Classified { spec, .. } => Some(spec),
            Kind::Transparent { .. } => None,
        }
    }
}
