// `errors!` writes `Display`, `Error` and `ServiceError` itself.
errdsl::errors! {
    #[derive(Debug, thiserror::Error)]
    pub enum A {
        #[error("a")]
        #[service_error(http = 400)]
        Alpha,
    }
    #[derive(Clone, errdsl::ServiceError)]
    pub enum B {
        #[error("b")]
        #[service_error(http = 400)]
        Beta,
    }
}

fn main() {}
