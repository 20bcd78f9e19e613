//! The tokeniser: Latin words (negations, stop words, stems, word bigrams) and CJK runs
//! (character unigrams and bigrams) over normalised, stripped text.

use super::AnalyzerOptions;
use super::normalize::{is_cjk, is_word_char};
use super::stemmer::porter_stem;
use super::stop_words::{CJK_FRAMING, CJK_STOP, is_stop};

/// Negated contraction or "cannot": `ends_nt` when the word as written ends in "n't"
/// (apostrophes are already removed in `w`).
fn is_negation(ends_nt: bool, w: &str) -> bool {
    ends_nt
        || matches!(
            w,
            "cannot"
                | "dont"
                | "doesnt"
                | "didnt"
                | "cant"
                | "wont"
                | "isnt"
                | "arent"
                | "wasnt"
                | "werent"
                | "hasnt"
                | "havent"
                | "hadnt"
                | "wouldnt"
                | "couldnt"
                | "shouldnt"
        )
}
/// Where the tokeniser puts its terms, in order: as strings ([`tokenize`]) or hashed as the
/// clustering engine keeps them ([`super::need_sentence_terms`]), without a string each.
pub(super) trait Sink {
    /// A Latin word's stem.
    fn word(&mut self, stem: &str);
    /// Two adjacent Latin stems (the term `_first_second`).
    fn word_pair(&mut self, first: &str, second: &str);
    /// A CJK character that is not a stop character.
    fn cjk(&mut self, c: char);
    /// Two adjacent characters of a CJK run.
    fn cjk_pair(&mut self, a: char, b: char);
}

impl Sink for Vec<String> {
    fn word(&mut self, stem: &str) {
        self.push(stem.to_owned());
    }
    fn word_pair(&mut self, first: &str, second: &str) {
        self.push(format!("_{first}_{second}"));
    }
    fn cjk(&mut self, c: char) {
        self.push(c.to_string());
    }
    fn cjk_pair(&mut self, a: char, b: char) {
        let mut s = String::with_capacity(8);
        s.push(a);
        s.push(b);
        self.push(s);
    }
}

/// The tokeniser over normalised, stripped text.
pub(super) fn tokenize(clean: &str, opts: &AnalyzerOptions) -> Vec<String> {
    let mut terms = Vec::new();
    tokenize_into(clean, opts, &mut terms);
    terms
}

