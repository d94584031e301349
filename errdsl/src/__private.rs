//! What the macros' generated code names, by absolute path. Not public API.

pub use crate::model::bounds::{
    DecodesAsDefault, LocationField, Shown, StdError, ThreadSafe, Transparent, ViolationList, WireValue,
};
pub use crate::model::code::Code;
pub use crate::model::field_violation::FieldViolation;
pub use crate::model::service_error::{Catalog, ErrorSpec, ServiceError};
pub use crate::model::wire_field::{BodyShape, JsonType, ProtoType, WireField};
pub use crate::policy::classify::classify;
pub use crate::policy::error_class::Classification;
pub use core::option::Option::{self, None, Some};
pub use http::StatusCode;
pub use std::borrow::Cow;
pub use std::time::Duration;
pub use std::vec::Vec;

/// The HTTP status `N`, checked once at compile time.
#[must_use]
pub const fn status<const N: u16>() -> StatusCode {
    const {
        match StatusCode::from_u16(N) {
            Ok(status) => status,
            Err(_) => panic!("errdsl: invalid HTTP status"),
        }
    }
}

/// The code of HTTP status `status` ([`Code::from_http_status`]), for
/// errors declared with a status only: a `const fn` of the bare number.
#[must_use]
pub const fn code_from_http(status: u16) -> Code {
    Code::from_http_u16(status)
}

/// `user_message()` of a variant classified at run time that declares no
/// `user_msg`: the class's generic text, never the source's own.
#[must_use]
pub fn classified_user_message(source: &(dyn std::error::Error + 'static)) -> Option<Cow<'static, str>> {
    classify(source).user_message().map(Cow::Borrowed)
}

/// What `assert_service_error!` expands to: panics with every difference
/// between `err` and `template`.
#[track_caller]
pub fn assert_service_error(err: &dyn ServiceError, expr: &str, template: &crate::testing::Template) {
    crate::testing::assert_matches(err, expr, template);
}

/// `Catalog::ERRORS` of a type with `transparent` variants: its own specs
/// and those of the inner types (the parts marked `true`), in order, as one
/// array of length `N`. Names are not checked here: the macros check the
/// type's own names among themselves, each against every inner catalog
/// ([`specs_contain`]), and the inner catalogs pairwise
/// ([`shared_name`]), each with a message naming what clashes.
///
/// # Panics
///
/// At compile time (the function runs in a `const`) when the lengths do not
/// add up to `N`.
#[must_use]
pub const fn concat_catalogs<const N: usize>(parts: &[(&[ErrorSpec], bool)]) -> [ErrorSpec; N] {
    let mut out = [ErrorSpec::new("", Code::Unknown); N];
    let mut len = 0;
    let mut part = 0;
    while part < parts.len() {
        let (specs, _) = parts[part];
        let mut i = 0;
        while i < specs.len() {
            assert!(len < N, "errdsl: catalog length mismatch");
            out[len] = specs[i];
            len += 1;
            i += 1;
        }
        part += 1;
    }
    assert!(len == N, "errdsl: catalog length mismatch");
    out
}

/// The first wire name of `a` that `b` has too, if any.
#[must_use]
pub const fn shared_name(a: &'static [ErrorSpec], b: &[ErrorSpec]) -> Option<&'static str> {
    let mut i = 0;
    while i < a.len() {
        if specs_contain(b, a[i].name) {
            return Some(a[i].name);
        }
        i += 1;
    }
    None
}

/// A compile-time message: `const` code cannot format, so a check that
/// names a value (a wire name) writes its message into this buffer and
/// panics with [`Message::as_str`].
pub struct Message {
    buf: [u8; Message::CAPACITY],
    len: usize,
}

impl Message {
    /// The most bytes a message holds; the rest is cut.
    const CAPACITY: usize = 1024;

    /// An empty message.
    #[must_use]
    pub const fn new() -> Self {
        Message { buf: [0; Message::CAPACITY], len: 0 }
    }

    /// The message with `text` added (cut at a `char` boundary when full).
    #[must_use]
    pub const fn push(mut self, text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() && self.len < Message::CAPACITY {
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
        // Cut inside a character: drop the part of it that was copied.
        if i < bytes.len() && (bytes[i] & 0b1100_0000) == 0b1000_0000 {
            while i > 0 && (bytes[i] & 0b1100_0000) == 0b1000_0000 {
                i -= 1;
                self.len -= 1;
            }
        }
        self
    }

    /// The text.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        let (text, _) = self.buf.split_at(self.len);
        match core::str::from_utf8(text) {
            Ok(text) => text,
            Err(_) => "errdsl: a message could not be written",
        }
    }
}

impl Default for Message {
    fn default() -> Self {
        Message::new()
    }
}

/// Whether one of `specs` has the wire name `name`.
#[must_use]
pub const fn specs_contain(specs: &[ErrorSpec], name: &str) -> bool {
    let mut i = 0;
    while i < specs.len() {
        if str_eq(specs[i].name, name) {
            return true;
        }
        i += 1;
    }
    false
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub use crate::model::error_result::ErrorResult;
#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "aide")]
pub use aide;
#[cfg(feature = "async-graphql")]
pub use async_graphql;
#[cfg(feature = "axum")]
pub use axum;
#[cfg(feature = "connect")]
pub use connectrpc;
pub use core::convert::TryFrom;
pub use core::result::Result::{self, Err, Ok};
#[cfg(feature = "tonic")]
pub use tonic;
#[cfg(feature = "utoipa")]
pub use utoipa;

/// `axum::response::IntoResponse` for a generated type, when errdsl's `axum`
/// feature is on; nothing otherwise. The macros call it for every type they
/// see, so a user crate needs no `axum` dependency of its own, and the impl
/// (which orphan rules keep out of errdsl) lives in the user's crate.
///
/// Input: `[impl generics] [type] [where clause]`.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_axum_impls {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $($ty)* $($where)* {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::axum::error_response(&self)
            }
        }
    };
}

