//! GraphQL with async-graphql (feature `async-graphql`): a declared error as
//! an `async_graphql::Error` by errdsl's rule, with its facts in the
//! error's `extensions`.
//!
//! Every declared type implements `async_graphql::ErrorExtensions` (the
//! impl is generated in your crate, which needs no async-graphql dependency
//! for it), and so does [`ErrorResult`](crate::ErrorResult): in a resolver,
//! `.extend()?` (async-graphql's `ResultExt`) sends a `Result`'s error
//! this way. The message is the wire message (a fault's is `internal
//! error (id: ...)`, its text logged under that id); the extensions are
//! `code` (the gRPC code in `UPPER_SNAKE_CASE`, as Apollo-style clients
//! read it), `name`, `id`, `temporary`, `timeout`, `fault`, `retryAfter`
//! (seconds, when the error has a delay) and `fields` (the wire fields,
//! with their JSON types).
//!
//! Write `.extend()?`, not `?` alone: async-graphql converts every
//! `Display` type into its `Error` with `?`, and that conversion sends the
//! `Display` text, which is internal; errdsl cannot replace an impl
//! async-graphql writes for every type.
//!
//! ```
//! use async_graphql::{EmptyMutation, EmptySubscription, Object, ResultExt as _, Schema};
//!
//! errdsl::errors! {
//!     pub enum DivideError {
//!         #[error("cannot divide {dividend} by zero")]
//!         #[service_error(grpc = InvalidArgument, user_msg = "You can't divide {dividend} by zero.")]
//!         DivByZero { #[service_error(wire)] dividend: i64 },
//!     }
//! }
//!
//! fn divide(a: i64, b: i64) -> Result<i64, DivideError> {
//!     a.checked_div(b).ok_or_else(|| DivideError::div_by_zero(a))
//! }
//!
//! struct Query;
//!
//! #[Object]
//! impl Query {
//!     async fn divide(&self, a: i64, b: i64) -> async_graphql::Result<i64> {
//!         Ok(divide(a, b).extend()?)
//!     }
//! }
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
//! let response = serde_json::to_value(schema.execute("{ divide(a: 7, b: 0) }").await).unwrap();
//! let error = &response["errors"][0];
//! assert_eq!(error["message"], "You can't divide 7 by zero.");
//! assert_eq!(error["extensions"]["code"], "INVALID_ARGUMENT");
//! assert_eq!(error["extensions"]["name"], "div_by_zero");
//! assert_eq!(error["extensions"]["fields"]["dividend"], 7);
//! # });
//! ```

use async_graphql::{Error, ErrorExtensionValues, ErrorExtensions, Value};

use crate::model::error_result::{ErrorResult, Outgoing};
use crate::model::service_error::ServiceError;
use crate::transport::capture::{Transport, send_for_wire};

/// `err` as an `async_graphql::Error`: the wire message and errdsl's
/// extensions (see the [module docs](self)). A fault is logged under the id
/// the client gets, and the current span marked, as on every transport.
///
/// ```
/// use errdsl::{Code, ErrorResult};
///
/// let err = ErrorResult::builder("db_down", Code::Unavailable)
///     .message("10.0.0.7 refused")
///     .temporary(true)
///     .fault(true)
///     .build();
/// let error = errdsl::graphql::to_graphql_error(&err);
/// assert!(error.message.starts_with("internal error (id: "));
/// let extensions = serde_json::to_value(&error.extensions).unwrap();
/// assert_eq!(extensions["code"], "UNAVAILABLE");
/// assert_eq!(extensions["temporary"], true);
/// ```
pub fn to_graphql_error<E: ServiceError + ?Sized>(err: &E) -> Error {
    // GraphQL answers over HTTP with 200 whatever the error: whose fault it
    // is follows the code, as over gRPC.
    send_for_wire(err, Transport::Rpc, |outgoing| encode(&outgoing))
}

/// The error a GraphQL response carries for `outgoing`.
fn encode(outgoing: &Outgoing<'_>) -> Error {
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", outgoing.code.as_str().to_ascii_uppercase());
    extensions.set("name", &*outgoing.name);
    extensions.set("id", &*outgoing.id);
    extensions.set("temporary", outgoing.temporary);
    extensions.set("timeout", outgoing.timeout);
    extensions.set("fault", outgoing.fault);
    if let Some(delay) = outgoing.retry_after {
        extensions.set("retryAfter", delay.as_secs());
    }
    if !outgoing.fields.is_empty() {
        let fields = outgoing
            .fields
            .iter()
            .map(|(name, text, json_type)| (name.to_owned(), json_type.to_json(text)))
            .collect::<serde_json::Map<_, _>>();
        // A JSON object of numbers, booleans and strings is a GraphQL value.
        extensions.set("fields", Value::from_json(serde_json::Value::Object(fields)).unwrap_or(Value::Null));
    }
    let mut error = Error::new(outgoing.wire_message().to_cow());
    error.extensions = Some(extensions);
    error
}

impl ErrorExtensions for ErrorResult {
    fn extend(&self) -> Error {
        to_graphql_error(self)
    }
}
