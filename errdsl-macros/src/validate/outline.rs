//! Rules on a type as a whole, over its outline: the conversions and
//! constructors its variants make, inherited ones included.

use syn::ext::IdentExt;

use crate::ctxt::Ctxt;
use crate::model::{Outline, VariantOutline};
use crate::suggest::tidy;

/// Rules on a type as a whole, its inherited variants (the first
/// `inherited` of `outline.variants`) and its own together; each is
/// reported on an own variant (an inherited one was checked in its enum).
pub(crate) fn check_outline(outline: &Outline, inherited: usize, cx: &mut Ctxt) {
    check_unique_from(outline, inherited, cx);
    check_unique_constructors(outline, inherited, cx);
    check_hidden_trait_fns(outline, inherited, cx);
}

/// Rule: no two `#[from]` variants convert from the same type (compared as
/// written), and none from an ancestor, which converts by itself: each would
/// be a second, conflicting `From` impl.
fn check_unique_from(outline: &Outline, inherited: usize, cx: &mut Ctxt) {
    let ident = &outline.ident;
    let ancestors: Vec<String> =
        outline.definition.iter().flat_map(|d| &d.ancestors).map(|a| tidy(&a.path)).collect();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (index, variant) in outline.variants.iter().enumerate() {
        let (true, [field]) = (variant.from, variant.fields.as_slice()) else { continue };
        let ty = tidy(&field.ty);
        let own = index >= inherited;
        if own && ancestors.contains(&ty) {
            cx.error_at(
                &field.ty,
                format!(
                    "`{ident}` converts from its ancestor `{ty}` already, so `#[from] {ty}` on `{}` would make a second `From<{ty}>`; remove `#[from]`",
                    variant.ident
                ),
            );
            continue;
        }
        match seen.iter().find(|(t, _)| *t == ty) {
            Some(&(_, first)) if own => {
                let first_ident = &outline.variants[first].ident;
                let message = if first < inherited {
                    format!(
                        "two `From<{ty}>` impls for `{ident}`: the inherited `{first_ident}` converts from `{ty}` already; remove `#[from]` from `{}` and build it with its constructor, `{ident}::{}(..)`",
                        variant.ident,
                        constructor_of(variant),
                    )
                } else {
                    format!(
                        "two `From<{ty}>` impls for `{ident}`: `{first_ident}` and `{}` both have `#[from] {ty}`; keep `#[from]` on one variant and build the other with its constructor, `{ident}::{}(..)`",
                        variant.ident,
                        constructor_of(variant),
                    )
                };
                cx.error_at(&field.ty, message);
            }
            Some(_) => {}
            None => seen.push((ty, index)),
        }
    }
}

/// Rule: no two variants make the same constructor (`HTTPError` and
/// `HttpError` both make `http_error`).
fn check_unique_constructors(outline: &Outline, inherited: usize, cx: &mut Ctxt) {
    let ident = &outline.ident;
    // Each constructor name, by the first variant that makes it.
    let mut firsts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, variant) in outline.variants.iter().enumerate() {
        let name = constructor_of(variant);
        let first = *firsts.entry(name.clone()).or_insert(index);
        if index < inherited || first == index {
            continue;
        }
        let first_ident = &outline.variants[first].ident;
        let fix = if first < inherited {
            format!("`{first_ident}` is inherited, so rename `{}`", variant.ident)
        } else {
            "rename one of the variants".to_owned()
        };
        cx.error_at(
            &variant.ident,
            format!(
                "`{first_ident}` and `{}` both make the constructor `{ident}::{name}()`; {fix}",
                variant.ident
            ),
        );
    }
}

/// The associated functions without `self` of the traits every errdsl type
/// implements. They are called by path only (`Type::spec(name)`), where an
/// inherent function of the same name wins; methods still resolve by
/// method-call syntax, so constructors may share their names.
const TRAIT_FNS: &[(&str, &str, &str)] = &[
    ("spec", "Catalog::spec", "spec(name)"),
    ("from", "From::from", "from(value)"),
    ("try_from", "TryFrom::try_from", "try_from(value)"),
];

/// Rule: no constructor hides a trait's associated function: a variant
/// `Spec` would make `Type::spec(name)` call the constructor.
fn check_hidden_trait_fns(outline: &Outline, inherited: usize, cx: &mut Ctxt) {
    let ident = &outline.ident;
    for variant in outline.variants.iter().skip(inherited) {
        let name = constructor_of(variant);
        let Some((_, item, call)) = TRAIT_FNS.iter().find(|(f, _, _)| *f == name) else { continue };
        cx.error_at(
            &variant.ident,
            format!(
                "the variant `{v}` makes a constructor `{ident}::{name}()`, which hides `{item}`: `{ident}::{call}` would call the constructor; rename the variant, e.g. `{v}Error`",
                v = variant.ident
            ),
        );
    }
}

fn constructor_of(variant: &VariantOutline) -> String {
    variant.constructor.as_ref().map(|c| c.unraw().to_string()).unwrap_or_default()
}
