//! A request's generated title: the need of its most central item, neutral and stable.
//!
//! Neutral: a title is read by every PM and may reach other customers, so it never carries a
//! customer's name, company, e-mail, phone number, link or ticket number. The ticket furniture
//! and contact details go with [`super::boilerplate::need_excerpt`]; what is left are names
//! written inside the need ("Initech wants single sign-on"), which are taken out by what Sift
//! knows: the names of the corpus's accounts and contacts ([`KnownNames`]).
//!
//! Stable: the title follows the need it names, not the item that happens to be most central
//! after the last join; [`same_need`] tells whether two titles name one need.

use std::collections::HashSet;

use super::text;

/// Words that end a company's legal name and carry no identity of their own.
const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "incorporated",
    "ltd",
    "ltd.",
    "limited",
    "llc",
    "llp",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "s.a.",
    "bv",
    "b.v.",
    "nv",
    "oy",
    "ab",
    "as",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "company",
    "group",
    "holdings",
    "pty",
    "kk",
    "k.k.",
    "srl",
    "spa",
    "&",
];

/// Endings of Chinese company names ("华为技术有限公司" is "华为" to its customers' staff).
const CJK_COMPANY_SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团",
    "公司",
    "科技",
    "技术",
    "网络",
    "信息",
    "软件",
    "银行",
    "(中国)",
    "（中国）",
];

/// Top-level domains that make a bare "word.tld/..." a link rather than a term ("node.js").
const TLDS: &[&str] = &[
    "com", "net", "org", "io", "co", "cn", "uk", "de", "fr", "jp", "example", "info", "biz", "app",
    "dev", "ai", "us", "eu", "hk", "tw", "sg", "in", "au", "ca", "nl", "es", "it", "ru", "br",
    "me", "tv", "cloud", "tech", "site", "online", "xyz",
];

/// Names of customers (account and contact names) a title must not contain.
#[derive(Debug, Default, Clone)]
pub struct KnownNames {
    /// Lower-case word sequences of Latin-script names and company cores.
    phrases: HashSet<Vec<String>>,
    /// Longest phrase, in words.
    longest: usize,
    /// Single words of person names and first words of company names, lower case: dropped
    /// where the text writes them capitalised ("Jo", "Initech's"), so "will" survives a
    /// contact named Will.
    capitalised: HashSet<String>,
    /// Chinese names and company cores (2+ characters), matched as substrings.
    cjk: Vec<String>,
}

impl KnownNames {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a company's name.
    pub fn add_company(&mut self, name: &str) {
        self.add(name, true);
    }

    /// Add a person's name (a contact's).
    pub fn add_person(&mut self, name: &str) {
        self.add(name, false);
    }

    /// Whether [`neutralise`] would take one of these names out of `text`.
    /// Asks only what [`neutralise`] would find, without making its excerpt: a page's titles are
    /// checked against every name on the page on each read.
    pub fn mentions(&self, text: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let toks: Vec<&str> = text.split_whitespace().filter(|t| kept_token(t)).collect();
        if toks
            .iter()
            .any(|t| self.cjk.iter().any(|n| t.contains(n.as_str())))
        {
            return true;
        }
        let keys: Vec<String> = toks.iter().map(|t| bare(t)).collect();
        self.dropped(&toks, &keys).contains(&true)
    }

    fn is_empty(&self) -> bool {
        self.phrases.is_empty() && self.capitalised.is_empty() && self.cjk.is_empty()
    }

    /// Which of the tokens `toks` (with their [`bare`] `keys`) are part of a name: phrases matched
    /// over the words, so "Harbor & Vine" is found as the phrase it is, and the single words
    /// dropped where the text writes them capitalised.
    fn dropped<T: AsRef<str>>(&self, toks: &[T], keys: &[String]) -> Vec<bool> {
        let mut drop = vec![false; toks.len()];
        let at: Vec<usize> = (0..toks.len()).filter(|&i| !keys[i].is_empty()).collect();
        let words: Vec<String> = at.iter().map(|&i| keys[i].clone()).collect();
        for w in 0..words.len() {
            for n in (1..=self.longest.min(words.len() - w)).rev() {
                if self.phrases.contains(&words[w..w + n]) {
                    drop[at[w]..=at[w + n - 1]]
                        .iter_mut()
                        .for_each(|d| *d = true);
                    break;
                }
            }
        }
        for (i, tok) in toks.iter().enumerate() {
            let starts_upper = tok
                .as_ref()
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(|c: char| c.is_uppercase());
            if starts_upper && self.capitalised.contains(&keys[i]) {
                drop[i] = true;
            }
        }
        drop
    }

    fn add(&mut self, name: &str, company: bool) {
        let norm = text::normalize(name);
        let norm = norm.trim();
        if norm.is_empty() {
            return;
        }
        if norm.chars().any(is_cjk) {
            let full: String = norm.chars().filter(|c| !c.is_whitespace()).collect();
            let mut core = full.clone();
            if company {
                loop {
                    let before = core.len();
                    for s in CJK_COMPANY_SUFFIXES {
                        if let Some(stripped) = core.strip_suffix(s)
                            && stripped.chars().count() >= 2
                        {
                            core = stripped.to_owned();
                        }
                    }
                    if core.len() == before {
                        break;
                    }
                }
            }
            for n in [full, core] {
                if n.chars().count() >= 2 && !self.cjk.contains(&n) {
                    self.cjk.push(n);
                }
            }
            // Longest first, so a full name goes before its core.
            self.cjk
                .sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
            // Mixed names ("Acme 中国") also have Latin words.
        }
        let mut words: Vec<String> = norm
            .split_whitespace()
            .map(bare)
            .filter(|w| !w.is_empty() && !w.chars().any(is_cjk))
            .collect();
        if company
            && words.len() > 1
            && words
                .last()
                .is_some_and(|w| COMPANY_SUFFIXES.contains(&w.as_str()))
        {
            // The whole name too ("Tessellate GmbH"), not only its core ("Tessellate").
            self.longest = self.longest.max(words.len());
            self.phrases.insert(words.clone());
        }
        if company {
            while words.len() > 1
                && words
                    .last()
                    .is_some_and(|w| COMPANY_SUFFIXES.contains(&w.as_str()))
            {
                words.pop();
            }
        }
        if words.is_empty() {
            return;
        }
        if company {
            if words[0].chars().count() >= 3 {
                self.capitalised.insert(words[0].clone());
            }
        } else {
            for w in &words {
                if w.chars().count() >= 2 {
                    self.capitalised.insert(w.clone());
                }
            }
        }
        self.longest = self.longest.max(words.len());
        self.phrases.insert(words);
    }
}

