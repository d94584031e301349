//! "Did you mean" for names a user misspelled, and code as messages show it.

use quote::ToTokens;

/// The candidate closest to `name`, if one is close enough to be a typo.
pub(crate) fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&name, &candidate.to_ascii_lowercase()), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Tokens as a user would write them: `std::io::Error`, not
/// `std :: io :: Error` as `TokenStream`'s `Display` spaces them.
pub(crate) fn tidy(tokens: impl ToTokens) -> String {
    let mut text = tokens.to_token_stream().to_string();
    for (spaced, tight) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" < ", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ,", ","),
        ("& ", "&"),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        ("[ ", "["),
        (" ]", "]"),
        (" ;", ";"),
    ] {
        text = text.replace(spaced, tight);
    }
    text
}

/// Levenshtein distance, by bytes (names are ASCII identifiers).
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let codes = ["InvalidArgument", "NotFound", "Internal"];
        assert_eq!(did_you_mean("InvalidArgumen", codes), Some("InvalidArgument"));
        assert_eq!(did_you_mean("notfound", codes), Some("NotFound"));
        assert_eq!(did_you_mean("Intrenal", codes), Some("Internal"));
        assert_eq!(did_you_mean("Teapot", codes), None);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn tidies_paths_and_generics() {
        let ty: syn::Type = syn::parse_quote!(::std::result::Result<Vec<u8>, &'static str>);
        assert_eq!(tidy(&ty), "::std::result::Result<Vec<u8>, &'static str>");
        let ty: syn::Type = syn::parse_quote!((u8, [u16; 4]));
        assert_eq!(tidy(&ty), "(u8, [u16; 4])");
    }
}
