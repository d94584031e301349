// `method` names the Goa method whose custom error types errdsl sends over
// gRPC as the message a Goa server sends: a `snake_case` name, beside the
// `service` whose proto package holds the message.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "divider", method = "IntegerDivide")]
enum Camel {
    #[error("x")]
    #[service_error(http = 422, custom_body)]
    TooLarge,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "divider", method = "integer divide")]
enum Spaced {
    #[error("x")]
    #[service_error(http = 422, custom_body)]
    TooLarge,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(method = "integer_divide")]
enum NoService {
    #[error("x")]
    #[service_error(http = 422, custom_body)]
    TooLarge,
}
// A method without a custom error type, or with a service: fine.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(method = "integer_divide")]
enum NoCustomBody {
    #[error("x")]
    #[service_error(http = 400)]
    Bad,
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "divider", method = "integer_divide2")]
enum Fine {
    #[error("x")]
    #[service_error(http = 422, custom_body)]
    TooLarge,
}
fn main() {}