/// A word without surrounding punctuation or a possessive, lower case.
fn bare(word: &str) -> String {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && !is_cjk(c));
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    w.to_lowercase()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A link written without a scheme: "portal.acme.io/t/5521", "acme.example".
fn is_bare_link(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let host = t.split('/').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2
        || labels
            .iter()
            .any(|l| l.is_empty() || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        return false;
    }
    let tld = labels[labels.len() - 1].to_ascii_lowercase();
    TLDS.contains(&tld.as_str())
        || (t.contains('/') && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The neutral title for an item (its title, or its body's need when it has none), at most
/// `max_chars` characters. Empty when nothing but names and contact details is left.
pub fn neutral_title(title: &str, body: &str, names: &KnownNames, max_chars: usize) -> String {
    neutral_title_recurring(title, body, names, max_chars, &|_| 0)
}

/// [`neutral_title`], also without the sentences the corpus taught are furniture
/// (`furniture`: they recur across items, "麻烦看一下下面的问题。", a help desk's new footer),
/// unless nothing else is left. (Tests ask it yes or no; the service tells it how often.)
#[cfg(test)]
pub fn neutral_title_without(
    title: &str,
    body: &str,
    names: &KnownNames,
    max_chars: usize,
    furniture: &dyn Fn(&str) -> bool,
) -> String {
    neutral_title_recurring(title, body, names, max_chars, &|s| u16::from(furniture(s)))
}

/// [`neutral_title`], also without the sentences the corpus taught are furniture, told how
/// often each recurs (`recurs`: the items the corpus saw it in, 0 when it is not furniture,
/// [`crate::domain::cluster::Lexical::furniture_count`]): when every sentence recurs, the
/// need asked often in the same words stays and the sign-off that recurs far more goes
/// ([`super::boilerplate::without_recurring`]).
pub fn neutral_title_recurring(
    title: &str,
    body: &str,
    names: &KnownNames,
    max_chars: usize,
    recurs: &dyn Fn(&str) -> u16,
) -> String {
    neutral_title_shared(title, body, names, max_chars, recurs, &|_| true)
}

/// [`neutral_title_recurring`], also without the sentences the request's other items do not
/// say (`shared`: false for those, [`crate::domain::cluster::Lexical::said_by_others`]), when
/// some sentence is shared: a title names what the request's items have in common, and a
/// sentence only the central item holds is furniture the corpus saw too rarely to learn
/// ("请在原渠道回复客户。") or that item's own aside.
pub fn neutral_title_shared(
    title: &str,
    body: &str,
    names: &KnownNames,
    max_chars: usize,
    recurs: &dyn Fn(&str) -> u16,
    shared: &dyn Fn(&str) -> bool,
) -> String {
    let title = without_reply_marks(title);
    let source = if title.trim().is_empty() { body } else { title };
    // Chinese text runs on without spaces: a space after its punctuation lets an e-mail or
    // phone number go without taking the need before it along.
    let mut spaced = String::with_capacity(source.len() + 8);
    for c in source.chars() {
        spaced.push(c);
        if matches!(c, '，' | '。' | '；' | '：' | '、' | '！' | '？') {
            spaced.push(' ');
        }
    }
    let (above, below) = super::boilerplate::need_excerpt_lines_and_below(&spaced, true);
    let prepared = |lines: &[String]| -> Vec<String> {
        lines
            .iter()
            .map(|l| without_courtesy_tails(without_furniture_tail(l, recurs)))
            .collect()
    };
    let mut lines = prepared(&above);
    // Every sentence above a rule is furniture (a survey tool's notification above "---"):
    // the need is under it, as the analysis reads it, when something there is not.
    let furniture_only = |lines: &[String]| {
        lines.iter().all(|l| {
            super::text::sentence_pieces(l)
                .iter()
                .all(|p| p.trim().is_empty() || recurs(p.trim()) > 0)
        })
    };
    if !below.is_empty() && furniture_only(&lines) {
        let under = prepared(&below);
        if !furniture_only(&under) {
            lines = under;
        }
    }
    // Names on lines of their own ("Patrick", "Daniel Jones (Acme Logistics Ltd)", "Attendees:
    // Dmitri Anderson (HR Business Partner), Sven (CSM)", "韩文博"): no title of a need, when
    // it has one.
    if lines.iter().any(|l| !is_name_line(l)) {
        lines.retain(|l| !is_name_line(l));
    }
    // What introduces the writer goes from a sentence that goes on to say more ("客户吴梓萱来电，
    // 已核实身份。"), as the analysis drops it; a field's label goes from its value ("Description:
    // I was unable to activate my card.", "客户原话：“…”").
    let lines: Vec<String> = lines
        .iter()
        .map(|l| without_label(&without_introductions(&without_bracketed_names(l))).to_owned())
        .filter(|l| l.chars().any(char::is_alphanumeric))
        .collect();
    // An unshared sentence counts as seen once: kept when every sentence is furniture or
    // unshared, and furniture goes before it.
    let excerpt = super::boilerplate::without_recurring(&lines, &|s| match recurs(s) {
        0 if says_no_need(s) => u16::MAX,
        0 if !shared(s) => 1,
        n => n,
    });
    let mut title = neutralise(&excerpt, names, max_chars);
    for p in ['，', '。', '；', '：', '、', '！', '？'] {
        title = title.replace(&format!("{p} "), &p.to_string());
    }
    title
}

/// `line` with each sentence's trailing courtesy cut, as the analysis cuts it
/// ([`super::text::without_exchange_tail`]): "今天我需要带雨伞吗，也可以直接打我电话。" ->
/// "今天我需要带雨伞吗。".
fn without_courtesy_tails(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for piece in super::text::sentence_pieces(line) {
        let body = piece.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '）');
        let kept = super::text::without_exchange_tail(body);
        if kept.len() == body.len() {
            out.push_str(piece);
        } else {
            out.push_str(kept);
            out.push_str(&piece[body.len()..]);
        }
    }
    out
}

/// A sentence a title leaves out whatever the corpus says of it. Those the analysis drops
/// (`text::need_sentences`) are never counted, so the corpus cannot teach that they are
/// furniture: one that only introduces the writer ("我是客户这边的对接人。", "This is Jo from
/// Initech."), and one about the exchange alone ("期待您的回复。", "详情见下文。"). And one with no
/// content word ("麻烦了。", "Thanks so much!") says nothing a title needs.
fn says_no_need(sentence: &str) -> bool {
    let normalized = super::text::normalize(sentence);
    super::boilerplate::without_introduction(&normalized).is_empty()
        || super::boilerplate::is_exchange_sentence(&normalized)
        || (super::text::content_words(sentence) == 0
            && sentence.chars().filter(|c| c.is_alphanumeric()).count() > 1)
        || chases_a_reply(&normalized)
}

/// A short sentence that only chases an answer ("Bumping this.", "Still waiting for a reply.",
/// "Any update?", "顶一下", "还是没人回复。"): the customer's nudge above the mail that holds the
/// need. The analysis keeps it (the mail below may be the agent's), so the corpus learns it only
/// once it has recurred; a title leaves it out from the first, and keeps it only when nothing
/// else is said. A sentence that goes on to name something ("Any update on the PDF export?")
/// says more than a nudge and stays.
fn chases_a_reply(normalized: &str) -> bool {
    const CUES: &[&str] = &[
        "bump",
        "still waiting",
        "following up",
        "follow up",
        "checking in",
        "any update",
        "any news",
        "haven't heard",
        "have not heard",
        "no reply",
        "no response",
        "resending",
        "顶一下",
        "再次发送",
        "重新发送",
        "还没回复",
        "没有回复",
        "没人回复",
        "还没人回",
        "有进展吗",
        "催一下",
    ];
    // What the sentence says besides its cues (a copy only once one is found): next to nothing
    // in a nudge.
    let mut rest = std::borrow::Cow::Borrowed(normalized);
    for c in CUES {
        if rest.contains(c) {
            rest = rest.replace(c, " ").into();
        }
    }
    matches!(rest, std::borrow::Cow::Owned(_)) && super::text::content_words(&rest) <= 2
}

/// A mail subject without its reply and forward marks ("Re: Export" -> "Export", "RE: FW: ",
/// "回复：", "转发:"): the mail program wrote them, and a title is the need.
fn without_reply_marks(subject: &str) -> &str {
    let mut s = subject.trim_start();
    while let Some(rest) = super::boilerplate::REPLY_MARKS.iter().find_map(|m| {
        s.get(..m.len())
            .filter(|head| head.eq_ignore_ascii_case(m))
            .and_then(|_| s[m.len()..].trim_start().strip_prefix([':', '：']))
    }) {
        s = rest.trim_start();
    }
    s
}

/// Whether `name` is a company's name by its ending ("石家庄冀商连锁超市有限公司", "招商银行",
/// "Acme Logistics Ltd"): a lone legal suffix ("Ltd") is not.
pub(crate) fn is_company_name(name: &str) -> bool {
    let name = name.trim();
    let last = name.split_whitespace().last().unwrap_or("").to_lowercase();
    ["公司", "集团", "银行"].iter().any(|s| name.ends_with(s))
        || (name.split_whitespace().count() >= 2
            && COMPANY_SUFFIXES.contains(&last.as_str())
            && last != "&")
}

/// `line` without what stands in brackets when it is a company or a Chinese name ("周例会（石家庄
/// 冀商连锁超市有限公司）", "Call with Keystone Manufacturing Ltd (Acme Logistics Ltd)"): a
/// customer's, whoever wrote it.
fn without_bracketed_names(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find(['(', '（']) {
        let inner_at = open + rest[open..].chars().next().map_or(1, char::len_utf8);
        let Some(len) = rest[inner_at..].find([')', '）']) else {
            break;
        };
        let inner = rest[inner_at..inner_at + len].trim();
        let close = inner_at
            + len
            + rest[inner_at + len..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
        if is_company_name(inner) || super::boilerplate::is_cjk_name_line(inner) {
            out.push_str(rest[..open].trim_end());
        } else {
            out.push_str(&rest[..close]);
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// `line` with each sentence's opening clause left out where it only introduces the writer
/// and the sentence goes on ([`super::boilerplate::without_introduction`]).
fn without_introductions(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut start = 0;
    let ends = text::sentence_marks(line)
        .map(|(i, c)| i + c.len_utf8())
        .chain(std::iter::once(line.len()));
    for end in ends {
        if end <= start {
            continue;
        }
        let sentence = &line[start..end];
        start = end;
        let normal = text::normalize(sentence);
        let rest = super::boilerplate::without_introduction(&normal);
        match sentence.find([',', '，']) {
            Some(at) if !rest.is_empty() && rest.len() < normal.trim().len() => {
                let after = &sentence[at..];
                out.push_str(after[after.chars().next().map_or(0, char::len_utf8)..].trim_start());
            }
            _ => out.push_str(sentence),
        }
    }
    out
}

/// `line` without a field's label before a value that says something ("Description: …",
/// `Customer's words: "…"`, "问题描述：…", "客户原话：“…”"), and without the quotes around it.
fn without_label(line: &str) -> &str {
    let Some(at) = line.find([':', '：']) else {
        return line;
    };
    // A note in brackets is part of the label ("Transcription (confidence 0.79): …").
    let label = match line[..at].split_once(['(', '（']) {
        Some((head, note)) if note.trim_end().ends_with([')', '）']) => head,
        _ => &line[..at],
    };
    let value = line[at..]
        .trim_start_matches([':', '：'])
        .trim()
        .trim_start_matches(['"', '“', '「', '\''])
        .trim_end_matches(['"', '”', '」', '\''])
        .trim();
    let label_words = label.split_whitespace().count();
    let label_cjk = label.chars().filter(|&c| is_cjk(c)).count();
    let value_words =
        value.split_whitespace().count() + value.chars().filter(|&c| is_cjk(c)).count() / 2;
    // A courtesy before the colon ("有个问题想咨询一下：…") introduces the need as a label does.
    let short_label = label.chars().any(char::is_alphabetic)
        && !label.chars().any(|c| c.is_ascii_digit())
        && if label_cjk > 0 {
            (label_cjk <= 6 && label_words <= 1)
                || super::boilerplate::is_exchange_sentence(&super::text::normalize(label))
        } else {
            (1..=3).contains(&label_words)
        };
    if short_label && value_words >= 3 {
        value
    } else {
        line
    }
}

/// A line of capitalised words only (names, companies, job titles), with no Chinese and no
/// question, or a Chinese name ([`super::boilerplate::is_cjk_name_line`]): in a ticket's need
/// lines, a signature or a list of people.
fn is_name_line(line: &str) -> bool {
    if super::boilerplate::is_cjk_name_line(line) {
        return true;
    }
    const JOINS: &[&str] = &[
        "of", "and", "the", "de", "van", "von", "der", "la", "le", "&",
    ];
    let words: Vec<&str> = line
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '&'))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && !line.contains('?')
        && !line.chars().any(is_cjk)
        && words.iter().any(|w| w.chars().any(char::is_alphabetic))
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || JOINS.contains(w))
}

/// `line` without a tail that is furniture when no sentence mark sets it apart: a request's
/// stored title is its first item's need lines joined by spaces ("设置闹钟在上午6点 期待您的回
/// 复。"), and a flattened ticket runs its sign-off into the need the same way. A tail starts
/// where a line would (a capital or a CJK character after a space); the longest one that
/// recurs goes, unless what stands before it recurs as often (half as often or more; each by
/// its least counted sentence).
fn without_furniture_tail<'a>(line: &'a str, recurs: &dyn Fn(&str) -> u16) -> &'a str {
    let starts = line.char_indices().filter(|&(i, c)| {
        i > 0 && (c.is_uppercase() || is_cjk(c)) && line[..i].ends_with(char::is_whitespace)
    });
    for (i, _) in starts {
        // A head of stop words or digits ("Can", "2") is no need left standing: the tail is
        // the rest of its sentence ("Can I get a new card?"). Nor does a sentence start after
        // a stop word ("Issue: Can | I get a new card?", "How can I get a Visa and |
        // Mastercard?"): the tail is the same sentence going on.
        let last = line[..i].split_whitespace().last().unwrap_or("");
        let goes_on =
            last.chars().all(|c| c.is_alphabetic() && !is_cjk(c)) && text::analyze(last).is_empty();
        if goes_on || text::analyze(&line[..i]).is_empty() {
            continue;
        }
        let tail = recurs(line[i..].trim());
        if tail > 0 {
            let head = recurs(line[..i].trim());
            if head == 0 || tail > head.saturating_mul(2) {
                return line[..i].trim_end();
            }
        }
    }
    line
}

/// Whether a token of an excerpt can stay in a title: links and ticket ids never do.
fn kept_token(t: &str) -> bool {
    !is_bare_link(t) && !super::boilerplate::is_ticket_id(t)
}

/// Take names, links and ticket ids out of an excerpt, and cut it to `max_chars`.
pub fn neutralise(excerpt: &str, names: &KnownNames, max_chars: usize) -> String {
    let mut toks: Vec<String> = excerpt
        .split_whitespace()
        .filter(|t| kept_token(t))
        .map(str::to_owned)
        .collect();
    // Chinese names inside words (no spaces in Chinese text).
    for name in &names.cjk {
        for t in toks.iter_mut() {
            if t.contains(name.as_str()) {
                *t = t.replace(name.as_str(), "");
            }
        }
    }
    let keys: Vec<String> = toks.iter().map(|t| bare(t)).collect();
    let mut drop = names.dropped(&toks, &keys);
    drop_given_names(&toks, &keys, &mut drop);
    let kept: Vec<&str> = toks
        .iter()
        .zip(&drop)
        .filter(|(t, d)| !**d && t.chars().any(|c| c.is_alphanumeric()))
        .map(|(t, _)| t.as_str())
        .collect();
    let mut line = kept.join(" ");
    // "Initech wants single sign-on" reads "Wants single sign-on".
    if drop.first() == Some(&true) {
        let mut chars = line.chars();
        if let Some(first) = chars.next().filter(char::is_ascii_lowercase) {
            line = first.to_ascii_uppercase().to_string() + chars.as_str();
        }
    }
    let line = line.trim_start_matches(|c: char| !c.is_alphanumeric() && !is_cjk(c));
    let line = line.trim_end_matches([',', ';', ':', '-', '—', '，', '、', '：']);
    match line.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line.to_owned(),
    }
}

