errdsl::errors! {
    pub enum ApiError {
        #[error("a")]
        #[service_error(http = 400)]
        A,
    }
    pub enum ApiError {
        #[error("b")]
        #[service_error(http = 400)]
        B,
    }
}
fn main() {}
