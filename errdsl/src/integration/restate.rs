//! Restate ([restate.dev](https://restate.dev)), a durable-execution engine:
//! errdsl's rule decides what the engine does with an error a handler
//! returns, and a Restate caller decodes the terminal failure it receives.
//!
//! Restate retries a failed invocation with backoff, from its journal,
//! across crashes and restarts of the service, until the handler succeeds
//! or fails with a `TerminalError`. errdsl maps an error onto that contract
//! by its `temporary` flag:
//!
//! - **temporary**: retryable; the engine tries again. What the engine
//!   stores of the attempt (and shows in its UI and `sys_journal_events`)
//!   is the wire message and the [tag](#the-tag), never a fault's text.
//! - **permanent**: a `TerminalError` whose code is the error's HTTP status
//!   and whose message is the wire message and the tag; the engine stops
//!   and the caller receives it. A fault sends the generic text with its id
//!   (`internal error (id: x7Fq9-Ab)`).
//!
//! Either way, a fault's text and sources are logged through `tracing`
//! under the id the engine and the caller see, as on every transport.
//!
//! # Use [`HandlerResult`], not restate's, with `?`
//!
//! restate-sdk converts *every* `std::error::Error` into a retryable
//! `HandlerError` (a blanket `From`), so a handler that returns
//! `restate_sdk::prelude::HandlerResult<T>` and writes `?` on a permanent
//! error has it **retried forever**. Return [`errdsl::restate::HandlerResult<T>`](HandlerResult)
//! instead: `?` then converts declared errors, [`ErrorResult`]s, the
//! `TerminalError`s of `ctx` calls, `std::io::Error`s and boxed errors into a
//! [`Failure`], which the SDK turns into a retry or a terminal failure by
//! the rule above. Inside a `ctx.run` block, whose return type restate
//! fixes, call [`IntoRestate::into_restate`] on the result.
//!
//! ```
//! use errdsl::restate::{HandlerResult, IntoRestate as _};
//! use restate_sdk::prelude::*;
//!
//! errdsl::errors! {
//!     #[service_error(service = "notify")]
//!     pub enum NotifyError {
//!         #[error("notify is in maintenance")]
//!         #[service_error(temporary, http = 503, user_msg = "Notifications are paused; retrying.")]
//!         Maintenance,
//!
//!         #[error("user {user_id} is deactivated")]
//!         #[service_error(http = 403, user_msg = "This user is deactivated.")]
//!         UserDeactivated { #[service_error(wire)] user_id: String },
//!     }
//! }
//!
//! pub struct Notify;
//!
//! #[restate_sdk::service]
//! impl Notify {
//!     #[handler]
//!     async fn notify_user(&self, ctx: Context<'_>, user_id: String) -> HandlerResult<String> {
//!         if user_id == "user_123" {
//!             Err(NotifyError::user_deactivated(user_id.clone()))?; // terminal
//!         }
//!         // A journaled step: retried by `ctx.run`'s policy while temporary.
//!         let sent = ctx.run(|| async { send(&user_id).into_restate() }).await?;
//!         Ok(sent)
//!     }
//! }
//!
//! fn send(user_id: &str) -> Result<String, NotifyError> {
//!     Ok(format!("notified {user_id}"))
//! }
//! ```
//!
//! # `Retry-After`
//!
//! Not honoured by the engine: restate-sdk 0.13 reports a handler's
//! retryable error with no delay of its own (the protocol has a field for
//! one, which the SDK leaves unset), and a `ctx.run` block's
//! `RunRetryPolicy` is fixed before the block runs. The engine's retry
//! policy (server-wide, or `invocation_retry_policy(...)` on the service)
//! decides when the next attempt comes.
//!
//! # The tag
//!
//! A terminal failure of restate-sdk 0.13 carries a code and a message
//! only: the SDK leaves the protocol's failure metadata empty, so nothing
//! else reaches the caller. errdsl therefore ends the message with a tag,
//! after the wire message a person reads:
//!
//! ```text
//! This user is deactivated. [errdsl?name=user_deactivated&id=x7Fq9-Ab&field.user_id=user_123]
//! ```
//!
//! The tag is form-urlencoded: the wire `name` and the `id`, `temporary`,
//! `timeout` and `fault` (present only when set) and every wire field as
//! `field.<name>`. Retryable errors carry it too, so that each attempt the
//! engine records names its error and its own id. Field violations, the
//! user message of a fault, `Retry-After` and the service name are not
//! carried.
//!
//! # Decoding
//!
//! The ingress answers a call whose invocation failed with the failure's
//! code as its HTTP status and `{"code": 403, "message": "..."}`.
//! [`ErrorResult::from_restate_response`] reads that response,
//! [`ErrorResult::from_restate_client_error`] the error of restate-sdk's
//! ingress client, and [`ErrorResult::from_terminal_error`] the
//! `TerminalError` a `ctx` call to another service returns; then `TryFrom<ErrorResult>` gives the typed
//! error by its wire name. Neither ever fails or panics: a message without
//! a tag (from a service that does not use errdsl, or from the engine
//! itself) gives an error named after the status's code, with the message
//! as it is.
//!
//! ```
//! use errdsl::{ErrorResult, ServiceError};
//!
//! # errdsl::errors! {
//! #     pub enum NotifyError {
//! #         #[error("user {user_id} is deactivated")]
//! #         #[service_error(http = 403, user_msg = "This user is deactivated.")]
//! #         UserDeactivated { #[service_error(wire)] user_id: String },
//! #     }
//! # }
//! let body = br#"{"code":403,"message":"This user is deactivated. [errdsl?name=user_deactivated&id=x7Fq9-Ab&field.user_id=user_123]"}"#;
//! let err = ErrorResult::from_restate_response(403, body);
//! assert_eq!((err.name(), err.id()), ("user_deactivated", "x7Fq9-Ab"));
//! assert_eq!(err.user_message().as_deref(), Some("This user is deactivated."));
//! let typed = NotifyError::try_from(err).unwrap();
//! assert!(matches!(typed, NotifyError::UserDeactivated { user_id } if user_id == "user_123"));
//! ```