/// Marks the given names of `toks` ([`text::is_given_name`]) in `drop`, each with the
/// capitalised word right after it (its surname: "Chris Wilson", "Mei Lee"): names the corpus's
/// accounts and contacts do not know, an agent's or a colleague's in the ticket's own words.
fn drop_given_names(toks: &[String], keys: &[String], drop: &mut [bool]) {
    let mut i = 0;
    while i < toks.len() {
        // Whoever is greeted or thanked is named, whether the list knows the name or not
        // ("Hi Haruto,", "Thanks Wanjiru,").
        let addressed = i > 0
            && ADDRESSING.contains(&keys[i - 1].as_str())
            && !toks[i - 1].ends_with(|c: char| !c.is_alphanumeric())
            && toks[i].starts_with(|c: char| c.is_uppercase())
            && !text::is_stop_word(&keys[i]);
        if !addressed && !text::is_given_name(&keys[i]) {
            i += 1;
            continue;
        }
        drop[i] = true;
        // A mark after the name ("Mia,", "Emma.") ends it.
        let ends = toks[i].ends_with(|c: char| !c.is_alphanumeric());
        let surname = toks.get(i + 1).filter(|next| {
            !ends
                && next.starts_with(|c: char| c.is_uppercase())
                && next.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !text::is_stop_word(&keys[i + 1])
        });
        i += if surname.is_some() {
            drop[i + 1] = true;
            2
        } else {
            1
        };
    }
}

