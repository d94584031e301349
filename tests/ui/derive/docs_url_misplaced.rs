// `docs_url` says where a whole catalog is documented: on the enum only.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("a")]
    #[service_error(http = 404, docs_url = "/errors/")]
    A {
        #[service_error(wire, docs_url = "/errors/")]
        id: u32,
    },
}

fn main() {}
