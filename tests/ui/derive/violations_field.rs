use errdsl::FieldViolations;

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400)]
    Both {
        #[service_error(wire, violations)]
        violations: FieldViolations,
    },

    #[error("y")]
    #[service_error(http = 400)]
    Twice {
        #[service_error(violations)]
        form: FieldViolations,
        #[service_error(violations)]
        query: FieldViolations,
    },
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum Outer {
    #[error(transparent)]
    #[service_error(transparent)]
    Inner(#[service_error(violations)] E),
}

fn main() {}
