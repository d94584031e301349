/// An internal error without `Default`.
#[derive(Debug, thiserror::Error)]
#[error("internal")]
pub struct Internal;

errdsl::errors! {
    pub enum E {
        #[error("overflow")]
        #[service_error(fault)]
        Overflow {
            #[source]
            #[service_error(default)]
            source: Internal,
        },
    }
}
fn main() {}
