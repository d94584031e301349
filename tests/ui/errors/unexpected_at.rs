errdsl::errors! {
    @parent [ApiError] {}
    pub enum E {
        #[error("x")]
        #[service_error(http = 400)]
        X,
    }
}
fn main() {}
