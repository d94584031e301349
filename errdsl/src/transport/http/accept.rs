//! `Accept` negotiation between two media types: Goa's JSON and
//! problem+json for error bodies, HTML and Markdown for documentation.

use http::HeaderMap;
use http::header::ACCEPT;

/// A quality value in thousandths: `q=0.5` is 500.
type Quality = u16;

/// What the `Accept` header(s) say about one media type: the quality of the
/// most specific range that matches it (RFC 9110, section 12.5.1), and
/// whether that range names the type exactly.
#[derive(Clone, Copy, Default)]
struct Match {
    /// 0: no range matched; 1: `*/*`; 2: `type/*`; 3: the type itself.
    specificity: u8,
    quality: Quality,
}

impl Match {
    fn offer(&mut self, specificity: u8, quality: Quality) {
        // At equal specificity, the best quality wins: a type listed twice
        // is as acceptable as its better listing.
        if specificity > self.specificity || (specificity == self.specificity && quality > self.quality) {
            *self = Match { specificity, quality };
        }
    }
}

/// Whether `Accept` prefers `application/problem+json` to `application/json`
/// (see [`prefers`]).
pub(super) fn prefers_problem(headers: &HeaderMap) -> bool {
    prefers(headers, ("application", "problem+json"), ("application", "json"))
}

/// Whether `Accept` prefers the media type `wanted` to `usual`, the one a
/// response has unless asked otherwise: its quality is above zero and above
/// `usual`'s, or equal to it and named explicitly (not only through `*/*`
/// or `type/*`). Malformed elements, and header values that are not
/// visible ASCII, are skipped.
pub(crate) fn prefers(headers: &HeaderMap, wanted: (&str, &str), usual: (&str, &str)) -> bool {
    let mut wanted_match = Match::default();
    let mut usual_match = Match::default();
    for value in headers.get_all(ACCEPT) {
        let Ok(value) = value.to_str() else { continue };
        for element in value.split(',') {
            let Some((main, sub, quality)) = parse_element(element) else { continue };
            for ((target, target_sub), slot) in [(wanted, &mut wanted_match), (usual, &mut usual_match)] {
                // Media types are case-insensitive; compared in place, as
                // this runs for every request under the format middleware.
                let specificity = match (main, sub) {
                    ("*", "*") => 1,
                    (m, "*") if m.eq_ignore_ascii_case(target) => 2,
                    (m, s) if m.eq_ignore_ascii_case(target) && s.eq_ignore_ascii_case(target_sub) => 3,
                    _ => continue,
                };
                slot.offer(specificity, quality);
            }
        }
    }
    wanted_match.quality > 0
        && (wanted_match.quality > usual_match.quality
            || (wanted_match.quality == usual_match.quality && wanted_match.specificity == 3))
}

/// `type/subtype;param=value;q=0.5`: the type and subtype as written and
/// the quality (1 when not given). `None` when malformed.
fn parse_element(element: &str) -> Option<(&str, &str, Quality)> {
    let mut parts = element.split(';');
    let range = parts.next()?.trim();
    let (main, sub) = range.split_once('/')?;
    if !is_token(main) || !is_token(sub) || (main == "*" && sub != "*") {
        return None;
    }
    let mut quality = 1000;
    for param in parts {
        let (key, value) = param.split_once('=')?;
        if key.trim().eq_ignore_ascii_case("q") {
            quality = parse_quality(value.trim())?;
            // Parameters after q are accept extensions, not media type parameters.
            break;
        }
    }
    Some((main, sub, quality))
}

/// RFC 9110's token: one or more of ASCII letters, digits and the symbols
/// ``!#$%&'*+-.^_`|~``.
fn is_token(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// RFC 9110's qvalue: `0`, `0.` and up to three digits, `1`, `1.` and up to
/// three zeros; in thousandths.
fn parse_quality(text: &str) -> Option<Quality> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: Quality = 0;
    for (digit, scale) in fraction.bytes().zip([100, 10, 1]) {
        thousandths += Quality::from(digit - b'0') * scale;
    }
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn prefers(values: &[&str]) -> bool {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(ACCEPT, HeaderValue::from_str(value).unwrap());
        }
        prefers_problem(&headers)
    }

    #[test]
    fn problem_only_when_preferred() {
        let problem = [
            "application/problem+json",
            "APPLICATION/Problem+JSON",
            "application/problem+json; charset=utf-8",
            "application/json, application/problem+json",
            "application/problem+json, application/json",
            "application/json;q=0.5, application/problem+json;q=0.5",
            "application/json;q=0.4, application/problem+json;q=0.5",
            "application/problem+json;q=0.5, */*;q=0.1",
            "application/problem+json, */*",
            "application/problem+json, application/*",
            "text/html, application/problem+json;q=0.1",
            "application/json;q=0, */*",
            "application/json;q=0, application/*",
            "application/problem+json;q=0.001",
            "  application/problem+json  ;  q = 1.000 ",
            "application/problem+json;q=0.2, application/problem+json;q=0.9, application/json;q=0.8",
        ];
        for accept in problem {
            assert!(prefers(&[accept]), "{accept}");
        }
        let goa = [
            "",
            "*/*",
            "application/*",
            "application/json",
            "text/html",
            "application/json, application/problem+json;q=0.9",
            "application/problem+json;q=0.5, */*",
            "application/problem+json;q=0",
            "application/problem+json;q=0, */*",
            "application/problem+json;q=0.000",
            "application/xml, text/plain",
            "application/problem+xml",
            "application/json;q=0",
        ];
        for accept in goa {
            assert!(!prefers(&[accept]), "{accept}");
        }
    }

    #[test]
    fn every_accept_header_counts() {
        assert!(prefers(&["text/html", "application/problem+json"]));
        assert!(!prefers(&["application/problem+json;q=0.5", "application/json"]));
    }

    #[test]
    fn garbage_is_skipped() {
        let goa = [
            "garbage",
            "/",
            "application/",
            "/json",
            "*/json",
            "application/problem+json;q=2",
            "application/problem+json;q=1.5",
            "application/problem+json;q=0.5555",
            "application/problem+json;q=abc",
            "application/problem+json;q=\"1\"",
            "application/problem+json;q=",
            "application/problem+json;q",
            "application/problem json",
            "application/problem+json;;",
            ";;;,,,",
        ];
        for accept in goa {
            assert!(!prefers(&[accept]), "{accept}");
        }
        // A malformed element does not spoil the rest.
        assert!(prefers(&["garbage;;q=x, application/problem+json"]));
        // A value that is not visible ASCII is skipped.
        let mut headers = HeaderMap::new();
        headers.append(ACCEPT, HeaderValue::from_bytes(b"application/problem+json\xff").unwrap());
        assert!(!prefers_problem(&headers));
        headers.append(ACCEPT, HeaderValue::from_static("application/problem+json"));
        assert!(prefers_problem(&headers));
    }

    #[test]
    fn qualities() {
        assert_eq!(parse_quality("0"), Some(0));
        assert_eq!(parse_quality("0."), Some(0));
        assert_eq!(parse_quality("0.5"), Some(500));
        assert_eq!(parse_quality("0.25"), Some(250));
        assert_eq!(parse_quality("0.125"), Some(125));
        assert_eq!(parse_quality("1"), Some(1000));
        assert_eq!(parse_quality("1.000"), Some(1000));
        assert_eq!(parse_quality("1.001"), None);
        assert_eq!(parse_quality(".5"), None);
        assert_eq!(parse_quality("-0"), None);
        assert_eq!(parse_quality("0.-1"), None);
        assert_eq!(parse_quality(""), None);
    }
}
