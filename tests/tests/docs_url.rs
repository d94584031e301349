//! `docs_url`: where an error's docs are, which its problem `type` points
//! to; inherited errors keep their declaring enum's.

use errdsl::http::ProblemDetails;
use errdsl::{Catalog, ErrorResult, ServiceError};

#[derive(Debug, thiserror::Error, ServiceError)]
#[service_error(docs_url = "https://api.example.com/errors/")]
pub enum Derived {
    #[error("gone")]
    #[service_error(http = 410)]
    Gone,
}

errdsl::errors! {
    #[service_error(docs_url = "/api/errors/")]
    pub enum ApiError {
        #[error("no token")]
        #[service_error(grpc = Unauthenticated)]
        NoToken,
    }

    #[service_error(docs_url = "/divider/errors/")]
    pub enum DividerError: ApiError {
        #[error("zero")]
        #[service_error(http = 400)]
        DivByZero,
    }

    pub enum Undocumented {
        #[error("plain")]
        #[service_error(http = 400)]
        Plain,
    }
}

#[test]
fn each_error_has_its_declaring_types_docs_url() {
    assert_eq!(Derived::gone().docs_url(), Some("https://api.example.com/errors/"));
    assert_eq!(DividerError::no_token().docs_url(), Some("/api/errors/"));
    assert_eq!(DividerError::div_by_zero().docs_url(), Some("/divider/errors/"));
    assert_eq!(Undocumented::plain().docs_url(), None);
    let bases: Vec<Option<&str>> = DividerError::ERRORS.iter().map(|spec| spec.docs_url).collect();
    assert_eq!(bases, [Some("/api/errors/"), Some("/divider/errors/")]);
}

#[test]
fn the_problem_type_is_the_base_and_the_name() {
    let problem = |err: &dyn ServiceError| ProblemDetails::from(&ErrorResult::from_service_error(err));
    assert_eq!(problem(&Derived::gone()).problem_type, "https://api.example.com/errors/gone");
    assert_eq!(problem(&DividerError::no_token()).problem_type, "/api/errors/no_token");
    let plain = problem(&Undocumented::plain());
    assert_eq!(plain.problem_type, "about:blank");
    assert_eq!(plain.title.as_deref(), Some("Bad Request"));
}