/// Words a name follows when someone is greeted or thanked ([`drop_given_names`]).
const ADDRESSING: &[&str] = &["hi", "hello", "hey", "dear", "thanks", "thank", "cheers"];

/// `text` cut to at most `max_chars` characters. A cut ends after the last whole sentence that
/// fits when that keeps at least half the limit, else at the limit with "…": a title made once
/// and read later (a request's stored title) then holds no half sentence, which the furniture
/// test ([`neutral_title_recurring`]) could not recognise ("… Let me know if you need …").
pub fn cut_title(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_owned(),
        Some((limit, _)) => whole_sentences(&text[..limit], max_chars / 2)
            .map(str::to_owned)
            .unwrap_or_else(|| format!("{}…", &text[..limit])),
    }
}

/// A title stored before [`cut_title`] (cut at the limit, ending in "…"): its whole sentences,
/// when they are at least half of it; else the title as it is.
pub fn without_cut_sentence(stored: &str) -> &str {
    stored
        .strip_suffix('…')
        .and_then(|cut| whole_sentences(cut, cut.chars().count() / 2))
        .unwrap_or(stored)
}

/// `text` up to the end of its last whole sentence, when that is at least `min_chars` long.
fn whole_sentences(text: &str, min_chars: usize) -> Option<&str> {
    let end = text
        .char_indices()
        .filter(|&(_, c)| matches!(c, '。' | '！' | '？' | '.' | '!' | '?'))
        .map(|(i, c)| i + c.len_utf8())
        // A full stop ends a sentence only before a space ("v2.1", "e.g.x" go on).
        .rfind(|&end| {
            !text[..end].ends_with('.')
                || text[end..].chars().next().is_none_or(char::is_whitespace)
        })?;
    Some(text[..end].trim_end()).filter(|s| s.chars().count() >= min_chars.max(1))
}

