// Every field that travels (declared `wire`, or shown in the message sent)
// is an entry of gRPC's `ErrorInfo.metadata` under its lowerCamelCase name:
// it may not take a key errdsl fills itself, and its key must read back as
// its name.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum UserError {
    // `wire`: travels under `id`, errdsl's id of the error.
    #[error("no user")]
    #[service_error(http = 404)]
    NotFound {
        #[service_error(wire)]
        id: u64,
    },
    // Shown in the user message, which is sent: travels under `code`.
    #[error("bad code")]
    #[service_error(http = 400, user_msg = "Code {code} is not valid.")]
    BadCode { code: String },
    // Shown in the `#[error]` message, which is sent: travels as `retry2x`.
    #[error("slow: {retry_2x}")]
    #[service_error(http = 400)]
    Slow { retry_2x: u32 },
    // A key longer than AIP-193's 64 characters.
    #[error("long")]
    #[service_error(http = 400)]
    Long {
        #[service_error(wire)]
        the_name_of_this_field_goes_on_and_on_and_on_far_past_what_any_metadata_key_may_hold: u8,
    },
    // A fault's `#[error]` message is not sent: `id` stays in the process.
    #[error("store {id} failed")]
    #[service_error(fault)]
    StoreFailed { id: u64 },
}

fn main() {}
