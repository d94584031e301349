//! Rust `CamelCase` names to the `snake_case` of wire names and constructors.

/// `DivByZero` -> `div_by_zero`, `HTTPError` -> `http_error`, `Error2Fa` -> `error2_fa`.
pub(crate) fn snake_case(name: &str) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            // A word starts at an upper-case letter after a lower-case one or a
            // digit, and at the last capital of an acronym followed by lower case.
            let starts_word = prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(char::is_uppercase) && next.is_some_and(|n| n.is_lowercase()));
            if starts_word && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn converts_camel_case() {
        for (from, to) in [
            ("DivByZero", "div_by_zero"),
            ("Maintenance", "maintenance"),
            ("HTTPError", "http_error"),
            ("IOError", "io_error"),
            ("Error2Fa", "error2_fa"),
            ("A", "a"),
            ("already_snake", "already_snake"),
            ("Under_Score", "under_score"),
            ("r#Type", "type"),
        ] {
            assert_eq!(snake_case(from), to, "{from}");
        }
    }
}
