//! [`router`]: the documentation pages that RFC 9457 problem `type`s point
//! to, served by the service itself.

use super::reference::{self, Page};
use crate::model::service_error::ErrorSpec;
use crate::transport::http::accept::prefers;
use axum::Router;
use axum::extract::{OriginalUri, Path};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, VARY, X_CONTENT_TYPE_OPTIONS};
use http::{HeaderMap, HeaderValue, StatusCode};
use std::sync::Arc;

/// An axum router with a page per error of `specs`, at `/{name}`, and an
/// index at `/`: mount it where the errors' `docs_url` points (`docs_url =
/// "/errors/"` and `.nest("/errors", errdsl::docs::router(..))`), and the
/// `type` of every problem+json response answers with the error's docs.
///
/// Pages are HTML, or Markdown when the request's `Accept` prefers
/// `text/markdown` to `text/html`; a name the catalog does not have is a
/// 404. The index has a row per error: its status, gRPC code, flags and
/// the first paragraph of its description. A page has the error's
/// description (its public part: see [`ServiceError`](derive@crate::ServiceError)'s
/// docs), what a client should do (retry after so many seconds, fix the
/// request, quote the id), its facts (status, code, flags, AIP-193 reason
/// and domain, user message), its wire fields with their JSON types, and
/// an example body in each format. The HTML is self-contained (one inline
/// stylesheet, no script, image or other asset), every text escaped, raw
/// HTML in a description shown as text, and sent with a
/// `Content-Security-Policy` that allows nothing but that stylesheet.
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

fn respond(headers: &HeaderMap, status: StatusCode, page: &Page) -> Response {
    let (content_type, body) = if wants_markdown(headers) {
        ("text/markdown; charset=utf-8", page.markdown.clone())
    } else {
        ("text/html; charset=utf-8", reference::html_document(page))
    };
    let mut response = (status, body).into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response_headers.insert(VARY, HeaderValue::from_static("accept"));
    response_headers
        .insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(reference::CONTENT_SECURITY_POLICY));
    response_headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// The index: every error, linked, in catalog order. Links are relative to
/// the index's own path, wherever the router is mounted.
fn index(specs: &[ErrorSpec], path: &str, headers: &HeaderMap) -> Response {
    let base = if path.ends_with('/') { path.to_owned() } else { format!("{path}/") };
    respond(headers, StatusCode::OK, &reference::index(specs, &base))
}

/// The page of the error named `name`, or a 404.
fn page(specs: &[ErrorSpec], name: &str, headers: &HeaderMap) -> Response {
    let Some(spec) = specs.iter().find(|spec| spec.name == name) else {
        let text = format!("no error is named `{name}`");
        let page = Page {
            title: "Not found".to_owned(),
            markdown: format!("{text}\n"),
            html_body: format!("<p>{}</p>\n", reference::escape(&text)),
        };
        return respond(headers, StatusCode::NOT_FOUND, &page);
    };
    respond(headers, StatusCode::OK, &reference::page(spec))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::code::Code;
    use axum::body::{Body, to_bytes};
    use tower::ServiceExt as _;

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
        assert!(body.contains("<tr><th>gRPC code</th><td><code>invalid_argument</code></td></tr>"), "{body}");
        assert!(body.contains("Fix the request before you send it again"), "{body}");
        assert!(body.contains("<h2>Example: <code>application/json</code></h2>"), "{body}");

        let (status, content_type, body) = get("/errors/maintenance", Some("text/markdown")).await;
        assert_eq!((status, content_type.as_str()), (StatusCode::OK, "text/markdown; charset=utf-8"));
        assert!(body.starts_with("# `maintenance`\n"), "{body}");
        assert!(body.contains("| HTTP status | 503, `Retry-After: 30` |"), "{body}");
        assert!(body.contains("Send the same request again after 30 seconds"), "{body}");

        let (_, content_type, _) = get("/errors/maintenance", Some("text/html, text/markdown;q=0.5")).await;
        assert_eq!(content_type, "text/html; charset=utf-8");
    }

    #[tokio::test]
    async fn index_links_every_error_and_unknown_names_are_404() {
        let (status, _, body) = get("/errors", Some("text/markdown")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains("| [`div_by_zero`](/errors/div_by_zero) | 400 | `invalid_argument` |  | The divisor was <zero>. |"),
            "{body}"
        );
        assert!(
            body.contains("| [`maintenance`](/errors/maintenance) | 503 | `unavailable` | temporary |  |"),
            "{body}"
        );
        let (_, _, html) = get("/errors", None).await;
        assert!(html.contains("<a href=\"/errors/maintenance\"><code>maintenance</code></a>"), "{html}");
        assert!(html.contains("<td>The divisor was &lt;zero&gt;.</td>"), "{html}");

        let (status, _, body) = get("/errors/nothing_here", Some("text/markdown")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body, "no error is named `nothing_here`\n");
    }

    #[tokio::test]
    async fn every_page_has_a_strict_policy_and_no_asset() {
        let app: Router = Router::new().nest("/errors", router(specs()));
        for path in ["/errors", "/errors/div_by_zero", "/errors/nothing_here"] {
            let request = http::Request::get(path).body(Body::empty()).unwrap();
            let response = app.clone().oneshot(request).await.unwrap();
            let policy = response.headers()[CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
            assert!(policy.starts_with("default-src 'none'; style-src 'sha256-"), "{path}: {policy}");
            assert_eq!(response.headers()[X_CONTENT_TYPE_OPTIONS], "nosniff");
            let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
            let html = String::from_utf8(body.to_vec()).unwrap();
            for asset in ["<script", "<link", "<img", "src=", "style=\""] {
                assert!(!html.contains(asset), "{path}: {asset} in {html}");
            }
        }
    }
}
