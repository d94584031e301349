// `docs_url` is the base an error's name completes into RFC 9457's problem
// `type`: an absolute `http(s)` URL or path, ending with `/`.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(docs_url = "errors/")]
enum Relative {
    #[error("x")]
    #[service_error(http = 400)]
    Bad,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(docs_url = "https://api.example.com/errors")]
enum NoSlash {
    #[error("x")]
    #[service_error(http = 400)]
    Bad,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(docs_url = "https:///errors/")]
enum NoHost {
    #[error("x")]
    #[service_error(http = 400)]
    Bad,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(docs_url = "/errors/?page=")]
enum Query {
    #[error("x")]
    #[service_error(http = 400)]
    Bad,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(docs_url = "/our errors/")]
enum Space {
    #[error("x")]
    #[service_error(http = 400)]
    Bad,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(docs_url = "//cdn.example.com/errors/")]
enum SchemeRelative {
    #[error("x")]
    #[service_error(http = 400)]
    Bad,
}
fn main() {}
