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

/// Edit distance by bytes (names are ASCII identifiers), where swapping
/// two neighbours is one edit, like inserting, deleting or replacing one:
/// `grcp` is one typo away from `grpc`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // d[i][j]: the distance between a[..i] and b[..j].
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let replace = d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = replace.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
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
        // A swap of neighbours is one typo.
        assert_eq!(edit_distance("grcp", "grpc"), 1);
        assert_eq!(did_you_mean("grcp", ["grpc", "http"]), Some("grpc"));
    }

    #[test]
    fn tidies_paths_and_generics() {
        let ty: syn::Type = syn::parse_quote!(::std::result::Result<Vec<u8>, &'static str>);
        assert_eq!(tidy(&ty), "::std::result::Result<Vec<u8>, &'static str>");
        let ty: syn::Type = syn::parse_quote!((u8, [u16; 4]));
        assert_eq!(tidy(&ty), "(u8, [u16; 4])");
    }
}
