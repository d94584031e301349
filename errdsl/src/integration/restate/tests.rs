use super::tag::{tagged_message, untagged};
use super::*;
use crate::model::code::Code;
use restate_sdk::errors::{HandlerError, TerminalError};
use std::fmt::Write as _;
use std::time::Duration;

fn deactivated() -> ErrorResult {
    ErrorResult::builder("user_deactivated", Code::PermissionDenied)
        .message("user user_123 is deactivated since 2026-01-02")
        .user_message("This user is deactivated.")
        .id("x7Fq9-Ab")
        .field("user_id", "user_123")
        .build()
}

/// restate's own `Display` of a `HandlerError`: `Terminal error [code]: message`
/// for a terminal one, `Retryable error: message` otherwise.
fn handler_error(failure: Failure) -> String {
    shown(&HandlerError::from(failure))
}

fn shown(err: &HandlerError) -> String {
    let err: &dyn Error = err.as_ref();
    err.to_string()
}

#[test]
fn a_permanent_error_is_terminal_with_its_status_and_tagged_wire_message() {
    let failure = Failure::from(deactivated());
    let id = failure.error().unwrap().id().to_owned();
    assert_eq!(
        handler_error(failure),
        format!(
            "Terminal error [403]: This user is deactivated. [errdsl?name=user_deactivated&id={id}&field.user_id=user_123]"
        )
    );
}

#[test]
fn a_temporary_error_is_retryable() {
    let err = ErrorResult::builder("maintenance", Code::Unavailable)
        .user_message("Notifications are paused; retrying.")
        .temporary(true)
        .retry_after(Duration::from_secs(1))
        .id("abcdEFGH")
        .build();
    let failure = Failure::from(err);
    assert!(failure.is_retryable());
    let shown = handler_error(failure);
    assert!(
        shown
            .starts_with("Retryable error: Notifications are paused; retrying. [errdsl?name=maintenance&id="),
        "{shown}"
    );
    assert!(shown.ends_with("&temporary]"), "{shown}");
}

#[test]
fn a_fault_sends_neither_its_text_nor_its_sources() {
    for temporary in [false, true] {
        let err = ErrorResult::builder("db_down", Code::Internal)
            .message("connect to 10.0.0.7:5432: connection refused")
            .fault(true)
            .temporary(temporary)
            .source(std::io::Error::other("secret 10.0.0.7"))
            .build();
        let sent = HandlerError::from(Failure::from(err));
        let shown = format!("{} {sent:?}", shown(&sent));
        assert!(!shown.contains("10.0.0.7"), "{shown}");
        assert!(shown.contains("internal error (id: "), "{shown}");
    }
}

#[test]
fn the_captured_error_gets_a_fresh_id_and_the_tag_carries_it() {
    let failure = Failure::from(deactivated());
    let id = failure.error().unwrap().id().to_owned();
    assert_ne!(id, "x7Fq9-Ab");
    let shown = handler_error(failure);
    assert!(shown.contains(&format!("&id={id}&")), "{shown}");
}

#[test]
fn a_terminal_error_of_the_sdk_passes_through_unchanged() {
    let failure = Failure::from(TerminalError::new_with_code(409, "cancelled"));
    assert!(!failure.is_retryable());
    assert!(failure.error().is_none());
    assert_eq!(handler_error(failure), "Terminal error [409]: cancelled");
}

#[test]
fn foreign_errors_are_classified_and_sent_as_faults() {
    let refused =
        Failure::from(std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "10.0.0.7 refused"));
    assert!(refused.is_retryable());
    let shown = handler_error(refused);
    assert!(!shown.contains("10.0.0.7") && shown.contains("name=unavailable"), "{shown}");

    let boxed: Box<dyn Error + Send + Sync> = Box::new(std::io::Error::from(std::io::ErrorKind::NotFound));
    let failure = Failure::from(boxed);
    assert!(!failure.is_retryable());
    assert_eq!(failure.error().unwrap().name(), "not_found");

    // An unknown error is a permanent internal fault.
    let failure = Failure::foreign(std::fmt::Error);
    assert!(!failure.is_retryable());
    assert!(handler_error(failure).starts_with("Terminal error [500]: internal error (id: "));

    // An `ErrorResult` in the chain is sent as itself.
    let failure = Failure::foreign(std::io::Error::other(deactivated()));
    assert_eq!(failure.error().unwrap().name(), "user_deactivated");
    assert_eq!(failure.error().unwrap().id(), "x7Fq9-Ab");
}

