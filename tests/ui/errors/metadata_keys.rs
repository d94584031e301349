// `errors!` checks the metadata keys as the derive does: a field its
// message shows travels with the error, under a key that reads back as its
// name.
errdsl::errors! {
    pub enum UserError {
        #[error("retry in {retry_2x}")]
        #[service_error(http = 429)]
        Slow { retry_2x: u32 },
    }
}

fn main() {}
