// Flags that contradict each other or the mapping, one error each.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    // A timeout the client caused.
    #[error("slow client")]
    #[service_error(timeout, http = 400)]
    SlowClient,
    // Temporary and a fault: fine together (a server failure a retry may get past).
    #[error("flaky")]
    #[service_error(temporary, fault)]
    Flaky,
    // A timeout that is a conflict.
    #[error("late")]
    #[service_error(timeout, grpc = AlreadyExists)]
    Late,
}

fn main() {}
