//! Generated code names everything by absolute path: it compiles where the
//! prelude's names are shadowed and variants take names like `Ok` or `None`.
#![allow(dead_code, non_camel_case_types, clippy::upper_case_acronyms)]

struct Result;
struct Ok;
struct Err;
struct Some;
struct None;
struct Option;
struct Box;
struct String;
struct Cow;
struct Duration;
trait Error {}
trait ServiceError {}
trait Catalog {}
mod core {}
mod std {}
mod errdsl {}
mod http {}

#[derive(Debug, thiserror::Error, ::errdsl::ServiceError)]
#[service_error(service = "hygiene")]
enum Shadowed {
    #[error("ok")]
    #[service_error(grpc = Unavailable, temporary, retry_after_secs = 3, user_msg = "ok {level}", name = "ok_status")]
    Ok { level: u8 },
    #[error("err")]
    #[service_error(fault)]
    Err,
    #[error("some")]
    #[service_error(classify)]
    Some(#[source] ::std::io::Error),
    #[error("none")]
    #[service_error(http = 404, user_msg = "none")]
    None,
    #[error("self")]
    #[service_error(http = 400)]
    Crate,
    #[error("type")]
    #[service_error(http = 400)]
    Type,
}

#[test]
fn shadowed_names_do_not_leak_into_generated_code() {
    use ::errdsl::ServiceError as _;
    assert_eq!(Shadowed::ok(3).user_message().as_deref(), ::core::option::Option::Some("ok 3"));
    assert_eq!(Shadowed::err().name(), "err");
    assert_eq!(Shadowed::none().http_status(), 404);
    assert_eq!(Shadowed::crate_().name(), "crate");
    assert_eq!(Shadowed::r#type().name(), "type");
    assert_eq!(
        Shadowed::some(::std::io::ErrorKind::TimedOut.into()).code(),
        ::errdsl::Code::DeadlineExceeded
    );
    assert_eq!(<Shadowed as ::errdsl::Catalog>::ERRORS.len(), 6);
}

macro_rules! declare_in_macro {
    ($name:ident, $msg:literal) => {
        #[derive(Debug, thiserror::Error, ::errdsl::ServiceError)]
        enum $name {
            #[error("tuple {0}")]
            #[service_error(grpc = InvalidArgument, user_msg = $msg)]
            Tuple(u32),
        }
    };
}

declare_in_macro!(FromMacro, "bad {0}");

#[test]
fn derive_inside_macro_rules_with_positional_placeholders() {
    use ::errdsl::ServiceError as _;
    assert_eq!(FromMacro::tuple(5).user_message().as_deref(), ::core::option::Option::Some("bad 5"));
}

::errdsl::errors! {
    enum ShadowedCatalog {
        #[error("ok {0}")]
        #[service_error(grpc = Unavailable, temporary, user_msg = "ok {0}", name = "ok_status")]
        Ok(u8),
        #[error("none")]
        #[service_error(http = 404)]
        None,
        #[error(transparent)]
        #[service_error(transparent)]
        Some(FromMacro),
        #[error("from")]
        #[service_error(classify)]
        Err(#[from] ::std::io::Error),
    }
    enum ShadowedChild: ShadowedCatalog {
        #[error("result {level}")]
        #[service_error(http = 409)]
        Result { level: u8 },
    }
}

#[test]
fn shadowed_names_in_errors_macro() {
    use ::errdsl::ServiceError as _;
    let err: ShadowedChild = ShadowedCatalog::ok(1).into();
    assert_eq!(::std::string::ToString::to_string(&err), "ok 1");
    assert_eq!(err.user_message().as_deref(), ::core::option::Option::Some("ok 1"));
    assert_eq!(ShadowedChild::result(3).http_status(), 404 + 5);
    assert_eq!(<ShadowedChild as ::errdsl::Catalog>::ERRORS.len(), 5);
}

/// An `errors!` enum named like a macro its module imports (`Error`, beside
/// `use thiserror::Error;`): the enum's parent callback, which a child names
/// by path, gives way to the import instead of clashing with it.
mod named_like_an_import {
    pub mod api {
        use thiserror::Error;

        /// Another error of the module, derived with the imported macro.
        #[derive(Debug, Error)]
        #[error("other")]
        pub struct Other;

        ::errdsl::errors! {
            /// The module's errors.
            pub enum Error {
                /// Denied.
                #[error("denied")]
                #[service_error(grpc = PermissionDenied)]
                Denied,
            }

            /// Errors named like nothing the module imports.
            pub enum ApiError {
                /// Gone.
                #[error("gone")]
                #[service_error(http = 410)]
                Gone,
            }
        }
    }

    ::errdsl::errors! {
        /// A child in another module, by path.
        pub enum ChildError: crate::named_like_an_import::api::ApiError {
            /// Late.
            #[error("late")]
            #[service_error(timeout)]
            Late,
        }
    }
}

#[test]
fn enums_named_like_imported_macros() {
    use ::errdsl::{Catalog as _, ServiceError as _};
    use named_like_an_import::{ChildError, api};
    assert_eq!(api::Error::denied().name(), "denied");
    assert_eq!(api::Other.to_string(), "other");
    let names: Vec<&str> = ChildError::ERRORS.iter().map(|spec| spec.name).collect();
    assert_eq!(names, ["gone", "late"]);
}
