// `grpc` takes a code by its bare name or through `Code`; other paths are
// mistakes.
use errdsl::Code;

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("a")]
    #[service_error(grpc = NotFound)]
    Absent,
    #[error("b")]
    #[service_error(grpc = Code::NotFound, name = "by_code")]
    Broken,
    #[error("c")]
    #[service_error(grpc = errdsl::Code::NotFound, name = "by_crate_path")]
    C,
    #[error("d")]
    #[service_error(grpc = ::errdsl::Code::NotFound, name = "by_global_path")]
    D,
    #[error("e")]
    #[service_error(grpc = some::path::NotFound)]
    Wrong,
    #[error("f")]
    #[service_error(grpc = tonic::Code::NotFound)]
    Tonic,
    #[error("g")]
    #[service_error(grpc = ::Code::NotFound)]
    Global,
}

fn main() {
    let _ = Code::NotFound;
}
