//! Each migrated enum is its thiserror original with attributes added and
//! nothing else: with errdsl's attributes taken out again (every
//! `#[service_error(...)]`, and `errdsl::ServiceError` from the derive) it
//! is the original token for token, doc comments included. And each now
//! answers as a service error, on the wire as a client reads it.

use std::io;

use errdsl::{Code, ErrorResult, ServiceError};
use errdsl_migration_tests::{api::ApiError, db::DbError, store::StoreError};
use syn::visit_mut::VisitMut;

/// Takes errdsl's attributes out of a syntax tree.
struct WithoutErrdsl;

impl VisitMut for WithoutErrdsl {
    fn visit_attributes_mut(&mut self, attrs: &mut Vec<syn::Attribute>) {
        attrs.retain(|attr| !attr.path().is_ident("service_error"));
        for attr in attrs.iter_mut().filter(|attr| attr.path().is_ident("derive")) {
            let paths = attr
                .parse_args_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
                .expect("a derive list");
            let kept = paths
                .iter()
                .filter(|path| path.segments.last().is_none_or(|last| last.ident != "ServiceError"));
            *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
        }
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        self.visit_attributes_mut(&mut item.attrs);
        for variant in &mut item.variants {
            self.visit_attributes_mut(&mut variant.attrs);
            for field in &mut variant.fields {
                self.visit_attributes_mut(&mut field.attrs);
            }
        }
    }
}

fn tokens(source: &str) -> String {
    let file = syn::parse_file(source).expect("Rust source");
    quote::ToTokens::to_token_stream(&file).to_string()
}

#[test]
fn the_migrated_enums_are_the_originals_plus_attributes() {
    let pairs = [
        (include_str!("../src/store.rs"), include_str!("../original/store.rs")),
        (include_str!("../src/api.rs"), include_str!("../original/api.rs")),
        (include_str!("../src/db.rs"), include_str!("../original/db.rs")),
    ];
    for (migrated, original) in pairs {
        let mut file = syn::parse_file(migrated).expect("Rust source");
        WithoutErrdsl.visit_file_mut(&mut file);
        let stripped = quote::ToTokens::to_token_stream(&file).to_string();
        assert_eq!(stripped, tokens(original));
        assert_ne!(tokens(migrated), tokens(original), "the migration added attributes");
    }
}

/// What a client decodes from the Goa body and from the gRPC status.
fn on_the_wire(err: &impl ServiceError) -> [ErrorResult; 2] {
    let response = errdsl::http::response(err, errdsl::http::BodyFormat::Goa);
    let http = ErrorResult::from_http_response(response.status(), response.headers(), response.body());
    let grpc = ErrorResult::from_grpc_status(&errdsl::grpc::to_status(err));
    [http, grpc]
}

#[test]
fn the_store_errors_answer_and_keep_their_io_text_inside() {
    let secret = "/var/lib/store/objects/ab/cd: No such file or directory";
    let err = StoreError::from(io::Error::new(io::ErrorKind::NotFound, secret));
    assert_eq!((err.name(), err.code()), ("io_error", Code::NotFound));
    for decoded in on_the_wire(&err) {
        assert_eq!(decoded.message(), "the requested resource was not found");
        assert_eq!((decoded.name(), decoded.code()), ("io_error", Code::NotFound));
    }
    let err = StoreError::NotFound { key: "k7".to_owned() };
    for decoded in on_the_wire(&err) {
        assert_eq!((decoded.message(), decoded.field("key")), ("object k7 not found", Some("k7")));
    }
    let err = StoreError::Corrupt { key: "k7".to_owned(), offset: 4096 };
    for decoded in on_the_wire(&err) {
        assert!(decoded.is_fault() && decoded.message().starts_with("internal error (id: "));
        assert_eq!(decoded.field("offset"), None);
    }
    assert_eq!(StoreError::ReadOnly.http_status(), 400);
}

#[test]
fn the_api_errors_keep_code_and_service_without_renames() {
    let err = ApiError::Status { code: 502, url: "http://10.0.0.3/pay".to_owned() };
    assert!(err.is_temporary());
    for decoded in on_the_wire(&err) {
        assert_eq!(decoded.message(), "The payment service answered 502.");
        assert_eq!(decoded.field("upstream_status"), Some("502"));
        assert!(!format!("{decoded:?}").contains("10.0.0.3"), "{decoded:?}");
        assert!(
            matches!(ApiError::try_from(decoded), Ok(ApiError::Status { code: 502, url }) if url.is_empty())
        );
    }
    let err = ApiError::RateLimited { service: "payments".to_owned(), retry_after: 12 };
    for decoded in on_the_wire(&err) {
        assert_eq!(decoded.field("service"), Some("payments"));
        assert_eq!(decoded.retry_after(), Some(std::time::Duration::from_secs(30)));
        assert!(matches!(
            ApiError::try_from(decoded),
            Ok(ApiError::RateLimited { service, retry_after: 12 }) if service == "payments"
        ));
    }
    let metadata =
        tonic_types::StatusExt::get_details_error_info(&errdsl::grpc::to_status(&err)).unwrap().metadata;
    assert_eq!((metadata["service"].as_str(), metadata["field_service"].as_str()), ("orders", "payments"));
    assert!(ApiError::Timeout { url: String::new() }.is_timeout());
    let err = ApiError::from(serde_json::from_str::<u8>("x").unwrap_err());
    assert!(err.is_fault() && err.name() == "decode");
}

#[test]
fn the_db_errors_answer_by_their_class() {
    let err = DbError::UniqueViolation { constraint: "users_email_key".to_owned(), code: "23505".to_owned() };
    for decoded in on_the_wire(&err) {
        assert_eq!(decoded.message(), "That value is taken (code 23505).");
        assert_eq!(decoded.field("code"), Some("23505"));
        assert_eq!(decoded.code(), Code::AlreadyExists);
        assert!(!format!("{decoded:?}").contains("users_email_key"));
    }
    assert_eq!(DbError::RowNotFound.http_status(), 404);
    assert!(DbError::PoolTimedOut.is_timeout() && DbError::PoolTimedOut.is_temporary());
    let refused = DbError::Database(Box::new(io::Error::from(io::ErrorKind::ConnectionRefused)));
    assert!(refused.is_temporary() && refused.code() == Code::Unavailable);
    assert!(DbError::ColumnIndexOutOfBounds { index: 9, len: 3 }.is_fault());
}
