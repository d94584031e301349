// A docs URL is the base errdsl appends each error's name to: not a
// template, and an `http(s)` URL or an absolute path.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(docs_url = "https://api.example.com/errors/{name}")]
enum A {
    #[error("a")]
    #[service_error(http = 400)]
    A,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(docs_url = "ftp://api.example.com/errors/")]
enum B {
    #[error("b")]
    #[service_error(http = 400)]
    B,
}

fn main() {}
