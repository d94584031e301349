//! Wire fields and the client-side `TryFrom<ErrorResult>` both macros
//! generate: every declared error comes back as the same variant, fields
//! that travel included; anything else gives the `ErrorResult` back.

use errdsl::{Code, ErrorResult, ServiceError};

errdsl::errors! {
    /// API-level errors.
    pub enum ApiError {
        #[error("authentication required")]
        #[service_error(grpc = Unauthenticated)]
        Unauthenticated,
    }

    /// Errors of divide.
    #[service_error(service = "divider")]
    pub enum DivideError: ApiError {
        #[error("cannot divide {dividend} by zero")]
        #[service_error(grpc = InvalidArgument)]
        DivByZero {
            #[service_error(wire)]
            dividend: i64,
        },

        #[error("{0} / {1} has a remainder")]
        #[service_error(http = 417)]
        HasRemainder(#[service_error(wire)] i32, #[service_error(wire)] i32),

        #[error("overflow: {source}")]
        #[service_error(fault)]
        Overflow {
            #[service_error(wire)]
            dividend: i32,
            #[service_error(default)]
            source: Internal,
        },

        #[error("store failed")]
        #[service_error(classify)]
        Store(#[source] #[service_error(default)] Internal),

        #[error("secret {note}")]
        #[service_error(http = 409)]
        NotDecodable { note: String },

        #[error(transparent)]
        #[service_error(transparent)]
        Quota(QuotaError),
    }
}

/// An internal error that never travels.
#[derive(Debug, Default, thiserror::Error)]
#[error("internal: {0}")]
pub struct Internal(String);

/// A derived error, inside `DivideError` transparently.
#[derive(Debug, thiserror::Error, ServiceError)]
#[service_error(service = "quota")]
pub enum QuotaError {
    #[error("quota {limit} exceeded")]
    #[service_error(grpc = ResourceExhausted, temporary)]
    Exceeded {
        #[service_error(wire)]
        limit: u32,
    },
}

/// A hand-written service error: not decodable, so a transparent variant
/// around it is skipped by `TryFrom`.
#[derive(Debug, thiserror::Error)]
#[error("hand-written")]
pub struct HandWritten;

impl ServiceError for HandWritten {
    fn name(&self) -> &'static str {
        "hand_written"
    }
    fn code(&self) -> Code {
        Code::Aborted
    }
    fn http_status(&self) -> http::StatusCode {
        http::StatusCode::CONFLICT
    }
    fn is_temporary(&self) -> bool {
        false
    }
    fn is_timeout(&self) -> bool {
        false
    }
    fn is_fault(&self) -> bool {
        false
    }
    fn user_message(&self) -> Option<std::borrow::Cow<'_, str>> {
        None
    }
}

impl errdsl::Catalog for HandWritten {
    const ERRORS: &'static [errdsl::ErrorSpec] = &[];
}

/// A derived struct and an enum wrapping a hand-written error.
#[derive(Debug, thiserror::Error, ServiceError)]
#[error("no user {user_id}")]
#[service_error(http = 404)]
pub struct UserNotFound {
    #[service_error(wire)]
    user_id: u64,
}

#[derive(Debug, thiserror::Error, ServiceError)]
pub enum Wrapper {
    #[error(transparent)]
    #[service_error(transparent)]
    Hand(HandWritten),
    #[error("gone")]
    #[service_error(http = 410)]
    Gone,
}

/// Encodes on the "server" and decodes on the "client".
/// `err` sent for real, as an HTTP response (Goa's body) and as a
/// `tonic::Status`, and decoded back from each: the two decodings agree on
/// everything `TryFrom` reads (name, fields, violations); the HTTP one is
/// returned.
fn round_trip<E: ServiceError>(err: &E) -> ErrorResult {
    let response = errdsl::http::response(err, errdsl::http::BodyFormat::Goa);
    let over_http = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
    let over_grpc = ErrorResult::from_grpc_status(&errdsl::grpc::to_status(err));
    assert_eq!(over_http.name(), over_grpc.name());
    // gRPC's metadata is a map: its fields come back sorted by name.
    let mut http_fields: Vec<(&str, &str)> = over_http.fields().collect();
    http_fields.sort_unstable();
    assert_eq!(http_fields, over_grpc.fields().collect::<Vec<_>>(), "{}", err.name());
    assert_eq!(over_http.field_violations(), over_grpc.field_violations());
    over_http
}

