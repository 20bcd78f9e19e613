//! Boilerplate inside the lines that carry the need (URLs, e-mail addresses, ticket
//! references, greetings, sign-offs, device signatures), and the need sentences.

use super::normalize;

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
    "kr",
    "rgds",
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

/// Removes ticket furniture (the line rules of [`crate::domain::boilerplate`]), then URLs, e-mail
/// addresses, ticket references, greetings and sign-offs inside the lines that remain.
/// Input must already be normalised (lower case). Returns whitespace-joined text.
pub fn strip_boilerplate(normalized: &str) -> String {
    strip_lines(&crate::domain::boilerplate::need_lines(normalized))
}

/// [`strip_boilerplate`] of need lines the line rules kept.
fn strip_lines(lines: &[&str]) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        // The first need line without its salutation ("您好，王经理！希望…"), as titles read it:
        // so the sentence counted here is the one a title is asked about
        // ([`crate::domain::cluster::Lexical::is_furniture`]).
        let line = match li {
            0 => &line[crate::domain::boilerplate::salutation_end(line)..],
            _ => line,
        };
        let toks: Vec<&str> = line.split_whitespace().collect();
        let mut line_out: Vec<&str> = Vec::new();
        let mut signed_off = false;
        let mut i = 0;
        while i < toks.len() {
            let raw = toks[i];
            let t = raw.trim_matches(|c: char| !c.is_alphanumeric());
            // URLs, e-mails and social media handles.
            if raw.contains("://")
                || raw.starts_with("www.")
                || is_email(raw)
                || crate::domain::boilerplate::is_handle(raw)
            {
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
            // A quote header inside the line ("… on fri, nov 1, 2026 at 1:35 pm, jordan
            // <j@x.example> wrote: > hi …", "在 2026年5月11日 11:05，周小姐 写道："): a mail
            // flattened into one line, its quoted history after the need.
            if (t == "on" || t == "在")
                && (!line_out.is_empty() || !kept.is_empty())
                && toks[i + 1..]
                    .iter()
                    .take(QUOTE_HEADER_WORDS)
                    .any(|u| u.ends_with("wrote:") || u.starts_with("写道"))
            {
                break;
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

/// Words a quote header inside a line spans, at most, from "on" to "wrote:".
const QUOTE_HEADER_WORDS: usize = 14;

/// Ends a sentence for [`need_sentences`].
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n' | '。' | '！' | '？' | '；')
}

/// Where the sentences of `s` end: the byte offset of each mark that ends one ([`ends_sentence`])
/// and the mark itself. A point between digits is a decimal point or a version ("confidence
/// 0.92", "iOS 17.2"), not a sentence end; nor is a point in or after a short abbreviation of
/// letters and points ("U.S.", "e.g.", "a.m.").
pub fn sentence_marks(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = s.as_bytes();
    s.char_indices().filter(move |&(i, c)| {
        ends_sentence(c)
            && !(c == '.'
                && i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(u8::is_ascii_digit))
            && !(c == '.' && in_abbreviation(b, i))
    })
}

/// `s` cut after each of its sentence ends ([`sentence_marks`]), the marks kept, and what
/// follows the last one; together they are `s`.
pub fn sentence_pieces(s: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, c) in sentence_marks(s) {
        pieces.push(&s[start..i + c.len_utf8()]);
        start = i + c.len_utf8();
    }
    pieces.push(&s[start..]);
    pieces
}

/// Whether the point at `i` is in or ends a token like "u.s." or "e.g.": at most 6 bytes of
/// ASCII letters and points, with a point between two letters.
fn in_abbreviation(b: &[u8], i: usize) -> bool {
    let start = b[..i]
        .iter()
        .rposition(|c| !(c.is_ascii_alphabetic() || *c == b'.'))
        .map_or(0, |p| p + 1);
    let end = b[i..]
        .iter()
        .position(|c| !(c.is_ascii_alphabetic() || *c == b'.'))
        .map_or(b.len(), |p| i + p);
    let token = &b[start..end];
    token.len() <= 6
        && token
            .windows(3)
            .any(|w| w[0].is_ascii_alphabetic() && w[1] == b'.' && w[2].is_ascii_alphabetic())
}

/// `s` split at its sentence ends ([`sentence_marks`]), without the marks.
fn split_sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in sentence_marks(s) {
        out.push(&s[start..i]);
        start = i + c.len_utf8();
    }
    out.push(&s[start..]);
    out
}

