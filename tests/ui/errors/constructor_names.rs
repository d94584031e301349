// A child's variant may not make the constructor of an inherited one.
errdsl::errors! {
    pub enum ApiError {
        #[error("http")]
        #[service_error(http = 500)]
        HTTPError,
    }
    pub enum StoreError: ApiError {
        #[error("http")]
        #[service_error(http = 502, name = "bad_gateway")]
        HttpError,
        #[error("spec")]
        #[service_error(http = 400)]
        Spec,
    }
}

fn main() {}