#[test]
fn wire_fields_list_what_travels() {
    assert_eq!(DivideError::div_by_zero(7).wire_fields(), [("dividend", "7".to_owned())]);
    assert_eq!(
        DivideError::has_remainder(7, 2).wire_fields(),
        [("0", "7".to_owned()), ("1", "2".to_owned())]
    );
    let overflow = DivideError::overflow(i32::MIN, Internal("SECRET".into()));
    assert_eq!(overflow.wire_fields(), [("dividend", i32::MIN.to_string())]);
    // Not `wire`, but shown in the message sent (the `#[error]` text): it
    // travels, as the message does, and still does not decode.
    assert_eq!(DivideError::not_decodable("x".into()).wire_fields(), [("note", "x".to_owned())]);
    assert_eq!(DivideError::Quota(QuotaError::exceeded(10)).wire_fields(), [("limit", "10".to_owned())]);
    assert!(DivideError::unauthenticated().wire_fields().is_empty());
    // Captured into the wire form, in declaration order.
    let result = round_trip(&DivideError::has_remainder(7, 2));
    assert_eq!(result.fields().collect::<Vec<_>>(), [("0", "7"), ("1", "2")]);
}

#[test]
fn every_decodable_error_comes_back_as_its_variant() {
    let back = |err: &DivideError| DivideError::try_from(round_trip(err));
    assert!(matches!(back(&DivideError::unauthenticated()), Ok(DivideError::Unauthenticated)));
    assert!(matches!(back(&DivideError::div_by_zero(-3)), Ok(DivideError::DivByZero { dividend: -3 })));
    assert!(matches!(back(&DivideError::has_remainder(7, 2)), Ok(DivideError::HasRemainder(7, 2))));
    match back(&DivideError::overflow(i32::MIN, Internal("SECRET".into()))) {
        Ok(DivideError::Overflow { dividend, source }) => {
            assert_eq!(dividend, i32::MIN);
            assert_eq!(source.0, "", "the source never travels: it decodes as its default");
        }
        other => panic!("{other:?}"),
    }
    let store = DivideError::store(Internal("disk".into()));
    assert!(matches!(back(&store), Ok(DivideError::Store(Internal(text))) if text.is_empty()));
    assert!(matches!(
        back(&DivideError::Quota(QuotaError::exceeded(10))),
        Ok(DivideError::Quota(QuotaError::Exceeded { limit: 10 }))
    ));
    // The parent decodes its own errors and nothing else.
    assert!(matches!(
        ApiError::try_from(round_trip(&ApiError::unauthenticated())),
        Ok(ApiError::Unauthenticated)
    ));
    let err = ApiError::try_from(round_trip(&DivideError::div_by_zero(1))).unwrap_err();
    assert_eq!(err.name(), "div_by_zero");
}

#[test]
fn what_cannot_be_decoded_comes_back_as_the_result() {
    // A local field: the error is not decodable.
    let result = round_trip(&DivideError::not_decodable("internal note".into()));
    let id = result.id().to_owned();
    let back = DivideError::try_from(result).unwrap_err();
    assert_eq!((back.name(), back.id()), ("not_decodable", id.as_str()));

    // An unknown name.
    let result = ErrorResult::new("no_such_error", Code::NotFound, "x");
    assert_eq!(DivideError::try_from(result).unwrap_err().name(), "no_such_error");

    // A missing or malformed field.
    let missing = ErrorResult::builder("div_by_zero", Code::InvalidArgument).build();
    assert_eq!(DivideError::try_from(missing).unwrap_err().name(), "div_by_zero");
    let malformed =
        ErrorResult::builder("div_by_zero", Code::InvalidArgument).field("dividend", "seven").build();
    assert_eq!(DivideError::try_from(malformed).unwrap_err().field("dividend"), Some("seven"));
    let too_big = ErrorResult::builder("has_remainder", Code::FailedPrecondition)
        .field("0", "99999999999")
        .field("1", "2")
        .build();
    assert!(DivideError::try_from(too_big).is_err());
}

#[test]
fn structs_and_hand_written_inner_errors() {
    let back = UserNotFound::try_from(round_trip(&UserNotFound { user_id: 42 })).unwrap();
    assert_eq!(back.user_id, 42);
    assert!(UserNotFound::try_from(ErrorResult::new("other", Code::NotFound, "x")).is_err());

    // The hand-written inner type has no `TryFrom<ErrorResult>`: skipped.
    let result = round_trip(&Wrapper::Hand(HandWritten));
    assert_eq!(Wrapper::try_from(result).unwrap_err().name(), "hand_written");
    assert!(matches!(Wrapper::try_from(round_trip(&Wrapper::Gone)), Ok(Wrapper::Gone)));
}

#[test]
fn classified_errors_decode_by_name_whatever_their_code() {
    let err = DivideError::store(Internal::default());
    let result = ErrorResult::builder("store", Code::Unavailable).temporary(true).build();
    assert_eq!(err.name(), result.name());
    assert!(matches!(DivideError::try_from(result), Ok(DivideError::Store(_))));
}
