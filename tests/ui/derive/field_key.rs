#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400)]
    Lost {
        #[service_error(wyre)]
        value: u32,
    },
}
fn main() {}
