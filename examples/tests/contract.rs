//! The divider's error contract under test: its catalog against the
//! committed snapshot `errors.contract.json` (a breaking change fails the
//! build), and its reasons as `proto/divider_errors.proto`, generated from
//! the catalog, compiled, and holding every reason the gRPC transport
//! sends. `ERRDSL_BLESS_CONTRACT=1 cargo test` rewrites both files.

use errdsl::ErrorResult;
use errdsl::contract::{Contract, reasons_proto};
use errdsl_examples::divider::errors::catalog;
use tonic_types::StatusExt;

#[test]
fn the_divider_keeps_its_error_contract() {
    errdsl::testing::assert_contract(
        &catalog(),
        concat!(env!("CARGO_MANIFEST_DIR"), "/errors.contract.json"),
    );
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/errors.contract.json")).unwrap();
    let contract = Contract::from_json(&committed).expect("the snapshot reads");
    let divisor_too_large = contract.error("divisor_too_large").expect("in the contract");
    assert_eq!(divisor_too_large.reason, "DIVISOR_TOO_LARGE");
    assert_eq!(divisor_too_large.domain, "divider.example.com");
}

const REASONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/proto/divider_errors.proto");

#[test]
fn the_reasons_proto_is_the_catalogs_and_compiles() {
    let generated = reasons_proto(&catalog(), "divider.errors");
    if std::env::var(errdsl::testing::BLESS_CONTRACT).is_ok_and(|value| value == "1") {
        std::fs::write(REASONS, &generated).expect("write the reasons");
    }
    let committed = std::fs::read_to_string(REASONS).expect("proto/divider_errors.proto");
    assert_eq!(
        committed, generated,
        "stale: run ERRDSL_BLESS_CONTRACT=1 cargo test -p errdsl-examples --test contract"
    );

    let files = protox::compile(["divider_errors.proto"], [concat!(env!("CARGO_MANIFEST_DIR"), "/proto")])
        .expect("protox compiles it");
    let file = files.file.iter().find(|file| file.name() == "divider_errors.proto").expect("the file");
    assert_eq!(file.package(), "divider.errors");
    // Every reason the gRPC transport sends is a value of its domain's enum.
    for spec in catalog() {
        let mut sent = ErrorResult::builder(spec.name, spec.code);
        if let Some(service) = spec.service {
            sent = sent.service(service);
        }
        if let Some(domain) = spec.domain {
            sent = sent.domain(domain);
        }
        let status = tonic::Status::from(sent.build());
        let info = status.get_details_error_info().expect("an ErrorInfo");
        let message = file
            .message_type
            .iter()
            .find(|message| {
                let domain = message.name().to_ascii_lowercase();
                domain == info.domain.replace(|c: char| !c.is_ascii_alphanumeric(), "").to_ascii_lowercase()
            })
            .unwrap_or_else(|| panic!("no message for domain {}", info.domain));
        let reasons = &message.enum_type[0];
        assert_eq!(reasons.name(), "Reason");
        assert!(
            reasons.value.iter().any(|value| value.name() == info.reason && value.number() > 0),
            "{} is not a reason of {}",
            info.reason,
            message.name()
        );
        assert_eq!(reasons.value[0].name(), "REASON_UNSPECIFIED");
    }
}