/// The tokeniser, its terms handed to `out` in order.
pub(super) fn tokenize_into(clean: &str, opts: &AnalyzerOptions, out: &mut impl Sink) {
    // The previous word's stem, while a bigram with the next word may follow.
    let mut prev = String::new();
    let mut has_prev = false;
    // The word being read, in a buffer kept across words.
    let mut w = String::new();
    let chars: Vec<char> = clean.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) || (c.is_ascii_digit() && digits_then_cjk(&chars, i)) {
            // Collect a CJK run; whitespace between CJK chars and digit runs are absorbed.
            let mut run: Vec<char> = Vec::new();
            while i < chars.len() {
                let d = chars[i];
                if is_cjk(d) {
                    run.push(d);
                    i += 1;
                } else if d.is_ascii_digit() {
                    if run.last() != Some(&'0') {
                        run.push('0');
                    }
                    i += 1;
                } else if d.is_whitespace() {
                    let mut j = i;
                    while j < chars.len() && chars[j].is_whitespace() {
                        j += 1;
                    }
                    if j < chars.len() && (is_cjk(chars[j]) || digits_then_cjk(&chars, j)) {
                        i = j;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            emit_cjk(&run, opts, out);
            has_prev = false;
            continue;
        }
        if is_word_char(c) {
            let start = i;
            while i < chars.len()
                && (is_word_char(chars[i])
                    || (chars[i] == '\''
                        && i + 1 < chars.len()
                        && is_word_char(chars[i + 1])
                        && i > start))
            {
                i += 1;
            }
            let word = &chars[start..i];
            w.clear();
            if word.contains(&'\'') {
                let raw: String = word.iter().collect();
                w.push_str(&raw.trim_end_matches("'s").replace('\'', ""));
            } else {
                w.extend(word);
            }
            if w.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if opts.negations && is_negation(word.ends_with(&['n', '\'', 't']), &w) {
                w.clear();
                w.push_str("not");
            }
            if is_stop(&w, opts) || w.chars().count() < 2 || super::is_given_name(&w) {
                continue;
            }
            let stemmed;
            let stem: &str = if w.bytes().all(|b| b.is_ascii_lowercase()) {
                stemmed = porter_stem(&w);
                &stemmed
            } else {
                &w
            };
            if opts.word_bigrams {
                if has_prev {
                    out.word_pair(&prev, stem);
                }
                prev.clear();
                prev.push_str(stem);
                has_prev = true;
            }
            out.word(stem);
            continue;
        }
        // Punctuation breaks bigram chains at sentence boundaries only.
        if matches!(c, '.' | '!' | '?' | ';' | ',' | ':' | '(' | ')') {
            has_prev = false;
        }
        i += 1;
    }
}

fn digits_then_cjk(chars: &[char], mut i: usize) -> bool {
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    i < chars.len() && is_cjk(chars[i])
}

/// A CJK run without its framing words (see [`CJK_FRAMING`]): the pieces between them.
fn emit_cjk(run: &[char], opts: &AnalyzerOptions, out: &mut impl Sink) {
    let mut start = 0;
    let mut i = 0;
    while i + 1 < run.len() {
        if CJK_FRAMING.contains(&[run[i], run[i + 1]]) {
            emit_cjk_piece(&run[start..i], opts, out);
            i += 2;
            start = i;
        } else {
            i += 1;
        }
    }
    emit_cjk_piece(&run[start..], opts, out);
}

fn emit_cjk_piece(run: &[char], opts: &AnalyzerOptions, out: &mut impl Sink) {
    if opts.cjk_unigrams {
        for &c in run {
            if !CJK_STOP.contains(&c) {
                out.cjk(c);
            }
        }
    }
    if opts.cjk_bigrams {
        for w in run.windows(2) {
            out.cjk_pair(w[0], w[1]);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::text::{AnalyzerOptions, analyze, analyze_with};

    #[test]
    fn chinese_ngrams_and_digits() {
        let t = analyze("设置闹钟 4点");
        assert_eq!(
            t,
            vec![
                "设", "置", "闹", "钟", "点", "设置", "置闹", "闹钟", "钟0", "0点"
            ]
        );
        // Pre-segmented text gives the same terms as raw text.
        assert_eq!(analyze("设置 闹钟"), analyze("设置闹钟"));
    }

    #[test]
    fn mixed_language() {
        let t = analyze("播放 Pop Rock 的 音乐");
        assert!(t.contains(&"pop".to_string()));
        assert!(t.contains(&"音乐".to_string()));
    }

    #[test]
    fn negations_and_question_words() {
        assert_eq!(
            analyze("card hasn't arrived"),
            analyze("card has not arrived")
        );
        assert!(analyze("I can't log in").contains(&"not".to_string()));
        assert!(analyze("I cannot log in").contains(&"not".to_string()));
        assert!(analyze("why was I charged").contains(&"why".to_string()));
        let off = AnalyzerOptions {
            negations: false,
            question_words: false,
            ..AnalyzerOptions::default()
        };
        assert_eq!(analyze_with("why hasn't it arrived", &off), vec!["arriv"]);
    }

    #[test]
    fn chinese_framing_words_are_no_terms() {
        // "希望" frames the ask as "want" does in English; nor does it pair with what follows.
        let a = analyze("希望支持导出PDF");
        let b = analyze("希望增加深色模式");
        assert!(a.iter().all(|t| !b.contains(t)), "{a:?} / {b:?}");
        assert_eq!(analyze("麻烦增加深色模式，谢谢"), analyze("增加深色模式"));
        // "需要" also asks whether something is needed ("需要带雨伞吗"): it stays.
        assert!(analyze("我需要带雨伞吗").contains(&"需要".to_string()));
    }

    #[test]
    fn numbers_dropped_in_latin_text() {
        assert_eq!(analyze("waited 14 days"), analyze("waited days"));
    }
}
