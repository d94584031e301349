mod api {
    /// A plain enum, not declared by `errors!`.
    #[derive(Debug)]
    pub enum Plain {
        A,
    }
}

errdsl::errors! {
    pub enum DividerError: crate::api::Plain {
        #[error("maintenance")]
        #[service_error(temporary)]
        Maintenance,
    }
    pub enum OtherError: crate::nowhere::ApiError {
        #[error("other")]
        #[service_error(http = 400)]
        Other,
    }
}
fn main() {}
