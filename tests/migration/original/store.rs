//! The errors of an object store on local disk, as an I/O-heavy crate
//! declares them with thiserror.

use std::io;

/// What can go wrong reading or writing an object.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The disk or the file system failed.
    #[error(transparent)]
    Io(#[from] io::Error),

    /// No object has this key.
    #[error("object {key} not found")]
    NotFound {
        /// The object's key.
        key: String,
    },

    /// The object's bytes do not match its checksum.
    #[error("object {key} is corrupt at byte {offset}")]
    Corrupt {
        /// The object's key.
        key: String,
        /// Where the first bad block starts.
        offset: u64,
    },

    /// The store was opened read-only.
    #[error("the store is read-only")]
    ReadOnly,
}
