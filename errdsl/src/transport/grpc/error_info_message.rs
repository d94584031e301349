//! [`ErrorInfoMessage`]: `google.rpc.ErrorInfo` as errdsl writes it.
//!
//! On the wire a protobuf `map<string, string>` is a repeated message of
//! `key = 1` and `value = 2` entries, so a list of entries encodes to the
//! bytes a map does and every decoder (tonic-types', grpcio's, Go's) reads
//! it as the map. Writing the list hashes nothing, and sends the entries in
//! the order errdsl adds them.

/// `google.rpc.ErrorInfo` with its `metadata` map as entries in order, for
/// sending; decoders read it as tonic-types' `pb::ErrorInfo`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct ErrorInfoMessage {
    #[prost(string, tag = "1")]
    pub(crate) reason: String,
    #[prost(string, tag = "2")]
    pub(crate) domain: String,
    #[prost(message, repeated, tag = "3")]
    metadata: Vec<MetadataEntry>,
}

/// One entry of the `metadata` map.
#[derive(Clone, PartialEq, prost::Message)]
struct MetadataEntry {
    #[prost(string, tag = "1")]
    key: String,
    #[prost(string, tag = "2")]
    value: String,
}

impl ErrorInfoMessage {
    /// A message of this reason and domain with room for `entries` metadata
    /// entries.
    pub(crate) fn new(reason: String, domain: String, entries: usize) -> Self {
        ErrorInfoMessage { reason, domain, metadata: Vec::with_capacity(entries) }
    }

    /// Sets the metadata `key` to `value`, as a map does: a key set before
    /// gets the new value, in its place.
    pub(crate) fn insert(&mut self, key: String, value: String) {
        match self.metadata.iter_mut().find(|entry| entry.key == key) {
            Some(entry) => entry.value = value,
            None => self.metadata.push(MetadataEntry { key, value }),
        }
    }

    /// Adds the metadata `key`, which no entry has yet: one of errdsl's own
    /// keys, which [`insert`](Self::insert)ed fields never take.
    pub(crate) fn push(&mut self, key: &str, value: String) {
        debug_assert!(self.metadata.iter().all(|entry| entry.key != key), "{key} is set twice");
        self.metadata.push(MetadataEntry { key: key.to_owned(), value });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message as _;
    use tonic_types::pb;

    #[test]
    fn decodes_as_the_map_message_with_a_key_set_twice_holding_the_last_value() {
        let mut info = ErrorInfoMessage::new("DIV_BY_ZERO".to_owned(), "divider".to_owned(), 3);
        info.insert("dividend".to_owned(), "7".to_owned());
        info.push("id", "x7Fq9-Ab".to_owned());
        info.insert("dividend".to_owned(), "8".to_owned());
        let read = pb::ErrorInfo::decode(&info.encode_to_vec()[..]).expect("an ErrorInfo");
        assert_eq!((read.reason.as_str(), read.domain.as_str()), ("DIV_BY_ZERO", "divider"));
        let mut metadata: Vec<_> = read.metadata.into_iter().collect();
        metadata.sort();
        assert_eq!(
            metadata,
            [("dividend".to_owned(), "8".to_owned()), ("id".to_owned(), "x7Fq9-Ab".to_owned())]
        );
        assert_eq!(info.metadata.len(), 2, "one entry per key");
    }

    #[test]
    fn encodes_as_the_map_message_does() {
        let mut info = ErrorInfoMessage::new("X".to_owned(), "d".to_owned(), 1);
        info.insert("k".to_owned(), "v".to_owned());
        let map = pb::ErrorInfo {
            reason: "X".to_owned(),
            domain: "d".to_owned(),
            metadata: [("k".to_owned(), "v".to_owned())].into(),
        };
        assert_eq!(info.encode_to_vec(), map.encode_to_vec());
    }
}
