//! What, in a field's type as written, keeps a service error from being
//! `Send + Sync`: a trait object without both auto traits
//! (`Box<dyn Error>`), or an `Rc`. A service error crosses threads (tonic,
//! axum, retries); the compiler would say so too, but once per auto trait
//! and on the type's name, not on the field. Types it cannot see through
//! (aliases, user types) are left to the compiler, through errdsl's
//! `ThreadSafe` bound ([`known_thread_safe`] says which need it).

use syn::{GenericArgument, PathArguments, Type, TypeParamBound};

/// The part of `ty` that is not `Send + Sync`, and what it lacks.
pub(crate) struct NotThreadSafe<'a> {
    pub ty: &'a Type,
    /// What to write instead.
    pub instead: String,
}

/// The first part of `ty` that is, as written, not `Send + Sync`.
pub(crate) fn not_thread_safe(ty: &Type) -> Option<NotThreadSafe<'_>> {
    match ty {
        Type::TraitObject(object) => {
            let has = |name: &str| {
                object.bounds.iter().any(|bound| {
                    matches!(bound, TypeParamBound::Trait(t) if t.path.segments.last().is_some_and(|s| s.ident == name))
                })
            };
            let missing: Vec<&str> = ["Send", "Sync"].into_iter().filter(|name| !has(name)).collect();
            (!missing.is_empty()).then(|| {
                let written = crate::suggest::tidy(object);
                NotThreadSafe { ty, instead: format!("`{written} + {}`", missing.join(" + ")) }
            })
        }
        Type::Path(path) => {
            let last = path.path.segments.last()?;
            if last.ident == "Rc" {
                let arguments = crate::suggest::tidy(&last.arguments);
                return Some(NotThreadSafe { ty, instead: format!("`std::sync::Arc{arguments}`") });
            }
            path.path.segments.iter().find_map(|segment| match &segment.arguments {
                PathArguments::AngleBracketed(args) => args.args.iter().find_map(|arg| match arg {
                    GenericArgument::Type(ty) => not_thread_safe(ty),
                    _ => None,
                }),
                _ => None,
            })
        }
        Type::Reference(reference) => not_thread_safe(&reference.elem),
        Type::Paren(paren) => not_thread_safe(&paren.elem),
        Type::Group(group) => not_thread_safe(&group.elem),
        Type::Array(array) => not_thread_safe(&array.elem),
        Type::Slice(slice) => not_thread_safe(&slice.elem),
        Type::Tuple(tuple) => tuple.elems.iter().find_map(not_thread_safe),
        _ => None,
    }
}

/// Whether `ty` is, as written, a type std makes `Send + Sync` (a
/// primitive, `String`, `&'static str`): a field of any other type is
/// checked by the compiler, through errdsl's `ThreadSafe` bound.
pub(crate) fn known_thread_safe(ty: &Type) -> bool {
    const SAFE: &[&str] = &[
        "bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64",
        "u128", "usize", "String", "str",
    ];
    match ty {
        Type::Path(path) if path.qself.is_none() => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.arguments.is_none() && SAFE.iter().any(|safe| last.ident == safe)),
        Type::Reference(reference) => reference.mutability.is_none() && known_thread_safe(&reference.elem),
        Type::Paren(paren) => known_thread_safe(&paren.elem),
        Type::Group(group) => known_thread_safe(&group.elem),
        Type::Tuple(tuple) => tuple.elems.iter().all(known_thread_safe),
        _ => false,
    }
}
