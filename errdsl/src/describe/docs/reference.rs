//! The error reference a person reads, as [`router`](super::router) serves
//! it: an index of every error and a page per error, each in Markdown and
//! in self-contained HTML (its Markdown rendered by pulldown-cmark, raw
//! HTML in a description shown as text, one inline stylesheet that the
//! page's `Content-Security-Policy` allows by its hash, nothing else).

use super::{CLASSIFIED_AT_RUN_TIME, flag_text};
use crate::model::service_error::ErrorSpec;
use crate::model::wire_field::{JsonType, NON_FINITE_TEXTS};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::fmt::Write as _;

/// The stylesheet of every page, inline: the only thing a page loads.
pub(super) const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}\
h1 code{font-size:1.6rem}code,pre{font-family:ui-monospace,monospace;background:#f3f3f3;border-radius:4px}\
code{padding:0 .2em}pre{padding:.8rem;overflow-x:auto}pre code{padding:0}\
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}\
th{background:#fafafa}.advice{border-left:4px solid #3a6ea5;padding:.2rem 1rem;background:#f5f8fc}\
.index{width:100%}.index td:last-child{width:45%}td code{white-space:nowrap}";

/// The `Content-Security-Policy` of every page: nothing but [`STYLE`],
/// allowed by its SHA-256 (held equal to the stylesheet by a test).
pub(super) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'sha256-NYUDjkvVvEvSSZWKm2HiIXoaqQBMBdM7RK3HqZY9PKM='; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A page in both forms.
pub(super) struct Page {
    pub title: String,
    pub markdown: String,
    pub html_body: String,
}

/// The index: one row per error, linked to its page under `base` (which
/// ends with `/`), with its HTTP status, gRPC code, flags and the first
/// paragraph of its description.
pub(super) fn index(specs: &[ErrorSpec], base: &str) -> Page {
    let mut markdown = String::from(
        "# Errors\n\n| error | HTTP | gRPC | flags | description |\n| --- | --- | --- | --- | --- |\n",
    );
    let mut rows = String::new();
    for spec in specs {
        let summary = summary(spec.description);
        let _ = writeln!(
            markdown,
            "| [`{}`]({base}{}) | {} | `{}` | {} | {} |",
            spec.name,
            spec.name,
            spec.http_status.as_u16(),
            spec.code.as_str(),
            flags(spec),
            summary.replace('|', "\\|").replace('\n', " ")
        );
        let _ = writeln!(
            rows,
            "<tr><td><a href=\"{}{}\"><code>{}</code></a></td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            escape(base),
            escape(spec.name),
            escape(spec.name),
            spec.http_status.as_u16(),
            spec.code.as_str(),
            escape(&flags(spec)),
            inline_html(&summary)
        );
    }
    let html_body = format!(
        "<h1>Errors</h1>\n<p>Every error this API sends, by its name (the <code>name</code> of a JSON body, the <code>Goa-Error</code> header, gRPC's <code>ErrorInfo.reason</code> in upper case).</p>\n<table class=\"index\">\n<tr><th>error</th><th>HTTP</th><th>gRPC</th><th>flags</th><th>description</th></tr>\n{rows}</table>\n"
    );
    Page { title: "Errors".to_owned(), markdown, html_body }
}

/// The page of one error: its description, what a client should do, its
/// facts, its wire fields and an example body in each format.
pub(super) fn page(spec: &ErrorSpec) -> Page {
    let advice = advice(spec);
    let facts = facts(spec);
    let fields = wire_fields(spec);
    let examples = examples(spec);

    let mut markdown = format!("# `{}`\n\n", spec.name);
    if !spec.description.is_empty() {
        let _ = write!(markdown, "{}\n\n", spec.description);
    }
    let _ = write!(markdown, "## What to do\n\n{}\n\n## Facts\n\n| | |\n| --- | --- |\n", advice.join(" "));
    for (label, value) in &facts {
        let _ = writeln!(markdown, "| {label} | {} |", value.replace('|', "\\|"));
    }
    if !fields.is_empty() {
        markdown.push_str("\n## Fields\n\n| field | JSON type |\n| --- | --- |\n");
        for (name, json_type) in &fields {
            let _ = writeln!(markdown, "| `{name}` | {json_type} |");
        }
    }
    for (title, body) in &examples {
        let _ = write!(markdown, "\n## {title}\n\n```json\n{body}\n```\n");
    }

    let mut html = format!("<h1><code>{}</code></h1>\n", escape(spec.name));
    html.push_str(&block_html(spec.description));
    let _ =
        write!(html, "<h2>What to do</h2>\n<div class=\"advice\">{}</div>\n", block_html(&advice.join(" ")));
    html.push_str("<h2>Facts</h2>\n<table>\n");
    for (label, value) in &facts {
        let _ = writeln!(html, "<tr><th>{label}</th><td>{}</td></tr>", inline_html(value));
    }
    html.push_str("</table>\n");
    if !fields.is_empty() {
        html.push_str("<h2>Fields</h2>\n<table>\n<tr><th>field</th><th>JSON type</th></tr>\n");
        for (name, json_type) in &fields {
            let _ = writeln!(
                html,
                "<tr><td><code>{}</code></td><td>{}</td></tr>",
                escape(name),
                inline_html(json_type)
            );
        }
        html.push_str("</table>\n");
    }
    for (title, body) in &examples {
        let _ = write!(html, "<h2>{}</h2>\n<pre><code>{}</code></pre>\n", inline_html(title), escape(body));
    }
    Page { title: spec.name.to_owned(), markdown, html_body: html }
}

/// What a client should do about the error, from its flags, in sentences.
fn advice(spec: &ErrorSpec) -> Vec<String> {
    let mut advice = Vec::new();
    if spec.classified {
        advice.push(format!("Its status, code and flags depend on its cause ({CLASSIFIED_AT_RUN_TIME}): read them from the response."));
    }
    if spec.fault {
        advice.push("The server failed, not the request: quote the error's `id` (in the body, and in gRPC's `ErrorInfo` metadata) when you report it.".to_owned());
    }
    match (spec.temporary, spec.timeout, spec.retry_after_secs) {
        (true, _, Some(secs)) => advice.push(format!(
            "Send the same request again after {secs} seconds (`Retry-After`, gRPC's `RetryInfo`)."
        )),
        (true, _, None) => advice.push("Send the same request again later, with backoff.".to_owned()),
        (false, true, _) => {
            advice.push("The request took too long: send it again only if it is idempotent.".to_owned());
        }
        (false, false, _) if !spec.fault && spec.http_status.is_client_error() => advice.push(
            "Fix the request before you send it again: sent unchanged, it gets the same error.".to_owned(),
        ),
        (false, false, _) => {}
    }
    if spec.field_violations {
        advice.push("Each field at fault is listed, with what is wrong with it: `field_violations` in the JSON body, `errors` in problem+json, `BadRequest` over gRPC.".to_owned());
    }
    if advice.is_empty() {
        advice.push("Do not send the same request again as it is.".to_owned());
    }
    advice
}

/// The facts of the error, as label and Markdown value.
fn facts(spec: &ErrorSpec) -> Vec<(&'static str, String)> {
    let classified = if spec.classified { format!(" ({CLASSIFIED_AT_RUN_TIME})") } else { String::new() };
    let mut http = format!("{}{classified}", spec.http_status.as_u16());
    if let Some(secs) = spec.retry_after_secs {
        let _ = write!(http, ", `Retry-After: {secs}`");
    }
    let mut facts = vec![
        ("HTTP status", http),
        ("gRPC code", format!("`{}`{classified}", spec.code.as_str())),
        ("temporary", flag_text(spec, spec.temporary).to_owned()),
        ("timeout", flag_text(spec, spec.timeout).to_owned()),
        ("fault", flag_text(spec, spec.fault).to_owned()),
        ("gRPC reason (AIP-193)", format!("`{}`", crate::model::aip193::reason(spec.name))),
        ("gRPC domain", format!("`{}`", crate::model::aip193::domain(spec.domain, spec.service))),
    ];
    if let Some(service) = spec.service {
        facts.push(("service", format!("`{service}`")));
    }
    if let Some(message) = spec.user_message {
        facts.push(("message for end users", code_span(message)));
    }
    facts
}

/// Each wire field's name and JSON type, as Markdown.
fn wire_fields(spec: &ErrorSpec) -> Vec<(&'static str, String)> {
    spec.wire_fields
        .iter()
        .map(|field| {
            let json_type = match field.json_type {
                JsonType::Number => {
                    let texts: Vec<String> =
                        NON_FINITE_TEXTS.iter().map(|text| format!("`\"{text}\"`")).collect();
                    format!("number, or {} when it is not finite", texts.join(", "))
                }
                other => other.schema_name().to_owned(),
            };
            (field.name, json_type)
        })
        .collect()
}

/// An example body in each format, as the HTTP transport writes it (the
/// OpenAPI documents' example), its members in their order, indented.
fn examples(spec: &ErrorSpec) -> Vec<(&'static str, String)> {
    let example = super::openapi::example_error(spec);
    let body = |format| {
        let outgoing = example.outgoing();
        indented(&crate::transport::http::encode_body(
            &outgoing,
            format,
            crate::model::service_error::ServiceError::http_status(&example),
        ))
    };
    vec![
        ("Example: `application/json`", body(crate::transport::http::BodyFormat::Goa)),
        ("Example: `application/problem+json`", body(crate::transport::http::BodyFormat::Problem)),
    ]
}

/// Compact JSON as errdsl writes it, indented by two spaces, its members in
/// their order.
fn indented(json: &[u8]) -> String {
    let json = String::from_utf8_lossy(json);
    let mut out = String::with_capacity(json.len() * 2);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut chars = json.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' if chars.peek().is_some_and(|next| matches!(next, '}' | ']')) => {
                out.push(c);
                out.extend(chars.next());
            }
            '{' | '[' => {
                out.push(c);
                depth += 1;
                newline(&mut out, depth);
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

/// The flags that are set, as words.
fn flags(spec: &ErrorSpec) -> String {
    if spec.classified {
        return CLASSIFIED_AT_RUN_TIME.to_owned();
    }
    let set: Vec<&str> = [(spec.temporary, "temporary"), (spec.timeout, "timeout"), (spec.fault, "fault")]
        .into_iter()
        .filter_map(|(set, name)| set.then_some(name))
        .collect();
    set.join(", ")
}

/// The first sentence of a description, for the index.
fn summary(description: &str) -> String {
    let paragraph = description.split("\n\n").next().unwrap_or_default().trim().replace('\n', " ");
    match paragraph.find(". ") {
        Some(end) => paragraph[..=end].to_owned(),
        None => paragraph,
    }
}

/// `text` as a Markdown code span, whatever backticks it holds.
fn code_span(text: &str) -> String {
    let fence = "`".repeat(text.split(|c| c != '`').map(str::len).max().unwrap_or(0) + 1);
    format!("{fence} {text} {fence}")
}

/// Markdown rendered as HTML blocks. Raw HTML is shown as text; a link to
/// anything but `http(s)`, a path, a fragment or `mailto` is shown as its
/// text, and an image as its description (the policy loads no image).
fn block_html(markdown: &str) -> String {
    let mut events = Vec::new();
    // For each link or image open: whether its tags are left out.
    let mut left_out = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let unsafe_url = !safe_url(dest_url);
                left_out.push(unsafe_url);
                if !unsafe_url {
                    events.push(event);
                }
            }
            Event::Start(Tag::Image { .. }) => left_out.push(true),
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if !left_out.pop().unwrap_or(true) {
                    events.push(event);
                }
            }
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Markdown rendered as inline HTML: one paragraph, without its `<p>`.
fn inline_html(markdown: &str) -> String {
    let html = block_html(markdown);
    let html = html.trim_end();
    html.strip_prefix("<p>").and_then(|html| html.strip_suffix("</p>")).unwrap_or(html).to_owned()
}

