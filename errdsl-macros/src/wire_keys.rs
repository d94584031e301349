//! The macros' mirror of how the runtime spells names and fields in gRPC's
//! `ErrorInfo` (`errdsl/src/transport/grpc/error_info.rs`, AIP-193): a proc-macro
//! crate cannot depend on the runtime. The macros use it to turn away, at
//! compile time, what the runtime could not send faithfully;
//! `tests/tests/wire_keys.rs` compiles this file and holds it to the runtime.

/// The metadata keys of `ErrorInfo` that errdsl fills itself.
pub(crate) const RESERVED_METADATA_KEYS: &[&str] =
    &["id", "code", "temporary", "timeout", "fault", "service"];

/// The longest `retry_after_secs` errdsl's clients accept (`RetryInfo`'s
/// and `Retry-After`'s delay): a day.
pub(crate) const MAX_RETRY_AFTER_SECS: u64 = 24 * 60 * 60;

/// The longest reason AIP-193 allows, in characters.
pub(crate) const MAX_REASON_CHARS: usize = 63;

/// The `ErrorInfo.reason` of a wire name: upper-cased, any character other
/// than an ASCII letter or digit as `_`, at most [`MAX_REASON_CHARS`].
///
/// A declared name (checked at compile time: letters, digits and `_`,
/// starting with a letter, ending with a letter or digit, 3 to 63
/// characters) gives a reason that matches AIP-193's
/// `[A-Z][A-Z0-9_]+[A-Z0-9]`.
#[must_use]
pub(crate) fn reason(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
        .take(MAX_REASON_CHARS)
        .collect()
}

/// The `ErrorInfo.metadata` key of a wire field: its `lowerCamelCase`
/// (`deadline_ms` is `deadlineMs`); a positional field's index follows
/// `field` (`0` is `field0`), since a key starts with a letter; a field
/// named like one of errdsl's own keys travels as `field_<name>`.
#[must_use]
pub(crate) fn metadata_key(field: &str) -> String {
    if is_index(field) {
        return format!("field{field}");
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
#[must_use]
pub(crate) fn field_of_key(key: &str) -> String {
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
