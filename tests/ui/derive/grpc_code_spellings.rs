// gRPC codes are written as `tonic::Code` names them, in PascalCase; the
// proto's `NOT_FOUND` and snake_case `not_found` say what to write instead.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("a")]
    #[service_error(grpc = NOT_FOUND)]
    A,
    #[error("b")]
    #[service_error(grpc = not_found)]
    B,
}

fn main() {}
