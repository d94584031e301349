//! Test-only package of errdsl: see `tests/` beside this file.
//!
//! The README's examples run as doctests of this crate.

#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
