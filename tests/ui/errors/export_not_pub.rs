// `export` lets other crates inherit from an enum: it must be one they see.
errdsl::errors! {
    #[service_error(export)]
    enum ApiError {
        #[error("unauthenticated")]
        #[service_error(http = 401)]
        Unauthenticated,
    }
}

fn main() {}
