//! Google's JSON error body for HTTP APIs ([`BodyFormat::Google`](super::BodyFormat::Google)):
//! AIP-193's HTTP mapping, what grpc-gateway, Envoy's transcoder and
//! Google's own APIs send.
//!
//! ```json
//! {"error": {"code": 400, "message": "...", "status": "INVALID_ARGUMENT", "details": [...]}}
//! ```
//!
//! `code` is the HTTP status, `status` the gRPC code's name, and `details`
//! the gRPC transport's details in protobuf's JSON mapping, in its order
//! (`goapb.ErrorResponse`, `ErrorInfo`, `RetryInfo` with its delay as a
//! duration string, `LocalizedMessage`, `BadRequest`), each with its
//! `@type`: the body is the gRPC status, in JSON. A Goa custom type's own
//! message, which only its protobuf schema can spell in JSON, is left out.
//! Read back, the details go through the gRPC decoder's rules.

use std::fmt::Write as _;
use std::time::Duration;

use http::StatusCode;
use prost::Message as _;
use prost_types::Any;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value, json};
use tonic_types::pb;

use crate::model::code::Code;
use crate::model::error_result::{ErrorResultBuilder, Outgoing};
use crate::transport::grpc::goapb;
use crate::transport::grpc::{decode, rich_status};

/// Writes `err`, sent with `status`, as Google's error body.
pub(crate) fn serialize_error<S: Serializer>(
    err: &Outgoing<'_>,
    status: StatusCode,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let rpc = rich_status(err.clone());
    let details: Vec<Value> = rpc.details.iter().filter_map(detail_json).collect();
    json!({
        "error": {
            "code": status.as_u16(),
            "message": rpc.message,
            "status": err.code.as_str().to_ascii_uppercase(),
            "details": details,
        }
    })
    .serialize(serializer)
}

/// A detail in protobuf's JSON mapping; `None` for a type without one here.
fn detail_json(any: &Any) -> Option<Value> {
    let bytes = any.value.as_slice();
    let mut value = match decode::type_name(&any.type_url) {
        "goapb.ErrorResponse" => {
            let goa = goapb::ErrorResponse::decode(bytes).ok()?;
            json!({"name": goa.name, "id": goa.id, "msg": goa.msg, "temporary": goa.temporary, "timeout": goa.timeout, "fault": goa.fault})
        }
        "google.rpc.ErrorInfo" => {
            let info = pb::ErrorInfo::decode(bytes).ok()?;
            json!({"reason": info.reason, "domain": info.domain, "metadata": info.metadata})
        }
        "google.rpc.RetryInfo" => {
            let delay = pb::RetryInfo::decode(bytes).ok()?.retry_delay?;
            json!({"retryDelay": duration_text(&delay)})
        }
        "google.rpc.LocalizedMessage" => {
            let localized = pb::LocalizedMessage::decode(bytes).ok()?;
            json!({"locale": localized.locale, "message": localized.message})
        }
        "google.rpc.BadRequest" => {
            let bad_request = pb::BadRequest::decode(bytes).ok()?;
            let violations: Vec<Value> = bad_request
                .field_violations
                .iter()
                .map(|violation| {
                    let mut entry = json!({"field": violation.field, "description": violation.description});
                    if !violation.reason.is_empty() {
                        entry["reason"] = Value::from(violation.reason.clone());
                    }
                    entry
                })
                .collect();
            json!({"fieldViolations": violations})
        }
        _ => return None,
    };
    let mut typed = Map::new();
    typed.insert("@type".to_owned(), Value::from(any.type_url.clone()));
    typed.append(value.as_object_mut()?);
    Some(Value::Object(typed))
}

/// A protobuf `Duration` in its JSON mapping: seconds, with as many
/// fractional digits as needed (3, 6 or 9), and `s`.
fn duration_text(duration: &prost_types::Duration) -> String {
    let mut text = duration.seconds.to_string();
    let nanos = duration.nanos.unsigned_abs();
    if nanos != 0 {
        let digits = if nanos.is_multiple_of(1_000_000) {
            format!("{:03}", nanos / 1_000_000)
        } else if nanos.is_multiple_of(1_000) {
            format!("{:06}", nanos / 1_000)
        } else {
            format!("{nanos:09}")
        };
        let _ = write!(text, ".{digits}");
    }
    text.push('s');
    text
}

