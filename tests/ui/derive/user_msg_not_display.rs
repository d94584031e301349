// A field a user message shows is `Display`: one error on its type, in
// errdsl's words, saying what to show instead.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("bad tags")]
    #[service_error(http = 400, user_msg = "Bad tags: {tags}.")]
    BadTagList { tags: Vec<String> },
    #[error("no file")]
    #[service_error(http = 404, user_msg = "No file at {path}.")]
    NoFile { path: std::path::PathBuf },
}

fn main() {}
