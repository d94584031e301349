errdsl::errors! {
    pub enum ApiError {
        #[service_error(grpc = Unauthenticated)]
        Unauthorized,
    }
}
fn main() {}
