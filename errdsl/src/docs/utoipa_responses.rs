//! utoipa's `IntoResponses` for a catalog: the responses of
//! [`by_status`](super::by_status) converted into utoipa's types.

use std::collections::BTreeMap;

use utoipa::openapi::RefOr;
use utoipa::openapi::response::Response;

use super::by_status::responses_by_status;
use crate::ErrorSpec;

/// utoipa's responses of every error of `specs`: one per HTTP status, whose
/// body is the error's schema, or `oneOf` the schemas of the errors that
/// share the status, with one named example per error, in both formats
/// (Goa's JSON and problem+json), the `Goa-Error` header (and `Retry-After`
/// where an error declares one), and `x-errdsl-errors`, the wire names. The
/// body schemas are inlined, so a document needs no components of
/// errdsl's. What the generated `utoipa::IntoResponses` of every declared
/// type returns (feature `utoipa`), for
/// `#[utoipa::path(responses((status = 200, body = i32), DivideError))]`.
///
/// ```
/// use errdsl::{Catalog, docs};
///
/// errdsl::errors! {
///     pub enum DivideError {
///         /// The divisor was zero.
///         #[error("cannot divide by zero")]
///         #[service_error(http = 400)]
///         DivByZero,
///         /// The dividend is not a number.
///         #[error("not a number")]
///         #[service_error(http = 400)]
///         NotANumber,
///         /// Down for maintenance.
///         #[error("in maintenance")]
///         #[service_error(temporary, http = 503, retry_after_secs = 30)]
///         Maintenance,
///     }
/// }
///
/// let responses = docs::utoipa_responses(DivideError::ERRORS);
/// assert_eq!(responses.keys().collect::<Vec<_>>(), ["400", "503"]);
/// let json = serde_json::to_value(&responses["400"]).unwrap();
/// assert_eq!(json["x-errdsl-errors"], serde_json::json!(["div_by_zero", "not_a_number"]));
/// assert_eq!(json["content"]["application/json"]["schema"]["oneOf"].as_array().unwrap().len(), 2);
/// ```
#[must_use]
pub fn utoipa_responses(specs: &[ErrorSpec]) -> BTreeMap<String, RefOr<Response>> {
    responses_by_status(specs)
        .into_iter()
        .map(|(status, value)| {
            // The JSON is errdsl's own and of utoipa's shapes (the tests hold
            // the conversion lossless); a description is what is left if not.
            let response = serde_json::from_value::<Response>(value)
                .unwrap_or_else(|_| Response::new(format!("HTTP {status}")));
            (status.to_string(), RefOr::T(response))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::by_status::tests::every_shape;

    /// Every spec shape errdsl writes converts into utoipa's types and back
    /// without losing a member.
    #[test]
    fn the_conversion_into_utoipas_types_loses_nothing() {
        for (status, json) in responses_by_status(&every_shape()) {
            let response: Response =
                serde_json::from_value(json.clone()).unwrap_or_else(|err| panic!("{status}: {err}: {json}"));
            assert_eq!(serde_json::to_value(&response).unwrap(), json, "{status}");
        }
        let responses = utoipa_responses(&every_shape());
        assert_eq!(responses.keys().collect::<Vec<_>>(), ["400", "500", "503"]);
    }
}