/// Whether a link may point there: `http(s)`, a path, a fragment, `mailto`.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with(['/', '#', '.'])
        || !lower.contains(':')
}

/// `text` safe inside HTML text and double-quoted attributes.
pub(super) fn escape(text: &str) -> String {
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

/// A whole HTML document around `page`'s body.
pub(super) fn html_document(page: &Page) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape(&page.title),
        page.html_body
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_unsafe_links_are_text() {
        let html = block_html(
            "A <script>alert(1)</script> and [x](javascript:alert(1)) and [docs](https://example.com).",
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("and x and <a href=\"https://example.com\">docs</a>"), "{html}");
        assert_eq!(block_html("![a cat](https://example.com/cat.png)"), "<p>a cat</p>\n");
        assert_eq!(inline_html("`a` b"), "<code>a</code> b");
    }

    /// The policy allows the stylesheet by its hash, and nothing else.
    #[test]
    fn the_policy_allows_the_stylesheet_by_its_hash() {
        use base64::Engine as _;
        use sha2::Digest as _;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(STYLE.as_bytes()));
        assert!(CONTENT_SECURITY_POLICY.contains(&format!("style-src 'sha256-{hash}'")), "{hash}");
        assert!(CONTENT_SECURITY_POLICY.starts_with("default-src 'none';"));
    }

    #[test]
    fn examples_keep_the_members_order_and_their_text() {
        let compact = r#"{"name":"a,b","fields":{"x":[1,{}],"y":"q\"}:["},"e":[]}"#;
        let expected = r#"{
  "name": "a,b",
  "fields": {
    "x": [
      1,
      {}
    ],
    "y": "q\"}:["
  },
  "e": []
}"#;
        assert_eq!(indented(compact.as_bytes()), expected);
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code_span("a `b` c"), "`` a `b` c ``");
    }
}
