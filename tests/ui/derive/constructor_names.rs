// Every variant makes a constructor: two may not share one, and none may hide
// an associated function of a trait the type implements.
use errdsl::Catalog;

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("a")]
    #[service_error(http = 500)]
    HTTPError,
    #[error("b")]
    #[service_error(http = 502, name = "bad_gateway")]
    HttpError,
    #[error("spec")]
    #[service_error(http = 400)]
    Spec,
    #[error("from")]
    #[service_error(http = 400)]
    From,
    #[error("try from")]
    #[service_error(http = 400)]
    TryFrom,
    // Methods resolve by method-call syntax, so these are fine.
    #[error("name")]
    #[service_error(http = 400)]
    Name,
    #[error("code")]
    #[service_error(http = 400)]
    Code,
}

fn main() {
    let _ = E::http_error();
    let _ = E::spec();
    let _ = E::ERRORS;
}
