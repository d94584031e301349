errdsl::errors! {
    pub enum ApiError {
        #[error("unauthorized")]
        #[service_error(grpc = Unauthenticated)]
        Unauthorized,
    }
    pub enum DividerError: ApiError {}
    pub enum DivideError: DividerError {
        #[error("unauthorized again")]
        #[service_error(grpc = Unauthenticated)]
        Unauthorized,
    }
}
fn main() {}
