//! [`router`]: the documentation pages that RFC 9457 problem `type`s point
//! to, served by the service itself.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::Router;
use axum::extract::{OriginalUri, Path};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::header::{CONTENT_TYPE, VARY};
use http::{HeaderMap, HeaderValue, StatusCode};

use super::{CLASSIFIED_AT_RUN_TIME, flag_text, join_paragraph_lines, markdown_table};
use crate::ErrorSpec;
use crate::http::accept::prefers;

/// An axum router with a page per error of `specs`, at `/{name}`, and an
/// index at `/`: mount it where the errors' `docs_url` points (`docs_url =
/// "/errors/"` and `.nest("/errors", errdsl::docs::router(..))`), and the
/// `type` of every problem+json response answers with the error's docs.
///
/// Pages are HTML, or Markdown when the request's `Accept` prefers
/// `text/markdown` to `text/html`; a name the catalog does not have is a
/// 404. The Markdown page is the error's name, its description and its row
/// of [`markdown_table`]; the HTML page says the same, every text escaped.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use errdsl::Catalog;
/// use tower::ServiceExt as _;
///
/// errdsl::errors! {
///     #[service_error(docs_url = "/errors/")]
///     pub enum DivideError {
///         /// The divisor was zero.
///         #[error("cannot divide by zero")]
///         #[service_error(grpc = InvalidArgument)]
///         DivByZero,
///     }
/// }
///
/// let app: axum::Router = axum::Router::new().nest("/errors", errdsl::docs::router(DivideError::ERRORS));
/// let request = http::Request::get("/errors/div_by_zero")
///     .header("accept", "text/markdown")
///     .body(axum::body::Body::empty())
///     .unwrap();
/// let response = app.oneshot(request).await.unwrap();
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["content-type"], "text/markdown; charset=utf-8");
/// # }
/// ```
pub fn router<S: Clone + Send + Sync + 'static>(specs: impl Into<Arc<[ErrorSpec]>>) -> Router<S> {
    let specs: Arc<[ErrorSpec]> = specs.into();
    let index_specs = Arc::clone(&specs);
    Router::new()
        .route(
            "/",
            get(move |uri: OriginalUri, headers: HeaderMap| async move { index(&index_specs, uri.path(), &headers) }),
        )
        .route(
            "/{name}",
            get(move |Path(name): Path<String>, headers: HeaderMap| async move { page(&specs, &name, &headers) }),
        )
}

/// The format of a page: HTML unless `text/markdown` is preferred.
fn wants_markdown(headers: &HeaderMap) -> bool {
    prefers(headers, ("text", "markdown"), ("text", "html"))
}

fn respond(
    headers: &HeaderMap,
    status: StatusCode,
    markdown: String,
    html: impl FnOnce() -> String,
) -> Response {
    let (content_type, body) = if wants_markdown(headers) {
        ("text/markdown; charset=utf-8", markdown)
    } else {
        ("text/html; charset=utf-8", html())
    };
    let mut response = (status, body).into_response();
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.headers_mut().insert(VARY, HeaderValue::from_static("accept"));
    response
}

/// The index: every error, linked, in catalog order. Links are relative to
/// the index's own path, wherever the router is mounted.
fn index(specs: &[ErrorSpec], path: &str, headers: &HeaderMap) -> Response {
    let base = if path.ends_with('/') { path.to_owned() } else { format!("{path}/") };
    let markdown = {
        let mut out = String::from("# Errors\n\n");
        for spec in specs {
            let _ = writeln!(out, "- [`{}`]({base}{})", spec.name, spec.name);
        }
        out
    };
    respond(headers, StatusCode::OK, markdown, || {
        let mut items = String::new();
        for spec in specs {
            let name = escape_html(spec.name);
            let _ =
                writeln!(items, "<li><a href=\"{}{name}\"><code>{name}</code></a></li>", escape_html(&base));
        }
        document("Errors", &format!("<h1>Errors</h1>\n<ul>\n{items}</ul>\n"))
    })
}

/// The page of the error named `name`, or a 404.
fn page(specs: &[ErrorSpec], name: &str, headers: &HeaderMap) -> Response {
    let Some(spec) = specs.iter().find(|spec| spec.name == name) else {
        let text = format!("no error is named `{name}`");
        return respond(headers, StatusCode::NOT_FOUND, format!("{text}\n"), || {
            document("Not found", &format!("<p>{}</p>\n", escape_html(&text)))
        });
    };
    let description = join_paragraph_lines(spec.description);
    let markdown =
        format!("# `{}`\n\n{description}\n\n{}", spec.name, markdown_table(std::slice::from_ref(spec)));
    respond(headers, StatusCode::OK, markdown, || html_page(spec, &description))
}

