// `transparent` delegates to an error errdsl declares. Errors of std and of
// well-known crates are named by the macro; a type of the user's that is
// not declared, by the compiler, in errdsl's words, on the type.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error(transparent)]
    #[service_error(transparent)]
    Io(std::io::Error),
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum F {
    #[error(transparent)]
    #[service_error(transparent)]
    Boxed(Box<dyn std::error::Error + Send + Sync>),
    #[error("any")]
    #[service_error(transparent)]
    Any(Box<dyn errdsl::ServiceError + Send + Sync>),
}

#[derive(Debug, thiserror::Error)]
#[error("mine")]
pub struct Mine;

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum G {
    #[error(transparent)]
    #[service_error(transparent)]
    Mine(Mine),
}

fn main() {}
