//! The API-level errors of a service family, in a crate of their own, as
//! teams share them: services in other crates inherit them with
//! `pub enum DividerError: ::errdsl_test_api::api::ApiError { .. }`.
#![forbid(unsafe_code)]

/// What the errors of this crate name, to check that inherited variants
/// resolve their field types in the crate that declared them.
pub mod types {
    /// Who is asking.
    #[derive(Debug, Default, Clone, PartialEq, Eq)]
    pub struct Principal(pub String);
}

/// The API's errors.
pub mod api {
    errdsl::errors! {
        /// Errors every service of the API may return.
        #[service_error(service = "api", export)]
        pub enum ApiError {
            /// The request carries no valid credentials.
            #[error("authentication required")]
            #[service_error(grpc = Unauthenticated, user_msg = "Please sign in.")]
            Unauthenticated,

            /// The caller may not do this.
            #[error("{principal:?} may not do this")]
            #[service_error(grpc = PermissionDenied)]
            PermissionDenied {
                /// Who asked; never sent.
                #[service_error(default)]
                principal: crate::types::Principal,
            },
        }

        /// API errors of the services that keep data.
        #[service_error(export)]
        pub enum StorageApiError: ApiError {
            /// Storage is down; retry later.
            #[error("storage unavailable")]
            #[service_error(temporary, retry_after_secs = 5)]
            StorageDown,
        }

        /// Not exported: only this crate can name it as a parent.
        pub enum InternalOnlyError: ApiError {
            /// A private error.
            #[error("private")]
            #[service_error(fault)]
            Private,
        }
    }
}
