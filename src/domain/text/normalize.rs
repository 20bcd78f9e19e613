//! Normalisation (NFKC, lower case) and the script classes the tokeniser splits on.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// NFKC + lower case, and NFKC again: lower-casing can undo a composition ("Ώ\u{345}" lowers
/// to "ώ\u{345}", whose NFKC is "ῴ"), and then the upper- and lower-case spellings of a word
/// would give different terms.
///
/// Every ticket is analysed this way, so the common cases skip the work: ASCII text only needs
/// lower-casing, and text the quick check finds already in NFKC (most Chinese text, most
/// accented Latin) is not composed again. Both give what the full chain gives.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let composed: Cow<str> = if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    };
    let lower: String = composed.chars().flat_map(char::to_lowercase).collect();
    if is_nfkc_quick(lower.chars()) == IsNormalized::Yes {
        lower
    } else {
        lower.nfkc().collect()
    }
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // hiragana, katakana
        | 0x3400..=0x4DBF // ext A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0x20000..=0x2FA1F)
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

#[cfg(test)]
mod tests {
    use crate::domain::text::analyze;

    use super::*;

    #[test]
    fn nfkc_and_case() {
        assert_eq!(analyze("ＣＡＲＤ"), analyze("card"));
        assert_eq!(normalize("Ｆｉｌｅ"), "file");
        assert_eq!(normalize("Ώ\u{345}"), normalize("ώ\u{345}"));
        assert_eq!(normalize("\u{212A}elvin"), "kelvin");
    }

    /// The full chain, without the shortcuts.
    fn reference(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        text.nfkc().flat_map(char::to_lowercase).nfkc().collect()
    }

    proptest::proptest! {
        #[test]
        fn the_shortcuts_give_what_the_full_chain_gives(
            text in "(\\PC|[ΣΏώ\u{345}\u{212A}ＡＢｆｉ가각\u{1100}\u{1161}é\u{301}ﬁ①㈱設定 ]){0,40}"
        ) {
            proptest::prop_assert_eq!(normalize(&text), reference(&text));
        }
    }
}