/// A duration string of protobuf's JSON mapping (`"30s"`, `"1.5s"`);
/// `None` for anything else.
fn parse_duration(text: &str) -> Option<Duration> {
    let number = text.strip_suffix('s')?;
    let (seconds, fraction) = number.split_once('.').unwrap_or((number, ""));
    if seconds.is_empty() || !seconds.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 9 {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let nanos = if fraction.is_empty() { 0 } else { format!("{fraction:0<9}").parse().ok()? };
    Some(Duration::new(seconds.parse().ok()?, nanos))
}

/// Google's error body, leniently: every member may be missing.
#[derive(Deserialize)]
struct Body {
    error: ErrorMember,
}

#[derive(Deserialize)]
struct ErrorMember {
    #[serde(default)]
    message: Option<Value>,
    #[serde(default)]
    status: Option<Value>,
    #[serde(default)]
    details: Option<Vec<Value>>,
}

/// The error of a body in Google's format, sent with `status`; `None` when
/// the body is not one (a single `error` member holding an object).
pub(crate) fn read(raw: &str, status: StatusCode) -> Option<ErrorResultBuilder> {
    let body: Body = serde_json::from_str(raw).ok()?;
    let error = body.error;
    let code = error
        .status
        .as_ref()
        .and_then(Value::as_str)
        .and_then(|name| Code::ALL.into_iter().find(|code| code.as_str().eq_ignore_ascii_case(name)))
        .unwrap_or_else(|| Code::from_http_status(status));
    let message = error.message.as_ref().and_then(Value::as_str).unwrap_or_default();
    let details: Vec<Any> = error.details.unwrap_or_default().iter().filter_map(detail_any).collect();
    Some(decode::details_builder(code, message, &details))
}

/// A detail of protobuf's JSON mapping as the `Any` the gRPC decoder
/// reads; `None` for a type it does not read or a malformed detail.
fn detail_any(value: &Value) -> Option<Any> {
    let type_url = value.get("@type")?.as_str()?;
    let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    let flag = |key: &str| value.get(key).and_then(Value::as_bool).unwrap_or_default();
    let bytes = match decode::type_name(type_url) {
        "goapb.ErrorResponse" => goapb::ErrorResponse {
            name: text("name"),
            id: text("id"),
            msg: text("msg"),
            temporary: flag("temporary"),
            timeout: flag("timeout"),
            fault: flag("fault"),
        }
        .encode_to_vec(),
        "google.rpc.ErrorInfo" => {
            let metadata = value.get("metadata").and_then(Value::as_object);
            let metadata = metadata
                .into_iter()
                .flatten()
                .filter_map(|(key, value)| Some((key.clone(), value.as_str()?.to_owned())))
                .collect();
            pb::ErrorInfo { reason: text("reason"), domain: text("domain"), metadata }.encode_to_vec()
        }
        "google.rpc.RetryInfo" => {
            let delay = parse_duration(value.get("retryDelay")?.as_str()?)?;
            pb::RetryInfo { retry_delay: prost_types::Duration::try_from(delay).ok() }.encode_to_vec()
        }
        "google.rpc.LocalizedMessage" => {
            pb::LocalizedMessage { locale: text("locale"), message: text("message") }.encode_to_vec()
        }
        "google.rpc.BadRequest" => {
            let violations = value.get("fieldViolations").and_then(Value::as_array).into_iter().flatten();
            let field_violations = violations
                .map(|violation| {
                    let text =
                        |key: &str| violation.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
                    pb::bad_request::FieldViolation {
                        field: text("field"),
                        description: text("description"),
                        reason: text("reason"),
                        localized_message: None,
                    }
                })
                .collect();
            pb::BadRequest { field_violations }.encode_to_vec()
        }
        _ => return None,
    };
    Some(Any { type_url: type_url.to_owned(), value: bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_protobufs_json() {
        let text = |seconds, nanos| duration_text(&prost_types::Duration { seconds, nanos });
        assert_eq!(text(30, 0), "30s");
        assert_eq!(text(1, 500_000_000), "1.500s");
        assert_eq!(text(0, 1_000), "0.000001s");
        assert_eq!(text(2, 7), "2.000000007s");
        assert_eq!(parse_duration("30s"), Some(Duration::from_secs(30)));
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration("0.000000007s"), Some(Duration::from_nanos(7)));
        for bad in ["", "s", "30", "-1s", "1.s5", "1.0000000001s", "x1s", "1e3s"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }
}
