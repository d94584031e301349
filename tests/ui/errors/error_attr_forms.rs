errdsl::errors! {
    pub enum E {
        #[error("value {0}", 0)]
        #[service_error(http = 400)]
        Args(i64),
        #[error(transparent)]
        #[service_error(http = 400)]
        TwoFields(i64, i64),
        #[error("one")]
        #[error("two")]
        #[service_error(http = 400)]
        Twice,
        #[error("unclosed {")]
        #[service_error(http = 400)]
        Unclosed,
        #[error(42)]
        #[service_error(http = 400)]
        NotAString,
        #[error]
        #[service_error(http = 400)]
        Bare,
        #[error = "bare"]
        #[service_error(http = 400)]
        NameValue,
    }
}
fn main() {}
