errdsl::errors! {
    pub enum ApiError {
        #[error("unauthorized")]
        #[service_error(grpc = Unauthenticated)]
        Unauthorized,
    }
    pub enum DivideError: ApiError {
        #[error("not signed in")]
        #[service_error(grpc = Unauthenticated, name = "unauthorized")]
        NotSignedIn,
    }
}
fn main() {}
