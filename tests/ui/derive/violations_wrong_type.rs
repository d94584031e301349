use errdsl::FieldViolation;

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400)]
    Invalid {
        #[service_error(violations)]
        violations: Vec<FieldViolation>,
    },
}

fn main() {}
