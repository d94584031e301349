// An inherited wire name counts too: gRPC clients read `NOT_FOUND` and
// `not_found` as one reason.
errdsl::errors! {
    pub enum ApiError {
        #[error("not found")]
        #[service_error(http = 404)]
        NotFound,
    }
    pub enum UserError: ApiError {
        #[error("no user")]
        #[service_error(http = 404, name = "NOT_FOUND")]
        NoUser,
    }
}

fn main() {}
