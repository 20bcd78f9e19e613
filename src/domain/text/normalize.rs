//! Normalisation (NFKC, lower case) and the script classes the tokeniser splits on.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// NFKC + lower case, and NFKC again: lower-casing can undo a composition ("Ώ\u{345}" lowers
/// to "ώ\u{345}", whose NFKC is "ῴ"), and then the upper- and lower-case spellings of a word
/// would give different terms.
///
/// Every ticket is analysed this way, so the common cases skip the work: ASCII text only needs
/// lower-casing, and text the quick check finds already in NFKC (most accented Latin; most
/// Chinese text once its full-width punctuation is mapped, see [`narrow`]) is not composed
/// again. Both give what the full chain gives.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let composed: Cow<str> = if is_nfkc(text) {
        Cow::Borrowed(text)
    } else {
        // Chinese text that is not in NFKC is usually so only for its full-width punctuation
        // ("，", "：", "！"); with those mapped to ASCII it passes the quick check. The NFKC
        // of the mapped text is the NFKC of the text: each mapped character is its own
        // compatibility decomposition.
        let narrowed: String = text.chars().map(narrow).collect();
        if is_nfkc(&narrowed) {
            Cow::Owned(narrowed)
        } else {
            Cow::Owned(narrowed.nfkc().collect())
        }
    };
    let mut lower = String::with_capacity(composed.len());
    for c in composed.chars() {
        if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else if plain(c) {
            // No lower case of its own (a test checks each): Chinese skips the case tables.
            lower.push(c);
        } else {
            lower.extend(c.to_lowercase());
        }
    }
    if is_nfkc(&lower) {
        lower
    } else {
        lower.nfkc().collect()
    }
}

/// Whether `text` is in NFKC by the quick check. Its table lookup per character was a quarter
/// of the analysis of Chinese tickets, so characters known to be in NFKC and never to combine
/// ([`plain`]) are not looked up. Leaving them out of the check can only make it stricter (a
/// plain character would have reset the order of combining marks), so a "yes" is still one.
fn is_nfkc(text: &str) -> bool {
    is_nfkc_quick(text.chars().filter(|&c| !plain(c))) == IsNormalized::Yes
}

/// Characters in NFKC that never combine with their neighbours and, past ASCII, have no lower
/// case: ASCII, CJK ideographs, the common CJK and quotation marks.
fn plain(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x7F
        | 0x2018..=0x201D // ‘ ’ ‚ ‛ “ ”
        | 0x3001..=0x3002 // 、 。
        | 0x3008..=0x3011 // 〈 〉 《 》 「 」 『 』 【 】
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF)
}

/// A full-width ASCII form (U+FF01-FF5E) as its ASCII character, the ideographic space as a
/// space: what NFKC makes of each of them on its own.
fn narrow(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
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
    is_alnum(c) && !is_cjk(c)
}

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII and the CJK
/// ideographs: the line rules and the tokeniser ask it of every character of every ticket.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) || c.is_alphanumeric()
    }
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

    #[test]
    fn is_alnum_is_char_is_alphanumeric() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn the_plain_characters_are_nfkc_and_past_ascii_have_no_lower_case() {
        use unicode_normalization::UnicodeNormalization;
        for c in (0..0xA000).filter_map(char::from_u32).filter(|&c| plain(c)) {
            assert!(std::iter::once(c).nfkc().eq([c]), "{c:?}");
            assert!(c.is_ascii() || c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    /// The full chain, without the shortcuts.
    fn reference(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        text.nfkc().flat_map(char::to_lowercase).nfkc().collect()
    }

    proptest::proptest! {
        #[test]
        fn the_shortcuts_give_what_the_full_chain_gives(
            text in "(\\PC|[ΣΏώ\u{345}\u{212A}ＡＢｆｉ가각\u{1100}\u{1161}é\u{301}ﬁ①㈱設定 ，：！（）～\u{3000}\u{ff5f}\u{ff00}。、“”《》【】导出报表\u{2026}\u{309b}\u{3099}か]){0,40}"
        ) {
            proptest::prop_assert_eq!(normalize(&text), reference(&text));
        }
    }
}
