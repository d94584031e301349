// `#[from]` takes an error to convert from; a number is none. In a derive,
// `#[from]` is thiserror's attribute and so is this error (thiserror
// decides its words); `errors!` says it in errdsl's
// (`ui/errors/from_not_an_error.rs`).
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("bad input")]
    #[service_error(http = 400)]
    Bad(#[from] u32),
}

fn main() {}
