// A source is an error: text and numbers are shown in the message instead.
errdsl::errors! {
    pub enum E {
        #[error("read failed")]
        #[service_error(http = 500)]
        Read(#[source] String),
        #[error("parse failed")]
        #[service_error(classify)]
        Parse { source: u32 },
    }
}
// A type the macro cannot judge is reported by the compiler, on the type.
pub struct NotAnError;
errdsl::errors! {
    pub enum F {
        #[error("opaque")]
        #[service_error(http = 500)]
        Opaque(#[source] NotAnError),
    }
}
fn main() {}
