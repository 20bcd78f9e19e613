//! The tokeniser: Latin words (negations, stop words, stems, word bigrams) and CJK runs
//! (character unigrams and bigrams) over normalised, stripped text.

use super::AnalyzerOptions;
use super::normalize::{is_cjk, is_word_char};
use super::stemmer::porter_stem;
use super::stop_words::{CJK_STOP, is_stop};

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
/// The tokeniser over normalised, stripped text.
pub(super) fn tokenize(clean: &str, opts: &AnalyzerOptions) -> Vec<String> {
    let mut terms = Vec::new();
    // The previous word's stem, as its place in `terms` (no copy of it is kept).
    let mut prev_word: Option<usize> = None;
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
            emit_cjk(&run, opts, &mut terms);
            prev_word = None;
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
            let mut w: String = if word.contains(&'\'') {
                let raw: String = word.iter().collect();
                raw.trim_end_matches("'s").replace('\'', "")
            } else {
                word.iter().collect()
            };
            if w.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if opts.negations && is_negation(word.ends_with(&['n', '\'', 't']), &w) {
                w = "not".to_string();
            }
            if is_stop(&w, opts) || w.chars().count() < 2 {
                continue;
            }
            let stem = if w.bytes().all(|b| b.is_ascii_lowercase()) {
                porter_stem(&w)
            } else {
                w
            };
            if opts.word_bigrams
                && let Some(p) = prev_word
            {
                let bigram = format!("_{}_{stem}", terms[p]);
                terms.push(bigram);
            }
            prev_word = Some(terms.len());
            terms.push(stem);
            continue;
        }
        // Punctuation breaks bigram chains at sentence boundaries only.
        if matches!(c, '.' | '!' | '?' | ';' | ',' | ':' | '(' | ')') {
            prev_word = None;
        }
        i += 1;
    }
    terms
}

fn digits_then_cjk(chars: &[char], mut i: usize) -> bool {
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    i < chars.len() && is_cjk(chars[i])
}

fn emit_cjk(run: &[char], opts: &AnalyzerOptions, out: &mut Vec<String>) {
    if opts.cjk_unigrams {
        for &c in run {
            if !CJK_STOP.contains(&c) {
                out.push(c.to_string());
            }
        }
    }
    if opts.cjk_bigrams {
        for w in run.windows(2) {
            let mut s = String::with_capacity(8);
            s.push(w[0]);
            s.push(w[1]);
            out.push(s);
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
    fn numbers_dropped_in_latin_text() {
        assert_eq!(analyze("waited 14 days"), analyze("waited days"));
    }
}
