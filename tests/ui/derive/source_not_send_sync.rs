// A service error crosses threads (tonic, axum, retries): its sources must be
// `Send + Sync + 'static` too.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("boxed")]
    #[service_error(classify)]
    Boxed(#[source] Box<dyn std::error::Error>),
    #[error("shared")]
    #[service_error(http = 500)]
    Shared(#[source] std::rc::Rc<std::io::Error>),
}
fn main() {}
