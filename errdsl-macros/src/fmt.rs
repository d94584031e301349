//! Placeholders in message strings (`user_msg = "..."`, `#[error("...")]`):
//! which fields a message names, and the message rewritten so that every
//! placeholder is an explicit named argument.
//!
//! Explicit arguments (`format!("{__0}", __0 = field)`) instead of implicit
//! captures keep the generated code hygienic: it works when the declaration
//! comes out of a user's `macro_rules!`, where an implicit capture would not
//! see bindings the derive made.

use syn::LitStr;

/// What a placeholder refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FieldRef {
    /// `{amount}`: the field named `amount`.
    Named(String),
    /// `{0}`: the tuple field at that index.
    Index(usize),
}

impl FieldRef {
    /// The name of the format argument that stands for the field.
    pub(crate) fn arg_name(&self) -> String {
        match self {
            FieldRef::Named(name) => name.clone(),
            FieldRef::Index(index) => format!("__{index}"),
        }
    }
}

impl std::fmt::Display for FieldRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldRef::Named(name) => f.write_str(name),
            FieldRef::Index(index) => write!(f, "{index}"),
        }
    }
}

/// A parsed message template.
#[derive(Clone, Debug)]
pub(crate) struct Template {
    /// The literal as written, for spans.
    pub lit: LitStr,
    /// The message with positional placeholders renamed (`{0}` -> `{__0}`).
    pub rewritten: String,
    /// The fields the message names, each once, in order of first use.
    pub fields: Vec<FieldRef>,
    /// For each of `fields`, the format spec of its first use (`?` for
    /// `{value:?}`, empty for `{value}`): how the message shows it.
    pub specs: Vec<String>,
    /// For each of `fields`, whether every use shows it by `Display`.
    pub displayed: Vec<bool>,
}

/// Whether a format spec shows its value by `Display` (`{x}`, `{x:>5}`,
/// `{x:.2}`), not by another formatting trait (`{x:?}`, `{x:x}`).
pub(crate) fn is_display_spec(spec: &str) -> bool {
    !spec.ends_with(['?', 'x', 'X', 'o', 'b', 'e', 'E', 'p'])
}

impl Template {
    /// Parses the placeholders of `lit`; the error says what is malformed.
    pub(crate) fn parse(lit: &LitStr) -> Result<Template, String> {
        let text = lit.value();
        let mut rewritten = String::with_capacity(text.len());
        let mut fields = Vec::new();
        let mut specs = Vec::new();
        let mut displayed: Vec<bool> = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            rewritten.push(c);
            match c {
                '{' if chars.peek().map(|&(_, c)| c) == Some('{') => {
                    chars.next();
                    rewritten.push('{');
                }
                '}' if chars.peek().map(|&(_, c)| c) == Some('}') => {
                    chars.next();
                    rewritten.push('}');
                }
                '}' => {
                    return Err("unmatched `}` in message; write `}}` for a literal brace".into());
                }
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some((_, '}')) => break,
                            Some((_, c)) => inner.push(c),
                            None => {
                                return Err("unclosed `{` in message; write `{{` for a literal brace".into());
                            }
                        }
                    }
                    let (arg, spec) =
                        inner.split_once(':').map_or((inner.as_str(), None), |(a, s)| (a, Some(s)));
                    let field = parse_arg(arg.trim(), &inner)?;
                    if let Some(spec) = spec
                        && (spec.contains('$') || spec.contains('*'))
                    {
                        return Err(format!(
                            "`{{{inner}}}`: width and precision taken from arguments are not supported in messages; write a fixed one, e.g. `{{{arg}:5}}`"
                        ));
                    }
                    rewritten.push_str(&field.arg_name());
                    if let Some(spec) = spec {
                        rewritten.push(':');
                        rewritten.push_str(spec);
                    }
                    rewritten.push('}');
                    let by_display = is_display_spec(spec.unwrap_or_default());
                    if let Some(index) = fields.iter().position(|f| *f == field) {
                        displayed[index] &= by_display;
                    } else {
                        fields.push(field);
                        specs.push(spec.unwrap_or_default().to_owned());
                        displayed.push(by_display);
                    }
                }
                _ => {}
            }
        }
        Ok(Template { lit: lit.clone(), rewritten, fields, specs, displayed })
    }

    /// Whether the message is a plain string with no field in it.
    pub(crate) fn is_static(&self) -> bool {
        self.fields.is_empty()
    }

    /// The message text as it will read, for a static message.
    pub(crate) fn static_text(&self) -> String {
        self.rewritten.replace("{{", "{").replace("}}", "}")
    }
}

fn parse_arg(arg: &str, inner: &str) -> Result<FieldRef, String> {
    if arg.is_empty() {
        return Err(format!(
            "`{{{inner}}}` names no field; write the field's name, e.g. `{{amount}}`, or its position, e.g. `{{0}}`"
        ));
    }
    if arg.bytes().all(|b| b.is_ascii_digit()) {
        return arg.parse().map(FieldRef::Index).map_err(|_| {
            format!("`{{{inner}}}` names no field: fields count from 0, `{{0}}` for the first")
        });
    }
    let ident = arg.strip_prefix("r#").unwrap_or(arg);
    let mut bytes = ident.bytes();
    let valid = bytes.next().is_some_and(|b| b == b'_' || b.is_ascii_alphabetic())
        && bytes.all(|b| b == b'_' || b.is_ascii_alphanumeric());
    if valid {
        Ok(FieldRef::Named(ident.to_owned()))
    } else {
        Err(format!(
            "`{{{inner}}}` is not a field name; placeholders name a field, e.g. `{{amount}}` or `{{0}}`"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Template, String> {
        Template::parse(&LitStr::new(text, proc_macro2::Span::call_site()))
    }

    #[test]
    fn finds_named_and_positional_fields() {
        let t = parse("cannot divide {dividend} by {0:?} ({dividend:>5.2}) {{not}} }}").unwrap();
        assert_eq!(t.fields, vec![FieldRef::Named("dividend".into()), FieldRef::Index(0)]);
        assert_eq!(t.specs, ["", "?"]);
        assert_eq!(t.rewritten, "cannot divide {dividend} by {__0:?} ({dividend:>5.2}) {{not}} }}");
        assert!(!t.is_static());
    }

    #[test]
    fn static_messages() {
        let t = parse("use {{braces}} freely").unwrap();
        assert!(t.is_static());
        assert_eq!(t.static_text(), "use {braces} freely");
    }

    #[test]
    fn malformed_messages() {
        assert!(parse("open {").unwrap_err().contains("unclosed"));
        assert!(parse("close }").unwrap_err().contains("unmatched"));
        assert!(parse("empty {}").unwrap_err().contains("names no field"));
        assert!(parse("empty {:?}").unwrap_err().contains("names no field"));
        assert!(parse("bad {a-b}").unwrap_err().contains("not a field name"));
        assert!(parse("width {a:1$}").unwrap_err().contains("width"));
        assert!(parse("huge {99999999999999999999999}").unwrap_err().contains("fields count from 0"));
    }
}
