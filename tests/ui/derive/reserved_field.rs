// Goa's custom-type body sends the wire fields as members of a Goa type,
// beside `message`; Goa's generated type has an `ErrorName` method, so no
// member may be `error_name` either. A field of a plain body may have
// either name: its fields travel in `fields`.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("x")]
    #[service_error(http = 400, custom_body)]
    Bad {
        #[service_error(wire)]
        error_name: String,
    },
    #[error("y")]
    #[service_error(http = 400, custom_body)]
    Worse {
        #[service_error(wire, name = "message")]
        text: String,
    },
    #[error("z {error_name} {message}")]
    #[service_error(http = 400)]
    Fine { error_name: String, message: String },
}
fn main() {}
