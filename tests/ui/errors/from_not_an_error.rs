// `#[from]` takes an error to convert from; a `String` is none.
errdsl::errors! {
    pub enum E {
        #[error("bad input")]
        #[service_error(http = 400)]
        Bad(#[from] String),
    }
}

fn main() {}
