//! `ProblemDetails`' `Deserialize`: any bytes as JSON; what decodes must
//! write back to problem details that decode to the same, and make an error.
#![no_main]

use errdsl::http::ProblemDetails;
use errdsl_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(problem) = serde_json::from_slice::<ProblemDetails>(data) else { return };
    let json = serde_json::to_vec(&problem).expect("decoded problem details serialize");
    let back: ProblemDetails = serde_json::from_slice(&json).expect("problem details errdsl wrote read back");
    assert_eq!(back, problem, "round trip through {}", String::from_utf8_lossy(&json));
    check_error(&problem.into_error());
});
