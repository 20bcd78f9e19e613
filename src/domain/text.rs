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

use unicode_normalization::UnicodeNormalization;

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

/// NFKC + lower case, and NFKC again: lower-casing can undo a composition ("Ώ\u{345}" lowers
/// to "ώ\u{345}", whose NFKC is "ῴ"), and then the upper- and lower-case spellings of a word
/// would give different terms.
pub fn normalize(text: &str) -> String {
    text.nfkc().flat_map(char::to_lowercase).nfkc().collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // hiragana, katakana
        | 0x3400..=0x4DBF // ext A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0x20000..=0x2FA1F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

const GREETINGS: &[&str] = &["hi", "hello", "hey", "dear", "greetings", "hiya", "howdy"];
const GREETING_TAIL: &[&str] = &[
    "team", "all", "there", "support", "folks", "guys", "everyone", "sir", "madam", "customer",
    "service", "services", "care", "sirs", "to", "whom", "it", "may", "concern",
];
const SIGNOFFS: &[&str] = &[
    "regards",
    "sincerely",
    "cheers",
    "thanks",
    "thank",
    "thx",
    "best",
    "br",
    "kind",
    "warm",
    "yours",
    "respectfully",
];
const TICKET_WORDS: &[&str] = &[
    "ticket",
    "case",
    "ref",
    "reference",
    "incident",
    "req",
    "sr",
];

/// Removes ticket furniture (the line rules of [`super::boilerplate`]), then URLs, e-mail
/// addresses, ticket references, greetings and sign-offs inside the lines that remain.
/// Input must already be normalised (lower case). Returns whitespace-joined text.
pub fn strip_boilerplate(normalized: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let lines: Vec<&str> = super::boilerplate::need_lines(normalized);
    for (li, line) in lines.iter().enumerate() {
        let toks: Vec<&str> = line.split_whitespace().collect();
        let mut line_out: Vec<&str> = Vec::new();
        let mut signed_off = false;
        let mut i = 0;
        while i < toks.len() {
            let raw = toks[i];
            let t = raw.trim_matches(|c: char| !c.is_alphanumeric());
            // URLs and e-mails.
            if raw.contains("://") || raw.starts_with("www.") || is_email(raw) {
                i += 1;
                continue;
            }
            // "sent from my iphone" / "get outlook for ios": drop rest of line.
            if t == "sent" && next_is(&toks, i + 1, "from") && next_is(&toks, i + 2, "my") {
                break;
            }
            if t == "get" && next_is(&toks, i + 1, "outlook") && next_is(&toks, i + 2, "for") {
                break;
            }
            // Ticket / case references: "ticket #1234", "case no. 55", "ref: ab-12".
            if TICKET_WORDS.contains(&t) {
                let mut j = i + 1;
                while j < toks.len() {
                    let u = toks[j].trim_matches(|c: char| !c.is_alphanumeric());
                    if u.is_empty() || matches!(u, "no" | "nr" | "number" | "id" | "num") {
                        j += 1;
                    } else {
                        break;
                    }
                }
                if j < toks.len() && toks[j].chars().any(|c| c.is_ascii_digit()) {
                    i = j + 1;
                    continue;
                }
                if raw.chars().any(|c| c.is_ascii_digit()) {
                    i += 1;
                    continue;
                }
            }
            // Greetings at the start of a line: "hi team", "dear support team".
            if line_out.is_empty() && GREETINGS.contains(&t) {
                i += 1;
                while i < toks.len() && i <= 4 {
                    let u = toks[i].trim_matches(|c: char| !c.is_alphanumeric());
                    if GREETING_TAIL.contains(&u) {
                        i += 1;
                    } else {
                        break;
                    }
                }
                continue;
            }
            if t == "good"
                && (next_is(&toks, i + 1, "morning")
                    || next_is(&toks, i + 1, "afternoon")
                    || next_is(&toks, i + 1, "evening")
                    || next_is(&toks, i + 1, "day"))
            {
                i += 2;
                continue;
            }
            // Sign-off: marker followed by at most a short name.
            if SIGNOFFS.contains(&t) && is_signoff(&toks[i..]) {
                let first_line_of_doc = kept.is_empty() && line_out.is_empty();
                if !first_line_of_doc || i > 0 {
                    // Everything after the marker on this line is a name.
                    signed_off = true;
                    break;
                }
            }
            line_out.push(raw);
            i += 1;
        }
        if !line_out.is_empty() {
            kept.extend(line_out);
            // Lines are sentences of their own: no bigram (Latin or CJK) spans two lines.
            kept.push(".");
        }
        // A sign-off followed only by short lines (name, title): stop here.
        if signed_off
            && lines[li + 1..]
                .iter()
                .all(|l| l.split_whitespace().count() <= 4)
        {
            break;
        }
    }
    kept.pop();
    kept.join(" ")
}

/// Ends a sentence for [`need_sentences`].
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n' | '。' | '！' | '？' | '；')
}

