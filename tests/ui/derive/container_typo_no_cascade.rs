// A typo in the enum's keys is the only error: the variants, which may have
// meant to inherit the enum's mapping, do not each report "no mapping".
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(grpc = Internal, servce = "divider")]
enum E {
    #[error("x")]
    Lost,
    #[error("y")]
    Late,
}

fn main() {
    let _ = E::lost();
}

// A typo of a mapping key: the variants may have meant to inherit it, so
// none of them is told it has no mapping.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(grcp = Internal)]
enum Typo {
    #[error("x")]
    Lost,
}
