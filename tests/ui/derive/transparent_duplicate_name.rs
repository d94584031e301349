// A transparent variant's errors join the enum's catalog; a wire name used on
// both sides is caught when the catalog is evaluated at compile time.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum AuthError {
    #[error("expired")]
    #[service_error(grpc = Unauthenticated)]
    Expired,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum UserError {
    #[error("expired")]
    #[service_error(http = 410)]
    Expired,
    #[error(transparent)]
    #[service_error(transparent)]
    Auth(AuthError),
}

fn main() {}
