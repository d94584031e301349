//! GraphQL through a real async-graphql schema: resolvers return declared
//! errors with `.extend()?`, queries execute, and the JSON response carries
//! the wire message and errdsl's extensions. The errors are declared in
//! `src/lib.rs`, a crate with no async-graphql dependency of its own.
#![cfg(feature = "transports")]

use std::io;

use async_graphql::{EmptyMutation, EmptySubscription, Object, ResultExt as _, Schema};
use errdsl::{Code, ErrorResult};
use errdsl_tests::no_transport_deps::{GenericError, PlainError};
use serde_json::{Value, json};

#[path = "support/process_log.rs"]
mod process_log;

errdsl::errors! {
    /// Errors of the store.
    #[service_error(service = "store")]
    enum StoreError {
        #[error("disk /dev/sdb1 is full")]
        #[service_error(fault)]
        DiskFull,

        #[error("reading the shelf failed")]
        #[service_error(classify)]
        Shelf(#[source] io::Error),
    }
}

struct Query;

#[Object]
impl Query {
    async fn thing(&self, id: u32) -> async_graphql::Result<u32> {
        Err(PlainError::missing(id)).extend()
    }

    async fn busy(&self) -> async_graphql::Result<u32> {
        Err(PlainError::busy()).extend()
    }

    async fn generic(&self) -> async_graphql::Result<u32> {
        Err(GenericError::Bad("x")).extend()
    }

    async fn save(&self) -> async_graphql::Result<bool> {
        Err(StoreError::disk_full()).extend()
    }

    async fn shelf(&self) -> async_graphql::Result<bool> {
        let secret = io::Error::new(io::ErrorKind::NotFound, "/etc/shop/secrets.toml: no such file");
        Err(StoreError::shelf(secret)).extend()
    }

    async fn upstream(&self) -> async_graphql::Result<bool> {
        let err = ErrorResult::builder("upstream_down", Code::Unavailable).temporary(true).build();
        Err(err).extend()
    }
}

/// The first error of the response to `query`.
async fn first_error(query: &str) -> Value {
    let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
    let response = serde_json::to_value(schema.execute(query).await).unwrap();
    response["errors"][0].clone()
}

#[tokio::test]
async fn a_client_error_carries_its_message_and_every_extension() {
    let error = first_error("{ thing(id: 42) }").await;
    assert_eq!(error["message"], "No thing 42.");
    assert_eq!(error["path"], json!(["thing"]));
    let extensions = &error["extensions"];
    let id = extensions["id"].as_str().unwrap();
    assert_eq!(id.len(), 8);
    assert_eq!(
        *extensions,
        json!({
            "code": "NOT_FOUND",
            "name": "missing",
            "id": id,
            "temporary": false,
            "timeout": false,
            "fault": false,
            "fields": {"thing_id": 42},
        })
    );
}

#[tokio::test]
async fn a_temporary_error_says_how_long_to_wait() {
    let error = first_error("{ busy }").await;
    assert_eq!(error["extensions"]["code"], "UNAVAILABLE");
    assert_eq!(error["extensions"]["temporary"], true);
    assert_eq!(error["extensions"]["retryAfter"], 3);
    let error = first_error("{ upstream }").await;
    assert_eq!(
        (error["extensions"]["name"].clone(), error["extensions"]["temporary"].clone()),
        (json!("upstream_down"), json!(true))
    );
}

#[tokio::test]
async fn a_generic_derived_type_has_the_impl_too() {
    let error = first_error("{ generic }").await;
    assert_eq!(error["message"], "bad value x");
    assert_eq!(error["extensions"]["code"], "INVALID_ARGUMENT");
}

#[tokio::test]
async fn a_fault_sends_its_id_and_logs_its_text() {
    process_log::log();
    let error = first_error("{ save }").await;
    let id = error["extensions"]["id"].as_str().unwrap().to_owned();
    assert_eq!(error["message"], format!("internal error (id: {id})"));
    assert_eq!(error["extensions"]["code"], "INTERNAL");
    assert_eq!(error["extensions"]["fault"], true);
    assert!(!error.to_string().contains("sdb1"), "{error}");
    let log = process_log::log();
    assert!(log.contains(&id) && log.contains("disk /dev/sdb1 is full"), "{log}");
}

/// A classified foreign error sends its class's generic message, never its
/// own text (a path, here), as on every transport.
#[tokio::test]
async fn a_classified_foreign_error_sends_no_text_of_its_own() {
    let error = first_error("{ shelf }").await;
    assert_eq!(error["message"], Code::NotFound.user_message());
    assert_eq!(error["extensions"]["code"], "NOT_FOUND");
    assert!(!error.to_string().contains("secrets.toml"), "{error}");
}
