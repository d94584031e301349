//! `GoaBody`'s `Deserialize`: any bytes as JSON; what decodes must write
//! back to a body that decodes to the same, and make an error.
#![no_main]

use errdsl::http::GoaBody;
use errdsl_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = serde_json::from_slice::<GoaBody>(data) else { return };
    let json = serde_json::to_vec(&body).expect("a decoded Goa body serializes");
    let back: GoaBody = serde_json::from_slice(&json).expect("a Goa body errdsl wrote reads back");
    assert_eq!(back, body, "round trip through {}", String::from_utf8_lossy(&json));
    check_error(&body.into_error());
});
