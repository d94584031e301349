// `Error::source` returns one field: one `#[source]` per variant.
errdsl::errors! {
    pub enum StoreError {
        #[error("copy failed")]
        #[service_error(fault)]
        Copy {
            #[source]
            read: std::io::Error,
            #[source]
            write: std::io::Error,
        },
        #[error("sync failed")]
        #[service_error(fault)]
        Sync(#[source] std::io::Error, #[source] std::fmt::Error),
    }
}

fn main() {}