fn html_page(spec: &ErrorSpec, description: &str) -> String {
    let flag = |set: bool| flag_text(spec, set);
    let classified = if spec.classified { format!(" ({CLASSIFIED_AT_RUN_TIME})") } else { String::new() };
    let mut http = format!("{}{classified}", spec.http_status.as_u16());
    if let Some(secs) = spec.retry_after_secs {
        let _ = write!(http, ", Retry-After: {secs} s");
    }
    let rows = [
        ("HTTP status", http),
        ("gRPC code", format!("{}{classified}", spec.code.as_str())),
        ("temporary", flag(spec.temporary).to_owned()),
        ("timeout", flag(spec.timeout).to_owned()),
        ("fault", flag(spec.fault).to_owned()),
        ("user message", spec.user_message.unwrap_or_default().to_owned()),
        ("service", spec.service.unwrap_or_default().to_owned()),
    ];
    let mut body = format!("<h1><code>{}</code></h1>\n", escape_html(spec.name));
    for paragraph in description.split("\n\n").filter(|p| !p.is_empty()) {
        let _ = writeln!(body, "<p>{}</p>", escape_html(paragraph));
    }
    body.push_str("<table>\n");
    for (label, value) in rows {
        let _ = writeln!(body, "<tr><th>{label}</th><td>{}</td></tr>", escape_html(&value));
    }
    body.push_str("</table>\n");
    document(spec.name, &body)
}

fn document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape_html(title)
    )
}

/// `text` safe inside HTML text and double-quoted attributes.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use axum::body::{Body, to_bytes};
    use tower::ServiceExt as _;

    use super::*;
    use crate::Code;

    fn specs() -> Vec<ErrorSpec> {
        vec![
            ErrorSpec::new("div_by_zero", Code::InvalidArgument).with_description("The divisor was <zero>."),
            ErrorSpec::new("maintenance", Code::Unavailable).with_temporary(true).with_retry_after_secs(30),
        ]
    }

    async fn get(path: &str, accept: Option<&str>) -> (StatusCode, String, String) {
        let app: Router = Router::new().nest("/errors", router(specs()));
        let mut request = http::Request::get(path);
        if let Some(accept) = accept {
            request = request.header("accept", accept);
        }
        let response = app.oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let content_type = response.headers()[CONTENT_TYPE].to_str().unwrap().to_owned();
        let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, content_type, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn pages_in_html_unless_markdown_is_preferred() {
        let (status, content_type, body) = get("/errors/div_by_zero", None).await;
        assert_eq!((status, content_type.as_str()), (StatusCode::OK, "text/html; charset=utf-8"));
        assert!(body.contains("<h1><code>div_by_zero</code></h1>"), "{body}");
        assert!(body.contains("<p>The divisor was &lt;zero&gt;.</p>"), "escaped: {body}");
        assert!(body.contains("<tr><th>gRPC code</th><td>invalid_argument</td></tr>"), "{body}");

        let (status, content_type, body) = get("/errors/maintenance", Some("text/markdown")).await;
        assert_eq!((status, content_type.as_str()), (StatusCode::OK, "text/markdown; charset=utf-8"));
        assert!(body.starts_with("# `maintenance`\n"), "{body}");
        assert!(
            body.contains("| `maintenance` |  | 503 (`Retry-After: 30`) | `unavailable` | yes |"),
            "{body}"
        );

        let (_, content_type, _) = get("/errors/maintenance", Some("text/html, text/markdown;q=0.5")).await;
        assert_eq!(content_type, "text/html; charset=utf-8");
    }

    #[tokio::test]
    async fn index_links_every_error_and_unknown_names_are_404() {
        let (status, _, body) = get("/errors", Some("text/markdown")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            body,
            "# Errors\n\n- [`div_by_zero`](/errors/div_by_zero)\n- [`maintenance`](/errors/maintenance)\n"
        );
        let (_, _, html) = get("/errors", None).await;
        assert!(html.contains("<a href=\"/errors/maintenance\"><code>maintenance</code></a>"), "{html}");

        let (status, _, body) = get("/errors/nothing_here", Some("text/markdown")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body, "no error is named `nothing_here`\n");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape_html(r#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    }
}
