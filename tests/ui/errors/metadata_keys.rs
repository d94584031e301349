// `errors!` checks the metadata keys as the derive does: a field its
// message shows travels with the error.
errdsl::errors! {
    pub enum UserError {
        #[error("no user {id}")]
        #[service_error(http = 404)]
        NotFound { id: u64 },
    }
}

fn main() {}
