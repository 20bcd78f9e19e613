//! Text analysis: normalisation, boilerplate stripping and tokenisation.
//!
//! Pure functions only. The output of [`analyze`] is a list of terms; [`term_ids`]
//! hashes them with FNV-1a (64 bit) so ids are stable across runs and processes.
//!
//! * Unicode NFKC + lower-casing (full-width forms, ligatures, compatibility digits).
//! * URLs, e-mail addresses, ticket references ("Ticket #1234"), greetings
//!   ("hi team", "good morning"), sign-offs ("best regards, Ann", "thanks, Bob")
//!   and device signatures ("Sent from my iPhone") are removed.
//! * Latin-script words: stop words removed, Porter stemmer, plus word bigrams of
//!   adjacent content words (prefixed with `_`).
//! * CJK / kana runs (no spaces needed; spaces inside a run are ignored so that
//!   pre-segmented and raw text give the same terms): character unigrams (minus a
//!   few function characters) and character bigrams. Digits inside a CJK run
//!   become the placeholder `0` so "4点" and "7点" share the bigram "0点".
//! * Stand-alone numbers in Latin text are dropped (amounts, dates, ids).
//!
//! One file per step: `normalize` (NFKC, case, scripts), `sentences` (greetings, sign-offs,
//! URLs and ticket references inside lines; the need sentences), `stop_words`, `tokenizer`
//! (Latin words, negations, CJK runs) and `stemmer`.

mod markup;
mod names;
mod normalize;
mod sentences;
mod stemmer;
mod stop_words;
mod tokenizer;

pub use markup::without_markup;
pub use names::is_given_name;
pub use normalize::{is_alnum, normalize};
pub use sentences::{
    is_time_colon, need_sentences, need_sentences_and_below, sentence_marks, sentence_pieces,
    strip_boilerplate, without_exchange_tail,
};
pub use stemmer::porter_stem;
use tokenizer::{Sink, tokenize, tokenize_into};

/// Options for [`analyze_with`]. `Default` is what the clustering engine uses.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalyzerOptions {
    /// Emit bigrams of adjacent (post stop-word) Latin words.
    pub word_bigrams: bool,
    /// Emit CJK character bigrams.
    pub cjk_bigrams: bool,
    /// Emit CJK character unigrams.
    pub cjk_unigrams: bool,
    /// Map negated contractions ("don't", "hasn't", "cannot") to the term `not`.
    pub negations: bool,
    /// Keep question words (why, how, when, where, what, which) as terms.
    pub question_words: bool,
}

impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions {
            word_bigrams: true,
            cjk_bigrams: true,
            cjk_unigrams: true,
            negations: true,
            question_words: true,
        }
    }
}

/// Whether `word` (normalised) is a stop word of the default analysis.
pub fn is_stop_word(word: &str) -> bool {
    stop_words::is_stop(word, &AnalyzerOptions::default())
}

/// FNV-1a 64-bit hash; stable across processes and platforms.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(bytes);
    h.finish()
}

/// Terms of `text` with the default options.
pub fn analyze(text: &str) -> Vec<String> {
    analyze_with(text, &AnalyzerOptions::default())
}

/// Hashed term ids (FNV-1a of the term strings) with the default options.
pub fn term_ids(text: &str) -> Vec<u64> {
    analyze(text).iter().map(|t| fnv1a(t.as_bytes())).collect()
}

/// Full analysis with explicit options.
pub fn analyze_with(text: &str, opts: &AnalyzerOptions) -> Vec<String> {
    analyze_sentences(&need_sentences(text), opts)
}
/// A key for a sentence that is stable under case, spacing, punctuation, stop words and
/// digits (its content terms, in order); `None` when it has none.
pub fn sentence_key(sentence: &str, opts: &AnalyzerOptions) -> Option<u64> {
    let unigrams = AnalyzerOptions {
        word_bigrams: false,
        cjk_bigrams: false,
        cjk_unigrams: true,
        ..opts.clone()
    };
    let terms = tokenize(sentence, &unigrams);
    if terms.is_empty() {
        return None;
    }
    Some(with_length(fnv1a(terms.join(" ").as_bytes()), terms.len()))
}

/// A sentence of this many content words or more (Latin stems, Chinese characters) is seldom
/// put in the same words by two customers unless it is furniture, so a young corpus takes two
/// repeats of it for furniture ([`crate::domain::recurring`]). A shorter one ("Why?", "Weekly
/// report as PDF") is said alike by many, and waits for the most repeats.
pub const LONG_SENTENCE: usize = 4;

/// A sentence key carries whether its sentence is [`LONG_SENTENCE`] in its lowest bit.
fn with_length(hash: u64, length: usize) -> u64 {
    (hash & !1) | u64::from(length >= LONG_SENTENCE)
}

/// Whether the sentence of this [`sentence_key`] is [`LONG_SENTENCE`] or longer.
pub fn is_long_sentence(key: u64) -> bool {
    key & 1 == 1
}