/// The sentences of `text` that may carry the need: normalised, ticket furniture stripped,
/// split at sentence ends and line breaks, at labels and bars ([`split_at_fields`]) and at a
/// space between Chinese sentences ([`split_at_cjk_spaces`]); empty ones dropped.
pub fn need_sentences(text: &str) -> Vec<String> {
    sentences_of(&strip_boilerplate(&normalize(&super::without_markup(text))))
}

/// [`need_sentences`], and the sentences that may hold a need under where the line rules
/// stopped reading ([`crate::domain::boilerplate::need_lines_and_below`]).
pub fn need_sentences_and_below(text: &str) -> (Vec<String>, Vec<String>) {
    let normalized = normalize(&super::without_markup(text));
    let (lines, below) = crate::domain::boilerplate::need_lines_and_below(&normalized, true);
    let below = if below.is_empty() {
        Vec::new()
    } else {
        sentences_of(&strip_lines(&below))
    };
    (sentences_of(&strip_lines(&lines)), below)
}

/// The sentences of text stripped of its furniture.
fn sentences_of(clean: &str) -> Vec<String> {
    let sentences: Vec<&str> = split_sentences(clean)
        .into_iter()
        .flat_map(split_at_fields)
        .flat_map(split_at_cjk_spaces)
        .map(str::trim)
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect();
    // Who is writing, whom they spoke to before and the courtesies of the exchange are not
    // the need; a text that is nothing else is kept whole.
    let needs: Vec<String> = sentences
        .iter()
        .map(|s| without_exchange_tail(crate::domain::boilerplate::without_introduction(s)))
        .filter(|s| {
            s.chars().any(char::is_alphanumeric)
                && !crate::domain::boilerplate::is_exchange_sentence(s)
        })
        .map(str::to_owned)
        .collect();
    if needs.is_empty() {
        return sentences.into_iter().map(str::to_owned).collect();
    }
    needs
}

