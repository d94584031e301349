//! Classification of foreign errors. (Placeholder: being written.)

use crate::Code;

/// What errdsl can tell about an error it did not declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Classification {
    /// The gRPC code that fits the error best.
    pub code: Code,
    /// Whether the failed operation may succeed if tried again as it is.
    pub temporary: bool,
    /// Whether the error is a timeout.
    pub timeout: bool,
}

/// Classifies an error by walking its source chain.
#[must_use]
pub fn classify(err: &(dyn std::error::Error + 'static)) -> Classification {
    let _ = err;
    Classification { code: Code::Unknown, temporary: false, timeout: false }
}
