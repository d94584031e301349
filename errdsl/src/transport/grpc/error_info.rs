//! How an error's name and fields are spelled in `google.rpc.ErrorInfo`, by
//! Google's AIP-193: the reason in `UPPER_SNAKE_CASE`, metadata keys in
//! `lowerCamelCase`.
//!
//! The macros check at compile time that every declared name and field
//! fits these rules (they keep a mirror of this file's functions, held to
//! them by a test); names and fields built at run time are sent as well as
//! these functions can spell them.

/// The metadata keys of `ErrorInfo` that errdsl fills itself; a field
/// named like one travels under another key ([`metadata_key`]).
///
/// ```
/// assert!(errdsl::grpc::RESERVED_METADATA_KEYS.contains(&"id"));
/// ```
pub const RESERVED_METADATA_KEYS: &[&str] =
    &[KEY_ID, KEY_CODE, KEY_TEMPORARY, KEY_TIMEOUT, KEY_FAULT, KEY_SERVICE];

/// The `ErrorInfo.metadata` key of the id.
pub(crate) const KEY_ID: &str = "id";
/// The `ErrorInfo.metadata` key of the temporary flag.
pub(crate) const KEY_TEMPORARY: &str = "temporary";
/// The `ErrorInfo.metadata` key of the timeout flag.
pub(crate) const KEY_TIMEOUT: &str = "timeout";
/// The `ErrorInfo.metadata` key of the fault flag.
pub(crate) const KEY_FAULT: &str = "fault";
/// The `ErrorInfo.metadata` key of the code's `snake_case` name.
pub(crate) const KEY_CODE: &str = "code";
/// The `ErrorInfo.metadata` key of the service.
pub(crate) const KEY_SERVICE: &str = "service";

/// The `ErrorInfo.domain` of errors that name neither a domain nor a
/// service.
///
/// The rich error model requires a domain; a decoder reads this one (and an
/// empty one) as "no domain". Declare a domain (`#[service_error(domain =
/// "divider.example.com")]`) for a globally unique one, as AIP-193 asks.
///
/// ```
/// use errdsl::{Code, ErrorResult, ServiceError, grpc};
/// use tonic_types::StatusExt;
///
/// let status = tonic::Status::from(ErrorResult::new("not_found", Code::NotFound, "no user 42"));
/// assert_eq!(status.get_details_error_info().unwrap().domain, grpc::DEFAULT_DOMAIN);
/// assert_eq!(ErrorResult::from_grpc_status(&status).domain(), None);
/// ```
pub const DEFAULT_DOMAIN: &str = crate::model::aip193::DEFAULT_DOMAIN;

/// The longest reason AIP-193 allows, in characters.
pub const MAX_REASON_CHARS: usize = crate::model::aip193::MAX_REASON_CHARS;

/// The `ErrorInfo.reason` of a wire name: upper-cased, any character other
/// than an ASCII letter or digit as `_`, at most [`MAX_REASON_CHARS`].
///
/// A declared name (checked at compile time: letters, digits and `_`,
/// starting with a letter, ending with a letter or digit, 3 to 63
/// characters) gives a reason that matches AIP-193's
/// `[A-Z][A-Z0-9_]+[A-Z0-9]`.
///
/// ```
/// use errdsl::grpc::reason;
///
/// assert_eq!(reason("div_by_zero"), "DIV_BY_ZERO");
/// assert_eq!(reason("http-503"), "HTTP_503");
/// ```
#[must_use]
pub fn reason(name: &str) -> String {
    crate::model::aip193::reason(name)
}

/// The `ErrorInfo.metadata` key of a wire field: its `lowerCamelCase`
/// (`deadline_ms` is `deadlineMs`); a positional field's index follows
/// `field` (`0` is `field0`), since a key starts with a letter. A field
/// named like one of errdsl's own keys ([`RESERVED_METADATA_KEYS`]: `id`,
/// `code`, ...) travels as `field_<name>`, which [`field_of_key`] reads
/// back as `<name>`, so that `NotFound { id: u64 }` needs no rename.
///
/// ```
/// use errdsl::grpc::{field_of_key, metadata_key};
///
/// assert_eq!(metadata_key("deadline_ms"), "deadlineMs");
/// assert_eq!(metadata_key("dividend"), "dividend");
/// assert_eq!(metadata_key("0"), "field0");
/// assert_eq!(metadata_key("code"), "field_code");
/// assert_eq!(field_of_key("field_code"), "code");
/// ```
#[must_use]
pub fn metadata_key(field: &str) -> String {
    if is_index(field) {
        return format!("field{field}");
    }
    // A field whose key would be one of errdsl's own (`id`, but also
    // `_id` or `id_`, which camel-case to it) travels as `field_<name>`.
    if !field.contains('_') {
        // One word: the key is the name.
        if RESERVED_METADATA_KEYS.contains(&field) {
            return format!("field_{field}");
        }
        return field.to_owned();
    }
    let mut key = String::with_capacity(field.len());
    let mut word_starts = false;
    for c in field.chars() {
        if c == '_' {
            word_starts = !key.is_empty();
        } else if word_starts {
            key.extend(c.to_uppercase());
            word_starts = false;
        } else {
            key.push(c);
        }
    }
    if RESERVED_METADATA_KEYS.contains(&key.as_str()) {
        return format!("field_{field}");
    }
    key
}

/// The wire field a metadata key names: the inverse of [`metadata_key`]
/// (`deadlineMs` is `deadline_ms`, `field0` is `0`). A key of an errdsl
/// peer older than AIP-193 keys, `field_<name>`, names `<name>`.
///
/// ```
/// use errdsl::grpc::field_of_key;
///
/// assert_eq!(field_of_key("deadlineMs"), "deadline_ms");
/// assert_eq!(field_of_key("field0"), "0");
/// assert_eq!(field_of_key("field_deadline_ms"), "deadline_ms");
/// ```
#[must_use]
pub fn field_of_key(key: &str) -> String {
    if let Some(name) = key.strip_prefix("field_").filter(|name| !name.is_empty()) {
        return name.to_owned();
    }
    if let Some(index) = key.strip_prefix("field").filter(|index| is_index(index)) {
        return index.to_owned();
    }
    let mut name = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            name.push('_');
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    name
}

/// Whether `text` is a positional field's name: digits only.
fn is_index(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_fields_round_trip() {
        for name in [
            "deadline_ms",
            "a",
            "dividend",
            "retry_after_secs",
            "x2",
            "0",
            "12",
            "http_status2",
            "id",
            "code",
            "_id",
            "id_",
        ] {
            assert_eq!(field_of_key(&metadata_key(name)), name, "{name}");
        }
    }

    #[test]
    fn some_names_do_not_round_trip() {
        // The macros turn these away at compile time.
        for (name, key) in
            [("retry_2x", "retry2x"), ("field0", "field0"), ("a__b", "aB"), ("trailing_", "trailing")]
        {
            assert_eq!(metadata_key(name), key);
            assert_ne!(field_of_key(key), name);
        }
    }

    #[test]
    fn reasons_are_upper_snake_case() {
        assert_eq!(reason("maintenance"), "MAINTENANCE");
        assert_eq!(reason("ok.status"), "OK_STATUS");
        assert_eq!(reason(&"a".repeat(100)).len(), MAX_REASON_CHARS);
    }
}
