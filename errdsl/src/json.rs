//! JSON. (Placeholder.)
