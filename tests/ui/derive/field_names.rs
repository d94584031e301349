// `name = "..."` on a field gives its wire name: the member of `fields` in
// both bodies, and in gRPC's metadata its lowerCamelCase key.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum HttpError {
    // Fine: `code` travels as `status_code` (key `statusCode`).
    #[error("upstream answered {code}")]
    #[service_error(http = 502, fault)]
    Upstream {
        #[service_error(wire, name = "status_code")]
        code: u16,
    },
    // A name for a field that does not travel.
    #[error("no route")]
    #[service_error(http = 404)]
    NoRoute {
        #[service_error(name = "route_path")]
        path: String,
    },
    // A name gRPC would send as a key that reads back as another.
    #[error("bad header")]
    #[service_error(http = 400)]
    BadHeader {
        #[service_error(wire, name = "headerName")]
        header: String,
    },
    // Two fields under one wire name.
    #[error("redirected {from} to {to}")]
    #[service_error(http = 400)]
    Redirected {
        from: String,
        #[service_error(name = "from")]
        to: String,
    },
}

fn main() {}
