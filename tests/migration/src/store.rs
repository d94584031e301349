//! The errors of an object store on local disk, as an I/O-heavy crate
//! declares them with thiserror.

use std::io;

/// What can go wrong reading or writing an object.
#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
#[service_error(service = "store")]
pub enum StoreError {
    /// The disk or the file system failed.
    #[error(transparent)]
    #[service_error(classify)]
    Io(#[from] io::Error),

    /// No object has this key.
    #[error("object {key} not found")]
    #[service_error(grpc = NotFound)]
    NotFound {
        /// The object's key.
        key: String,
    },

    /// The object's bytes do not match its checksum.
    #[error("object {key} is corrupt at byte {offset}")]
    #[service_error(grpc = DataLoss, fault)]
    Corrupt {
        /// The object's key.
        key: String,
        /// Where the first bad block starts.
        offset: u64,
    },

    /// The store was opened read-only.
    #[error("the store is read-only")]
    #[service_error(grpc = FailedPrecondition)]
    ReadOnly,
}
