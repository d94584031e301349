// A `location` field holds `&'static Location<'static>`, once per error,
// and is never shown in the message sent to clients.
use std::panic::Location;

errdsl::errors! {
    pub enum StoreError {
        #[error("reading {path} failed")]
        #[service_error(fault)]
        WrongType {
            path: String,
            #[service_error(location)]
            at: String,
        },
        #[error("failed at {at}")]
        #[service_error(http = 409)]
        Shown {
            #[service_error(location)]
            at: &'static Location<'static>,
        },
        #[error("twice")]
        #[service_error(fault)]
        Twice {
            #[service_error(location)]
            at: &'static Location<'static>,
            #[service_error(location)]
            again: &'static Location<'static>,
        },
        #[error("both")]
        #[service_error(http = 400)]
        Both {
            #[service_error(location, wire)]
            at: &'static Location<'static>,
        },
    }
}

fn main() {}
