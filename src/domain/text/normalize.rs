//! Normalisation (NFKC, lower case) and the script classes the tokeniser splits on.

use unicode_normalization::UnicodeNormalization;
/// NFKC + lower case, and NFKC again: lower-casing can undo a composition ("Ώ\u{345}" lowers
/// to "ώ\u{345}", whose NFKC is "ῴ"), and then the upper- and lower-case spellings of a word
/// would give different terms.
pub fn normalize(text: &str) -> String {
    text.nfkc().flat_map(char::to_lowercase).nfkc().collect()
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
    }
}
