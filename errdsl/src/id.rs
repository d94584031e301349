//! Per-instance error ids. (Placeholder: being written.)
