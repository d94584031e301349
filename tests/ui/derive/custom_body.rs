// Goa's custom-type body: `name_member` names the member that holds the
// error's name, so it needs `custom_body`, and keeps clear of Goa's reserved
// `error_name`, of `message` and of the wire fields.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum Mistakes {
    #[error("x")]
    #[service_error(http = 400, name_member = "name")]
    NoCustomBody,
    #[error("x")]
    #[service_error(http = 400, custom_body, name_member = "error_name")]
    Reserved,
    #[error("x")]
    #[service_error(http = 400, custom_body, name_member = "message")]
    Message,
    #[error("x")]
    #[service_error(http = 400, custom_body, name_member = "the name")]
    NotPlain,
    #[error("x")]
    #[service_error(http = 400, custom_body, name_member = "limit")]
    TakenByAField {
        #[service_error(wire)]
        limit: u32,
    },
    #[error("x")]
    #[service_error(http = 400, custom_body)]
    FieldNamedMessage {
        #[service_error(wire)]
        message: String,
    },
    #[error("x")]
    #[service_error(transparent, custom_body)]
    Transparent(errdsl::ErrorResult),
}
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(name_member = "name")]
enum EnumDefaultWithoutBody {
    #[error("x")]
    #[service_error(http = 400)]
    Plain,
}
fn main() {}
