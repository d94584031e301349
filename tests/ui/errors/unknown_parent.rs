errdsl::errors! {
    pub enum ApiError {
        #[error("unauthorized")]
        #[service_error(grpc = Unauthenticated)]
        Unauthorized,
    }
    pub enum DividerError: ApiErorr {
        #[error("maintenance")]
        #[service_error(temporary, http = 503)]
        Maintenance,
    }
}
fn main() {}
