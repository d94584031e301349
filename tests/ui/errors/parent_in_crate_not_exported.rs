// `InternalOnlyError` is declared without `#[service_error(export)]`, so
// other crates cannot inherit from it.
errdsl::errors! {
    pub enum E: ::errdsl_test_api::api::InternalOnlyError {
        #[error("x")]
        #[service_error(http = 400)]
        X,
    }
}
fn main() {}
