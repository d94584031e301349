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
        match ty {
            Type::Reference(reference) => JsonType::of(&reference.elem),
            Type::Paren(paren) => JsonType::of(&paren.elem),
            Type::Group(group) => JsonType::of(&group.elem),
            Type::Path(path) if path.qself.is_none() => {
                let Some(last) = path.path.segments.last().filter(|last| last.arguments.is_none()) else {
                    return JsonType::String;
                };
                let name = last.ident.to_string();
                if INTEGERS.contains(&name.as_str()) {
                    JsonType::Integer
                } else if name == "f32" || name == "f64" {
                    JsonType::Number
                } else if name == "bool" {
                    JsonType::Boolean
                } else {
                    JsonType::String
                }
            }
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
        for ty in ["String", "i128", "u128", "Option<u32>", "Vec<u8>", "[u8; 4]", "NonZeroU32", "<T as X>::Y"]
        {
            assert_eq!(of(ty), JsonType::String, "{ty}");
        }
    }
}