mod tag;
#[cfg(test)]
mod tests;

use crate::model::error_result::ErrorResult;
use crate::model::service_error::ServiceError;
use crate::policy::classify::{self, classify};
use crate::transport::capture::{Transport, capture_for_wire, send_off};
use crate::transport::http::MAX_BODY_BYTES;
use restate_sdk::errors::{HandlerError, TerminalError};
use restate_sdk::ingress::ClientError;
use serde::Deserialize;
use std::error::Error;
use std::fmt;

/// What a Restate handler returns with errdsl: `?` converts any declared
/// error (and the errors [`Failure`] converts from) by errdsl's rule. The
/// SDK's handler macros accept it as they accept their own `HandlerResult`.
pub type HandlerResult<T> = Result<T, Failure>;

/// An error a Restate handler returns, on its way to the engine: a retry
/// when the error is temporary, a terminal failure when it is not (see
/// the [module docs](self)).
///
/// It is deliberately not a `std::error::Error`: that is what lets it
/// convert into restate's `HandlerError` by errdsl's rule rather than by
/// the SDK's blanket conversion, which would retry it whatever it is.
///
/// ```
/// use errdsl::restate::Failure;
/// use errdsl::{Code, ErrorResult, ServiceError};
///
/// let gone = ErrorResult::builder("user_deactivated", Code::PermissionDenied).build();
/// assert!(!Failure::from(gone).is_retryable());
///
/// // A foreign error is classified: a refused connection is temporary.
/// let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
/// let failure = Failure::from(refused);
/// assert!(failure.is_retryable());
/// assert_eq!(failure.error().unwrap().name(), "unavailable");
/// ```
pub struct Failure(Kind);

/// What a [`Failure`] holds.
enum Kind {
    /// An error errdsl captured (and logged, if a fault).
    Captured(ErrorResult),
    /// A terminal failure from the SDK (a `ctx` call's), passed on as it is.
    Terminal(TerminalError),
}

