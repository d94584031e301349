// Each key goes where it means something: `service` on the enum, the keys
// of an error on the variant, `wire` and `default` on a field.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(grpc = Internal, wire)]
enum E {
    #[error("x")]
    #[service_error(service = "divider", http = 400)]
    X {
        #[service_error(grpc = NotFound, wire)]
        id: u32,
        #[service_error(service = "divider")]
        other: u32,
    },
    #[error("y")]
    #[service_error(default)]
    Y,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[error("quota")]
#[service_error(http = 429)]
struct Quota {
    #[service_error(temporary)]
    used: u32,
}

fn main() {}
