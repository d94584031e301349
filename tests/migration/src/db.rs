//! The errors of a database layer, as database crates declare them with
//! thiserror.

use std::error::Error;

/// What can go wrong running a query.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "accounts")]
pub enum DbError {
    /// The query returned no row where one was expected.
    #[error("no rows returned by a query that expected one")]
    #[service_error(grpc = NotFound, user_msg = "No such record.")]
    RowNotFound,

    /// An insert or update broke a unique constraint.
    #[error("unique constraint {constraint} violated (SQLSTATE {code})")]
    #[service_error(grpc = AlreadyExists, user_msg = "That value is taken (code {code}).")]
    UniqueViolation {
        /// The constraint's name.
        constraint: String,
        /// The SQLSTATE the server sent.
        code: String,
    },

    /// No connection of the pool was free in time.
    #[error("timed out acquiring a connection from the pool")]
    #[service_error(timeout, temporary)]
    PoolTimedOut,

    /// A column was read past the end of the row.
    #[error("column index {index} out of bounds (the row has {len})")]
    #[service_error(fault)]
    ColumnIndexOutOfBounds {
        /// The index asked for.
        index: usize,
        /// How many columns the row has.
        len: usize,
    },

    /// What the driver reported.
    #[error("database error: {0}")]
    #[service_error(classify)]
    Database(#[source] Box<dyn Error + Send + Sync>),
}
