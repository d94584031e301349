//! The JSON type a travelling field is written with, from its Rust type as
//! written: the runtime's `errdsl::JsonType`, decided here because only the
//! macros see the field's type.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

/// The runtime's `errdsl::JsonType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonType {
    String,
    Integer,
    Number,
    Boolean,
}

/// The integers JSON readers hold exactly (up to 64 bits); `i128` and
/// `u128` travel as text, which no reader rounds.
const INTEGERS: [&str; 10] = ["i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize"];

impl JsonType {
    /// By the type's last path segment: the primitive integers up to 64
    /// bits, floats and `bool` (a reference or parentheses looked through);
    /// every other type is written as its `Display` text.
    pub(crate) fn of(ty: &Type) -> JsonType {
        match primitive(ty).as_deref() {
            Some(name) if INTEGERS.contains(&name) => JsonType::Integer,
            Some("f32" | "f64") => JsonType::Number,
            Some("bool") => JsonType::Boolean,
            _ => JsonType::String,
        }
    }

    /// The runtime's variant.
    pub(crate) fn tokens(self) -> TokenStream {
        match self {
            JsonType::String => quote!(::errdsl::__private::JsonType::String),
            JsonType::Integer => quote!(::errdsl::__private::JsonType::Integer),
            JsonType::Number => quote!(::errdsl::__private::JsonType::Number),
            JsonType::Boolean => quote!(::errdsl::__private::JsonType::Boolean),
        }
    }
}

/// The runtime's `errdsl::ProtoType` of a field of type `ty` written as
/// `json_type`, when it is not the one the runtime derives from the JSON
/// type (`sint64` for integers, `double` for floats): Goa's protobuf types
/// for the narrower primitives.
pub(crate) fn proto_type(ty: &Type, json_type: JsonType) -> Option<TokenStream> {
    if json_type == JsonType::String {
        return None;
    }
    let variant = match primitive(ty)?.as_str() {
        "i8" | "i16" | "i32" => quote!(Sint32),
        "u8" | "u16" | "u32" => quote!(Uint32),
        "u64" | "usize" => quote!(Uint64),
        "f32" => quote!(Float),
        _ => return None,
    };
    Some(quote!(::errdsl::__private::ProtoType::#variant))
}

/// The name of the primitive `ty` is, by its last path segment (a
/// reference, parentheses or a group looked through).
fn primitive(ty: &Type) -> Option<String> {
    match ty {
        Type::Reference(reference) => primitive(&reference.elem),
        Type::Paren(paren) => primitive(&paren.elem),
        Type::Group(group) => primitive(&group.elem),
        Type::Path(path) if path.qself.is_none() => {
            let last = path.path.segments.last().filter(|last| last.arguments.is_none())?;
            Some(last.ident.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primitives_have_their_json_types_and_the_rest_is_text() {
        let of = |ty: &str| JsonType::of(&syn::parse_str(ty).unwrap());
        for ty in INTEGERS.iter().chain(&["&u32", "(i64)", "core::primitive::u8"]) {
            assert_eq!(of(ty), JsonType::Integer, "{ty}");
        }
        assert_eq!(of("f64"), JsonType::Number);
        assert_eq!(of("bool"), JsonType::Boolean);
        let proto = |ty: &str| proto_type(&syn::parse_str(ty).unwrap(), of(ty)).map(|t| t.to_string());
        assert_eq!(proto("i32").as_deref(), Some(":: errdsl :: __private :: ProtoType :: Sint32"));
        assert_eq!(proto("&u8").as_deref(), Some(":: errdsl :: __private :: ProtoType :: Uint32"));
        assert_eq!(proto("usize").as_deref(), Some(":: errdsl :: __private :: ProtoType :: Uint64"));
        assert_eq!(proto("f32").as_deref(), Some(":: errdsl :: __private :: ProtoType :: Float"));
        for ty in ["i64", "isize", "f64", "bool", "String", "u128"] {
            assert_eq!(proto(ty), None, "{ty}: the runtime's default");
        }
        for ty in ["String", "i128", "u128", "Option<u32>", "Vec<u8>", "[u8; 4]", "NonZeroU32", "<T as X>::Y"]
        {
            assert_eq!(of(ty), JsonType::String, "{ty}");
        }
    }
}
