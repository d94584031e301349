errdsl::errors! {
    pub enum ApiError {
        #[error("a")]
        #[service_error(http = 400)]
        Absent,
    }
    pub enum ApiError {
        #[error("b")]
        #[service_error(http = 400)]
        Broken,
    }
}
fn main() {}