/// Without the `axum` feature: no impl.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_axum_impls {
    ($($tokens:tt)*) => {};
}

/// `From<T> for tonic::Status` for a generated type, when errdsl's `tonic`
/// feature is on; nothing otherwise. Input as for the axum impls.
#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_tonic_impls {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::tonic::Status $($where)* {
            fn from(err: $($ty)*) -> Self {
                $crate::grpc::to_status(&err)
            }
        }
    };
}

/// Without the `tonic` feature: no impl.
#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_tonic_impls {
    ($($tokens:tt)*) => {};
}

/// `From<T> for connectrpc::ConnectError` for a generated type, when
/// errdsl's `connect` feature is on; nothing otherwise. Input as for the
/// axum impls.
#[cfg(feature = "connect")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_connect_impls {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::connectrpc::ConnectError $($where)* {
            fn from(err: $($ty)*) -> Self {
                $crate::connect::to_connect_error(&err)
            }
        }
    };
}

/// Without the `connect` feature: no impl.
#[cfg(not(feature = "connect"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_connect_impls {
    ($($tokens:tt)*) => {};
}

/// `utoipa::IntoResponses` for a generated type, when errdsl's `utoipa`
/// feature is on: every error of its catalog ([`crate::docs::utoipa_responses`]);
/// and `utoipa::ToSchema`: its body, one of its errors, with every error's
/// schema ([`crate::docs::utoipa_schemas`]); nothing otherwise. Input as
/// for the axum impls.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_utoipa_impls {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::utoipa::IntoResponses for $($ty)* $($where)* {
            fn responses() -> $crate::__private::UtoipaResponses {
                $crate::docs::utoipa_responses(<Self as $crate::__private::Catalog>::ERRORS)
            }
        }

        #[automatically_derived]
        impl $($generics)* $crate::__private::utoipa::PartialSchema for $($ty)* $($where)* {
            fn schema() -> $crate::__private::UtoipaSchema {
                $crate::docs::utoipa_schema(<Self as $crate::__private::Catalog>::ERRORS)
            }
        }

        #[automatically_derived]
        impl $($generics)* $crate::__private::utoipa::ToSchema for $($ty)* $($where)* {
            fn schemas(schemas: &mut $crate::__private::UtoipaSchemas) {
                $crate::docs::utoipa_schemas(<Self as $crate::__private::Catalog>::ERRORS, schemas);
            }
        }
    };
}

/// Without the `utoipa` feature: no impl.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_utoipa_impls {
    ($($tokens:tt)*) => {};
}

/// `aide::OperationOutput` for a generated type, when errdsl's `aide`
/// feature is on: every error of its catalog as an inferred response
/// ([`crate::docs::aide_responses`]); nothing otherwise. Input as for the
/// axum impls.
#[cfg(feature = "aide")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_aide_impls {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::aide::OperationOutput for $($ty)* $($where)* {
            type Inner = Self;

            fn inferred_responses(
                context: &mut $crate::__private::aide::generate::GenContext,
                _: &mut $crate::__private::aide::openapi::Operation,
            ) -> $crate::__private::Vec<($crate::__private::Option<u16>, $crate::__private::aide::openapi::Response)> {
                $crate::docs::aide_responses(context, <Self as $crate::__private::Catalog>::ERRORS)
            }
        }
    };
}

