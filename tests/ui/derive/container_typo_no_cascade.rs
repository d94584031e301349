// A typo in the enum's keys is reported alone. The first enum has its
// mapping, so its variants have nothing to report; in the second, the typo
// is of a mapping key, so the variants, which may have meant to inherit it,
// do not each report "no mapping" (errors/derive_checks_apply.rs: a typo of
// another key leaves those reports in place).
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