/// Whether two titles name one need: they share most of their terms (stemmed, stop words
/// and furniture out). A join of a near-duplicate keeps a request's title; a request whose
/// centre has moved to another need gets a new one.
pub fn same_need(a: &str, b: &str) -> bool {
    let ta: HashSet<String> = text::analyze(a).into_iter().collect();
    let tb: HashSet<String> = text::analyze(b).into_iter().collect();
    if ta.is_empty() || tb.is_empty() {
        return ta.is_empty() && tb.is_empty();
    }
    let shared = ta.intersection(&tb).count();
    // Of the shorter title's terms, at least half are in the other.
    shared * 2 >= ta.len().min(tb.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known(companies: &[&str], people: &[&str]) -> KnownNames {
        let mut k = KnownNames::new();
        companies.iter().for_each(|c| k.add_company(c));
        people.iter().for_each(|p| k.add_person(p));
        k
    }

    #[test]
    fn company_in_the_need_is_taken_out() {
        let k = known(&["Initech Inc."], &["Peter Gibbons"]);
        let t = neutral_title(
            "",
            "Initech wants single sign-on with Okta for all staff",
            &k,
            100,
        );
        assert_eq!(t, "Wants single sign-on with Okta for all staff");
        let t = neutral_title(
            "",
            "Peter from Initech's IT team: we need SAML login",
            &k,
            100,
        );
        assert!(!t.contains("Peter") && !t.contains("Initech"), "{t}");
    }

    #[test]
    fn a_need_under_a_rule_below_furniture_is_the_title() {
        let text = "You've received a new response to Customer feedback 2024.\n---\nWhat could \
                    we have done better?\nDark mode for the dashboard.\n---\nView all responses.";
        let furniture = |s: &str| {
            let s = s.to_lowercase();
            u16::from(s.contains("new response") || s.contains("done better"))
        };
        let none = KnownNames::new();
        assert_eq!(
            neutral_title_recurring("", text, &none, 100, &furniture),
            "Dark mode for the dashboard."
        );
        // While the heading is not known to be furniture, it is the title.
        assert_eq!(
            neutral_title_recurring("", text, &none, 100, &|_| 0),
            "You've received a new response to Customer feedback 2024."
        );
    }

    #[test]
    fn given_names_nobody_registered_leave_the_title_with_their_surname() {
        let none = KnownNames::new();
        for (text, name) in [
            (
                "Escalated by Chris Wilson: exports to PDF time out",
                "Chris",
            ),
            (
                "Siobhan Petrov asked whether exports can be scheduled weekly",
                "Petrov",
            ),
            (
                "Thanks Mia, the PDF export times out on large reports",
                "Mia",
            ),
            // Names no list holds, greeted or thanked.
            (
                "Why has my PDF export been denied? Thanks Wanjiru, I see the call dropped",
                "Wanjiru",
            ),
            (
                "The PDF export is blank. Hi Haruto, could you check again",
                "Haruto",
            ),
        ] {
            let t = neutral_title("", text, &none, 100);
            assert!(!t.contains(name), "{t}");
            assert!(
                t.contains("PDF") || t.contains("scheduled"),
                "the need stays: {t}"
            );
        }
        // A word that is also a name is kept ("Will", "Grace"), and so is what follows a
        // name's closing mark.
        let t = neutral_title(
            "",
            "Will the grace period apply? Ask Priya. Billing says no",
            &none,
            100,
        );
        assert!(t.starts_with("Will the grace period apply?"), "{t}");
        assert!(!t.contains("Priya") && t.contains("Billing"), "{t}");
    }

    #[test]
    fn known_names_tell_whether_a_text_mentions_them() {
        let k = known(
            &["华为技术有限公司", "Harbor & Vine"],
            &["张伟", "Will Smith"],
        );
        assert!(k.mentions("这边张伟反馈：希望支持导出PDF报表"));
        assert!(k.mentions("华为要导出PDF"));
        assert!(k.mentions("Like Harbor & Vine we need dark mode"));
        assert!(k.mentions("Will asked for SSO"));
        // A name's word written as an ordinary word is not the name.
        assert!(!k.mentions("we will need SSO"));
        assert!(!k.mentions("希望支持导出PDF报表"));
        assert!(!KnownNames::new().mentions("Will asked for SSO"));
        // The check answers what `neutralise` does with and without the names.
        for text in [
            "这边张伟反馈：希望支持导出PDF报表",
            "Harbor & Vine's team: dark mode please",
            "harbor & vine need dark mode",
            "See https://harborvine.example/t/1 for SSO",
            "Smith, Will: SSO (Ticket #4411)",
            "WILL SMITH asked",
            "",
        ] {
            let differs =
                neutralise(text, &k, usize::MAX) != neutralise(text, &known(&[], &[]), usize::MAX);
            assert_eq!(k.mentions(text), differs, "{text}");
        }
    }

    #[test]
    fn names_in_brackets_introductions_and_labels_leave_the_title() {
        let k = KnownNames::new();
        let t = neutral_title(
            "",
            "会议纪要 —— 周例会（石家庄冀商连锁超市有限公司）\n客户原话：导出报表为PDF",
            &k,
            100,
        );
        assert!(!t.contains("冀商"), "{t}");
        let t = neutral_title(
            "",
            "客户吴梓萱来电，已核实身份。\n我需要带雨衣吗？",
            &k,
            100,
        );
        assert!(!t.contains("吴梓萱"), "{t}");
        assert!(t.contains("我需要带雨衣吗？"), "{t}");
        let t = neutral_title(
            "",
            "Description: I was unable to activate my card.",
            &k,
            100,
        );
        assert_eq!(t, "I was unable to activate my card.");
        // A note in brackets belongs to the label, digits and all.
        let t = neutral_title(
            "",
            "Transcription (confidence 0.79): I need money put into this account.",
            &k,
            100,
        );
        assert_eq!(t, "I need money put into this account.");
        // A time before a colon is no label.
        let t = neutral_title("", "At 10:30 the export to PDF failed again", &k, 100);
        assert_eq!(t, "At 10:30 the export to PDF failed again");
        let t = neutral_title(
            "",
            "客户原话：“给 当前 小说 评分 为 6分 中 的 3分”",
            &k,
            100,
        );
        assert_eq!(t, "给 当前 小说 评分 为 6分 中 的 3分");
        let t = neutral_title(
            "",
            "Call with Jo (Acme Logistics Ltd): export to PDF",
            &k,
            100,
        );
        assert!(!t.contains("Acme"), "{t}");
        // What stands in brackets otherwise stays, and a label of a short value too.
        let t = neutral_title(
            "",
            "Export fails (since the update) for large files",
            &k,
            100,
        );
        assert_eq!(t, "Export fails (since the update) for large files");
        assert_eq!(
            neutral_title("", "Priority: High", &k, 100),
            "Priority: High"
        );
    }

    #[test]
    fn a_recurring_sentence_leaves_no_stump() {
        // "I get a new card?" recurs: cut off "Can", a stop word would be the title.
        let recurs = |s: &str| u16::from(s.starts_with("I get")) * 9;
        let k = KnownNames::new();
        let t = neutral_title_recurring("", "Can I get a new card?", &k, 100, &recurs);
        assert_eq!(t, "Can I get a new card?");
        // A version's point ends no sentence, so "2 When …" is not one.
        let recurs = |s: &str| u16::from(s.starts_with("When can")) * 9;
        let t = neutral_title_recurring(
            "",
            "Safari 17.2 When can I expect my card?",
            &k,
            100,
            &recurs,
        );
        assert_eq!(t, "Safari 17.2");
        // Nor is a sentence started after a stop word: behind a field's label, or after "and".
        let recurs = |s: &str| u16::from(s.starts_with("I get") || s.starts_with("Mastercard")) * 9;
        let t = neutral_title_recurring("", "Issue: Can I get a new card?", &k, 100, &recurs);
        assert_eq!(t, "Can I get a new card?");
        let t = neutral_title_recurring(
            "",
            "How can I get a Visa and Mastercard? Looking forward to hearing from you.",
            &k,
            100,
            &|s: &str| u16::from(s.starts_with("Mastercard") || s.starts_with("Looking")) * 9,
        );
        assert_eq!(t, "How can I get a Visa and Mastercard?");
    }

    #[test]
    fn an_exclamation_beside_a_need_asked_often_is_no_title() {
        let k = KnownNames::new();
        // The need recurs (asked often in the same words); "Now!" says nothing (a stop word).
        let recurs = |s: &str| u16::from(s.starts_with("Delete my account")) * 40;
        let t = neutral_title_recurring("", "Delete my account please. Now!", &k, 100, &recurs);
        assert_eq!(t, "Delete my account please.");
        // A need of one content word beside furniture stays the title, the furniture goes.
        let recurs = |s: &str| u16::from(s.starts_with("I can jump on a call")) * 233;
        let t = neutral_title_recurring(
            "",
            "i have yet to get my pin\n\nI can jump on a call if that's easier.",
            &k,
            100,
            &recurs,
        );
        assert_eq!(t, "i have yet to get my pin");
    }

    #[test]
    fn an_abbreviation_ends_no_sentence() {
        let k = KnownNames::new();
        // Split at "U.", the sentence before it was not shared and went.
        let shared = |s: &str| s.contains("Delivery");
        let t = neutral_title_shared(
            "",
            "What's the U.S. Delivery time?",
            &k,
            100,
            &|_| 0,
            &shared,
        );
        assert_eq!(t, "What's the U.S. Delivery time?");
    }

    /// The title of a body alone: no names known, nothing learned from a corpus.
    fn plain_title(body: &str) -> String {
        neutral_title_recurring("", body, &KnownNames::new(), 100, &|_| 0)
    }

    #[test]
    fn a_sentence_with_no_content_word_leaves_the_title() {
        assert_eq!(
            plain_title("添加 当前 这 本 书 五颗 星。麻烦了。"),
            "添加 当前 这 本 书 五颗 星。"
        );
    }

    #[test]
    fn a_nudge_above_the_need_leaves_the_title() {
        assert_eq!(
            plain_title(
                "Bumping this. Still waiting for a reply.\n\n> Can we export the weekly report to PDF?"
            ),
            "Can we export the weekly report to PDF?"
        );
        assert_eq!(
            plain_title("顶一下，还是没人回复。\n> 周报能不能导出成PDF？"),
            "周报能不能导出成PDF？"
        );
        // The signature of a quoted copy, a name with its team, goes with it.
        assert_eq!(
            plain_title("顶一下，还是没人回复。\n> 周报能不能导出成PDF？\n> 王伟 市场部"),
            "周报能不能导出成PDF？"
        );
        // A nudge that names its need says more than a nudge; a nudge alone is all there is.
        assert_eq!(
            plain_title("Any update on the weekly report PDF export?"),
            "Any update on the weekly report PDF export?"
        );
        assert_eq!(
            plain_title("周报导出功能有进展吗？"),
            "周报导出功能有进展吗？"
        );
        assert_eq!(
            plain_title("Still waiting for a reply."),
            "Still waiting for a reply."
        );
    }

    #[test]
    fn a_sentence_about_the_exchange_leaves_the_title() {
        assert_eq!(
            plain_title("详情见下文。请 打开 Zvooq\n也可以直接打我电话。期待您的回复。"),
            "请 打开 Zvooq"
        );
    }

    #[test]
    fn a_courtesy_before_a_colon_leaves_the_title() {
        assert_eq!(
            plain_title("有个问题想咨询一下：为 5个 人 预订 一个 受欢迎 的 餐厅。"),
            "为 5个 人 预订 一个 受欢迎 的 餐厅。"
        );
    }

    #[test]
    fn a_courtesy_run_into_the_need_leaves_the_title() {
        assert_eq!(
            plain_title("今天我需要带雨伞吗，也可以直接打我电话。"),
            "今天我需要带雨伞吗。"
        );
    }

    #[test]
    fn names_on_lines_of_their_own_leave_the_title() {
        let k = KnownNames::new();
        let t = neutral_title(
            "",
            "Call notes\nAttendees: Dmitri Anderson (HR Business Partner), Sven (CSM)\n\
             Customer asked: how do I activate my card?",
            &k,
            100,
        );
        assert!(!t.contains("Dmitri") && !t.contains("Sven"), "{t}");
        assert!(t.contains("activate my card"), "{t}");
        let t = neutral_title("", "You shorted me money at the ATM.\nAbigail", &k, 100);
        assert_eq!(t, "You shorted me money at the ATM.");
        // A title that is nothing else stays what it is.
        assert_eq!(neutral_title("Dark Mode", "", &k, 100), "Dark Mode");
    }

    #[test]
    fn a_subjects_reply_and_forward_marks_leave_the_title() {
        let k = KnownNames::new();
        assert_eq!(neutral_title("Re: Export", "", &k, 100), "Export");
        assert_eq!(
            neutral_title("RE: FW: PDF export", "", &k, 100),
            "PDF export"
        );
        assert_eq!(neutral_title("回复：导出PDF", "", &k, 100), "导出PDF");
        // A subject of marks alone gives way to the body's need.
        assert_eq!(
            neutral_title("Re:", "We need PDF export.", &k, 100),
            "We need PDF export."
        );
        // Words that merely start so stay.
        assert_eq!(
            neutral_title("Reply button missing", "", &k, 100),
            "Reply button missing"
        );
        assert_eq!(
            neutral_title("Review: dark mode", "", &k, 100),
            "Review: dark mode"
        );
    }

    #[test]
    fn lower_case_words_that_are_also_names_stay() {
        let k = known(&[], &["Will Bill"]);
        let t = neutral_title("", "we will need to bill per seat", &k, 100);
        assert_eq!(t, "we will need to bill per seat");
    }

    #[test]
    fn chinese_names_and_companies_are_taken_out() {
        let k = known(&["华为技术有限公司"], &["张伟"]);
        let t = neutral_title("", "华为这边张伟反馈：希望支持导出PDF报表", &k, 100);
        assert!(!t.contains("华为") && !t.contains("张伟"), "{t}");
        assert!(t.contains("导出PDF报表"), "{t}");
        let t = neutral_title("", "手机应用没有网络就不能用，需要离线模式", &k, 100);
        assert_eq!(t, "手机应用没有网络就不能用，需要离线模式");
    }

    #[test]
    fn links_and_ticket_ids_are_taken_out() {
        let k = KnownNames::new();
        let t = neutral_title(
            "",
            "Bulk upload via CSV see portal.acme.io/t/5521 TKT-4821 node.js works",
            &k,
            100,
        );
        assert_eq!(t, "Bulk upload via CSV see node.js works");
    }

    #[test]
    fn near_duplicates_are_one_need_and_other_needs_are_not() {
        assert!(same_need(
            "Export reports to PDF",
            "please let us export our reports as PDF"
        ));
        assert!(!same_need(
            "Export reports to PDF",
            "dark mode for the mobile app"
        ));
    }

    const NEEDS: &[&str] = &[
        "We need to export reports to PDF",
        "Please add dark mode to the mobile app",
        "Single sign-on with SAML would help our admins",
        "Bulk upload of customers via CSV",
        "希望支持导出PDF报表",
        "请增加深色模式",
    ];
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "tre", "van", "zor", "pel", "qui", "dax", "bru", "nel", "sto", "fin",
        "gar", "hul", "jex",
    ];
    const CJK_SURNAMES: &[&str] = &["张", "王", "李", "赵", "刘", "陈", "杨", "黄"];
    const CJK_GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"];
    const CJK_CORES: &[&str] = &[
        "华为", "腾讯", "阿里", "百度", "京东", "美团", "小米", "网易",
    ];

    fn word(parts: &[usize]) -> String {
        let w: String = parts
            .iter()
            .map(|&i| SYLLABLES[i % SYLLABLES.len()])
            .collect();
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    }

    fn words_of(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Over feedback written with random names, companies, e-mails, phones, links and
        /// ticket numbers in the need itself, the title contains none of them.
        #[test]
        fn titles_carry_no_customer_details(
            first in prop::collection::vec(0usize..16, 2..4),
            last in prop::collection::vec(0usize..16, 2..4),
            company in prop::collection::vec(0usize..16, 2..4),
            suffix in 0usize..4,
            need in 0usize..NEEDS.len(),
            phone in 1_000_000u64..9_999_999_999,
            ticket in 100u64..999_999,
            cjk in (0usize..8, 0usize..10, 0usize..8),
            layout in 0usize..7,
            agent in 0usize..16,
        ) {
            let (first, last, company) = (word(&first), word(&last), word(&company));
            let company_name = format!("{company} {}", ["Inc.", "Ltd", "GmbH", "Software"][suffix]);
            let person = format!("{first} {last}");
            let email = format!("{}.{}@{}.com", first.to_lowercase(), last.to_lowercase(), company.to_lowercase());
            let url = format!("https://help.{}.io/tickets/{ticket}", company.to_lowercase());
            let bare_url = format!("{}.io/t/{ticket}", company.to_lowercase());
            let cjk_person = format!("{}{}", CJK_SURNAMES[cjk.0], CJK_GIVEN[cjk.1]);
            let cjk_company = format!("{}科技有限公司", CJK_CORES[cjk.2]);
            let need_text = NEEDS[need];
            let body = match layout {
                0 => format!("{company}'s {first} here: {need_text}, call {phone} or {email}"),
                1 => format!("{person} from {company_name} says {need_text}. See {url} (ticket #{ticket}), TKT-{ticket}"),
                2 => format!("Hi,\n{need_text} for {company} - {bare_url} {email}\nBest regards,\n{person}\n{company_name}\n+1 {phone}"),
                3 => format!("{cjk_company}的{cjk_person}反馈：{need_text}，电话{phone}，{email}"),
                // A mail flattened into one line by a help desk or an export, signed by
                // people the CRM never sent: the names go by where they stand.
                4 => format!("{need_text}. Ticket #{} Best regards, {person}, Head of IT, {company_name}, +1 {phone}", ticket % 10),
                5 => format!("Hi {}, {need_text}. Thanks, {person} | {company_name} | {email}", word(&[agent, agent])),
                _ => format!("您好，{need_text}，谢谢！{cjk_person} {cjk_company} 电话：{phone}"),
            };
            let mut k = KnownNames::new();
            if layout < 4 {
                k.add_company(&company_name);
                k.add_company(&cjk_company);
                k.add_person(&person);
                k.add_person(&cjk_person);
            }
            let t = neutral_title("", &body, &k, 100);
            let ws = words_of(&t);
            for name in [&first, &last, &company, &word(&[agent, agent])] {
                prop_assert!(!ws.contains(&name.to_lowercase()), "{name} in {t:?} from {body:?}");
            }
            prop_assert!(!t.contains('@'), "e-mail in {t:?}");
            prop_assert!(!t.contains(&phone.to_string()), "phone in {t:?}");
            prop_assert!(!t.contains(&ticket.to_string()), "ticket in {t:?}");
            prop_assert!(!t.contains("://") && !t.contains(".io"), "link in {t:?}");
            prop_assert!(!t.contains(&cjk_person) && !t.contains(CJK_CORES[cjk.2]), "chinese name in {t:?}");
            prop_assert!(!t.is_empty(), "the need is left: {body:?}");
        }
    }

    #[test]
    fn learned_furniture_leaves_the_title_and_the_rest_stays_as_written() {
        let names = KnownNames::new();
        let furniture = |s: &str| s == "麻烦看一下下面的问题。" || s == "Thanks a ton for this.";
        assert_eq!(
            neutral_title_without(
                "",
                "麻烦看一下下面的问题。今天的天气怎么样？\n谢谢\n王伟 市场部",
                &names,
                100,
                &furniture
            ),
            "今天的天气怎么样？"
        );
        assert_eq!(
            neutral_title_without(
                "",
                "Upgrade to v2.1 e.g. for SSO. Thanks a ton for this.",
                &names,
                100,
                &furniture
            ),
            "Upgrade to v2.1 e.g. for SSO."
        );
        // Nothing dropped: as written.
        assert_eq!(
            neutral_title_without("", "Upgrade to v2.1 e.g. for SSO", &names, 100, &furniture),
            neutral_title("", "Upgrade to v2.1 e.g. for SSO", &names, 100)
        );
        // Every sentence furniture: the text stays (it is the need, asked in common words).
        assert_eq!(
            neutral_title_without("", "Thanks a ton for this.", &names, 100, &furniture),
            "Thanks a ton for this."
        );
    }

    #[test]
    fn a_cut_title_ends_with_a_whole_sentence() {
        let long = "Has there been any activity on my card today? Let me know if you need more \
                    information from our side about the account.";
        assert_eq!(
            cut_title(long, 60),
            "Has there been any activity on my card today?"
        );
        // A short first sentence is not the whole title: cut at the limit.
        let short_first =
            "Quick one. We need every invoice of the quarter exported as one PDF file";
        assert_eq!(
            cut_title(short_first, 40),
            "Quick one. We need every invoice of the …"
        );
        assert_eq!(
            cut_title("Upgrade to v2.1 e.g. for SSO", 100),
            "Upgrade to v2.1 e.g. for SSO"
        );
        // "v2.1" does not end a sentence.
        assert_eq!(
            cut_title("Please upgrade the importer to v2.1 so CSV files work", 40),
            "Please upgrade the importer to v2.1 so C…"
        );
        assert_eq!(
            cut_title("今天的天气怎么样？明天会下雨吗？后天呢", 17),
            "今天的天气怎么样？明天会下雨吗？"
        );
        // Titles stored before (cut at the limit) are read back to their whole sentences.
        assert_eq!(
            without_cut_sentence(
                "quick question from our side. Has there been any activity on my card today? \
                 Let me know if you need …"
            ),
            "quick question from our side. Has there been any activity on my card today?"
        );
        assert_eq!(without_cut_sentence("Dark mode"), "Dark mode");
        assert_eq!(
            without_cut_sentence("Quick one. We need every invoice …"),
            "Quick one. We need every invoice …"
        );
    }

    #[test]
    fn a_sentence_that_only_introduces_the_writer_leaves_the_title() {
        let names = KnownNames::new();
        assert_eq!(
            neutral_title(
                "",
                "你好，我是客户这边的对接人。\n今天的天气怎么样？\n谢谢\n王芳",
                &names,
                100
            ),
            "今天的天气怎么样？"
        );
        assert_eq!(
            neutral_title(
                "",
                "Hi team, this is Jo from Initech.\nWe need a PDF export of the weekly report.",
                &names,
                100
            ),
            "We need a PDF export of the weekly report."
        );
        // Nothing but an introduction: kept (there is nothing else to name the request by).
        assert_eq!(
            neutral_title("", "This is Jo from Initech.", &names, 100),
            neutral_title_without("", "This is Jo from Initech.", &names, 100, &|_| false)
        );
    }
}
