// The derive checks a `location` field's type as `errors!` does.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum StoreError {
    #[error("reading failed")]
    #[service_error(fault)]
    Read {
        #[service_error(location)]
        at: u32,
    },
}

fn main() {}
