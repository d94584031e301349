// A `wire` field travels as text: std types that are not `Display +
// FromStr` cannot, and the message says what can.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("bad")]
    #[service_error(http = 400)]
    Bad {
        #[service_error(wire)]
        limit: Option<u32>,
        #[service_error(wire)]
        items: Vec<u32>,
    },
}

// A generic `wire` field: errdsl asks for what it needs on the impls, as
// serde's derive does, so the declaration compiles.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum G<T: std::fmt::Debug + std::fmt::Display + Send + Sync + 'static> {
    #[error("bad {0}")]
    #[service_error(http = 400)]
    Bad(#[service_error(wire)] T),
}

fn main() {
    let _ = G::Bad(1u8);
}
