//! The bounds both directions keep: what is sent is cut to them, and so is
//! what is read, whoever sent it.

use std::time::Duration;

/// The longest text, in bytes, that is sent or read: messages, user
/// messages, names, ids and metadata values are cut to this length on a
/// `char` boundary.
///
/// ```
/// use errdsl::{Code, ErrorResult, grpc};
///
/// let status = tonic::Status::new(tonic::Code::Internal, "é".repeat(grpc::MAX_TEXT_BYTES));
/// let err = ErrorResult::from_grpc_status(&status);
/// assert_eq!(err.message().len(), grpc::MAX_TEXT_BYTES);
/// ```
pub const MAX_TEXT_BYTES: usize = 4096;

/// The most wire fields sent or read, and the most field violations;
/// further ones are dropped.
///
/// ```
/// use errdsl::{Code, ErrorResult, grpc};
///
/// let mut builder = ErrorResult::builder("many", Code::InvalidArgument);
/// for i in 0..grpc::MAX_FIELDS + 10 {
///     builder = builder.field(format!("f{i:03}"), "x");
/// }
/// let status = tonic::Status::from(builder.build());
/// assert_eq!(ErrorResult::from_grpc_status(&status).fields().count(), grpc::MAX_FIELDS);
/// ```
pub const MAX_FIELDS: usize = 64;

/// The longest `RetryInfo.retry_delay` a decoder accepts (one day); a
/// longer one is ignored as absurd.
///
/// ```
/// use std::time::Duration;
/// use errdsl::{Code, ErrorResult, ServiceError, grpc};
///
/// let err = ErrorResult::builder("busy", Code::Unavailable)
///     .retry_after(grpc::MAX_RETRY_DELAY + Duration::from_secs(1))
///     .build();
/// let status = tonic::Status::from(err);
/// assert_eq!(ErrorResult::from_grpc_status(&status).retry_after(), None);
/// ```
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(24 * 60 * 60);

/// `text` cut to at most [`MAX_TEXT_BYTES`] bytes, on a `char` boundary.
pub(crate) fn bounded(text: &str) -> &str {
    if text.len() <= MAX_TEXT_BYTES {
        return text;
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// [`bounded`] for text already owned: cut in place, not copied.
pub(crate) fn bounded_owned(mut text: String) -> String {
    text.truncate(bounded(&text).len());
    text
}
