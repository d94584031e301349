//! A Goa custom error type as the gRPC message a Goa server sends for it:
//! `details[0]` of the status, the message Goa generates for the method
//! and the error ([`ErrorSpec::goa_message`], named by the macros after
//! Goa's rule), where a Goa-generated client looks first.
//!
//! Goa numbers the message's fields in the order of the type's attributes
//! (`grpc/codegen/protobuf.go`, `makeProtoBufMessage`; protobuf tags from
//! 1), and errdsl's custom body has them in this order: the name member
//! (when the error declares one) as `string`, `message_` (Goa's spelling
//! of the reserved word) as `string`, then each wire field by its
//! [`ProtoType`]. proto3 writes no field that holds its type's zero value,
//! as Go's `proto.Marshal` does not.

use crate::model::error_result::Outgoing;
use crate::model::service_error::ErrorSpec;
use crate::model::wire_field::{BodyShape, ProtoType};
use prost::bytes::{Buf, BufMut};
use prost::encoding::{self, DecodeContext, WireType};
use prost_types::Any;

/// What a type URL has before the message's full name.
const TYPE_URL_PREFIX: &str = "type.googleapis.com/";

/// The custom message of `err`, when its declaration has one: the first
/// detail of its status. `message` is the wire message.
pub(super) fn encode(err: &Outgoing<'_>, message: &str) -> Option<Any> {
    let spec = err.spec?;
    let (Some(full_name), BodyShape::Custom { name_member }) = (spec.goa_message, spec.body) else {
        return None;
    };
    let mut buf = Vec::new();
    let mut tag = 1;
    if name_member.is_some() {
        put_string(tag, &err.name, &mut buf);
        tag += 1;
    }
    put_string(tag, message, &mut buf);
    for field in spec.wire_fields {
        tag += 1;
        if let Some(text) = err.fields.text(field.name) {
            put_scalar(tag, field.proto_type, text, &mut buf);
        }
    }
    Some(Any { type_url: format!("{TYPE_URL_PREFIX}{full_name}"), value: buf })
}

/// Writes a `string` field, unless it is empty.
fn put_string(tag: u32, text: &str, buf: &mut impl BufMut) {
    if !text.is_empty() {
        encoding::encode_key(tag, WireType::LengthDelimited, buf);
        encoding::encode_varint(text.len() as u64, buf);
        buf.put_slice(text.as_bytes());
    }
}

/// Writes a field of `proto_type` from its text, unless it holds the type's
/// zero value (or, which a declared field's text never is, no such value).
fn put_scalar(tag: u32, proto_type: ProtoType, text: &str, buf: &mut impl BufMut) {
    match proto_type {
        ProtoType::String => put_string(tag, text, buf),
        ProtoType::Bool => {
            if let Ok(true) = text.parse::<bool>() {
                encoding::bool::encode(tag, &true, buf);
            }
        }
        ProtoType::Sint32 => {
            if let Some(value) = text.parse::<i32>().ok().filter(|value| *value != 0) {
                encoding::sint32::encode(tag, &value, buf);
            }
        }
        ProtoType::Sint64 => {
            if let Some(value) = text.parse::<i64>().ok().filter(|value| *value != 0) {
                encoding::sint64::encode(tag, &value, buf);
            }
        }
        ProtoType::Uint32 => {
            if let Some(value) = text.parse::<u32>().ok().filter(|value| *value != 0) {
                encoding::uint32::encode(tag, &value, buf);
            }
        }
        ProtoType::Uint64 => {
            if let Some(value) = text.parse::<u64>().ok().filter(|value| *value != 0) {
                encoding::uint64::encode(tag, &value, buf);
            }
        }
        ProtoType::Float => {
            // `-0.0` is not the zero value: Go writes it.
            if let Some(value) = text.parse::<f32>().ok().filter(|value| value.to_bits() != 0) {
                encoding::float::encode(tag, &value, buf);
            }
        }
        ProtoType::Double => {
            if let Some(value) = text.parse::<f64>().ok().filter(|value| value.to_bits() != 0) {
                encoding::double::encode(tag, &value, buf);
            }
        }
    }
}