impl Failure {
    /// The failure of an error errdsl did not declare, classified by
    /// [`classify`]: a temporary one is retried. Its text is not declared
    /// safe to show, so it is sent as a fault (the generic text and the
    /// id) and logged; an [`ErrorResult`] found in its source chain is sent
    /// as it is.
    ///
    /// ```
    /// use errdsl::ServiceError;
    /// use errdsl::restate::Failure;
    ///
    /// let err = serde_json::from_str::<u32>("x").unwrap_err();
    /// let failure = Failure::foreign(err);
    /// assert!(!failure.is_retryable());
    /// assert_eq!(failure.error().unwrap().name(), "invalid_argument");
    /// ```
    pub fn foreign<E: Error + Send + Sync + 'static>(err: E) -> Self {
        Failure::foreign_boxed(Box::new(err))
    }

    /// [`Failure::foreign`] of a boxed error, kept as the error's source.
    fn foreign_boxed(err: Box<dyn Error + Send + Sync>) -> Self {
        let (found, class) = match classify::recognised(err.as_ref()) {
            Some((found, class)) => (found.downcast_ref::<ErrorResult>().cloned(), class),
            None => (None, crate::policy::error_class::Classification::UNKNOWN),
        };
        let result =
            found.unwrap_or_else(|| classified(class, err.to_string()).fault(true).source(err).build());
        send_off(result.id(), &result, Transport::Http);
        Failure(Kind::Captured(result))
    }

    /// Whether the engine retries this failure: the error is temporary.
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        match &self.0 {
            Kind::Captured(result) => result.is_temporary(),
            Kind::Terminal(_) => false,
        }
    }

    /// The captured error, unless the failure is a `TerminalError` the SDK
    /// returned (which [`ErrorResult::from_terminal_error`] decodes).
    #[must_use]
    pub fn error(&self) -> Option<&ErrorResult> {
        match &self.0 {
            Kind::Captured(result) => Some(result),
            Kind::Terminal(_) => None,
        }
    }
}

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Captured(result) => f.debug_tuple("Failure").field(result).finish(),
            Kind::Terminal(terminal) => f.debug_tuple("Failure").field(terminal).finish(),
        }
    }
}

/// Captures a declared error (or an [`ErrorResult`]) under a fresh id; a
/// fault is logged with it.
impl<E: ServiceError> From<E> for Failure {
    fn from(err: E) -> Self {
        Failure(Kind::Captured(capture_for_wire(&err, Transport::Http)))
    }
}

/// A terminal failure a `ctx` call returned, passed on to the caller as it
/// came (code, message and tag).
impl From<TerminalError> for Failure {
    fn from(err: TerminalError) -> Self {
        Failure(Kind::Terminal(err))
    }
}

/// [`Failure::foreign`].
impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Self {
        Failure::foreign(err)
    }
}

/// [`Failure::foreign`], for the boxed error itself.
impl From<Box<dyn Error + Send + Sync>> for Failure {
    fn from(err: Box<dyn Error + Send + Sync>) -> Self {
        Failure::foreign_boxed(err)
    }
}

/// errdsl's rule: temporary -> retryable (with the wire message and tag,
/// so the engine stores nothing a fault must keep), permanent ->
/// `TerminalError` with the HTTP status and the wire message and tag.
impl From<Failure> for HandlerError {
    fn from(failure: Failure) -> Self {
        match failure.0 {
            Kind::Terminal(terminal) => terminal.into(),
            Kind::Captured(result) if result.is_temporary() => {
                HandlerError::from(Retrying(tag::tagged_message(&result)))
            }
            Kind::Captured(result) => {
                TerminalError::new_with_code(result.http_status().as_u16(), tag::tagged_message(&result))
                    .into()
            }
        }
    }
}

/// A `Result` as restate's own `HandlerResult`, by errdsl's rule: for a
/// `ctx.run` block, whose return type restate fixes. (A plain `?` there
/// would make every error retryable.)
///
/// ```
/// use errdsl::restate::IntoRestate as _;
/// use errdsl::{Code, ErrorResult};
///
/// let gone: Result<(), _> = Err(ErrorResult::builder("user_deactivated", Code::PermissionDenied).build());
/// let err = gone.into_restate().unwrap_err();
/// let err: &dyn std::error::Error = err.as_ref();
/// assert!(err.to_string().starts_with("Terminal error [403]"));
/// ```
pub trait IntoRestate<T> {
    /// This result, its error converted through [`Failure`].
    ///
    /// # Errors
    ///
    /// The error of `self`, as a retryable or terminal `HandlerError`.
    fn into_restate(self) -> restate_sdk::errors::HandlerResult<T>;
}

impl<T, E> IntoRestate<T> for Result<T, E>
where
    Failure: From<E>,
{
    fn into_restate(self) -> restate_sdk::errors::HandlerResult<T> {
        self.map_err(|err| HandlerError::from(Failure::from(err)))
    }
}

/// The retryable error the engine records: the wire message and the tag,
/// in `Debug` too, since the SDK reports a handler's error by `Debug`.
struct Retrying(String);

