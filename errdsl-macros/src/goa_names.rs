//! How Goa names what it generates for gRPC, so that errdsl sends a custom
//! error type as the message a Goa client decodes: the proto package of a
//! service and the message of a method's custom error type. Ported from
//! the rules of Goa v3 (`goa.design/goa/v3`):
//!
//! - `grpc/codegen/service_data.go`: a custom error type's message is
//!   `protoBufify(method + "_" + error + "_error", true, true)`;
//! - `grpc/codegen/protobuf.go`, `protoBufify`: a `_` after every run of
//!   digits, then `codegen.CamelCase(name, true, true)`;
//! - `codegen/funcs.go`, `CamelCase` (words split at `_` and at a lower
//!   case letter or digit followed by another character; Go's common
//!   initialisms kept upper case) and `SnakeCase`;
//! - `grpc/codegen/proto.go`, `pkgName`: a service's proto package is the
//!   `SnakeCase` of its name.

/// Go's common initialisms that Goa writes upper case (`codegen/funcs.go`,
/// `commonInitialisms`).
const INITIALISMS: [&str; 40] = [
    "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP", "JMES", "JSON",
    "JWT", "LHS", "OK", "QPS", "RAM", "RHS", "RPC", "SDK", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL",
    "UDP", "UI", "UID", "UUID", "URI", "URL", "UTF8", "VM", "XML", "XSRF", "XSS",
];

/// The full name of the message a Goa server sends for the custom error
/// type `error` of `method` in `service`: `divider.IntegerDivideDivisorTooLargeError`.
pub(crate) fn custom_error_message(service: &str, method: &str, error: &str) -> String {
    format!("{}.{}", proto_package(service), proto_bufify(&format!("{method}_{error}_error")))
}

/// Goa's `protoBufify(name, true, true)`: a `_` after every run of digits
/// (protoc-gen-go's camel case treats digits as words), then
/// [`camel_case`]. The reserved-word suffix Goa adds never applies to a
/// name ending in `Error`.
fn proto_bufify(name: &str) -> String {
    let mut marked = String::with_capacity(name.len() + 4);
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        marked.push(c);
        if c.is_ascii_digit() && !chars.peek().is_some_and(char::is_ascii_digit) {
            marked.push('_');
        }
    }
    let camel = camel_case(&marked);
    if camel.is_empty() { "Val".to_owned() } else { camel }
}

/// Goa's `CamelCase(name, true, true)` for the names errdsl passes it
/// (`snake_case` method and error names, validated before): words split at
/// runs of `_`, each capitalised, or all upper case when it is a common
/// initialism. Other characters are dropped, and a lower-case letter or
/// digit followed by an upper-case letter ends a word, as in Goa.
fn camel_case(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = name.chars().filter(|c| c.is_alphanumeric() || *c == '_').collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        word.push(c);
        let next = chars.get(i + 1);
        if is_lower(c) && next.is_some_and(|&next| next != '_' && !is_lower(next)) {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
        .iter()
        .map(|word| {
            let upper = word.to_uppercase();
            if INITIALISMS.contains(&upper.as_str()) {
                upper
            } else if word.to_lowercase() == *word {
                let mut chars = word.chars();
                chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
            } else {
                word.clone()
            }
        })
        .collect()
}

/// Goa's `isLower`: a lower-case letter or a digit.
fn is_lower(c: char) -> bool {
    c.is_lowercase() || c.is_ascii_digit()
}

/// Goa's `SnakeCase` of a service name, its proto package:
/// `divider`, `CalcService` -> `calc_service`, `my-svc` -> `my_svc`.
pub(crate) fn proto_package(service: &str) -> String {
    let name =
        service.replace("OAuth", "oauth").split_whitespace().collect::<Vec<_>>().join("_").replace('-', "_");
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    let (mut last_lower, mut last_under) = (false, false);
    for (i, &c) in chars.iter().enumerate() {
        let lower = c.is_lowercase() || c.is_ascii_digit();
        let under = c == '_';
        if i > 0 && !lower && !under {
            let next_lower = chars.get(i + 1).is_some_and(|next| next.is_lowercase() && *next != '_');
            if (last_lower || next_lower) && !last_under {
                out.push('_');
            }
        }
        out.extend(c.to_lowercase());
        if i > 0 {
            last_lower = lower;
            last_under = under;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names as Goa v3.19 generates them, read from its golden files and
    /// from `goa gen` on the divider's design.
    #[test]
    fn message_names_are_goas() {
        for (service, method, error, expected) in [
            ("divider", "integer_divide", "divisor_too_large", "divider.IntegerDivideDivisorTooLargeError"),
            (
                "ServiceUnaryRPCWithErrors",
                "MethodUnaryRPCWithErrors",
                "custom_error",
                "service_unary_rpc_with_errors.MethodUnaryRPCWithErrorsCustomErrorError",
            ),
            ("calc", "get_id", "not_found", "calc.GetIDNotFoundError"),
            ("calc", "add2", "bad_input", "calc.Add2BadInputError"),
            ("calc", "fetch_url", "http_error", "calc.FetchURLHTTPErrorError"),
            ("calc", "v2_sum", "too_big", "calc.V2SumTooBigError"),
        ] {
            assert_eq!(custom_error_message(service, method, error), expected, "{method} {error}");
        }
    }

    #[test]
    fn packages_are_goas_snake_case() {
        for (service, expected) in [
            ("divider", "divider"),
            ("CalcService", "calc_service"),
            ("my-svc", "my_svc"),
            ("HTTPServer", "http_server"),
            ("ServiceUnaryRPCWithErrors", "service_unary_rpc_with_errors"),
        ] {
            assert_eq!(proto_package(service), expected, "{service}");
        }
    }
}