#[test]
fn into_restate_converts_by_the_rule() {
    let ok: Result<u8, ErrorResult> = Ok(7);
    assert_eq!(ok.into_restate().unwrap(), 7);
    let io: Result<(), std::io::Error> = Err(std::io::ErrorKind::ConnectionReset.into());
    assert!(shown(&io.into_restate().unwrap_err()).starts_with("Retryable error: "));
}

#[test]
fn the_tag_round_trips_every_answer() {
    let sent = ErrorResult::builder("slow", Code::DeadlineExceeded)
        .message("took 31 s")
        .user_message("It took too long & gave up; sorry [really]")
        .temporary(true)
        .timeout(true)
        .id("ab+c/d=e")
        .field("id", "field named id")
        .field("name", "a]b [errdsl?name=x]")
        .build();
    let message = tagged_message(&sent);
    let back = untagged(504, &message);
    assert_eq!((back.name(), back.id()), ("slow", "ab+c/d=e"));
    assert!(back.is_temporary() && back.is_timeout() && !back.is_fault());
    assert_eq!(back.user_message().as_deref(), Some("It took too long & gave up; sorry [really]"));
    assert_eq!(back.field("id"), Some("field named id"));
    assert_eq!(back.field("name"), Some("a]b [errdsl?name=x]"));
    assert_eq!((back.code(), back.http_status().as_u16()), (Code::DeadlineExceeded, 504));
}

#[test]
fn a_fault_decodes_as_a_fault_without_a_user_message() {
    let sent = ErrorResult::builder("db_down", Code::Internal).fault(true).id("x7Fq9-Ab").build();
    let back = untagged(500, &tagged_message(&sent));
    assert!(back.is_fault());
    assert_eq!(back.user_message(), None);
    assert_eq!(back.message(), "internal error (id: x7Fq9-Ab)");
}

#[test]
fn a_message_without_a_tag_is_kept_whole() {
    for message in ["cancelled", "a [errdsl?name=x", "ends with ]", "", "[errdsl?name=x]"] {
        let back = untagged(409, message);
        assert_eq!(back.message(), message);
        assert_eq!(back.name(), "already_exists");
    }
    // The status's flags, as the HTTP decoder reads them.
    assert!(untagged(503, "no").is_temporary());
    // A code that is no HTTP status keeps the code's own status.
    let odd = untagged(1000, "odd");
    assert_eq!((odd.code(), odd.http_status().as_u16()), (Code::Unknown, 500));
}

#[test]
fn a_tag_gives_back_at_most_64_fields_and_skips_unknown_keys() {
    let mut tag = String::from("m [errdsl?name=n&color=red");
    for i in 0..100 {
        write!(tag, "&field.f{i}=v").unwrap();
    }
    tag.push(']');
    let back = untagged(400, &tag);
    assert_eq!(back.fields().len(), 64);
    assert_eq!(back.field("color"), None);
    assert_eq!(back.name(), "n");
}