/// The content words of a sentence as the analysis counts them: Latin stems and Chinese
/// characters that are neither stop words nor framing ("麻烦了。", "Thanks so much!": none).
pub fn content_words(sentence: &str) -> usize {
    let unigrams = AnalyzerOptions {
        word_bigrams: false,
        cjk_bigrams: false,
        cjk_unigrams: true,
        ..AnalyzerOptions::default()
    };
    tokenize(&normalize(sentence), &unigrams).len()
}

/// Terms of sentences that [`need_sentences`] returned (already normalised and stripped).
pub fn analyze_sentences<S: AsRef<str>>(sentences: &[S], opts: &AnalyzerOptions) -> Vec<String> {
    let joined: Vec<&str> = sentences.iter().map(AsRef::as_ref).collect();
    tokenize(&joined.join(" . "), opts)
}

/// Whether a term is weighed as a bigram: a word pair (`_first_second`), or two characters
/// not both ASCII (a CJK pair; also a two-letter accented word such as "ça").
pub fn is_bigram(term: &str) -> bool {
    term.starts_with('_') || (term.chars().count() == 2 && !term.is_ascii())
}

/// One need sentence analysed on its own: its recurrence key ([`sentence_key`]) and its terms,
/// each as its id ([`fnv1a`] of the term) and whether it [`is_bigram`].
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceTerms {
    pub key: Option<u64>,
    pub terms: Vec<(u64, bool)>,
    /// Where the sentence may end early: a run of Chinese after a space that may be a
    /// sentence of its own which lost its punctuation ("设置闹钟在下午6点 如需更多信息，请随时联系
    /// 我", a ticket flattened into one line). Each is the [`sentence_key`] of that tail and the
    /// terms of what stands before it, so the corpus can judge the tail as a sentence.
    pub tails: Vec<Tail>,
}

/// A possible end of a sentence that lost its punctuation ([`SentenceTerms::tails`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Tail {
    pub key: u64,
    pub head: Vec<(u64, bool)>,
}

/// At most this many tails are looked at per sentence, the last ones.
const MAX_TAILS: usize = 2;

/// Chinese characters in a row after a space that may start a sentence of its own.
const TAIL_RUN: usize = 4;

/// Where tails may start in `s`: after whitespace, at a run of [`TAIL_RUN`] Chinese
/// characters or more, with something before it; the last [`MAX_TAILS`], as byte offsets.
fn tail_starts(s: &str) -> Vec<usize> {
    // Most sentences hold no Chinese: no tail, and nothing to collect.
    if !s.chars().any(normalize::is_cjk) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    for i in 1..chars.len() {
        if chars[i - 1].1.is_whitespace() && !chars[i].1.is_whitespace() {
            let run = chars[i..]
                .iter()
                .take_while(|&&(_, c)| normalize::is_cjk(c))
                .count();
            if run >= TAIL_RUN {
                out.push(chars[i].0);
            }
        }
    }
    let skip = out.len().saturating_sub(MAX_TAILS);
    out.drain(..skip);
    out
}

/// The terms of `s` and its [`sentence_key`] as [`need_sentence_terms`] makes them.
fn terms_and_key(s: &str, opts: &AnalyzerOptions) -> (Option<u64>, Vec<(u64, bool)>) {
    let mut sink = Hashed::default();
    tokenize_into(s, opts, &mut sink);
    // The key is over the unigrams, CJK ones included; the sink saw them all unless the
    // options leave CJK unigrams out.
    let key = if opts.cjk_unigrams {
        sink.key()
    } else {
        sentence_key(s, opts)
    };
    (key, sink.terms)
}

/// The need sentences of `text`, each with its key and terms. The terms of any of them taken
/// in order are what [`analyze_sentences`] gives for them together: the " . " it joins them
/// with ends every bigram, Latin or CJK, so no term spans two sentences. That lets the
/// analysis run once, before it is known which sentences recur.
pub fn need_sentence_terms(text: &str, opts: &AnalyzerOptions) -> Vec<SentenceTerms> {
    sentence_terms(&need_sentences(text), opts)
}

/// [`need_sentence_terms`], and those of the sentences under where the line rules stopped
/// reading ([`need_sentences_and_below`]).
pub fn need_sentence_terms_and_below(
    text: &str,
    opts: &AnalyzerOptions,
) -> (Vec<SentenceTerms>, Vec<SentenceTerms>) {
    let (need, below) = need_sentences_and_below(text);
    (sentence_terms(&need, opts), sentence_terms(&below, opts))
}

fn sentence_terms(sentences: &[String], opts: &AnalyzerOptions) -> Vec<SentenceTerms> {
    sentences
        .iter()
        .map(|s| {
            let (key, terms) = terms_and_key(s, opts);
            let tails = tail_starts(s)
                .into_iter()
                .filter_map(|at| {
                    let (tail, _) = terms_and_key(s[at..].trim(), opts);
                    let (_, head) = terms_and_key(s[..at].trim(), opts);
                    Some(Tail { key: tail?, head })
                })
                .collect();
            SentenceTerms { key, terms, tails }
        })
        .collect()
}

