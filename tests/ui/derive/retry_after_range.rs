// A `Retry-After` of 0 says nothing, and one of more than a day is one
// errdsl's clients ignore.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("now")]
    #[service_error(temporary, retry_after_secs = 0)]
    Now,
    #[error("next week")]
    #[service_error(temporary, retry_after_secs = 604800)]
    NextWeek,
    #[error("a day")]
    #[service_error(temporary, retry_after_secs = 86400)]
    ADay,
}

fn main() {}
