// A transparent variant's errors join the enum's catalog. When the inner enum
// is declared in the same `errors!`, a wire name used on both sides, or by two
// inner enums, is reported by the macro, on the name declared twice.
errdsl::errors! {
    pub enum AuthError {
        #[error("expired")]
        #[service_error(grpc = Unauthenticated)]
        Expired,
    }

    pub enum SessionError {
        #[error("session expired")]
        #[service_error(http = 410)]
        Expired,
    }

    pub enum UserError {
        #[error("account expired")]
        #[service_error(http = 410)]
        Expired,
        #[error(transparent)]
        #[service_error(transparent)]
        Auth(AuthError),
    }

    pub enum RequestError {
        #[error(transparent)]
        #[service_error(transparent)]
        Auth(AuthError),
        #[error(transparent)]
        #[service_error(transparent)]
        Session(SessionError),
    }
}

fn main() {}
