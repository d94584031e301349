// Keys as other libraries spell them (Goa, tonic, axum, serde): errdsl
// names its own key, by meaning.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("a")]
    #[service_error(status = 404)]
    A,
    #[error("b")]
    #[service_error(code = NotFound)]
    B,
    #[error("c")]
    #[service_error(http = 404, message = "Not here.")]
    C,
    #[error("d")]
    #[service_error(http = 404, description = "Not here.")]
    D,
    #[error("e")]
    #[service_error(http = 503, transient)]
    E,
    #[error("f")]
    #[service_error(http = 400)]
    F {
        #[service_error(wire, rename = "field_f")]
        f: u8,
    },
}

fn main() {}
