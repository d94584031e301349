//! The demo runs against real servers, shows every declared error decoded
//! on the three transports, and never prints the fault's secret.

mod common;

use errdsl_examples::divider::{self, Config};

#[tokio::test]
async fn the_demo_shows_every_error_and_no_secret() {
    let servers = divider::start(Config::default()).await.expect("start");
    let maintenance = divider::start(Config::maintenance()).await.expect("start in maintenance mode");
    let mut out = Vec::new();
    divider::demo::run(&servers, &maintenance, &mut out).await.expect("the demo runs");
    let text = String::from_utf8(out).expect("UTF-8 output");

    common::assert_no_secret("the demo's output", text.as_bytes());
    // Every error of the divider's own, and two of errdsl's request errors.
    for name in common::rpc_names().iter().map(String::as_str).chain(["invalid_field_type", "not_found"]) {
        assert!(text.contains(&format!("Goa-Error     {name}")), "{name} over HTTP:\n{text}");
    }
    // Every error answer was decoded into a declared variant: no fallback.
    assert!(!text.contains("not an error"), "{text}");
    let decoded = text.lines().filter(|line| line.trim_start().starts_with("decoded")).count();
    // 11 HTTP error answers (problem+json included), 8 gRPC and 8 Connect ones.
    assert_eq!(decoded, 27, "{text}");
    assert!(text.contains(r#"body          {"name":"divisor_too_large","message":"#), "{text}");
    assert!(text.contains("code          unavailable (HTTP 503)"), "{text}");
    assert!(
        text.contains("details       goapb.ErrorResponse, google.rpc.ErrorInfo, google.rpc.RetryInfo"),
        "{text}"
    );
    assert!(text.contains("Content-Type  application/problem+json"), "{text}");
    assert!(text.contains("RetryInfo     retry after 30s"), "{text}");
    assert!(text.contains("IntegerDivideError::Overflow"), "{text}");
    assert!(text.contains("body          3.5"), "{text}");
}