/// Term ids as the tokeniser makes them, and the [`sentence_key`] of its unigrams (their
/// strings joined by spaces, hashed as they come), with no string per term.
#[derive(Default)]
struct Hashed {
    terms: Vec<(u64, bool)>,
    key: fnv::FnvHasher,
    unigrams: usize,
}

impl Hashed {
    fn unigram(&mut self, bytes: &[u8]) {
        use std::hash::Hasher;
        if self.unigrams > 0 {
            self.key.write(b" ");
        }
        self.key.write(bytes);
        self.unigrams += 1;
    }

    fn key(&self) -> Option<u64> {
        use std::hash::Hasher;
        (self.unigrams > 0).then(|| with_length(self.key.finish(), self.unigrams))
    }
}

impl Sink for Hashed {
    fn word(&mut self, stem: &str) {
        self.terms.push((fnv1a(stem.as_bytes()), is_bigram(stem)));
        self.unigram(stem.as_bytes());
    }
    fn word_pair(&mut self, first: &str, second: &str) {
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::default();
        h.write(b"_");
        h.write(first.as_bytes());
        h.write(b"_");
        h.write(second.as_bytes());
        self.terms.push((h.finish(), true));
    }
    fn cjk(&mut self, c: char) {
        let mut buf = [0u8; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        self.terms.push((fnv1a(bytes), false));
        self.unigram(bytes);
    }
    fn cjk_pair(&mut self, a: char, b: char) {
        let mut buf = [0u8; 8];
        let n = a.encode_utf8(&mut buf).len();
        let m = b.encode_utf8(&mut buf[n..]).len();
        // Two characters, at least one of them CJK (a run holds no two digit marks in a row).
        self.terms.push((fnv1a(&buf[..n + m]), true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_key_tells_a_sentence_of_four_content_words_or_more() {
        let opts = AnalyzerOptions::default();
        let long = |s: &str| {
            let key = need_sentence_terms(s, &opts)[0].key.expect(s);
            assert_eq!(Some(key), sentence_key(&normalize(s), &opts), "{s}");
            is_long_sentence(key)
        };
        assert!(!long("Why?"));
        assert!(!long("Weekly report as PDF"));
        assert!(long("Export the weekly report to PDF."));
        assert!(long("暂停闹钟"));
        assert!(!long("下雨吗"));
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(
            fnv1a("single sign-on 单点登录".as_bytes()),
            0x0074_da8c_1320_7da9
        );
        assert_eq!(term_ids("card"), vec![fnv1a(b"card")]);
    }

    use proptest::prelude::*;

    /// Pieces of tickets: words (stop words, contractions, numbers), CJK with digits, and the
    /// punctuation and line breaks that split sentences.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "card",
            "arrived",
            "the",
            "not",
            "don't",
            "my",
            "how",
            "why",
            "pin",
            "top-up",
            "12",
            "4",
            "x1",
            "é",
            "ça",
            "naïve",
            "订",
            "单",
            "点",
            "登录",
            "的",
            "了",
            "4点",
            "7",
            "。",
            "！",
            ".",
            "?",
            ";",
            ",",
            ":",
            "(",
            ")",
            "'",
            "\n",
            "\n\n",
            " ",
            "  ",
            "hi team",
            "regards",
            "thanks,",
            "ticket #12",
            "https://x.io/a",
            "a@b.co",
            "sent from my iphone",
        ])
    }

    proptest! {
        #[test]
        fn sentences_analysed_alone_give_the_terms_of_them_together(
            parts in prop::collection::vec(piece(), 0..40),
            keep in prop::collection::vec(any::<bool>(), 0..40),
        ) {
            let text = parts.join(" ");
            let opts = AnalyzerOptions::default();
            let alone = need_sentence_terms(&text, &opts);
            let sentences = need_sentences(&text);
            prop_assert_eq!(alone.len(), sentences.len());
            // Any subset of the sentences, in order (which ones recur is learned later).
            let chosen: Vec<usize> = (0..sentences.len())
                .filter(|&i| keep.get(i).copied().unwrap_or(true))
                .collect();
            let together = analyze_sentences(
                &chosen.iter().map(|&i| &sentences[i]).collect::<Vec<_>>(),
                &opts,
            );
            let concatenated: Vec<(u64, bool)> =
                chosen.iter().flat_map(|&i| alone[i].terms.clone()).collect();
            let together: Vec<(u64, bool)> = together
                .iter()
                .map(|t| (fnv1a(t.as_bytes()), is_bigram(t)))
                .collect();
            prop_assert_eq!(concatenated, together);
            for (a, s) in alone.iter().zip(&sentences) {
                prop_assert_eq!(a.key, sentence_key(s, &opts));
            }
        }
    }
}
