//! [`RequestError`]: what errdsl's extractors and router fallbacks (axum's
//! and actix-web's) answer a malformed request with, and the translation
//! of what serde says into what a client can act on, shared by both.

use std::fmt::Write as _;

use serde::de::DeserializeOwned;

use crate::transport::http::MAX_ECHO_CHARS;

errdsl::errors! {
    /// The errors of a request errdsl's extractors (`Json`, `Query`, `Path`,
    /// `Form` of [`errdsl::axum`](crate::axum) and [`errdsl::actix`](crate::actix))
    /// or router fallbacks (`not_found`, `method_not_allowed`) turn away,
    /// named as Goa names them where Goa has a name. They answer like every
    /// declared error (Goa's body, or problem+json by the `negotiate`
    /// middleware),
    /// and their messages name the field and what was expected in a client's
    /// terms (`a 32-bit integer`, `an object`), never a Rust type.
    ///
    /// Add [`RequestError::ERRORS`](crate::Catalog::ERRORS) to a service's
    /// catalog to document them, and a `#[service_error(transparent)]`
    /// variant holding one to decode them into a service's own type.
    ///
    /// ```
    /// use errdsl::axum::RequestError;
    /// use errdsl::{Catalog, ServiceError};
    ///
    /// let err = RequestError::invalid_field_type("b".to_owned(), "a 32-bit integer".to_owned());
    /// assert_eq!(err.name(), "invalid_field_type");
    /// assert_eq!(err.http_status(), 400);
    /// assert_eq!(err.user_message().as_deref(), Some("`b` must be a 32-bit integer."));
    /// assert_eq!(RequestError::ERRORS.len(), 10);
    /// ```
    pub enum RequestError {
        /// The body is not well-formed (JSON whose syntax is broken, a form
        /// that does not parse).
        #[error("the request body is not well-formed {format}: {reason}")]
        #[service_error(http = 400, user_msg = "The request body is not valid {format}: {problem}.")]
        DecodePayload {
            /// The format the body must be in, e.g. `JSON`.
            #[service_error(wire)]
            format: String,
            /// Where or how it broke, in a client's terms, e.g. `line 1, column 8`.
            #[service_error(wire)]
            problem: String,
            /// The parser's own text, for the log.
            #[service_error(default)]
            reason: String,
        },

        /// The request has no body, and needs one.
        #[error("the request has no body")]
        #[service_error(http = 400, user_msg = "The request needs a body.")]
        MissingPayload,

        /// A required field is missing.
        #[error("the request lacks the field {field}")]
        #[service_error(http = 400, user_msg = "`{field}` is missing.")]
        MissingField {
            /// The field's path, e.g. `items[2].name`.
            #[service_error(wire)]
            field: String,
        },

        /// A field has a value of the wrong type or out of its range.
        #[error("the field {field} is not {expected}")]
        #[service_error(http = 400, user_msg = "`{field}` must be {expected}.")]
        InvalidFieldType {
            /// The field's path, e.g. `b`, or `items[2].count`.
            #[service_error(wire)]
            field: String,
            /// What it must be, e.g. `a 32-bit integer`.
            #[service_error(wire)]
            expected: String,
        },

        /// The request is well-formed, but fields of it have values the
        /// endpoint does not take: each with what is wrong with it.
        ///
        /// # Internal
        ///
        /// A validation report of garde or validator converts into this
        /// error, with errdsl's `garde` or `validator` feature.
        #[error("the request has {violations}")]
        #[service_error(http = 400, user_msg = "Some fields of the request are not valid.")]
        InvalidFields {
            /// What is wrong with each field.
            #[service_error(violations)]
            violations: crate::model::field_violation::FieldViolations,
        },

        /// The body is in a media type the endpoint does not take.
        #[error("the request body is not {expected}")]
        #[service_error(http = 415, user_msg = "The request body must be {expected}.")]
        UnsupportedMediaType {
            /// The media type it must be, e.g. `application/json`.
            #[service_error(wire)]
            expected: String,
        },

        /// The body is larger than the service takes.
        #[error("the request body is too large")]
        #[service_error(http = 413, user_msg = "The request body is too large.")]
        PayloadTooLarge,

        /// No route matches the request's path.
        #[error("no route for {path}")]
        #[service_error(http = 404, user_msg = "Nothing is at {path}.")]
        NotFound {
            /// The request's path, cut to a few hundred characters.
            #[service_error(wire)]
            path: String,
        },

        /// The route does not fit the request's path: the service's mistake,
        /// not the request's.
        ///
        /// # Internal
        ///
        /// The route's parameters do not fit its `Path` extractor (their
        /// number, or a type a path cannot hold).
        #[error("the route does not fit its extractor: {reason}")]
        #[service_error(fault)]
        RouteMismatch {
            /// axum's account of it, for the log.
            #[service_error(default)]
            reason: String,
        },

        /// The route does not take the request's method.
        #[error("{method} is not allowed on this route")]
        #[service_error(http = 405, user_msg = "{method} is not allowed here.")]
        MethodNotAllowed {
            /// The request's method.
            #[service_error(wire)]
            method: String,
        },
    }
}

