// `transparent` delegates to an error errdsl declares; `anyhow::Error` is
// none: `classify` takes its code from it at run time.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error(transparent)]
    #[service_error(transparent)]
    Other(anyhow::Error),
}

fn main() {}