/// A custom message read back: its error's spec, its message and its
/// fields as text, in the spec's order (a field the message does not have
/// holds its type's zero value, as proto3 reads it).
pub(super) struct Read {
    pub spec: &'static ErrorSpec,
    pub message: String,
    pub fields: Vec<(&'static str, String)>,
}

/// Reads `detail` when it is the custom message of an error of `catalog`;
/// `None` for any other detail, or bytes that are not such a message.
pub(super) fn decode(detail: &Any, catalog: &'static [ErrorSpec]) -> Option<Read> {
    let full_name = detail.type_url.rsplit_once('/').map_or(detail.type_url.as_str(), |(_, name)| name);
    let spec = catalog.iter().find(|spec| spec.goa_message == Some(full_name))?;
    let BodyShape::Custom { name_member } = spec.body else { return None };
    let message_tag = if name_member.is_some() { 2 } else { 1 };
    let mut fields: Vec<(&'static str, String)> =
        spec.wire_fields.iter().map(|field| (field.name, zero_text(field.proto_type).to_owned())).collect();
    let mut message = String::new();
    let mut buf = detail.value.as_slice();
    while buf.has_remaining() {
        let (tag, wire_type) = encoding::decode_key(&mut buf).ok()?;
        let field = tag.checked_sub(message_tag + 1).and_then(|index| spec.wire_fields.get(index as usize));
        if tag == message_tag && wire_type == WireType::LengthDelimited {
            encoding::string::merge(wire_type, &mut message, &mut buf, DecodeContext::default()).ok()?;
        } else if let Some(field) = field.filter(|field| wire_type == wire_type_of(field.proto_type)) {
            let text = read_scalar(field.proto_type, &mut buf)?;
            if let Some(slot) = fields.iter_mut().find(|(name, _)| *name == field.name) {
                slot.1 = text;
            }
        } else {
            // The name member (the catalog names the error already), and
            // any field this version does not know.
            encoding::skip_field(wire_type, tag, &mut buf, DecodeContext::default()).ok()?;
        }
    }
    Some(Read { spec, message, fields })
}

/// The wire type protobuf writes a field of `proto_type` with.
fn wire_type_of(proto_type: ProtoType) -> WireType {
    match proto_type {
        ProtoType::String => WireType::LengthDelimited,
        ProtoType::Float => WireType::ThirtyTwoBit,
        ProtoType::Double => WireType::SixtyFourBit,
        ProtoType::Bool | ProtoType::Sint32 | ProtoType::Sint64 | ProtoType::Uint32 | ProtoType::Uint64 => {
            WireType::Varint
        }
    }
}

/// The text of the zero value of `proto_type`: what proto3 reads for a
/// field the message does not have.
fn zero_text(proto_type: ProtoType) -> &'static str {
    match proto_type {
        ProtoType::String => "",
        ProtoType::Bool => "false",
        ProtoType::Sint32
        | ProtoType::Sint64
        | ProtoType::Uint32
        | ProtoType::Uint64
        | ProtoType::Float
        | ProtoType::Double => "0",
    }
}

/// Reads one value of `proto_type` as its text.
fn read_scalar(proto_type: ProtoType, buf: &mut &[u8]) -> Option<String> {
    let wire_type = wire_type_of(proto_type);
    match proto_type {
        ProtoType::String => read(encoding::string::merge, wire_type, buf),
        ProtoType::Bool => read(encoding::bool::merge, wire_type, buf),
        ProtoType::Sint32 => read(encoding::sint32::merge, wire_type, buf),
        ProtoType::Sint64 => read(encoding::sint64::merge, wire_type, buf),
        ProtoType::Uint32 => read(encoding::uint32::merge, wire_type, buf),
        ProtoType::Uint64 => read(encoding::uint64::merge, wire_type, buf),
        ProtoType::Float => read(encoding::float::merge, wire_type, buf),
        ProtoType::Double => read(encoding::double::merge, wire_type, buf),
    }
}

/// What prost's `merge` of one scalar type is, read from a byte slice.
type Merge<'a, T> = fn(WireType, &mut T, &mut &'a [u8], DecodeContext) -> Result<(), prost::DecodeError>;