/// Without the `aide` feature: no impl.
#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_aide_impls {
    ($($tokens:tt)*) => {};
}

/// `actix_web::ResponseError` for a generated type, when errdsl's
/// `actix-web` feature is on ([`crate::actix::error_response`]); nothing
/// otherwise. Input as for the axum impls.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_actix_impls {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)* $($where)* {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::actix::status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::actix::error_response(self)
            }
        }
    };
}

/// Without the `actix-web` feature: no impl.
#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_actix_impls {
    ($($tokens:tt)*) => {};
}

/// `async_graphql::ErrorExtensions` for a generated type, when errdsl's
/// `async-graphql` feature is on ([`crate::graphql::to_graphql_error`]);
/// nothing otherwise. Input as for the axum impls.
#[cfg(feature = "async-graphql")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_graphql_impls {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::async_graphql::ErrorExtensions for $($ty)* $($where)* {
            fn extend(&self) -> $crate::__private::async_graphql::Error {
                $crate::graphql::to_graphql_error(self)
            }
        }
    };
}

/// Without the `async-graphql` feature: no impl.
#[cfg(not(feature = "async-graphql"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errdsl_graphql_impls {
    ($($tokens:tt)*) => {};
}

/// What `utoipa::IntoResponses::responses` returns.
#[cfg(feature = "utoipa")]
pub type UtoipaResponses =
    std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::response::Response>>;

/// What `utoipa::PartialSchema::schema` returns.
#[cfg(feature = "utoipa")]
pub type UtoipaSchema = utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>;

/// What `utoipa::ToSchema::schemas` fills.
#[cfg(feature = "utoipa")]
pub type UtoipaSchemas = Vec<(String, UtoipaSchema)>;

pub use crate::{
    __errdsl_actix_impls as actix_impls, __errdsl_aide_impls as aide_impls,
    __errdsl_axum_impls as axum_impls, __errdsl_connect_impls as connect_impls,
    __errdsl_graphql_impls as graphql_impls, __errdsl_tonic_impls as tonic_impls,
    __errdsl_utoipa_impls as utoipa_impls,
};

/// Decodes an [`ErrorResult`] into a transparent variant's inner type when
/// that type implements `TryFrom<ErrorResult, Error = ErrorResult>` (every
/// type the macros generate does), and gives it back otherwise: a
/// hand-written inner `ServiceError` is simply not decodable. Picked by
/// method resolution (autoref): `(&&Decode::<T>::NEW).decode(result)`.
pub struct Decode<T>(core::marker::PhantomData<T>);

impl<T> Decode<T> {
    /// The decoder of `T`.
    pub const NEW: Self = Decode(core::marker::PhantomData);
}

/// The decoder of a type with `TryFrom<ErrorResult>`.
pub trait DecodeWithTryFrom<T> {
    /// `T::try_from(result)`.
    fn decode(&self, result: ErrorResult) -> Result<T, ErrorResult>;
}

impl<T: TryFrom<ErrorResult, Error = ErrorResult>> DecodeWithTryFrom<T> for &Decode<T> {
    fn decode(&self, result: ErrorResult) -> Result<T, ErrorResult> {
        T::try_from(result)
    }
}

/// The decoder of any other type: never decodes.
pub trait DecodeNever<T> {
    /// `Err(result)`.
    fn decode(&self, result: ErrorResult) -> Result<T, ErrorResult>;
}

impl<T> DecodeNever<T> for Decode<T> {
    fn decode(&self, result: ErrorResult) -> Result<T, ErrorResult> {
        Err(result)
    }
}

#[cfg(test)]
mod message_tests {
    use super::Message;

    #[test]
    fn pushes_text_and_cuts_on_a_char_boundary() {
        assert_eq!(Message::new().push("wire name `").push("é").push("`").as_str(), "wire name `é`");
        let full = Message::new().push(&"a".repeat(Message::CAPACITY - 1)).push("é");
        assert_eq!(full.as_str().len(), Message::CAPACITY - 1, "the cut `é` is dropped whole");
        let three = Message::new().push(&"a".repeat(Message::CAPACITY - 2)).push("€");
        assert_eq!(three.as_str(), "a".repeat(Message::CAPACITY - 2));
        assert_eq!(Message::default().as_str(), "");
    }
}
