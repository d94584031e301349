errdsl::errors! {
    pub enum E<T> {
        #[error("bad")]
        #[service_error(http = 400)]
        Bad(T),
    }
}
fn main() {}
