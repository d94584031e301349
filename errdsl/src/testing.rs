//! Test helpers. (Placeholder.)
