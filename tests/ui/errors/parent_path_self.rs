// A parent is named by its enum's path, which `errors!` invokes as a macro:
// `Self` names no module.
errdsl::errors! {
    pub enum DividerError: Self::api::ApiError {
        #[error("maintenance")]
        #[service_error(temporary)]
        Maintenance,
    }
}
fn main() {}
