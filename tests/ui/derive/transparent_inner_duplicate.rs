// Two transparent variants whose inner types share a wire name: caught when
// the catalog is evaluated at compile time.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum AuthError {
    #[error("expired")]
    #[service_error(grpc = Unauthenticated)]
    Expired,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum SessionError {
    #[error("expired")]
    #[service_error(http = 410)]
    Expired,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum UserError {
    #[error(transparent)]
    #[service_error(transparent)]
    Auth(AuthError),
    #[error(transparent)]
    #[service_error(transparent)]
    Session(SessionError),
}

fn main() {}
