//! A JSON object read once: its members in order, each value kept as its
//! raw text. The HTTP decoder reads a body into it, tells the formats apart
//! from its keys, and deserializes the format's type from it, so that no
//! format parses the body again.

use serde::Deserialize;
use serde::de::value::MapDeserializer;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;

/// The members of a JSON object, in order.
pub(super) struct Members<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'a> Members<'a> {
    /// The members of `body`; `None` unless it is one JSON object.
    pub(super) fn parse(body: &'a [u8]) -> Option<Members<'a>> {
        serde_json::from_slice(body).ok()
    }

    /// The members with their values.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &'a RawValue)> {
        self.0.iter().map(|(key, value)| (key.as_ref(), *value))
    }

    /// The raw value of the first member named `key`.
    pub(super) fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.iter().find(|(name, _)| *name == key).map(|(_, value)| value)
    }

    /// `T` deserialized from the members, as from the object they came from.
    pub(super) fn read<T: Deserialize<'a>>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(MapDeserializer::new(self.iter()))
    }
}

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;

        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(8).min(64));
                while let Some(member) = map.next_entry::<Cow<'de, str>, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }

        deserializer.deserialize_map(MembersVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_their_order_and_raw_text() {
        let members = Members::parse(br#"{"z": [1, 2], "a\u0041": {"x": true}, "m": "t"}"#).unwrap();
        let keys: Vec<&str> = members.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["z", "aA", "m"]);
        assert_eq!(members.get("z").map(RawValue::get), Some("[1, 2]"));
        assert!(members.get("missing").is_none());
    }

    #[test]
    fn a_type_reads_from_the_members_as_from_the_object() {
        #[derive(Deserialize, Debug, PartialEq)]
        struct Body {
            m: String,
            z: Vec<u8>,
        }
        let members = Members::parse(br#"{"z": [1, 2], "other": null, "m": "t"}"#).unwrap();
        assert_eq!(members.read::<Body>().unwrap(), Body { m: "t".into(), z: vec![1, 2] });
    }

    #[test]
    fn anything_but_one_object_has_no_members() {
        for body in [&b"[]"[..], b"1", b"\"x\"", b"{", b"{} {}", b"null", b""] {
            assert!(Members::parse(body).is_none(), "{:?}", String::from_utf8_lossy(body));
        }
    }
}
