//! Retries that retry exactly what is temporary: `backon` (feature `backon`) and `tower::retry` (feature `tower`) integrations.
