//! What to do with an error: its class when errdsl did not declare it
//! ([`classify`], [`error_class`]), database errors ([`db`]), and retries of
//! exactly what is safe to retry ([`retry`]).

pub(crate) mod classify;
pub mod db;
pub(crate) mod error_class;
pub mod retry;
pub(crate) mod source_chain;