/// The sentences of `text` that may carry the need: normalised, ticket furniture stripped,
/// split at sentence ends and line breaks (empty ones dropped).
pub fn need_sentences(text: &str) -> Vec<String> {
    let clean = strip_boilerplate(&normalize(text));
    let sentences: Vec<&str> = clean
        .split(ends_sentence)
        .map(str::trim)
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect();
    // Who is writing and whom they spoke to before is not the need; a text that is nothing
    // else is kept whole.
    let needs: Vec<String> = sentences
        .iter()
        .map(|s| super::boilerplate::without_introduction(s))
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .map(str::to_owned)
        .collect();
    if needs.is_empty() {
        return sentences.into_iter().map(str::to_owned).collect();
    }
    needs
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
    Some(fnv1a(terms.join(" ").as_bytes()))
}

/// Terms of sentences that [`need_sentences`] returned (already normalised and stripped).
pub fn analyze_sentences<S: AsRef<str>>(sentences: &[S], opts: &AnalyzerOptions) -> Vec<String> {
    let joined: Vec<&str> = sentences.iter().map(AsRef::as_ref).collect();
    tokenize(&joined.join(" . "), opts)
}

fn next_is(toks: &[&str], i: usize, w: &str) -> bool {
    toks.get(i)
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()) == w)
        .unwrap_or(false)
}

fn is_email(tok: &str) -> bool {
    if let Some(at) = tok.find('@') {
        let (user, dom) = tok.split_at(at);
        !user.is_empty() && dom[1..].contains('.')
    } else {
        false
    }
}

/// A sign-off marker ("thanks", "best regards", "kind regards,") followed by at
/// most three short name-like words and nothing else on the line.
fn is_signoff(toks: &[&str]) -> bool {
    let t0 = toks[0].trim_matches(|c: char| !c.is_alphanumeric());
    let mut rest = 1;
    match t0 {
        "best" | "kind" | "warm" | "yours" => {
            let t1 = toks
                .get(1)
                .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
                .unwrap_or("");
            if !matches!(t1, "regards" | "wishes" | "truly" | "sincerely") {
                return false;
            }
            rest = 2;
        }
        "thank" => {
            if !next_is(toks, 1, "you") {
                return false;
            }
            rest = 2;
            // "thank you for ..." is content-bearing politeness; drop only the marker.
            if toks.len() > 2 && next_is(toks, 2, "for") {
                return toks.len() <= 3;
            }
        }
        "thanks" if toks.len() > 1 && next_is(toks, 1, "for") => return false,
        _ => {}
    }
    toks.len() - rest <= 3
}

/// English stop words (plus greeting / politeness words and contraction stems).
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "couldn",
    "d",
    "did",
    "didn",
    "do",
    "does",
    "doesn",
    "doing",
    "don",
    "down",
    "during",
    "each",
    "else",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "hadn",
    "has",
    "hasn",
    "have",
    "haven",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "isn",
    "it",
    "its",
    "itself",
    "just",
    "ll",
    "m",
    "me",
    "might",
    "more",
    "most",
    "must",
    "mustn",
    "my",
    "myself",
    "need",
    "needn",
    "now",
    "o",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "re",
    "s",
    "same",
    "shall",
    "shan",
    "she",
    "should",
    "shouldn",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "ve",
    "very",
    "want",
    "was",
    "wasn",
    "we",
    "were",
    "weren",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "won",
    "would",
    "wouldn",
    "y",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "hi",
    "hello",
    "hey",
    "dear",
    "thanks",
    "thank",
    "thx",
    "please",
    "pls",
    "plz",
    "regards",
    "cheers",
    "ok",
    "okay",
    "yes",
    "yeah",
    "im",
    "ive",
    "id",
    "dont",
    "doesnt",
    "didnt",
    "cant",
    "wont",
    "isnt",
    "arent",
    "wasnt",
    "werent",
    "hasnt",
    "havent",
    "hadnt",
    "wouldnt",
    "couldnt",
    "shouldnt",
    "youre",
    "its",
    "thats",
    "whats",
    "theres",
    "let",
    "lets",
    "like",
    "know",
    "tell",
    "help",
    "way",
    "someone",
    "something",
    "anything",
    "still",
    "really",
    "already",
    "yet",
    "able",
    "one",
    "many",
    "much",
];

