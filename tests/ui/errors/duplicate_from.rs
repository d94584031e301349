// Each `#[from]` makes a `From` impl: two for one type would conflict, as
// would one for an ancestor, which converts by itself.
errdsl::errors! {
    pub enum ApiError {
        #[error("io")]
        #[service_error(fault)]
        Storage(#[from] std::io::Error),
    }
    pub enum StoreError: ApiError {
        #[error("read")]
        #[service_error(fault)]
        Read(#[from] std::fmt::Error),
        #[error("write")]
        #[service_error(fault)]
        Write(#[from] std::fmt::Error),
        #[error("disk")]
        #[service_error(fault)]
        Disk(#[from] std::io::Error),
        #[error("api")]
        #[service_error(fault)]
        Api(#[from] ApiError),
    }
}

fn main() {}
