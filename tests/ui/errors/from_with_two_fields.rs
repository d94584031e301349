errdsl::errors! {
    pub enum E {
        #[error("io")]
        #[service_error(classify)]
        Disk(#[from] std::io::Error, u32),
    }
}
fn main() {}