/// CJK function characters dropped as unigrams (kept inside bigrams).
const CJK_STOP: &[char] = &[
    '的', '了', '吗', '呢', '吧', '啊', '么', '是', '在', '我', '你', '他', '她', '它', '们', '这',
    '那', '个', '一', '有', '和', '与', '及', '把', '被', '给', '请', '要', '会', '能', '可', '以',
    '也', '就', '都', '还', '很', '将', '到', '中', '上', '下', '0', 'の', 'は', 'を', 'に', 'が',
    'で', 'と', 'か', 'す', 'ま', 'た', 'い',
];

fn is_stop(w: &str, opts: &AnalyzerOptions) -> bool {
    if opts.question_words && QUESTION_WORDS.contains(&w) {
        return false;
    }
    STOP_WORDS.contains(&w)
}

const QUESTION_WORDS: &[&str] = &["why", "how", "when", "where", "what", "which"];

/// Negated contraction or "cannot" (apostrophes already removed in `w`).
fn is_negation(raw: &str, w: &str) -> bool {
    raw.ends_with("n't")
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

/// Full analysis with explicit options.
pub fn analyze_with(text: &str, opts: &AnalyzerOptions) -> Vec<String> {
    analyze_sentences(&need_sentences(text), opts)
}

/// The tokeniser over normalised, stripped text.
fn tokenize(clean: &str, opts: &AnalyzerOptions) -> Vec<String> {
    let mut terms = Vec::new();
    let mut prev_word: Option<String> = None;
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
            let raw: String = chars[start..i].iter().collect();
            let mut w: String = raw.trim_end_matches("'s").replace('\'', "");
            if w.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if opts.negations && is_negation(&raw, &w) {
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
                && let Some(p) = &prev_word
            {
                terms.push(format!("_{p}_{stem}"));
            }
            terms.push(stem.clone());
            prev_word = Some(stem);
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

// ---------------------------------------------------------------------------
// Porter stemmer (M.F. Porter, 1980), ASCII lower-case input.

fn is_cons(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_cons(w, i - 1),
        _ => true,
    }
}

/// Number of VC sequences in w[..len].
fn measure(w: &[u8], len: usize) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < len && is_cons(w, i) {
        i += 1;
    }
    loop {
        while i < len && !is_cons(w, i) {
            i += 1;
        }
        if i >= len {
            return n;
        }
        while i < len && is_cons(w, i) {
            i += 1;
        }
        n += 1;
    }
}

fn has_vowel(w: &[u8], len: usize) -> bool {
    (0..len).any(|i| !is_cons(w, i))
}

fn double_cons(w: &[u8], len: usize) -> bool {
    len >= 2 && w[len - 1] == w[len - 2] && is_cons(w, len - 1)
}

fn cvc(w: &[u8], len: usize) -> bool {
    len >= 3
        && is_cons(w, len - 3)
        && !is_cons(w, len - 2)
        && is_cons(w, len - 1)
        && !matches!(w[len - 1], b'w' | b'x' | b'y')
}

/// If `w` ends with `suf`, returns the stem length.
fn ends(w: &[u8], suf: &str) -> Option<usize> {
    if w.ends_with(suf.as_bytes()) {
        Some(w.len() - suf.len())
    } else {
        None
    }
}

fn replace_if(w: &mut Vec<u8>, rules: &[(&str, &str)], min_m: usize) {
    for (suf, rep) in rules {
        if let Some(stem) = ends(w, suf) {
            if measure(w, stem) > min_m {
                w.truncate(stem);
                w.extend_from_slice(rep.as_bytes());
            }
            return;
        }
    }
}

/// Porter stemmer for ASCII lower-case words.
pub fn porter_stem(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.as_bytes().to_vec();
    // Step 1a
    if w.ends_with(b"sses") || w.ends_with(b"ies") {
        w.truncate(w.len() - 2);
    } else if !w.ends_with(b"ss") && w.ends_with(b"s") {
        w.pop();
    }
    // Step 1b
    if let Some(stem) = ends(&w, "eed") {
        if measure(&w, stem) > 0 {
            w.pop();
        }
    } else {
        let cut = ends(&w, "ed")
            .filter(|&s| has_vowel(&w, s))
            .or_else(|| ends(&w, "ing").filter(|&s| has_vowel(&w, s)));
        if let Some(stem) = cut {
            w.truncate(stem);
            if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
                w.push(b'e');
            } else if double_cons(&w, w.len()) && !matches!(w[w.len() - 1], b'l' | b's' | b'z') {
                w.pop();
            } else if measure(&w, w.len()) == 1 && cvc(&w, w.len()) {
                w.push(b'e');
            }
        }
    }
    // Step 1c
    if w.ends_with(b"y") && has_vowel(&w, w.len() - 1) {
        let n = w.len();
        w[n - 1] = b'i';
    }
    // Step 2
    replace_if(
        &mut w,
        &[
            ("ational", "ate"),
            ("tional", "tion"),
            ("enci", "ence"),
            ("anci", "ance"),
            ("izer", "ize"),
            ("bli", "ble"),
            ("alli", "al"),
            ("entli", "ent"),
            ("eli", "e"),
            ("ousli", "ous"),
            ("ization", "ize"),
            ("ation", "ate"),
            ("ator", "ate"),
            ("alism", "al"),
            ("iveness", "ive"),
            ("fulness", "ful"),
            ("ousness", "ous"),
            ("aliti", "al"),
            ("iviti", "ive"),
            ("biliti", "ble"),
            ("logi", "log"),
        ],
        0,
    );
    // Step 3
    replace_if(
        &mut w,
        &[
            ("icate", "ic"),
            ("ative", ""),
            ("alize", "al"),
            ("iciti", "ic"),
            ("ical", "ic"),
            ("ful", ""),
            ("ness", ""),
        ],
        0,
    );
    // Step 4
    const S4: &[&str] = &[
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion",
        "ou", "ism", "ate", "iti", "ous", "ive", "ize",
    ];
    // Longest matching suffix first (Porter picks the longest of the listed ones).
    let mut best: Option<&str> = None;
    for s in S4 {
        if w.ends_with(s.as_bytes()) && best.is_none_or(|b| s.len() > b.len()) {
            best = Some(s);
        }
    }
    if let Some(s) = best {
        let stem = w.len() - s.len();
        let ok = if s == "ion" {
            stem > 0 && matches!(w[stem - 1], b's' | b't')
        } else {
            true
        };
        if ok && measure(&w, stem) > 1 {
            w.truncate(stem);
        }
    }
    // Step 5a
    if w.ends_with(b"e") {
        let stem = w.len() - 1;
        let m = measure(&w, stem);
        if m > 1 || (m == 1 && !cvc(&w, stem)) {
            w.pop();
        }
    }
    // Step 5b
    if measure(&w, w.len()) > 1 && double_cons(&w, w.len()) && w.ends_with(b"l") {
        w.pop();
    }
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porter_examples() {
        let cases = [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("generalization", "gener"),
            ("hopefulness", "hope"),
            ("electrical", "electr"),
            ("adjustment", "adjust"),
            ("controlling", "control"),
            ("transfers", "transfer"),
            ("transferred", "transfer"),
            ("charges", "charg"),
            ("charged", "charg"),
            ("arrived", "arriv"),
            ("arrival", "arriv"),
        ];
        for (w, s) in cases {
            assert_eq!(porter_stem(w), s, "{w}");
        }
    }

    #[test]
    fn strips_boilerplate() {
        let t = analyze(
            "Hi team,\nMy card has not arrived. See https://x.com/a or mail a.b@c.com.\n\
             Ticket #1234\nBest regards,\nJohn Smith\nSent from my iPhone",
        );
        assert_eq!(
            t,
            vec![
                "card",
                "_card_not",
                "not",
                "_not_arriv",
                "arriv",
                "see",
                "_see_mail",
                "mail"
            ]
        );
    }

    #[test]
    fn thanks_signature() {
        assert_eq!(
            analyze("Where is my card? Thanks, Bob"),
            vec!["where", "_where_card", "card"]
        );
        assert_eq!(analyze("thank you for the transfer"), vec!["transfer"]);
    }

    #[test]
    fn nfkc_and_case() {
        assert_eq!(analyze("ＣＡＲＤ"), analyze("card"));
        assert_eq!(normalize("Ｆｉｌｅ"), "file");
    }

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
}
