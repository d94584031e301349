// A wire name is what gRPC sends upper-cased as `ErrorInfo.reason`, which
// AIP-193 wants to match `[A-Z][A-Z0-9_]+[A-Z0-9]` in at most 63
// characters: each way of missing it has its own message.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400, name = "not found")]
    NotFound,
    #[error("y")]
    #[service_error(http = 400, name = "")]
    Empty,
    #[error("dashed")]
    #[service_error(http = 400, name = "div-by-zero")]
    Dashed,
    #[error("digit first")]
    #[service_error(http = 400, name = "9lives")]
    DigitFirst,
    #[error("underscore last")]
    #[service_error(http = 400, name = "trailing_")]
    UnderscoreLast,
    #[error("long")]
    #[service_error(http = 400, name = "a_wire_name_that_goes_on_and_on_well_past_what_a_reason_may_hold")]
    Long,
}

// A name taken from the variant: the span is on the variant. (A short one
// gets `_error`: `Io` is `io_error`, which compiles.)
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[allow(non_camel_case_types)]
enum StoreError {
    #[error("i/o failed")]
    #[service_error(classify)]
    Io(#[source] std::io::Error),
    #[error("legacy")]
    #[service_error(http = 410)]
    Legacy_,
}

fn main() {}