/// One value read by `merge`, as its text.
fn read<'a, T: Default + ToString>(
    merge: Merge<'a, T>,
    wire_type: WireType,
    buf: &mut &'a [u8],
) -> Option<String> {
    let mut value = T::default();
    merge(wire_type, &mut value, buf, DecodeContext::default()).ok()?;
    Some(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::service_error::Catalog as _;
    use prost::Message as _;
    use tonic_types::pb;

    crate::errors! {
        #[service_error(service = "Shop", method = "place_order2")]
        enum OrderError {
            #[error("{sku} is out of stock ({left} left)")]
            #[service_error(grpc = FailedPrecondition, custom_body, name_member = "name")]
            OutOfStock {
                #[service_error(wire)] sku: String,
                #[service_error(wire)] left: i32,
                #[service_error(wire)] backlog: u64,
                #[service_error(wire)] ratio: f32,
                #[service_error(wire)] price: f64,
                #[service_error(wire)] gift: bool,
                #[service_error(wire)] shelf: i64,
            },
            #[error("closed")]
            #[service_error(grpc = Unavailable, custom_body)]
            Closed { #[service_error(wire)] until: u32 },
        }
    }

    /// The first detail of the status `err` is sent as.
    fn first_detail(err: &OrderError) -> Any {
        let status = crate::transport::grpc::to_status(err);
        pb::Status::decode(status.details()).unwrap().details.remove(0)
    }

    /// The bytes Go's `proto.Marshal` writes for the message Goa generates
    /// (fields numbered in attribute order, `sint32`/`sint64` zigzag,
    /// `float` and `double` little-endian fixed, zero values left out),
    /// written out by hand.
    #[test]
    fn the_message_is_the_bytes_goa_writes() {
        let err = OrderError::out_of_stock("A1".to_owned(), -2, 300, 0.5, 0.0, true, 0);
        let detail = first_detail(&err);
        assert_eq!(detail.type_url, "type.googleapis.com/shop.PlaceOrder2OutOfStockError");
        let message = "A1 is out of stock (-2 left)";
        let mut expected = vec![0x0a, 12];
        expected.extend(b"out_of_stock");
        expected.extend([0x12, u8::try_from(message.len()).unwrap()]);
        expected.extend(message.as_bytes());
        expected.extend([0x1a, 2, b'A', b'1']); // sku = 3
        expected.extend([0x20, 3]); // left = 4: sint32 -2, zigzag 3
        expected.extend([0x28, 0xac, 0x02]); // backlog = 5: uint64 300
        expected.extend([0x35, 0x00, 0x00, 0x00, 0x3f]); // ratio = 6: float 0.5
        // price = 7 (0.0) and shelf = 9 (0) hold zero values: left out.
        expected.extend([0x40, 1]); // gift = 8
        assert_eq!(detail.value, expected);
    }

    #[test]
    fn without_a_name_member_the_message_is_field_one() {
        let detail = first_detail(&OrderError::closed(9));
        assert_eq!(detail.type_url, "type.googleapis.com/shop.PlaceOrder2ClosedError");
        assert_eq!(detail.value, [&[0x0a, 6][..], b"closed", &[0x10, 9]].concat());
    }

    #[test]
    fn what_is_sent_reads_back_field_by_field() {
        let err =
            OrderError::out_of_stock("A1".to_owned(), i32::MIN, u64::MAX, -1.5, f64::NEG_INFINITY, false, -7);
        let read = decode(&first_detail(&err), OrderError::ERRORS).unwrap();
        assert_eq!(read.spec.name, "out_of_stock");
        assert_eq!(read.message, format!("A1 is out of stock ({} left)", i32::MIN));
        let texts: Vec<(&str, &str)> =
            read.fields.iter().map(|(name, text)| (*name, text.as_str())).collect();
        assert_eq!(
            texts,
            [
                ("sku", "A1"),
                ("left", "-2147483648"),
                ("backlog", "18446744073709551615"),
                ("ratio", "-1.5"),
                ("price", "-inf"),
                ("gift", "false"),
                ("shelf", "-7"),
            ]
        );
    }

    #[test]
    fn unknown_fields_and_wire_types_are_skipped_and_broken_bytes_refused() {
        let mut detail = first_detail(&OrderError::closed(9));
        // A field this version does not know, and `until` as a string.
        detail.value.extend([0x62, 1, b'x', 0x12, 1, b'y']);
        let read = decode(&detail, OrderError::ERRORS).unwrap();
        assert_eq!(read.message, "closed");
        assert_eq!(read.fields, [("until", "9".to_owned())]);
        // Cut inside a field: not such a message.
        detail.value.truncate(3);
        assert!(decode(&detail, OrderError::ERRORS).is_none());
        // Another message's type.
        let other = Any { type_url: "type.googleapis.com/shop.Other".into(), value: vec![] };
        assert!(decode(&other, OrderError::ERRORS).is_none());
    }
}