/// A garde report: the fields it finds wrong ([`RequestError::InvalidFields`]).
///
/// ```
/// use errdsl::ServiceError;
/// use errdsl::axum::RequestError;
///
/// let mut report = garde::Report::new();
/// report.append(garde::Path::new("email"), garde::Error::new("not a valid email"));
/// let err = RequestError::from(report);
/// assert_eq!(err.name(), "invalid_fields");
/// assert_eq!(err.field_violations()[0].field(), "email");
/// ```
#[cfg(feature = "garde")]
impl From<garde::Report> for RequestError {
    fn from(report: garde::Report) -> Self {
        RequestError::invalid_fields(report.into())
    }
}

/// A validator report: the fields it finds wrong ([`RequestError::InvalidFields`]).
///
/// ```
/// use errdsl::ServiceError;
/// use errdsl::axum::RequestError;
///
/// let mut errors = validator::ValidationErrors::new();
/// errors.add("email", validator::ValidationError::new("email"));
/// let err = RequestError::from(errors);
/// assert_eq!(err.field_violations()[0].reason(), Some("EMAIL"));
/// ```
#[cfg(feature = "validator")]
impl From<validator::ValidationErrors> for RequestError {
    fn from(errors: validator::ValidationErrors) -> Self {
        RequestError::invalid_fields(errors.into())
    }
}

/// What a deserializer's `expected` text means to a client. serde's text
/// names Rust types (`i32`, `struct Payload`, `enum Shape`), which say
/// nothing to a client and leak a service's internals; anything not known
/// here is `a valid value`.
pub(crate) fn in_client_terms(expected: &str) -> String {
    let expected = expected.trim();
    let plain = match expected {
        "i8" | "u8" | "i16" | "u16" => "a small integer",
        "i32" => "a 32-bit integer",
        "u32" => "a non-negative 32-bit integer",
        "i64" | "isize" | "i128" => "an integer",
        "u64" | "usize" | "u128" => "a non-negative integer",
        "f32" | "f64" => "a number",
        "a boolean" | "bool" => "a boolean",
        "a string" | "string" | "a borrowed string" => "a string",
        "a character" | "char" => "a single character",
        "a sequence" | "a tuple" => "an array",
        "unit" | "null" => "null",
        "a map" => "an object",
        _ if expected.starts_with("struct ") || expected.starts_with("a struct") => "an object",
        _ if expected.starts_with("tuple") || expected.starts_with("a tuple") => "an array",
        _ if expected.starts_with("one of ") && !expected.contains("::") => return expected.to_owned(),
        _ if expected.starts_with("enum ") || expected.starts_with("variant ") => "one of the allowed values",
        _ => "a valid value",
    };
    plain.to_owned()
}

/// What serde says of one field, read from a deserializer's message.
pub(crate) enum FieldProblem {
    /// ``missing field `x` ``: the field (of the current path) is missing.
    Missing(String),
    /// The value at the path is not what was expected, in a client's terms.
    Invalid(String),
}

/// Reads a serde message (`invalid type: string "x", expected i32`,
/// `missing field `b``, `unknown variant `x`, expected one of `a`, `b``)
/// into what a client can act on. Messages of parsers (a `ParseIntError`'s
/// `invalid digit found in string`) say the value is invalid, not what was
/// expected.
pub(crate) fn field_problem(message: &str) -> FieldProblem {
    // serde_json appends the position: ` at line 1 column 10`.
    let message = message.split(" at line ").next().unwrap_or(message);
    if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()) {
        return FieldProblem::Missing(field.to_owned());
    }
    if let Some((_, expected)) = message.rsplit_once(", expected ") {
        return FieldProblem::Invalid(in_client_terms(expected));
    }
    // actix-web's route parameters: `can not parse "x" to a i32`.
    if let Some((_, expected)) =
        message.strip_prefix("can not parse ").and_then(|rest| rest.rsplit_once(" to a "))
    {
        return FieldProblem::Invalid(in_client_terms(expected));
    }
    let expected = if message.contains("digit") || message.contains("number too") {
        "an integer"
    } else if message.contains("float") {
        "a number"
    } else if message.contains("`true` or `false`") {
        "a boolean"
    } else {
        "a valid value"
    };
    FieldProblem::Invalid(expected.to_owned())
}

