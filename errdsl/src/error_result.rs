//! Goa's `ErrorResult`. (Placeholder: being written.)

/// Placeholder.
#[derive(Debug)]
pub struct ErrorResult;
/// Placeholder.
#[derive(Debug)]
pub struct ErrorResultBuilder;
