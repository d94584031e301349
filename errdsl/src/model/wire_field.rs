//! What an error looks like in JSON: the type each wire field is written
//! with, the fields' static description in a catalog, and the shape of the
//! Goa body.

/// The JSON type a wire field is written with in the HTTP bodies, from the
/// Rust type of the field: integers up to 64 bits are `Integer`,
/// `f32`/`f64` `Number`, `bool` `Boolean`, every other type `String` (its
/// `Display` text).
///
/// A value is always kept as text ([`ErrorResult::field`](crate::ErrorResult::field));
/// the type says how JSON writes it. A float that is not finite, which
/// JSON cannot write, is written as protobuf's JSON mapping writes it, one
/// of the strings [`NON_FINITE_TEXTS`]; a 128-bit integer is `String`
/// (decimal text), since JSON readers round numbers beyond 64 bits. gRPC
/// metadata is text whatever the type.
///
/// ```
/// use errdsl::{Catalog, JsonType};
///
/// errdsl::errors! {
///     pub enum DivideError {
///         #[error("{dividend} / {divisor} leaves {remainder}")]
///         #[service_error(grpc = FailedPrecondition)]
///         HasRemainder {
///             #[service_error(wire)] dividend: i32,
///             #[service_error(wire)] divisor: f64,
///             #[service_error(wire)] remainder: String,
///         },
///     }
/// }
///
/// let types: Vec<_> = DivideError::ERRORS[0].wire_fields.iter().map(|field| field.json_type).collect();
/// assert_eq!(types, [JsonType::Integer, JsonType::Number, JsonType::String]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum JsonType {
    /// A JSON string: the value's text.
    #[default]
    String,
    /// A JSON number without a fraction.
    Integer,
    /// A JSON number.
    Number,
    /// `true` or `false`.
    Boolean,
}

impl JsonType {
    /// The type's name in JSON Schema: `"string"`, `"integer"`, `"number"`,
    /// `"boolean"`.
    ///
    /// ```
    /// assert_eq!(errdsl::JsonType::Integer.schema_name(), "integer");
    /// ```
    #[must_use]
    pub const fn schema_name(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::Boolean => "boolean",
        }
    }

    /// `text` as a JSON value of this type, or as a string when it is no
    /// such value (or a number JSON would round: integers beyond 64 bits).
    #[cfg(feature = "serde")]
    pub(crate) fn to_json(self, text: &str) -> serde_json::Value {
        // Writing to a `Value` cannot fail.
        self.serialize_text(text, serde_json::value::Serializer).unwrap_or(serde_json::Value::Null)
    }

    /// Writes `text` as [`to_json`](JsonType::to_json) has it, without
    /// building a value first.
    #[cfg(feature = "serde")]
    pub(crate) fn serialize_text<S: serde::Serializer>(
        self,
        text: &str,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match self {
            JsonType::String => {}
            JsonType::Integer => {
                if let Ok(integer) = text.parse::<i64>() {
                    return serializer.serialize_i64(integer);
                }
                if let Ok(integer) = text.parse::<u64>() {
                    return serializer.serialize_u64(integer);
                }
            }
            JsonType::Number => match text.parse::<f64>() {
                Ok(number) if number.is_finite() => return serializer.serialize_f64(number),
                // JSON has no NaN or infinities (serde_json would write null):
                // protobuf's JSON mapping spells them, and so does errdsl.
                Ok(number) => return serializer.serialize_str(non_finite_text(number)),
                Err(_) => {}
            },
            JsonType::Boolean => {
                if let Ok(flag) = text.parse::<bool>() {
                    return serializer.serialize_bool(flag);
                }
            }
        }
        serializer.serialize_str(text)
    }

    /// The type and text of a scalar JSON value a decoder read; `None` for
    /// `null`, arrays and objects.
    #[cfg(feature = "serde")]
    pub(crate) fn of_json(value: &serde_json::Value) -> Option<(JsonType, String)> {
        use serde_json::Value;
        match value {
            Value::String(text) => Some((JsonType::String, text.clone())),
            Value::Bool(flag) => Some((JsonType::Boolean, flag.to_string())),
            Value::Number(number) if number.is_f64() => Some((JsonType::Number, number.to_string())),
            Value::Number(number) => Some((JsonType::Integer, number.to_string())),
            Value::Null | Value::Array(_) | Value::Object(_) => None,
        }
    }
}

/// How a float field that is not finite is written in JSON, as protobuf's
/// JSON mapping writes a `double`: `"NaN"`, `"Infinity"` or `"-Infinity"`.
/// The `OpenAPI` documents give a float field this type: a number or one of
/// these three strings.
pub const NON_FINITE_TEXTS: [&str; 3] = ["NaN", "Infinity", "-Infinity"];

/// The text of `number`, which is not finite, in [`NON_FINITE_TEXTS`].
#[cfg(feature = "serde")]
fn non_finite_text(number: f64) -> &'static str {
    match (number.is_nan(), number.is_sign_positive()) {
        (true, _) => NON_FINITE_TEXTS[0],
        (false, true) => NON_FINITE_TEXTS[1],
        (false, false) => NON_FINITE_TEXTS[2],
    }
}