/// The sentence without the courtesies it ends in, after a comma or a space ("设置闹钟为今晚5点
/// 钟,麻烦尽快回复", "使 用 groove shark 播放 音乐 期待您的回复"): a line whose break was lost, or a
/// customer who runs on, puts them in the need's sentence, where no sentence rule sees them.
/// After a space only a run of [`TAIL_RUN`] Chinese characters or more: text written with a
/// space between every word ends in words of its need ("电影 放映 时间").
pub fn without_exchange_tail(sentence: &str) -> &str {
    const TAIL_RUN: usize = 3;
    let mut s = sentence.trim_end();
    while let Some((at, sep)) = s
        .char_indices()
        .rev()
        .find(|&(_, c)| c == ',' || c == '，' || c.is_whitespace())
    {
        let (head, tail) = (s[..at].trim_end(), &s[at + sep.len_utf8()..]);
        if head.chars().any(char::is_alphanumeric)
            && (!sep.is_whitespace() || tail.chars().filter(|&c| is_cjk(c)).count() >= TAIL_RUN)
            && crate::domain::boilerplate::is_exchange_sentence(tail)
        {
            s = head.trim_end_matches([',', '，']);
        } else {
            break;
        }
    }
    s
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Whether the ':' at byte `i` of `s` stands between two digits, as in a time ("15:19",
/// "上午5:15"): no label ends there, nor a greeting's clause.
pub fn is_time_colon(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// Labels and bars separate fields, not words: "客户编号:507267 | 版本:标准版", "Jo Smith |
/// Head of IT", "您好: 希望…". Lines that lost their breaks run these into the need; apart,
/// the fields recur across tickets and are learned as furniture. A colon between digits
/// ("15:19") stays.
fn split_at_fields(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let field = match c {
            '|' | '｜' => true,
            ':' => !is_time_colon(s, i),
            _ => false,
        };
        if field {
            out.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&s[start..]);
    out
}

/// Chinese puts no spaces between words, so a space between two runs of 4 Chinese characters
/// or more separates sentences that lost their punctuation ("显示我的提醒 麻烦尽快回复": a
/// ticket flattened into one line). Text written with a space between every word ("今天 的
/// 最高 气温") has shorter runs and stays one sentence.
fn split_at_cjk_spaces(s: &str) -> Vec<&str> {
    const RUN: usize = 4;
    // Most sentences hold no run of CJK characters to split between.
    if s.is_ascii() {
        return vec![s];
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut run_before = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() && run_before >= RUN {
            let n = chars[i..]
                .iter()
                .take_while(|&&(_, c)| c.is_whitespace())
                .count();
            let run_after = chars[i + n..]
                .iter()
                .take_while(|&&(_, c)| is_cjk(c))
                .count();
            if run_after >= RUN {
                out.push(&s[start..at]);
                start = chars[i + n].0;
                i += n;
                run_before = 0;
                continue;
            }
        }
        run_before = if is_cjk(c) { run_before + 1 } else { 0 };
        i += 1;
    }
    out.push(&s[start..]);
    out
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

#[cfg(test)]
mod tests {
    use super::{need_sentences, sentence_marks};
    use crate::domain::text::analyze;

    #[test]
    fn a_point_between_digits_ends_no_sentence() {
        let marks: Vec<usize> = sentence_marks("Confidence 0.92. iOS 17.2? Yes")
            .map(|m| m.0)
            .collect();
        assert_eq!(marks, vec![15, 25]);
        assert_eq!(
            need_sentences("Transcription (confidence 0.92): I need a new card. It expired"),
            vec![
                "transcription (confidence 0.92)",
                "i need a new card",
                "it expired"
            ]
        );
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
    fn a_quote_header_inside_a_flattened_mail_ends_its_need() {
        assert_eq!(
            need_sentences(
                "My card will not work Cheers, Aiko On Fri, Nov 1, 2026 at 1:35 PM, Jordan \
                 <j@vendor.example> wrote: > Hi Aiko, I've passed this on to our product team."
            ),
            ["my card will not work cheers, aiko"]
        );
        assert_eq!(
            need_sentences(
                "显示所有的提醒 胡艳 在 2026年5月11日 11:05，周小姐 <s@vendor.example> 写道： \
                 > 胡艳，您好！我已将您的需求转给产品团队。"
            ),
            ["显示所有的提醒 胡艳"]
        );
        // "on" in the need itself, and a forwarded need below a header that opens the text.
        assert_eq!(
            need_sentences("Turn on dark mode for every admin"),
            ["turn on dark mode for every admin"]
        );
        let forwarded = need_sentences("On Mon, Jo <j@x.example> wrote: We need an audit log");
        assert!(
            forwarded.contains(&"we need an audit log".to_owned()),
            "{forwarded:?}"
        );
    }

    #[test]
    fn sentences_about_the_exchange_are_not_the_need() {
        assert_eq!(
            need_sentences("打扰一下。显示我的提醒 麻烦尽快回复\n详情见下文,已抄送我的同事。"),
            vec!["显示我的提醒"]
        );
        // Run into the need's sentence, after a comma or a space.
        assert_eq!(
            need_sentences("设置闹钟为今晚5点钟,麻烦尽快回复 谢谢"),
            vec!["设置闹钟为今晚5点钟"]
        );
        assert_eq!(
            need_sentences("使 用 groove shark 播放 音乐 期待您的回复"),
            vec!["使 用 groove shark 播放 音乐"]
        );
        assert_eq!(
            need_sentences("今天 的 最高 气温 将会 是 多少\n显示 给我 附近 的 电影 时间"),
            vec![
                "今天 的 最高 气温 将会 是 多少",
                "显示 给我 附近 的 电影 时间"
            ]
        );
        // A ticket that is nothing else keeps them.
        assert_eq!(
            need_sentences("麻烦尽快回复。期待您的回复"),
            vec!["麻烦尽快回复", "期待您的回复"]
        );
    }

    #[test]
    fn chinese_sentences_that_lost_their_punctuation_are_apart() {
        assert_eq!(
            need_sentences("显示我的提醒 今天会下雨吗"),
            vec!["显示我的提醒", "今天会下雨吗"]
        );
        assert_eq!(
            need_sentences("今天 的 最高 气温 将会 是 多少 ?"),
            vec!["今天 的 最高 气温 将会 是 多少"]
        );
        assert_eq!(
            need_sentences("设置 闹钟 为 早上七点"),
            vec!["设置 闹钟 为 早上七点"]
        );
        // Fields run into the need in one line are apart too; a time stays whole.
        assert_eq!(
            need_sentences("客户编号:507267 | 版本:标准版 您好: 在 15:19 提醒我开会"),
            vec![
                "客户编号",
                "507267",
                "版本",
                "标准版 您好",
                "在 15:19 提醒我开会"
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
}
