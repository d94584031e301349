// A domain as people paste it: a URL, with a port, rooted.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(domain = "https://divider.example.com/")]
enum A {
    #[error("a")]
    #[service_error(http = 400)]
    A,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(domain = "divider.example.com:8443")]
enum B {
    #[error("b")]
    #[service_error(http = 400)]
    B,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(domain = "divider.example.com.")]
enum C {
    #[error("c")]
    #[service_error(http = 400)]
    C,
}

fn main() {}
