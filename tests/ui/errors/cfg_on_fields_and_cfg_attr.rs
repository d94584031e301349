// `errors!` runs before the compiler strips `#[cfg]` or evaluates
// `#[cfg_attr]`. A `#[cfg]` on a named field goes on everything that names
// it (`tests/tests/cfg_variants.rs`), but a field every configuration needs
// cannot have one; the attributes `errors!` reads are written plainly.
errdsl::errors! {
    pub enum StoreError {
        // Fine: compiled out, it is in no generated item.
        #[error("cache {key} is cold")]
        #[service_error(http = 503, temporary)]
        CacheCold {
            key: String,
            #[cfg(any())]
            hits: u64,
        },
        // Shown by the message.
        #[error("cache {key} missed {misses} times")]
        #[service_error(http = 404)]
        CacheMiss {
            key: String,
            #[cfg(test)]
            misses: u64,
        },
        // The source.
        #[error("disk failed")]
        #[service_error(fault)]
        DiskFailed {
            #[cfg(unix)]
            source: std::io::Error,
        },
        // Positional.
        #[error("shard failed")]
        #[service_error(fault)]
        ShardFailed(#[cfg(unix)] u32, String),
        #[error("slow disk")]
        #[cfg_attr(all(), service_error(timeout))]
        SlowDisk,
    }
}

fn main() {}
