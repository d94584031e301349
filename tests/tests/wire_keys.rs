//! How names and fields are spelled in gRPC's `ErrorInfo` (AIP-193), both
//! copies: the runtime's (`errdsl::grpc`), which sends them, and the macros'
//! mirror (a proc-macro crate cannot depend on the runtime), which turns
//! away at compile time what the runtime could not send faithfully. The
//! mirror is compiled here from its source and held to the runtime.

use proptest::prelude::*;

/// The macros' mirror, compiled here as it is compiled there.
#[allow(dead_code)]
#[path = "../../errdsl-macros/src/wire_keys.rs"]
mod mirror;

#[test]
fn constants_agree() {
    assert_eq!(mirror::RESERVED_METADATA_KEYS, errdsl::grpc::RESERVED_METADATA_KEYS);
    assert_eq!(mirror::MAX_REASON_CHARS, errdsl::grpc::MAX_REASON_CHARS);
    assert_eq!(mirror::MAX_RETRY_AFTER_SECS, errdsl::grpc::MAX_RETRY_DELAY.as_secs());
}

#[test]
fn samples_agree() {
    for text in [
        "div_by_zero",
        "deadline_ms",
        "0",
        "12",
        "field0",
        "field_x",
        "a__b",
        "_x",
        "x_",
        "retry_2x",
        "Id",
        "id",
        "code",
        "service",
        "field_id",
        "_id",
        "id_",
        "__code",
        "é_ü",
        "",
    ] {
        assert_eq!(mirror::reason(text), errdsl::grpc::reason(text), "{text:?}");
        assert_eq!(mirror::metadata_key(text), errdsl::grpc::metadata_key(text), "{text:?}");
        assert_eq!(mirror::field_of_key(text), errdsl::grpc::field_of_key(text), "{text:?}");
    }
}

proptest! {
    #[test]
    fn any_text_agrees(text in "\\PC{0,40}") {
        prop_assert_eq!(mirror::reason(&text), errdsl::grpc::reason(&text));
        prop_assert_eq!(mirror::metadata_key(&text), errdsl::grpc::metadata_key(&text));
        prop_assert_eq!(mirror::field_of_key(&text), errdsl::grpc::field_of_key(&text));
    }

    /// A `snake_case` name whose words start with a letter reads back from
    /// its key: the names the macros accept, but errdsl's own keys (`id`,
    /// `code`, ...), whose fields travel as `field<Name>` and are read back
    /// by the catalog that declares them.
    #[test]
    fn snake_case_names_round_trip(name in "[a-eg-z][a-z0-9]{0,8}(_[a-z][a-z0-9]{0,8}){0,3}") {
        prop_assume!(!errdsl::grpc::RESERVED_METADATA_KEYS.contains(&name.as_str()));
        let key = errdsl::grpc::metadata_key(&name);
        prop_assert!(key.chars().all(|c| c.is_ascii_alphanumeric()), "{}", key);
        prop_assert_eq!(errdsl::grpc::field_of_key(&key), name);
    }
}