/// A field's path as a client writes it: `items[2].name`, from
/// `serde_path_to_error`'s segments; `.` (the whole payload) when it is empty.
pub(crate) fn field_path(path: &serde_path_to_error::Path) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            serde_path_to_error::Segment::Seq { index } => {
                let _ = write!(text, "[{index}]");
            }
            serde_path_to_error::Segment::Map { key }
            | serde_path_to_error::Segment::Enum { variant: key } => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            serde_path_to_error::Segment::Unknown => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push('?');
            }
        }
    }
    if text.is_empty() { ".".to_owned() } else { text }
}

/// The field a problem is about: the path, completed by the name of a
/// missing field.
pub(crate) fn join_field(path: &str, field: &str) -> String {
    if path == "." { field.to_owned() } else { format!("{path}.{field}") }
}

/// A JSON body as `T`, or the [`RequestError`] that says, in a client's
/// terms, where and why it is not one.
pub(crate) fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, RequestError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(RequestError::missing_payload());
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|err| json_error(&field_path(err.path()), &err.into_inner()))?;
    // What follows the value (`{} x`) is broken syntax too.
    deserializer.end().map_err(|err| json_error(".", &err))?;
    Ok(value)
}

/// A `serde_json` error at `path`: a field's problem, or broken syntax.
fn json_error(path: &str, err: &serde_json::Error) -> RequestError {
    use serde_json::error::Category;
    match err.classify() {
        Category::Data => field_error(path, &err.to_string()),
        Category::Syntax | Category::Eof | Category::Io => {
            let problem = if err.is_eof() {
                "it ends early".to_owned()
            } else {
                format!("line {}, column {}", err.line(), err.column())
            };
            RequestError::decode_payload("JSON".to_owned(), problem, err.to_string())
        }
    }
}

/// A deserializer's `message` about the value at `path`.
pub(crate) fn field_error(path: &str, message: &str) -> RequestError {
    match field_problem(message) {
        FieldProblem::Missing(field) => RequestError::missing_field(join_field(path, &field)),
        FieldProblem::Invalid(expected) => RequestError::invalid_field_type(path.to_owned(), expected),
    }
}

/// A query string or form body as `T`.
pub(crate) fn urlencoded<T: DeserializeOwned>(text: &[u8]) -> Result<T, RequestError> {
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(text));
    serde_path_to_error::deserialize(deserializer)
        .map_err(|err| field_error(&field_path(err.path()), &err.inner().to_string()))
}

/// The media type of a `Content-Type` value, lowercase, without parameters.
pub(crate) fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Whether `media_type` is JSON: `application/json` or `application/*+json`.
pub(crate) fn is_json(media_type: &str) -> bool {
    media_type == "application/json"
        || media_type.strip_prefix("application/").is_some_and(|subtype| subtype.ends_with("+json"))
}

/// A client's text echoed in a message, cut at [`MAX_ECHO_CHARS`].
pub(crate) fn echoed(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHO_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_type_names_become_client_terms() {
        for (serde, client) in [
            ("i32", "a 32-bit integer"),
            ("u64", "a non-negative integer"),
            ("f64", "a number"),
            ("a boolean", "a boolean"),
            ("struct Payload", "an object"),
            ("a sequence", "an array"),
            ("enum Shape", "one of the allowed values"),
            ("one of `circle`, `square`", "one of `circle`, `square`"),
            ("my_crate::Secret", "a valid value"),
            ("a valid Uuid", "a valid value"),
        ] {
            assert_eq!(in_client_terms(serde), client, "{serde}");
        }
    }

    #[test]
    fn serde_messages_are_read_without_their_type_names() {
        let invalid = |message: &str| match field_problem(message) {
            FieldProblem::Invalid(expected) => expected,
            FieldProblem::Missing(field) => panic!("missing {field}"),
        };
        assert_eq!(
            invalid("invalid type: string \"abc\", expected i32 at line 1 column 12"),
            "a 32-bit integer"
        );
        assert_eq!(invalid("invalid value: integer `-1`, expected u32"), "a non-negative 32-bit integer");
        assert_eq!(invalid("invalid type: map, expected struct internal::Secret"), "an object");
        assert_eq!(invalid("invalid digit found in string"), "an integer");
        assert_eq!(invalid("invalid float literal"), "a number");
        assert_eq!(invalid("something odd about my_crate::Thing"), "a valid value");
        assert!(
            matches!(field_problem("missing field `b` at line 1 column 8"), FieldProblem::Missing(f) if f == "b")
        );
    }
}
