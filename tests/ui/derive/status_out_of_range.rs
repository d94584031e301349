#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("moved")]
    #[service_error(http = 302)]
    Moved,
    #[error("teapot")]
    #[service_error(http = 600)]
    Future,
}
fn main() {}
