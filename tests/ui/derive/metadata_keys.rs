// Every field that travels (declared `wire`, or shown in the message sent)
// is an entry of gRPC's `ErrorInfo.metadata` under its lowerCamelCase wire
// name, which must read back as that name and fit in 64 characters. (A
// field named like one of errdsl's own keys, `id` or `code`, compiles: it
// travels as `field_id`; `tests/tests/field_wire_names.rs`.)
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum UserError {
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
