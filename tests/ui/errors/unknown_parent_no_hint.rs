errdsl::errors! {
    pub enum DividerError: Teapot {
        #[error("maintenance")]
        #[service_error(temporary, http = 503)]
        Maintenance,
    }
}
fn main() {}
