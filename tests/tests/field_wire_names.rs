//! A field's wire name: its own (`id`, `code` and errdsl's other metadata
//! keys included, which no thiserror enum should have to rename), or the
//! one `#[service_error(name = "...")]` gives it; the same on every
//! transport, and decoded back into the variant.
#![cfg(feature = "transports")]

use errdsl::http::{self, BodyFormat};
use errdsl::{Catalog, ServiceError};
use errdsl_tests::through_every_transport;
use tonic_types::StatusExt as _;

/// A thiserror enum as users write it, with errdsl's annotations added.
#[derive(Debug, PartialEq, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "shop")]
enum ShopError {
    // Shown in the message sent, so it travels (AIP-193); not `wire`, so
    // a client cannot decode the variant back.
    #[error("item {id} not found")]
    #[service_error(http = 404)]
    NotFound { id: u64 },

    #[error("{sku} is out of stock (code {code})")]
    #[service_error(http = 409)]
    OutOfStock {
        #[service_error(wire)]
        sku: String,
        #[service_error(wire)]
        code: u16,
    },

    #[error("upstream answered {code}")]
    #[service_error(http = 400, user_msg = "The payment service refused the card.")]
    PaymentRefused {
        #[service_error(wire, name = "status_code")]
        code: u16,
        #[service_error(wire)]
        service: String,
    },
}

errdsl::errors! {
    /// The same fields, declared by `errors!`.
    #[service_error(service = "shop")]
    enum OrderError {
        #[error("order {id} has no item {code}")]
        #[service_error(http = 404)]
        NoSuchItem {
            #[service_error(wire)]
            id: u64,
            #[service_error(wire)]
            code: String,
        },
    }
}

/// The metadata of the `ErrorInfo` gRPC sends for `err`.
fn metadata_of(err: &impl ServiceError) -> std::collections::HashMap<String, String> {
    errdsl::grpc::to_status(err).get_details_error_info().expect("an ErrorInfo").metadata
}

#[test]
fn fields_named_like_errdsls_keys_travel_beside_them() {
    let sent = ShopError::NotFound { id: 42 };
    let metadata = metadata_of(&sent);
    assert_eq!(metadata["field_id"], "42");
    // errdsl's own `id` is the error's id, not the field.
    assert_ne!(metadata["id"], "42");
    assert_eq!(metadata["code"], "not_found");
    for (transport, decoded) in through_every_transport(&sent) {
        assert_eq!(decoded.field("id"), Some("42"), "{transport}");
        assert_ne!(decoded.id(), "42", "{transport}");
        assert_eq!(decoded.name(), "not_found", "{transport}");
    }

    let sent = ShopError::OutOfStock { sku: "A-1".to_owned(), code: 7 };
    assert_eq!(metadata_of(&sent)["field_code"], "7");
    for (transport, decoded) in through_every_transport(&sent) {
        let back = ShopError::try_from(decoded).ok();
        assert_eq!(back, Some(ShopError::OutOfStock { sku: "A-1".to_owned(), code: 7 }), "{transport}");
    }

    let sent = OrderError::no_such_item(9, "X".to_owned());
    let metadata = metadata_of(&sent);
    assert_eq!((metadata["field_id"].as_str(), metadata["field_code"].as_str()), ("9", "X"));
    for (transport, decoded) in through_every_transport(&sent) {
        assert!(
            matches!(OrderError::try_from(decoded), Ok(OrderError::NoSuchItem { id: 9, .. })),
            "{transport}"
        );
    }
}

#[test]
fn a_declared_wire_name_is_used_on_every_transport() {
    let sent = ShopError::PaymentRefused { code: 402, service: "cards".to_owned() };
    let metadata = metadata_of(&sent);
    assert_eq!(metadata["statusCode"], "402");
    assert_eq!(metadata["field_service"], "cards");
    assert_eq!(metadata["service"], "shop");
    let goa = http::response(&sent, BodyFormat::Goa);
    let body: serde_json::Value = serde_json::from_slice(goa.body()).unwrap();
    assert_eq!(body["fields"], serde_json::json!({"status_code": 402, "service": "cards"}));
    for (transport, decoded) in through_every_transport(&sent) {
        assert_eq!(decoded.field("status_code"), Some("402"), "{transport}");
        assert_eq!(decoded.field("code"), None, "{transport}");
        assert_eq!(
            ShopError::try_from(decoded).ok(),
            Some(ShopError::PaymentRefused { code: 402, service: "cards".to_owned() }),
            "{transport}"
        );
    }
    // The catalog, and so the OpenAPI document, names the wire name.
    let spec = ShopError::spec("payment_refused").unwrap();
    let names: Vec<&str> = spec.wire_fields.iter().map(|field| field.name).collect();
    assert_eq!(names, ["status_code", "service"]);
}

/// A wire field of a type from another crate that is `Display` and
/// `FromStr` (here `uuid::Uuid`, as users' ids often are) needs nothing
/// more: it travels as its text and decodes back on every transport.
#[derive(Debug, PartialEq, thiserror::Error, errdsl::ServiceError)]
enum AccountError {
    #[error("no account {account}")]
    #[service_error(http = 404)]
    Missing {
        #[service_error(wire)]
        account: uuid::Uuid,
    },
}

#[test]
fn a_uuid_wire_field_travels_and_decodes_back() {
    let account = uuid::Uuid::from_u128(0x6f1c_29a4_8d3e_4b7a_9c21_0e5f_7a8b_3c4d);
    let sent = AccountError::Missing { account };
    for (transport, decoded) in through_every_transport(&sent) {
        assert_eq!(decoded.field("account"), Some("6f1c29a4-8d3e-4b7a-9c21-0e5f7a8b3c4d"), "{transport}");
        assert_eq!(
            AccountError::try_from(decoded).ok(),
            Some(AccountError::Missing { account }),
            "{transport}"
        );
    }
}
