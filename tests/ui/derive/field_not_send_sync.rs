// A field whose type, behind its name, is not `Send + Sync`: one error, on
// the field's type, in errdsl's words.
use std::rc::Rc;

#[derive(Debug)]
pub struct Local(pub Rc<String>);

impl std::fmt::Display for Local {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Local {}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("local failure")]
    #[service_error(http = 500)]
    Failed(#[source] Local),
}

errdsl::errors! {
    pub enum F {
        #[error("local failure")]
        #[service_error(fault)]
        Failed { source: Local },
    }
}

fn main() {}
