//! `#[cfg(...)]` on the variants of `errors!`, whose input the compiler
//! does not cfg-strip: a variant compiled out is in no generated item (the
//! enum, the catalog, the methods, constructors, `From`, `TryFrom`), and one
//! compiled in is in all of them. `cfg(test)` holds in this crate's tests
//! and `cfg(not(test))` does not: one compilation sees both.

use errdsl::{Catalog, Code, ErrorResult, ServiceError};

errdsl::errors! {
    /// Errors of a store with an optional cache.
    #[service_error(service = "store")]
    pub enum StoreError {
        #[error("not found")]
        #[service_error(http = 404)]
        NotFound,

        /// Only where the cache is built.
        #[cfg(test)]
        #[error("the cache is cold for {key}")]
        #[service_error(temporary, http = 503)]
        CacheCold {
            #[service_error(wire)]
            key: String,
        },

        /// Compiled out here.
        #[cfg(not(test))]
        #[error("the cache was dropped")]
        #[service_error(fault)]
        CacheDropped(#[from] std::fmt::Error),

        #[error("slow disk")]
        #[service_error(timeout)]
        SlowDisk,
    }

    /// A method's errors, inheriting the cfg'd variants.
    #[service_error(service = "store")]
    pub enum GetError: StoreError {
        #[cfg(any())]
        #[error("never compiled")]
        #[service_error(http = 400)]
        Never,
    }
}

#[test]
fn the_catalog_has_what_is_compiled_in() {
    let names: Vec<&str> = StoreError::ERRORS.iter().map(|spec| spec.name).collect();
    assert_eq!(names, ["not_found", "cache_cold", "slow_disk"]);
    let names: Vec<&str> = GetError::ERRORS.iter().map(|spec| spec.name).collect();
    assert_eq!(names, ["not_found", "cache_cold", "slow_disk"]);
}

#[test]
fn compiled_in_variants_answer_and_decode() {
    let err = StoreError::cache_cold("k1".into());
    assert_eq!(err.code(), Code::Unavailable);
    assert!(err.is_temporary());
    assert_eq!(err.to_string(), "the cache is cold for k1");
    let back = StoreError::try_from(ErrorResult::from_service_error(&err)).unwrap();
    assert!(matches!(back, StoreError::CacheCold { key } if key == "k1"));
    let child: GetError = StoreError::slow_disk().into();
    assert_eq!(child.name(), "slow_disk");
    let child: GetError = StoreError::cache_cold("k2".into()).into();
    assert!(matches!(child, GetError::CacheCold { .. }));
    // Compiled out: its name decodes into nothing.
    let dropped = ErrorResult::builder("cache_dropped", Code::Internal).fault(true).build();
    assert!(StoreError::try_from(dropped).is_err());
}

errdsl::errors! {
    /// A whole enum compiled out: nothing generated for it remains.
    #[cfg(not(test))]
    pub enum LegacyError {
        #[error("legacy")]
        #[service_error(http = 410)]
        Gone,
    }

    /// A whole enum compiled in, and its child.
    #[cfg(test)]
    pub enum CacheError {
        #[error("evicted")]
        #[service_error(temporary)]
        Evicted,
    }

    #[cfg(test)]
    pub enum CacheGetError: CacheError {
        #[error("miss")]
        #[service_error(http = 404)]
        Miss,
    }
}

#[test]
fn cfg_on_a_whole_enum_goes_on_everything_generated_for_it() {
    let names: Vec<&str> = CacheGetError::ERRORS.iter().map(|spec| spec.name).collect();
    assert_eq!(names, ["evicted", "miss"]);
    let err: CacheGetError = CacheError::evicted().into();
    assert!(err.is_temporary());
}

errdsl::errors! {
    /// `#[cfg(...)]` on fields, as a derive sees them after the compiler
    /// strips its input: a field compiled out is in no generated item (the
    /// constructor's parameters, patterns, `TryFrom`, the wire fields, the
    /// catalog), one compiled in is in all of them.
    #[service_error(service = "store")]
    pub enum ShardError {
        #[error("shard {shard} is read-only")]
        #[service_error(http = 409)]
        ReadOnly {
            #[service_error(wire)]
            shard: u32,
            #[cfg(test)]
            #[service_error(wire)]
            replica: String,
            #[cfg(not(test))]
            #[service_error(wire)]
            primary: String,
            #[cfg(not(test))]
            hint: &'static str,
        },
    }

    /// A child inherits the cfg'd fields with the variant.
    #[service_error(service = "store")]
    pub enum WriteError: ShardError {}
}

#[test]
fn cfg_on_fields_goes_on_everything_that_names_them() {
    let err = ShardError::read_only(3, "r-2".to_owned());
    assert_eq!(err.to_string(), "shard 3 is read-only");
    let sent: Vec<(&str, String)> = err.wire_fields();
    assert_eq!(sent, [("shard", "3".to_owned()), ("replica", "r-2".to_owned())]);
    let spec = ShardError::spec("read_only").unwrap();
    let names: Vec<&str> = spec.wire_fields.iter().map(|field| field.name).collect();
    assert_eq!(names, ["shard", "replica"]);
    let back = ShardError::try_from(ErrorResult::from_service_error(&err)).unwrap();
    assert!(matches!(back, ShardError::ReadOnly { shard: 3, ref replica } if replica == "r-2"));
    let child: WriteError = err.into();
    assert!(matches!(child, WriteError::ReadOnly { shard: 3, .. }));
}
