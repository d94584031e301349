// A user message is read by an end user: it shows fields by `Display`,
// never Rust's debug form (`user_msg_not_display.rs`: a field without
// `Display` cannot be shown).
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("bad tags {tags:?}")]
    #[service_error(http = 400, user_msg = "Bad tags: {tags:?}.")]
    BadTags { tags: Vec<String> },
}

fn main() {}