impl fmt::Display for Retrying {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Retrying {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Error for Retrying {}

/// An error named after the code of `class`, with its flags and `message`.
fn classified(
    class: crate::policy::error_class::Classification,
    message: String,
) -> crate::model::error_result::ErrorResultBuilder {
    ErrorResult::builder(class.code.as_str(), class.code)
        .message(message)
        .temporary(class.temporary)
        .timeout(class.timeout)
}

/// An ingress error body, leniently: a member of another type is ignored.
#[derive(Deserialize)]
struct WireFailure {
    #[serde(default)]
    message: Option<serde_json::Value>,
}

impl ErrorResult {
    /// Decodes the response Restate's ingress sent for a call whose
    /// invocation failed: its HTTP status and JSON body
    /// (`{"code": 403, "message": "..."}`), the message's tag read as the
    /// [module docs](crate::restate#decoding) say. A body that is not such
    /// JSON (empty, larger than [`MAX_BODY_BYTES`], from a proxy) keeps the
    /// status only. Never fails or panics.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, ServiceError};
    ///
    /// let err = ErrorResult::from_restate_response(404, br#"{"code":404,"message":"no such service"}"#);
    /// assert_eq!((err.name(), err.code()), ("not_found", Code::NotFound));
    /// assert_eq!(err.message(), "no such service");
    /// assert_eq!(ErrorResult::from_restate_response(502, b"<html>").code(), Code::Unavailable);
    /// ```
    #[must_use]
    pub fn from_restate_response(status: u16, body: &[u8]) -> ErrorResult {
        let message = (body.len() <= MAX_BODY_BYTES)
            .then(|| serde_json::from_slice::<WireFailure>(body).ok())
            .flatten()
            .and_then(|body| match body.message {
                Some(serde_json::Value::String(message)) => Some(message),
                _ => None,
            });
        let code = crate::model::code::Code::from_http_u16(status);
        tag::untagged(status, message.as_deref().unwrap_or(code.as_str()))
    }

    /// Decodes the error of restate-sdk's ingress client (the
    /// `<Service>IngressClient` its macros generate): a failed invocation's
    /// response as [`from_restate_response`](ErrorResult::from_restate_response)
    /// reads it; any other failure of the client (the ingress unreachable, a
    /// response it could not read) by [`classify`] of its source chain,
    /// under the client error's text. Never fails or panics.
    ///
    /// ```
    /// use errdsl::{Code, ErrorResult, ServiceError};
    /// use restate_sdk::ingress::ClientError;
    ///
    /// let response = http::Response::builder()
    ///     .status(403)
    ///     .body(bytes::Bytes::from_static(br#"{"code":403,"message":"No. [errdsl?name=user_deactivated&id=x7Fq9-Ab]"}"#))
    ///     .unwrap();
    /// let failed = ClientError::Status { status: http::StatusCode::FORBIDDEN, response: Box::new(response) };
    /// let err = ErrorResult::from_restate_client_error(&failed);
    /// assert_eq!((err.name(), err.id()), ("user_deactivated", "x7Fq9-Ab"));
    ///
    /// let unreachable = ClientError::Transport { source: Box::new(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)) };
    /// let err = ErrorResult::from_restate_client_error(&unreachable);
    /// assert!(err.code() == Code::Unavailable && err.is_temporary());
    /// ```
    #[must_use]
    pub fn from_restate_client_error(err: &ClientError) -> ErrorResult {
        if let ClientError::Status { status, response } = err {
            return ErrorResult::from_restate_response(status.as_u16(), response.body());
        }
        classified(classify(err), err.to_string()).build()
    }

    /// Decodes a `TerminalError`, as a `ctx` call to another Restate
    /// service returns it: its code and message, the tag read as the
    /// [module docs](crate::restate#decoding) say.
    ///
    /// ```
    /// use errdsl::{ErrorResult, ServiceError};
    /// use restate_sdk::prelude::TerminalError;
    ///
    /// let sent = TerminalError::new_with_code(409, "Conflict. [errdsl?name=version_conflict&id=x7Fq9-Ab]");
    /// let err = ErrorResult::from_terminal_error(&sent);
    /// assert_eq!((err.name(), err.id(), err.http_status().as_u16()), ("version_conflict", "x7Fq9-Ab", 409));
    /// ```
    #[must_use]
    pub fn from_terminal_error(err: &TerminalError) -> ErrorResult {
        tag::untagged(err.code(), err.message())
    }
}
