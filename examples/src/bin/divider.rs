//! The divider demo. Placeholder.
fn main() {}