#[test]
fn the_ingress_response_decodes() {
    let body = br#"{"code":403,"message":"This user is deactivated. [errdsl?name=user_deactivated&id=x7Fq9-Ab]","source":"invocation"}"#;
    let err = ErrorResult::from_restate_response(403, body);
    assert_eq!((err.name(), err.id()), ("user_deactivated", "x7Fq9-Ab"));
    // Not JSON, a message of another type, too large: the status only.
    for body in [&b"<html>"[..], br#"{"message":7}"#, &vec![b' '; MAX_BODY_BYTES + 1]] {
        let err = ErrorResult::from_restate_response(404, body);
        assert_eq!((err.name(), err.message()), ("not_found", "not_found"));
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    prop_compose! {
        fn arb_error()(
            name in "[a-z][a-z0-9_]{0,20}",
            id in "[A-Za-z0-9_+/=&\\]-]{1,12}",
            status in 400u16..=599,
            message in any::<String>(),
            user_message in proptest::option::of(any::<String>()),
            (temporary, timeout, fault) in any::<(bool, bool, bool)>(),
            fields in proptest::collection::btree_map("[a-z][a-zA-Z0-9_.]{0,10}", any::<String>(), 0..5),
        ) -> ErrorResult {
            let mut builder = ErrorResult::builder(name, Code::from_http_u16(status))
                .http_status(http::StatusCode::from_u16(status).unwrap())
                .id(id)
                .message(message)
                .temporary(temporary)
                .timeout(timeout)
                .fault(fault);
            if let Some(user_message) = user_message {
                builder = builder.user_message(user_message);
            }
            for (name, value) in fields {
                builder = builder.field(name, value);
            }
            builder.build()
        }
    }

    proptest! {
        #[test]
        fn the_tag_round_trips(sent in arb_error()) {
            let status = sent.http_status().as_u16();
            let back = untagged(status, &tagged_message(&sent));
            prop_assert_eq!((back.name(), back.id()), (sent.name(), sent.id()));
            prop_assert_eq!(
                (back.is_temporary(), back.is_timeout(), back.is_fault()),
                (sent.is_temporary(), sent.is_timeout(), sent.is_fault())
            );
            prop_assert_eq!((back.code(), back.http_status()), (sent.code(), sent.http_status()));
            prop_assert_eq!(back.fields().collect::<Vec<_>>(), sent.fields().collect::<Vec<_>>());
            prop_assert_eq!(back.message(), sent.wire_message());
            if !sent.is_fault() {
                prop_assert_eq!(back.user_message(), Some(sent.wire_message()));
            }
        }

        #[test]
        fn through_the_ingress_and_a_terminal_error(sent in arb_error()) {
            let status = sent.http_status().as_u16();
            let message = tagged_message(&sent);
            let body = serde_json::json!({"code": status, "message": message, "source": "invocation"});
            let from_ingress = ErrorResult::from_restate_response(status, body.to_string().as_bytes());
            let from_terminal = ErrorResult::from_terminal_error(&TerminalError::new_with_code(status, message));
            for back in [from_ingress, from_terminal] {
                prop_assert_eq!((back.name(), back.id()), (sent.name(), sent.id()));
                prop_assert_eq!(back.fields().len(), sent.fields().len());
            }
        }

        #[test]
        fn any_message_decodes_without_panicking(status in any::<u16>(), message in any::<String>()) {
            let err = untagged(status, &message);
            prop_assert!(!err.name().is_empty());
            prop_assert!(err.fields().len() <= 64);
            if !message.contains(" [errdsl?") {
                prop_assert_eq!(err.message(), message.as_str());
            }
        }

        /// Messages that end with a tag of any query (errdsl's keys and
        /// any others, with values of any text, `%` escapes, `&`, `=`,
        /// `]`), so that the tag parser runs on what it must refuse too.
        #[test]
        fn any_tag_reaches_the_tag_parser(status in any::<u16>(), text in "[^\\[]{0,40}", query in arb_query()) {
            let message = format!("{text} [errdsl?{query}]");
            let err = untagged(status, &message);
            prop_assert!(!err.name().is_empty());
            prop_assert!(err.fields().len() <= 64);
            // The text before the last tag is the message.
            if !query.contains(" [errdsl?") {
                prop_assert_eq!(err.message(), text.as_str());
            }
        }

        #[test]
        fn any_body_decodes_without_panicking(status in any::<u16>(), body in proptest::collection::vec(any::<u8>(), 0..512)) {
            let err = ErrorResult::from_restate_response(status, &body);
            prop_assert!(!err.name().is_empty());
        }
    }

    /// A tag's query: pairs of errdsl's keys (or any key) and any value, or
    /// keys alone.
    fn arb_query() -> impl Strategy<Value = String> {
        let key = prop_oneof![
            Just("name".to_owned()),
            Just("id".to_owned()),
            Just("temporary".to_owned()),
            Just("timeout".to_owned()),
            Just("fault".to_owned()),
            "field\\.[a-z_%0-9]{0,8}",
            any::<String>(),
        ];
        let value = prop_oneof![any::<String>(), "[a-z0-9%+=&\\]\\[]{0,12}"];
        proptest::collection::vec((key, proptest::option::of(value)), 0..80).prop_map(|pairs| {
            let pairs: Vec<String> = pairs
                .into_iter()
                .map(|(key, value)| match value {
                    Some(value) => format!("{key}={value}"),
                    None => key,
                })
                .collect();
            pairs.join("&")
        })
    }
}
