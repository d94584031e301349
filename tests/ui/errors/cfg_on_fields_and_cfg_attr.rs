// `errors!` runs before the compiler strips `#[cfg]` or evaluates
// `#[cfg_attr]`: a `#[cfg]` goes on a whole variant (or enum), and the
// attributes it reads are written plainly.
errdsl::errors! {
    pub enum StoreError {
        #[error("cache {key} is cold")]
        #[service_error(http = 503, temporary)]
        CacheCold {
            key: String,
            #[cfg(any())]
            hits: u64,
        },
        #[error("slow disk")]
        #[cfg_attr(all(), service_error(timeout))]
        SlowDisk,
    }
}

fn main() {}
