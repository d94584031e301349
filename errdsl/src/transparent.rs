//! The bound on the field of a transparent variant.

use crate::{Catalog, ErrorSpec, ServiceError};

/// The type of a `#[service_error(transparent)]` field: an error errdsl
/// declares, whose catalog and answers the variant's are. Every use of the
/// field's type goes through this one trait, so that a type errdsl does
/// not declare is one error, in errdsl's words, on the field's type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an error errdsl declares, so `transparent` cannot delegate to it",
    label = "declared neither with `#[derive(errdsl::ServiceError)]` nor in `errdsl::errors!`",
    note = "map the error itself instead, e.g. `#[service_error(http = 500)]` or `#[service_error(fault)]`, or classify this source at run time with `#[service_error(classify)]`"
)]
pub trait Transparent {
    /// The inner type's catalog.
    const ERRORS: &'static [ErrorSpec];
    /// The inner error, to delegate to.
    fn service_error(&self) -> &dyn ServiceError;
}

#[diagnostic::do_not_recommend]
impl<T: ServiceError + Catalog> Transparent for T {
    const ERRORS: &'static [ErrorSpec] = T::ERRORS;
    #[inline]
    fn service_error(&self) -> &dyn ServiceError {
        self
    }
}