/// One field that travels with a declared error: its wire name and JSON
/// type, in [`ErrorSpec::wire_fields`](crate::ErrorSpec::wire_fields).
///
/// ```
/// use errdsl::{JsonType, WireField};
///
/// let field = WireField::new("divisor", JsonType::Integer);
/// assert_eq!((field.name, field.json_type), ("divisor", JsonType::Integer));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct WireField {
    /// The field's wire name.
    pub name: &'static str,
    /// How JSON writes it.
    pub json_type: JsonType,
    /// Its protobuf type, from its Rust type: what it is in the gRPC
    /// message of a Goa custom error type
    /// ([`ErrorSpec::goa_message`](crate::ErrorSpec::goa_message)).
    pub proto_type: ProtoType,
}

impl WireField {
    /// A field of this name and JSON type, whose protobuf type follows the
    /// JSON type ([`ProtoType::of_json`]).
    #[must_use]
    pub const fn new(name: &'static str, json_type: JsonType) -> Self {
        WireField { name, json_type, proto_type: ProtoType::of_json(json_type) }
    }

    /// The field with this protobuf type, which the macros set from the
    /// field's Rust type.
    ///
    /// ```
    /// use errdsl::{JsonType, ProtoType, WireField};
    ///
    /// let field = WireField::new("divisor", JsonType::Integer);
    /// assert_eq!(field.proto_type, ProtoType::Sint64);
    /// assert_eq!(field.with_proto_type(ProtoType::Sint32).proto_type, ProtoType::Sint32);
    /// ```
    #[must_use]
    pub const fn with_proto_type(mut self, proto_type: ProtoType) -> Self {
        self.proto_type = proto_type;
        self
    }
}

/// The protobuf type of a wire field in the gRPC message of a Goa custom
/// error type, from the field's Rust type as Goa maps its own types
/// (`grpc/codegen/protobuf.go`, `protoNativeType`): signed integers up to
/// 32 bits `sint32`, `i64` and `isize` `sint64`, unsigned ones `uint32` or
/// `uint64`, `f32` `float`, `f64` `double`, `bool`, and every other type
/// its `Display` text as a `string`.
///
/// ```
/// use errdsl::{Catalog, ProtoType};
///
/// errdsl::errors! {
///     #[service_error(service = "divider", method = "integer_divide")]
///     pub enum IntegerDivideError {
///         #[error("divisor {divisor} is beyond {limit}")]
///         #[service_error(grpc = OutOfRange, custom_body, name_member = "name")]
///         DivisorTooLarge { #[service_error(wire)] divisor: i32, #[service_error(wire)] limit: u64 },
///     }
/// }
///
/// let types: Vec<_> = IntegerDivideError::ERRORS[0].wire_fields.iter().map(|field| field.proto_type).collect();
/// assert_eq!(types, [ProtoType::Sint32, ProtoType::Uint64]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProtoType {
    /// `string`: the value's text.
    String,
    /// `bool`.
    Bool,
    /// `sint32` (zigzag varint).
    Sint32,
    /// `sint64` (zigzag varint).
    Sint64,
    /// `uint32` (varint).
    Uint32,
    /// `uint64` (varint).
    Uint64,
    /// `float` (32-bit, fixed).
    Float,
    /// `double` (64-bit, fixed).
    Double,
}

impl ProtoType {
    /// The protobuf type of a field known only by its JSON type: the widest
    /// of its kind (`sint64`, `double`).
    ///
    /// ```
    /// use errdsl::{JsonType, ProtoType};
    ///
    /// assert_eq!(ProtoType::of_json(JsonType::Number), ProtoType::Double);
    /// ```
    #[must_use]
    pub const fn of_json(json_type: JsonType) -> Self {
        match json_type {
            JsonType::String => ProtoType::String,
            JsonType::Integer => ProtoType::Sint64,
            JsonType::Number => ProtoType::Double,
            JsonType::Boolean => ProtoType::Bool,
        }
    }

    /// Its name in a `.proto` file: `"sint32"`.
    ///
    /// ```
    /// assert_eq!(errdsl::ProtoType::Uint64.proto_name(), "uint64");
    /// ```
    #[must_use]
    pub const fn proto_name(self) -> &'static str {
        match self {
            ProtoType::String => "string",
            ProtoType::Bool => "bool",
            ProtoType::Sint32 => "sint32",
            ProtoType::Sint64 => "sint64",
            ProtoType::Uint32 => "uint32",
            ProtoType::Uint64 => "uint64",
            ProtoType::Float => "float",
            ProtoType::Double => "double",
        }
    }
}

/// The shape of an error's Goa JSON body.
///
/// ```
/// use errdsl::{BodyShape, Catalog};
///
/// errdsl::errors! {
///     pub enum DivideError {
///         #[error("cannot divide by zero")]
///         #[service_error(grpc = InvalidArgument, custom_body, name_member = "name")]
///         DivByZero,
///         #[error("divider is in maintenance")]
///         #[service_error(temporary, http = 503)]
///         Maintenance,
///     }
/// }
///
/// assert_eq!(DivideError::ERRORS[0].body, BodyShape::Custom { name_member: Some("name") });
/// assert_eq!(DivideError::ERRORS[1].body, BodyShape::ErrorResult);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BodyShape {
    /// Goa's `ErrorResult`: `name`, `id`, `message`, the three flags, then
    /// errdsl's `code`, `user_message` and `fields`.
    #[default]
    ErrorResult,
    /// A Goa error of a user type (`Error("div_by_zero", DivByZero)`): the
    /// wire fields as top-level members with their JSON types, `message`,
    /// and the wire name in the member `name_member` when one is declared
    /// (Goa's `struct:error:name`).
    Custom {
        /// The member that holds the wire name, if any.
        name_member: Option<&'static str>,
    },
}
