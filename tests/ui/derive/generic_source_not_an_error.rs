// A classified generic source makes the type a service error for the
// parameters that are errors (as thiserror's `Error` impl does); another
// parameter is reported where the type is used as one.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum Wrapped<T: std::fmt::Debug + std::fmt::Display> {
    #[error("wrapped")]
    #[service_error(classify)]
    Source(#[source] T),
}

fn code_of(err: &impl errdsl::ServiceError) -> errdsl::Code {
    err.code()
}

fn main() {
    let _ = code_of(&Wrapped::Source(std::io::Error::other("fits")));
    let _ = code_of(&Wrapped::Source(String::from("does not")));
}
