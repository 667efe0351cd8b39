//! Name normalisation, used to spot the same person entered twice.

/// The form of a name used to compare names: lowercased, trimmed, inner whitespace collapsed
/// to single spaces, a trailing part in parentheses (such as an original-script name,
/// `"Somchai Jaidee (สมชาย ใจดี)"`) removed, and accents on Latin letters removed
/// (`é` → `e`, `ñ` → `n`, `ß` → `ss`). Invisible format characters (zero-width spaces,
/// direction marks, soft hyphens) are dropped. Letters of other scripts are kept as they are.
///
/// ```
/// use convene::roster::normalise_name;
/// assert_eq!(normalise_name("  José   Rizal (Pepe) "), "jose rizal");
/// ```
pub fn normalise_name(name: &str) -> String {
    let (base, _) = split_original(name);
    let mut folded = String::with_capacity(base.len());
    for c in base.chars().flat_map(char::to_lowercase) {
        if is_invisible(c) || is_latin_combining_mark(c) {
            continue;
        }
        if c.is_control() {
            folded.push(' ');
        } else if let Some(plain) = fold_latin(c) {
            folded.push_str(plain);
        } else {
            folded.push(c);
        }
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits `Display Name (Original Name)` into the display name and the original name. Only a
/// part in parentheses that ends the text counts, and only when something comes before it;
/// nested and full-width parentheses are understood.
pub(crate) fn split_original(name: &str) -> (String, Option<String>) {
    let name = name.trim();
    if !(name.ends_with(')') || name.ends_with('）')) {
        return (name.to_owned(), None);
    }
    let mut depth = 0usize;
    for (at, c) in name.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let before = name.get(..at).unwrap_or_default().trim_end();
                    let close = name.chars().next_back().map_or(0, char::len_utf8);
                    let inside = name
                        .get(at + c.len_utf8()..name.len() - close)
                        .unwrap_or_default()
                        .trim();
                    if before.is_empty() {
                        return (name.to_owned(), None);
                    }
                    let original = Some(inside.to_owned()).filter(|s| !s.is_empty());
                    return (before.to_owned(), original);
                }
            }
            _ => {}
        }
    }
    (name.to_owned(), None)
}

/// Zero-width and direction-control characters and the soft hyphen: they change nothing a
/// reader sees in a name, so two names differing only by them are the same name.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The "Combining Diacritical Marks" block: accents typed as a separate character after the
/// letter (decomposed text), e.g. `e` + U+0301.
fn is_latin_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Plain letters for the lowercase accented letters of Latin-1 Supplement and Latin
/// Extended-A (plus Romanian ș/ț). Input is already lowercased.
fn fold_latin(c: char) -> Option<&'static str> {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    };
    Some(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_only_a_trailing_part() {
        assert_eq!(split_original("A (B) C").0, "A (B) C");
        assert_eq!(split_original("A (B (C))").0, "A");
        assert_eq!(split_original("(B)").0, "(B)");
        assert_eq!(split_original("B)").0, "B)");
        assert_eq!(split_original("王 芳（Wang Fang）").0, "王 芳");
    }

    #[test]
    fn original_names_split_off() {
        assert_eq!(
            split_original("Ana (Ana María López)"),
            ("Ana".to_owned(), Some("Ana María López".to_owned()))
        );
        assert_eq!(
            split_original("王 芳（Wang Fang）"),
            ("王 芳".to_owned(), Some("Wang Fang".to_owned()))
        );
        assert_eq!(split_original("(Ana)"), ("(Ana)".to_owned(), None));
        assert_eq!(
            split_original("A (B (C))"),
            ("A".to_owned(), Some("B (C)".to_owned()))
        );
        assert_eq!(split_original("A (B) C"), ("A (B) C".to_owned(), None));
    }

    #[test]
    fn decomposed_accents_fold_like_composed_ones() {
        assert_eq!(normalise_name("Jose\u{301}"), normalise_name("José"));
        assert_eq!(normalise_name("İlkay"), "ilkay");
    }
}
