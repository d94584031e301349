// `domain` is a DNS name the service owns (AIP-193's `ErrorInfo.domain`),
// given on the enum or struct.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(domain = "divider")]
enum SingleLabel {
    #[error("x")]
    #[service_error(http = 400)]
    Invalid,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(domain = "Divider.Example.com")]
enum UpperCase {
    #[error("x")]
    #[service_error(http = 400)]
    Invalid,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(domain = "divider..example.com")]
enum EmptyLabel {
    #[error("x")]
    #[service_error(http = 400)]
    Invalid,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(domain = "-divider.example.com")]
enum Hyphen {
    #[error("x")]
    #[service_error(http = 400)]
    Invalid,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(domain = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com")]
enum LongLabel {
    #[error("x")]
    #[service_error(http = 400)]
    Invalid,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(domain = "abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij")]
enum LongName {
    #[error("x")]
    #[service_error(http = 400)]
    Invalid,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum OnVariant {
    #[error("x")]
    #[service_error(http = 400, domain = "divider.example.com")]
    Invalid,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[error("x")]
#[service_error(http = 400)]
struct OnField {
    #[service_error(domain = "divider.example.com")]
    value: u32,
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(domain = divider)]
enum NotAString {
    #[error("x")]
    #[service_error(http = 400)]
    Invalid,
}

fn main() {}
