// `InternalOnlyError` is declared without `#[service_error(export)]`, so
// other crates cannot inherit from it: the compiler says its callback (a
// macro named like the enum) is private, and docs/decisions.md's "Parents in other
// crates" says what that means.
errdsl::errors! {
    pub enum E: ::errdsl_test_api::api::InternalOnlyError {
        #[error("x")]
        #[service_error(http = 400)]
        X,
    }
}
fn main() {}
