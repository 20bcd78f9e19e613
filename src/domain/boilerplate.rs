//! What in a ticket is not the customer's need: the line rules.
//!
//! Support tickets and CSM mails carry furniture around the need: a salutation, a sign-off and
//! the signature block under it (name, job title, company, phone, address), a confidentiality
//! disclaimer, a help-desk footer, the agent's quoted reply or a forwarded header, metadata
//! lines. These rules look at the *shape* of a line (where it sits, what it ends with, how
//! much of it is digits, labels and separators), in English and Chinese, rather than at any one
//! template's wording; what the rules miss and many unrelated tickets repeat is learned from the
//! corpus by [`super::recurring`].
//!
//! Input is normalised text (NFKC, lower case). The result keeps the lines that carry the need,
//! in order; if every line looks like furniture the text is kept whole (a one-line ticket that
//! starts with "hi," is still the customer's need).

use super::text::is_alnum;

mod exchange;
pub use exchange::is_exchange_sentence;

/// The lines of `normalized` that may carry the customer's need.
pub fn need_lines(normalized: &str) -> Vec<&str> {
    need_lines_and_below(normalized, false).0
}

/// [`need_lines`], and with `below`, the lines that may carry a need under where the rules
/// stopped reading at a rule ("---", once something was said): what the rules keep of them
/// read as a ticket of its own, and nothing when they keep nothing. Which of the two holds
/// the need, only the corpus can tell: a survey's answers under a rule below a
/// notification's heading are read there.
pub fn need_lines_and_below(normalized: &str, below: bool) -> (Vec<&str>, Vec<&str>) {
    let mut lines: Vec<&str> = Vec::new();
    for line in normalized.lines() {
        push_record_fields(line, &mut lines);
    }
    let (kept, cut) = need_line_indices_and_cut(&lines);
    let rest = match cut.filter(|_| below).and_then(|c| under_rule(&lines, c)) {
        Some((at, more)) => need_lines_of(&lines[at..], more),
        None => Vec::new(),
    };
    (need_lines_of(&lines, kept), rest)
}

/// Where the lines under a rule at which reading stopped (`cut`: the line after the one
/// where it stopped) start, and what the rules keep of them read as a ticket of their own;
/// `None` when reading did not stop at a rule or keeps nothing under it. Only a rule may have
/// a need under it: under a sign-off, a signature's "--" or a quote header stand a signature
/// and history.
fn under_rule(lines: &[&str], cut: usize) -> Option<(usize, Vec<NeedLine>)> {
    if cut == 0 || cut >= lines.len() || !is_plain_rule(lines[cut - 1]) {
        return None;
    }
    let (more, stopped) = need_line_indices_and_cut(&lines[cut..]);
    (stopped != Some(usize::MAX)).then_some((cut, more))
}

/// A kept line: its index, where its need starts when a sign-off cut it
/// ([`need_part`]), and whether it is a customer's labelled turn.
type NeedLine = (usize, Option<usize>, bool);

/// A line of three rule marks or more and nothing else ("---", "=====", "________").
fn is_plain_rule(line: &str) -> bool {
    let line = line.trim();
    line.chars().all(|c| "=-_*~—─━".contains(c)) && line.chars().count() >= 3
}

fn need_lines_of<'a>(lines: &[&'a str], kept: Vec<NeedLine>) -> Vec<&'a str> {
    kept.into_iter()
        .map(|(i, prior, turn)| {
            let line = if turn {
                after_speaker(lines[i])
            } else {
                lines[i]
            };
            without_need_label(need_part(line, prior))
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// A record exported on one line ("Case Number: 1302; Contact Name: Liam Petrov; Status:
/// On-hold; Description: …", "工单号：WO-1｜标签：催单｜客户：梁娟｜取消我的提醒", "Source: In-app
/// widget | Text: … | User: …") read as the form it was: a line per field, so the field rules
/// (short fields, a labelled need) see each. A line is a record when one of the separators
/// splits it into 3 parts or more, 2 of them fields; other lines go onto `out` whole.
fn push_record_fields<'a>(line: &'a str, out: &mut Vec<&'a str>) {
    if let Some((key, value)) = json_member(line) {
        // A JSON export's member: a need's value is the need, a short value is the system's
        // (an id, a state, a name), and a longer one may be the need under another key.
        if is_need_label(&key.to_lowercase()) || words(value).len() > 3 || cjk_len(value) > 6 {
            out.push(value);
        }
        return;
    }
    if let Some(parts) = csv_row(line) {
        // A spreadsheet's row: its text cells are what someone wrote; ids, times, channels and
        // names are the system's.
        out.extend(
            parts
                .into_iter()
                .filter(|p| words(p).len() >= 3 || cjk_len(p) >= 4),
        );
        return;
    }
    const SEPARATORS: &[&str] = &[" || ", " // ", " | ", " ¦ ", "｜", "|", "; "];
    // Asked of every line: most hold no separator at all. A mail header's parameters
    // ("DKIM-Signature: v=1; a=rsa-sha256; …") are no record.
    if (line.contains(['|', '¦', '｜', ';']) || line.contains(" // ")) && !is_header_field(line) {
        for sep in SEPARATORS {
            if !line.contains(sep) {
                continue;
            }
            let parts = || line.split(sep).filter(|p| !p.trim().is_empty());
            if parts().nth(2).is_some() && parts().filter(|p| is_record_field(p)).nth(1).is_some() {
                out.extend(parts());
                return;
            }
        }
    }
    if line.bytes().filter(|&b| b == b'=').nth(1).is_some() {
        let starts = logfmt_keys(line);
        if starts.len() >= 2 && starts[0] == 0 {
            // A record's need is its need field's value ("body=…", "description=…"); the
            // other fields are the system's. With no such field, each field is read as one.
            let ends = starts.iter().skip(1).copied().chain([line.len()]);
            let fields: Vec<&str> = starts
                .iter()
                .zip(ends)
                .map(|(&a, b)| line[a..b].trim())
                .collect();
            let needs = fields
                .iter()
                .filter_map(|f| f.split_once('='))
                .filter(|(key, _)| is_need_label(key));
            if needs.clone().next().is_some() {
                out.extend(needs.map(|(_, value)| value.trim_matches('"').trim()));
            } else {
                out.extend(fields);
            }
            return;
        }
    }
    out.push(line);
}

/// The cells of a spreadsheet's row exported as CSV ("5645996,2021-10-11 09:02:33,web,\"Why is
/// my card declined?\",true"): five cells or more, split at commas outside quotes, two of them
/// or more a value a system writes (an id, a number, a time, a flag: ASCII with a digit and no
/// space but a time's). A sentence with commas in it has too few such cells.
fn csv_row(line: &str) -> Option<Vec<&str>> {
    // Asked of every line: most hold fewer than four commas.
    line.bytes().filter(|&b| b == b',').nth(3)?;
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, b) in line.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                parts.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&line[start..]);
    let parts: Vec<&str> = parts
        .into_iter()
        .map(|p| p.trim().trim_matches('"').trim())
        .collect();
    let system = |p: &&&str| {
        p.is_ascii()
            && p.bytes().any(|b| b.is_ascii_digit())
            && (!p.contains(' ')
                || p.bytes()
                    .all(|b| b.is_ascii_digit() || b" -:/.tz+".contains(&b)))
    };
    (parts.len() >= 5 && parts.iter().filter(system).nth(1).is_some()).then_some(parts)
}

/// A JSON export's member on a line of its own (`"body": "Where is my card?",`, `"id": 42,`):
/// its key and its value without quotes and the comma after it. Not an object or a list opening
/// (`"author": {`), whose members follow on their own lines.
fn json_member(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    // Asked of every line: most do not open with a quote.
    let inner = t.strip_prefix('"')?;
    let (key, rest) = inner.split_once("\":")?;
    if key.is_empty() || key.len() > 40 || key.contains(['"', ' ']) {
        return None;
    }
    let value = rest.trim().trim_end_matches(',').trim_end();
    if value.starts_with(['{', '[']) {
        return None;
    }
    let value = value
        .strip_prefix('"')
        .map_or(value, |v| v.strip_suffix('"').unwrap_or(v));
    Some((key, value.trim()))
}

/// Where the fields of a log record's line start (`id=9018 created_at=2024-09-30T09:37:01Z
/// org="Brightwater Dental" body=…`): at each word that opens with a key of letters, digits,
/// "_", "." or "-" and an equals sign, outside quotes.
fn logfmt_keys(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    let mut starts = Vec::new();
    let mut quoted = false;
    for i in 0..b.len() {
        if b[i] == b'"' {
            quoted = !quoted;
        }
        if quoted || !(i == 0 || b[i - 1] == b' ') || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let key = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
            .count();
        if key <= 32 && b.get(i + key) == Some(&b'=') {
            starts.push(i);
        }
    }
    starts
}

/// "Status: On-hold", "标签：催单", "Plan=Starter": a label of a few words, a colon or an equals
/// sign, a value.
fn is_record_field(part: &str) -> bool {
    let part = part.trim();
    part.char_indices()
        .find(|&(at, c)| matches!(c, ':' | '：' | '=') && !super::text::is_time_colon(part, at))
        .is_some_and(|(at, _)| {
            let label = part[..at].trim();
            !label.is_empty()
                && label.split_whitespace().count() <= 3
                && label.chars().count() <= 24
                && !label.chars().any(ends_sentence)
        })
}

/// A need field's value without its label ("客户原话:希望…" -> "希望…", "Description: …"): the
/// label is the help desk's or the CSM's word, which every such ticket holds whatever it asks,
/// and on a young corpus that has not yet seen it recur it would join them.
fn without_need_label(line: &str) -> &str {
    match field_label(line) {
        Some((label, value)) if is_need_label(label) => quoted_only(value),
        Some((label, value)) if is_courtesy_label(label) => value,
        _ => line,
    }
}

fn is_need_label(label: &str) -> bool {
    NEED_LABELS.iter().any(|l| label.ends_with(l))
}

/// A courtesy or a salutation before a colon ("想请教一下：取消闹钟", "尊敬的客服：在 Fairview 附近
/// 预订一张桌子"): what follows is the need, not a form's field. (Not a need label: a notice
/// opens the same way, "注意：本邮件由系统自动转发…".)
fn is_courtesy_label(label: &str) -> bool {
    is_exchange_sentence(label)
}

/// A kept line, trimmed, and cut before a sign-off inside it when `prior` says it was (see
/// [`need_line_indices_and_cut`]).
fn need_part(line: &str, prior: Option<usize>) -> &str {
    // A kept quoted line is a copy of the customer's message (see [`need_line_indices_and_cut`]).
    let line = without_chat_speaker(line.trim().trim_start_matches('>').trim_start());
    match prior.and_then(|p| inline_signoff(line, p)) {
        Some(cut) => before_cut(line, cut),
        None => line,
    }
}

/// A chat transcript's line without its time and speaker ("(17:12:12) Mia: Hi, thanks for
/// contacting us!", "[09:41] 客服小李：您好"): every agent greets in the same words, and only
/// without their names do those words recur and get learned as furniture.
fn without_chat_speaker(line: &str) -> &str {
    match chat_line(line) {
        Some((_, said)) if !said.is_empty() => said,
        _ => line,
    }
}

/// A chat line that names its time and speaker: "(17:12:38) Ethan: …", "[09:41] Mia: …",
/// "10:47 AM - Hiroshi Lee: …", "[19:47] 微信用户4GBE：…", "【访客】10:10:10：…"; the speaker and
/// what they said. Before the speaker's colon stand a time of day, perhaps a date, and a name
/// of a few words, in brackets or not.
fn chat_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    // Most lines are known not to be one by a look at their start: no digit or no colon.
    let head = &line.as_bytes()[..line.len().min(68)];
    if !head.iter().any(u8::is_ascii_digit) || !head.contains(&b':') && !line.contains('：') {
        return None;
    }
    let colon = line
        .char_indices()
        .take_while(|&(i, _)| i <= 64)
        .find(|&(i, c)| (c == ':' || c == '：') && !super::text::is_time_colon(line, i))?
        .0;
    let prefix = &line[..colon];
    let said = line[colon..].trim_start_matches([':', '：']).trim();
    let mut clock = false;
    let mut name: Option<(usize, usize)> = None;
    let mut names = 0;
    let separator = |c: char| c.is_whitespace() || "[]()【】（）-|,".contains(c);
    let mut at = 0;
    for token in prefix.split(separator) {
        let start = at;
        at += token.len()
            + prefix[at + token.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        if token.is_empty() {
            continue;
        }
        if is_clock(token) {
            clock = true;
        } else if !(matches!(token, "am" | "pm" | "AM" | "PM" | "上午" | "下午" | "晚上")
            || token
                .chars()
                .all(|c| c.is_ascii_digit() || "/.年月日".contains(c)))
        {
            names += 1;
            name = Some((name.map_or(start, |(s, _)| s), start + token.len()));
        }
    }
    let (from, to) = name?;
    let speaker = &prefix[from..to];
    (clock && names <= 3 && cjk_len(prefix) <= 10).then_some((speaker, said))
}

/// A time of day as chat transcripts write it: "17:12", "16:39:22".
fn is_clock(t: &str) -> bool {
    t.contains(':') && t.len() <= 8 && t.chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// The text before a cut, without the clause mark that led to it ("导出报表，谢谢" -> "导出报表").
fn before_cut(line: &str, cut: usize) -> &str {
    line[..cut]
        .trim_end()
        .trim_end_matches([',', '，', '、', ':', '：', '-', '—'])
        .trim_end()
}

/// The indices of the lines (normalised) that may carry the need. A line that holds a sign-off
/// after the need ([`inline_signoff`]) comes with `Some(content words before it)`, and is
/// the last one kept unless a sentence of the need follows its closing thanks.
/// A line that is a customer's turn in a transcript of labelled turns comes with `true`: its
/// speaker's label is not part of the need ([`after_speaker`]).
/// Also the line after the one where reading stopped, if it stopped before the end
/// (`usize::MAX`: nothing was kept, and every line is given back).
fn need_line_indices_and_cut(lines: &[&str]) -> (Vec<NeedLine>, Option<usize>) {
    let mut stopped = None;
    let mut kept: Vec<(usize, Option<usize>)> = Vec::new();
    let mut content_words = 0usize;
    // A quote header or reply marker was passed: what is quoted below it is history.
    let mut history = false;
    let mut i = 0;
    while i < lines.len() {
        let mut line = lines[i].trim();
        i += 1;
        // A chat's turn is judged by what was said ("[19:43] 微信用户4GBE：在不在").
        if !line.starts_with('>') {
            line = without_chat_speaker(line);
        }
        if line.is_empty() {
            continue;
        }
        let has_content = content_words >= 3;
        // A quote under no header is a copy of the customer's own message, as help desks
        // acknowledge one ("Here is a copy of your message: > …", "以下是您提交的内容：> …");
        // a reply's history comes under "On … wrote:" and is never read.
        if let Some(inner) = line.strip_prefix('>') {
            let inner = inner.trim();
            match classify(inner, &lines[i..], kept.is_empty()) {
                Line::Need if !history && !inner.starts_with('>') => {
                    content_words += weight(inner);
                    kept.push((i - 1, None));
                }
                // "> On … wrote:": what follows is a quoted reply's history.
                Line::Cut => history |= is_history_marker(inner, &lines[i..]),
                _ => {}
            }
            continue;
        }
        // The mail's own header ("Subject: Re: Issue", "From: …", "To: …") before its body:
        // not the need, and no quoted mail below (its "From:" is no cut).
        // A mail client's banner may stand above it ("来自企业微信", "[External]"): a single
        // short line with no sentence in it, which goes with the header.
        let banner_only = kept.len() == 1
            && weight(lines[kept[0].0]) <= 3
            && !lines[kept[0].0].contains(['.', '?', '!', '。', '？', '！', ':', '：']);
        if (!has_content || banner_only) && in_header_block(lines, i - 1) {
            if banner_only {
                kept.clear();
                content_words = 0;
            }
            continue;
        }
        // A sign-off inside the line: what stands before it is judged alone, and the rest of
        // the ticket goes.
        if let Some(cut) = inline_signoff(line, content_words) {
            let before = before_cut(line, cut);
            // With nothing kept yet, what stands before the sign-off is kept whatever it
            // looks like: a ticket flattened into one line would otherwise be kept whole.
            if kept.is_empty() || matches!(classify(before, &lines[i..], false), Line::Need) {
                kept.push((i - 1, Some(content_words)));
            }
            // "上次的问题已经解决了，谢谢。" above a new question: thanks at a line's end close
            // that line's sentence, not the mail, when a sentence of its own follows.
            if weight(before) > 0 && weight(&line[cut..]) <= 2 && sentence_follows(lines, i) {
                content_words += weight(before);
                continue;
            }
            // "FYI - see below. Kind regards, Mei" above a forwarded mail: read on below it.
            // So is a nudge above a quoted one ("再次发送，请尽快处理，谢谢。").
            match forward_at(&lines[i..]) {
                Some(j) => {
                    i = past_header(lines, i + j + 1);
                    continue;
                }
                // A sign-off on a line of its own ("Best regards,") ends the mail: what is
                // quoted under it is history.
                None if weight(before) == 0 => {
                    stopped = Some(i);
                    break;
                }
                None => match below_note(lines, i, &mut kept, &mut content_words) {
                    Some(at) => {
                        i = at;
                        continue;
                    }
                    None => {
                        stopped = Some(i);
                        break;
                    }
                },
            }
        }
        // A rule under a ticket's heading, its fields or its event line ("Mei Bennett replied
        // to ticket REQ710727") is where its body starts; so is a need's label set between
        // rules ("--- Description ---", "=== 问题描述 ===").
        if is_rule(line)
            && kept.iter().all(|&(k, _)| {
                field_label(lines[k]).is_some()
                    || is_record_field(lines[k])
                    || is_ticket_heading(lines[k])
                    || is_ticket_event(lines[k])
                    || record_field_count(lines[k]) > 1
            })
            || is_ruled_need_label(line) && !is_history_marker(line, &lines[i..])
        {
            continue;
        }
        // Nothing said yet (a form's fields may stand above): a salutation may still come.
        match classify(line, &lines[i..], kept.is_empty() || content_words == 0) {
            Line::Need => {
                // A form's short fields above the body ("Ticket ID     CS-71466", "[Plan]
                // Premier", "【处理人】未分配") say nothing of the need: a rule under them is
                // where the body starts, not where it ends.
                // So does a ticket's heading ("工单 20230831340324 【待客户回复】").
                if !(is_ticket_heading(line) || may_be_field(line) && is_short_field(line)) {
                    content_words += weight(line);
                }
                kept.push((i - 1, None));
            }
            Line::Drop => {}
            // What follows a sign-off, a quote header or a signature delimiter is signature,
            // quoted history or a footer, once the need has been said. Before it (a forwarded
            // mail whose need is below the header), only the marker line goes.
            // A forwarded mail is read on below its header: its need is the one asked about
            // ("Forwarding this on, can you help? … ---------- Forwarded message ----------").
            Line::Cut if has_content => match forward_at(&lines[i - 1..]) {
                Some(j) => i = past_header(lines, i + j),
                // "Please see below, resending", "Following up on this": the note points at
                // the mail quoted under it, which holds the need; the note stays (the quote
                // may be an agent's).
                None => match below_note(lines, i - 1, &mut kept, &mut content_words) {
                    Some(at) => i = at,
                    None => {
                        stopped = Some(i);
                        break;
                    }
                },
            },
            // A short need ("外面热吗", "Dark mode?") signed off: the sign-off ends it all the
            // same, unless a forwarded or quoted mail follows, whose need may be below; the
            // signature up to it goes.
            Line::Cut if !kept.is_empty() && is_signoff(&Shape::of(line)) => {
                match quote_at(&lines[i..]) {
                    Some(j) => i += j,
                    None => {
                        stopped = Some(i);
                        break;
                    }
                }
            }
            // A note too short to count as said ("顶一下") may still point at the mail below.
            Line::Cut => {
                if is_history_marker(line, &lines[i..]) {
                    match below_note(lines, i - 1, &mut kept, &mut content_words) {
                        Some(at) => i = at,
                        None => history = true,
                    }
                }
            }
        }
    }
    if kept.is_empty() {
        let all = (0..lines.len())
            .filter(|&i| !lines[i].trim().is_empty())
            .map(|i| (i, None, false))
            .collect();
        return (all, Some(usize::MAX));
    }
    labelled_need_only(lines, &mut kept);
    visitor_only(lines, &mut kept);
    // In a transcript of labelled turns, the need is what the customer said: the help desk's
    // turns go, and so does a heading above them that says no sentence ("小程序客服 会话记录");
    // the heading's fields are judged as any ticket's ("Last user utterance: …" may be the need).
    let turns = labelled_turns(lines);
    let turn = |i: usize, agent: bool| {
        turns
            .as_ref()
            .is_some_and(|t| t[i].is_some_and(|(_, a)| a == agent))
    };
    let customer = |i: usize| turn(i, false);
    if kept
        .iter()
        .any(|&(i, _)| customer(i) && weight(lines[i]) > 0)
    {
        let first = turns
            .as_ref()
            .and_then(|t| t.iter().position(Option::is_some))
            .unwrap_or(0);
        kept.retain(|&(i, _)| {
            !turn(i, true)
                && (i >= first
                    || field_label(lines[i]).is_some()
                    || lines[i].chars().any(ends_sentence))
        });
    }
    // A field that names who ("Contact Name: Liam Petrov", "客户：梁娟") is never the need
    // when anything else is kept, however little that says.
    let who: Vec<bool> = kept.iter().map(|&(i, _)| is_who_field(lines[i])).collect();
    if who.contains(&false) {
        let mut flags = who.iter();
        kept.retain(|_| !flags.next().copied().unwrap_or(false));
    }
    // A ticket's short fields ("Priority: High", "Contact name: Aisha Moore", "客户名称：沈阳北方
    // 重工") are not its need when it says more elsewhere; alone, they may be.
    // So are a name on a line of its own ("小胡", "韩文博", "刘梓萱（天津海岳国际货运代理有限公司）"),
    // a thread's author line above its date, and a ticket's event line ("henry kim raised
    // sd-82703").
    // Judged once per kept line: the sum and the cut read the same verdicts.
    let last = kept.len() - 1;
    let aside: Vec<bool> = kept
        .iter()
        .enumerate()
        .map(|(k, &(i, _))| {
            // A chat's turn is what someone said, however short.
            chat_line(lines[i]).is_none()
                && !customer(i)
                && ((k > 0 && k == last && is_closing_name(lines[i]))
                    || is_company_line(lines[i])
                    || is_people_list(lines[i])
                    || is_short_field(lines[i])
                    || is_cjk_name_line(lines[i])
                    || is_signature_name(lines, i)
                    || is_author_line(lines, i)
                    || is_ticket_event(lines[i])
                    || is_tagged_notice(lines[i]))
        })
        .collect();
    let said: usize = kept
        .iter()
        .zip(&aside)
        .filter(|&(_, &a)| !a)
        .map(|(&(i, _), _)| weight(lines[i]))
        .sum();
    // So does a nudge with no mail quoted under it ("顶一下，还是没人回复。" under a forum post's
    // title), asked of what the body says.
    let nudge = || {
        // A nudge says little: most bodies say more than a note can.
        said <= 12 && {
            let body: Vec<(usize, Option<usize>)> = kept
                .iter()
                .zip(&aside)
                .filter(|&(_, &a)| !a)
                .map(|(&k, _)| k)
                .collect();
            chases(lines, &body) && quote_at(lines).is_none()
        }
    };
    let subject = (said < 3 || refers_to_subject(lines, &kept) || nudge())
        .then(|| subject_need(lines))
        .flatten();
    if let Some(subject) = subject {
        // A body that says next to nothing (".", "Thanks") or points at its subject ("As
        // above, thanks.", "如题") under a subject that says it: the subject is the need, and
        // the names and titles under the note are not.
        let mut flags = aside.iter();
        kept.retain(|_| !flags.next().copied().unwrap_or(false));
        keep_line(&mut kept, subject);
    } else if said >= 3 {
        let mut flags = aside.iter();
        kept.retain(|_| !flags.next().copied().unwrap_or(false));
    } else if said == 0 && kept.len() >= 2 {
        form_need_only(lines, &mut kept);
    }
    // A forum post's title is its question, whatever its body says beside it ("客服还没回，来
    // 社区问问。").
    // It stands above the body.
    let above = kept.first().map_or(0, |&(i, _)| i);
    if let Some(title) = lines[..above].iter().position(|l| {
        labelled(l, &["帖子标题", "post title", "topic"])
            && split_field(l.trim()).is_some_and(|(_, value)| weight(value) >= 3)
    }) {
        keep_line(&mut kept, title);
    }
    let kept = kept
        .into_iter()
        .map(|(i, prior)| {
            let labelled = turns
                .as_ref()
                .is_some_and(|t| t[i].is_some_and(|(start, _)| start > 0));
            (i, prior, labelled && customer(i))
        })
        .collect();
    (kept, stopped)
}

/// Keeps line `line` among the `kept` (in line order), unless it is there already.
fn keep_line(kept: &mut Vec<(usize, Option<usize>)>, line: usize) {
    let at = kept.partition_point(|&(i, _)| i < line);
    if kept.get(at).is_none_or(|&(i, _)| i != line) {
        kept.insert(at, (line, None));
    }
}

/// A labelled turn's words without its speaker ("曹嘉欣：我的闹钟是设置的什么时间" -> "我的闹钟是设置的
/// 什么时间"), as written or normalised.
fn after_speaker(line: &str) -> &str {
    let line = line.trim();
    line.char_indices()
        .find(|&(at, c)| (c == ':' || c == '：') && !super::text::is_time_colon(line, at))
        .map_or(line, |(at, c)| line[at + c.len_utf8()..].trim_start())
}

/// Whether one of the `kept` lines is a short note that points at the mail's subject ("As
/// above, thanks.", "See subject.", "如题，谢谢").
fn refers_to_subject(lines: &[&str], kept: &[(usize, Option<usize>)]) -> bool {
    const CUES: &[&str] = &[
        "as above",
        "see subject",
        "see the subject",
        "如题",
        "见标题",
        "见主题",
    ];
    // Asked of each line: a signature the rules did not know may follow the note.
    kept.iter()
        .any(|k| is_short_note(lines, std::slice::from_ref(k), 8, CUES))
}

/// The first mail subject or ticket title among `lines` ("Subject: …", "主题：…", "帖子标题：…",
/// not a quoted one) that says 3 words or more, reply and forward marks aside.
fn subject_need(lines: &[&str]) -> Option<usize> {
    lines.iter().position(|l| {
        labelled(
            l,
            &[
                "subject",
                "ticket name",
                "主题",
                "标题",
                "帖子标题",
                "工单标题",
            ],
        ) && split_field(l.trim()).is_some_and(|(_, value)| {
            let mut value = value.trim();
            while let Some((_, rest)) =
                split_field(value).filter(|(mark, _)| REPLY_MARKS.contains(&mark.trim()))
            {
                value = rest.trim();
            }
            weight(value) >= 3
        })
    })
}

/// A short field whose label names a person, a company or an account ([`WHO_LABELS`]).
/// A label that names a party of the exchange may also be a chat's speaker ("客户：关掉我的闹钟",
/// "Customer: cancel my card"): with such a label, only a value that is a name or a company is
/// who.
fn is_who_field(line: &str) -> bool {
    field_label(line).is_some_and(|(label, value)| {
        let label = label.to_lowercase();
        if !says_little(value) || !WHO_LABELS.iter().any(|l| label.ends_with(l)) {
            return false;
        }
        !PARTY_LABELS.iter().any(|l| label.ends_with(l))
            || is_cjk_name(value)
            || super::title::is_company_name(value)
    })
}

/// A field's value of a few words and no sentence: a name, a category, a number.
fn says_little(value: &str) -> bool {
    !value.is_empty()
        && latin_words(value) <= 4
        && cjk_len(value) <= 14
        && !value.chars().any(ends_sentence)
}

/// Labels that name a party of the exchange: in a transcript, its speakers.
const PARTY_LABELS: &[&str] = &[
    "customer", "client", "visitor", "user", "客户", "访客", "用户",
];

/// A ticket that is a form of short fields and nothing else ("产品模块：账户 / 联系人：孙娜 / 客户名称：
/// 广州华邦贸易有限公司 / 优先级：高 / 备注：Zvooq 上 90 年代 的 歌曲"): its need is the field that says
/// most, not a name, a company, a phone number or a one-word category. Kept as it is when no
/// field says 2 words or more.
fn form_need_only(lines: &[&str], kept: &mut Vec<(usize, Option<usize>)>) {
    let says = |i: usize| -> usize {
        let Some((label, value)) = field_label(lines[i]) else {
            return 0;
        };
        let label = label.to_lowercase();
        if WHO_LABELS.iter().any(|l| label.ends_with(l))
            || super::title::is_company_name(value)
            || is_cjk_name(value)
        {
            return 0;
        }
        weight(value)
    };
    let most = kept.iter().map(|&(i, _)| says(i)).max().unwrap_or(0);
    if most >= 2 {
        kept.retain(|&(i, _)| says(i) == most);
    }
}

/// Common Chinese surnames: the first character of most names ("王伟", "欧阳娜").
const CJK_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈\
姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤康\
施文牛樊葛邢乔伍庞颜倪庄聂鲁岳翟殷詹申欧耿兰焦俞柳甘祝包宁舒阮柯梅童毕裴霍涂苗翁冉骆蓝辛靳柴蒙鲍喻祁\
蒲滕屈饶牟艾尤穆卓吉缪项芦麦褚娄窦戚岑卜晏卫柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁荣巫寇桑郎甄丛仲虞敖巩佘苑\
迟邝萧";

/// Two-character Chinese surnames.
const CJK_COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "端木",
];

/// Whether `name` is shaped like a Chinese person's name: a common surname and one or two
/// characters ("王伟", "韩文博", "欧阳娜"), or 小/老 and a surname ("小胡", "老王").
fn is_cjk_name(name: &str) -> bool {
    // Asked of most lines: the first character that is not CJK says no.
    if !name.chars().all(is_cjk) {
        return false;
    }
    let surname = |c: char| CJK_SURNAMES.contains(c);
    let mut chars = name.chars();
    let (first, second) = (chars.next(), chars.next());
    match name.chars().count() {
        2 if matches!(first, Some('小' | '老')) => second.is_some_and(surname),
        2 | 3 => first.is_some_and(surname),
        4 => CJK_COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)),
        _ => false,
    }
}

/// A line that is only a Chinese person's name ([`is_cjk_name`]), or one character, maybe with
/// their company or department in brackets after it: a signature, an addressee or a help
/// desk's author line ("小胡", "林磊，", "王嘉怡（客户服务部）"), or with their team after a space
/// ("王伟 市场部"). Never the need.
pub(crate) fn is_cjk_name_line(line: &str) -> bool {
    let line = line
        .trim()
        .trim_end_matches([',', '，', ':', '：', '、', '~', '～']);
    let name = match line.find(['(', '（']) {
        Some(at) if line.ends_with([')', '）']) => line[..at].trim_end(),
        Some(_) => return false,
        None => match line.split_once(char::is_whitespace) {
            Some((name, team)) if is_cjk_team(team.trim()) => name,
            _ => line,
        },
    };
    let n = name.chars().count();
    n >= 1 && (n == 1 && name.chars().all(is_cjk) || is_cjk_name(name))
}

/// The first line after line `i` that is not empty, trimmed.
fn next_line<'a>(lines: &[&'a str], i: usize) -> Option<&'a str> {
    lines[i + 1..]
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
}

/// A signature's name: a Chinese name of up to four characters, or up to three capitalised
/// words, right above a signature's contact line ("若兰" above "财务经理｜东莞市鸿达电子有限公司",
/// "Jo Bloggs" above "Head of Finance | Initech"). A given name alone has no surname to be
/// known by ([`is_cjk_name`]); its place tells.
fn is_signature_name(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    // Most lines are longer than any name: judged without building their shape.
    if line.len() > 40 {
        return false;
    }
    let shape = Shape::of(line);
    let cjk_name = shape.cjk == line.chars().count() && (1..=4).contains(&shape.cjk);
    let latin_name = shape.cjk == 0
        && (1..=3).contains(&shape.words.len())
        && shape
            .words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (cjk_name || latin_name) && next_line(lines, i).is_some_and(|next| is_contact(&Shape::of(next)))
}

/// The last line of a message that is a given name or a team alone ("家豪", "晨曦", "客户服务部",
/// "客户成功团队"): how a Chinese message is signed, with no contact line below to tell
/// ([`is_signature_name`]) and no surname to know it by ([`is_cjk_name`]).
fn is_closing_name(line: &str) -> bool {
    let line = line.trim();
    line.chars().all(is_cjk) && (2..=3).contains(&line.chars().count()) || is_cjk_team(line)
}

/// A team's name alone ("市场部", "客户成功团队"): CJK, at most 8 characters, ending as a team's
/// does ([`CJK_TEAM_ENDS`]).
fn is_cjk_team(name: &str) -> bool {
    name.chars().all(is_cjk)
        && name.chars().count() <= 8
        && CJK_TEAM_ENDS.iter().any(|e| name.ends_with(e))
}

/// A line that is a company's name alone ("宁波港润进出口有限公司", "Riverside Dental Group Inc.",
/// "Northwind Retail Group Pty Ltd"), or a heading's last part ("Onboarding session notes -
/// Starling Retail Group Co"): a signature's, or a header's, never the need. Narrower than
/// [`super::title::is_company_name`], which takes any name ending in 公司 out of a title: a
/// line of its own ending so may ask about one ("我想查询公司").
fn is_company_line(line: &str) -> bool {
    let line = line.trim();
    let n = line.chars().count();
    if (6..=30).contains(&n)
        && line
            .chars()
            .all(|c| is_cjk(c) || matches!(c, '(' | ')' | '（' | '）'))
        && ["有限公司", "集团", "事务所"]
            .iter()
            .any(|e| line.ends_with(e))
    {
        return true;
    }
    if cjk_len(line) > 0 || line.contains('?') {
        return false;
    }
    let name = [" - ", " — ", " | ", " · ", ": ", ", "]
        .iter()
        .filter_map(|sep| Some((sep, line.rsplit_once(sep)?)))
        .filter(|(sep, (head, _))| {
            // After a comma, only a name ("Lucas Müller, Evergreen Insurance Brokers PLC").
            **sep != ", "
                || is_author_name(&head.split_whitespace().collect::<Vec<_>>(), false, false)
        })
        .map(|(_, (head, name))| (words(head).len(), name))
        .filter(|&(head_words, _)| head_words <= 6)
        .map(|(_, name)| name)
        .min_by_key(|name| name.len())
        .unwrap_or(line);
    is_latin_company(name)
}

/// A company's name by its legal form: two to seven words, none a stop word but "and", "of"
/// and "the", the last its legal form ("Quill & Ink Dental Group GmbH", "Acme Inc.").
fn is_latin_company(name: &str) -> bool {
    const FORMS: &[&str] = &[
        "inc",
        "llc",
        "ltd",
        "gmbh",
        "plc",
        "corp",
        "co",
        "ab",
        "ag",
        "bv",
        "nv",
        "pty",
        "pte",
        "limited",
        "corporation",
        "sarl",
        "sas",
        "srl",
        "spa",
        "llp",
        "kg",
        "oy",
        "kk",
        "sa",
    ];
    let mut ws = words(name.trim_start_matches(['*', '-', '•', ' ']));
    // "S.A.", "B.V.": a legal form spelt with points is words of one letter.
    let form = match ws.as_slice() {
        [.., a, b] if a.len() == 1 && b.len() == 1 => {
            let form = format!("{a}{b}");
            ws.truncate(ws.len() - 2);
            form
        }
        _ => ws.pop().unwrap_or_default().to_string(),
    };
    FORMS.contains(&form.as_str())
        && (1..=6).contains(&ws.len())
        && ws.iter().all(|w| {
            !w.chars().any(|c| c.is_ascii_digit())
                && (matches!(*w, "and" | "of" | "the") || !super::text::is_stop_word(w))
        })
}

/// How a team's name ends ("客户服务部", "客户成功团队", "客服中心").
const CJK_TEAM_ENDS: &[&str] = &["部", "团队", "中心", "小组", "组"];

/// A thread's author line: a few words with no sentence in them, right above a line that is
/// only a date and time ("Abigail Tanaka (Helix Biotech)" above "Thu, Jun 18, 2026 at 12:23
/// PM", "王嘉怡（客户服务部）" above "2025年7月24日 06:41").
fn is_author_line(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    // The cheap tests first: most lines are sentences, and most next lines hold no date.
    if line.contains(['?', '？', '。', '!', '！'])
        || line.trim_end().ends_with('.')
        || !next_line(lines, i).is_some_and(is_timestamp_text)
    {
        return false;
    }
    let shape = Shape::of(line);
    shape.non_cjk_words() <= 8 && shape.cjk <= 24
}

/// A short line that names a ticket by its number: the help desk's event or subject line
/// ("henry kim raised sd-82703", "[jira] (sd-73378) query regarding my account", "ticket
/// tkt-944038: support request", 'this request was closed and merged into request #640034
/// "query regarding my account".'). A quoted subject is the other ticket's title and does not
/// count towards the length.
fn is_ticket_event(line: &str) -> bool {
    // A ticket's number has digits; most lines have none.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let outside: String = line
        .trim()
        .split(['"', '“', '”'])
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ");
    let shape = Shape::of(&outside);
    shape.words.len() <= 10
        && shape.cjk == 0
        && !line.contains('?')
        && line.split_whitespace().any(|t| {
            let number = t
                .trim_matches(|c: char| !is_alnum(c) && c != '#')
                .strip_prefix('#')
                .is_some_and(|n| n.len() >= 3 && n.chars().all(|c| c.is_ascii_digit()));
            number || is_ticket_id(t)
        })
}

/// A mail system's notice under its tag: "[钉钉] 胡艳 给你发了一封邮件", "[jira] (sd-1) (no
/// subject)": a short line that opens with a bracketed tag and asks nothing.
fn is_tagged_notice(line: &str) -> bool {
    let line = line.trim();
    let Some(close) = (if line.starts_with('[') {
        line.find(']')
    } else if line.starts_with('【') {
        line.find('】')
    } else {
        None
    }) else {
        return false;
    };
    let shape = Shape::of(line);
    close <= 40 && !line.contains(['?', '？']) && shape.non_cjk_words() <= 8 && shape.cjk <= 20
}

/// A ticket-like id: letters then 3+ digits ("TKT-4821", "INC0012", "SR#5531", "case_9981").
pub(crate) fn is_ticket_id(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    let letters = t.chars().take_while(char::is_ascii_alphabetic).count();
    let rest = &t[letters..];
    let rest = rest.trim_start_matches(['-', '_', '#', ':']);
    letters >= 1 && rest.len() >= 3 && rest.chars().all(|c| c.is_ascii_digit())
}

/// "Label: value" with a label of a few words and a value of a few words and no sentence in
/// it: a field of a help desk's or CRM's form.
fn is_short_field(line: &str) -> bool {
    let Some((label, value)) = field_label(line) else {
        return false;
    };
    // A chat's turn is what someone said, however short ("[19:47] 微信用户4GBE：显示我的提醒").
    if chat_line(line).is_some() {
        return false;
    }
    // A contact detail in the value is no sentence ("Requester: Priya Williams
    // <priya.williams@oakleaf.org>", "Visitor: Ethan Harris (ethan603@btinternet.com)").
    let detail = |t: &str| t.contains('@') || t.contains("://") || t.starts_with("www.");
    // Most values hold no contact detail: no copy is made of those.
    let value: std::borrow::Cow<str> = if value.split_whitespace().any(detail) {
        value
            .split_whitespace()
            .filter(|t| !detail(t))
            .collect::<Vec<_>>()
            .join(" ")
            .into()
    } else {
        value.into()
    };
    let value = value.trim();
    // "Re: Exporting reports" is a subject, which may name the need.
    let subject = REPLY_MARKS.contains(&label);
    // A list of tags or categories ("smb, repeat-contact, priority", "重复进线、催单") is as
    // short: every item is.
    let short = |v: &str| says_little(v) && !v.contains(',');
    !subject
        && (short(value) || value.split([',', '、']).all(|item| short(item.trim()) && latin_words(item) <= 2 && cjk_len(item) <= 6))
        // A value labelled as what the customer said is the need ("客户原话：希望增加批量导入",
        // "问题描述：导出报表为PDF").
        && !is_need_label(label)
        && !is_courtesy_label(label)
}

/// The marks a mail program puts before a subject it replies to or forwards ("Re: …", "回复：…").
pub(crate) const REPLY_MARKS: &[&str] = &["re", "fw", "fwd", "aw", "回复", "转发"];

/// The colons of `line` that may end a field's label: not one between digits, as in a time
/// ("15:04", "上午5:15").
fn field_colons(line: &str) -> impl Iterator<Item = usize> + '_ {
    line.match_indices(':')
        .map(|(i, _)| i)
        .filter(move |&i| !super::text::is_time_colon(line, i))
}

/// `line` split at its first [`field_colons`] colon, or after a key that opens it with an
/// equals sign ("severity=2", "版本=企业版").
fn split_field(line: &str) -> Option<(&str, &str)> {
    match field_colons(line).next() {
        Some(at) => Some((&line[..at], &line[at + 1..])),
        None => {
            let at = line.find('=')?;
            let key = &line[..at];
            (!key.is_empty() && key.chars().count() <= 24 && !key.contains(char::is_whitespace))
                .then(|| (key, &line[at + 1..]))
        }
    }
}

/// A field's label: a few words before a colon, with no sentence in them ("Priority",
/// "Customer said", "客户原话"); the label and the value.
/// Also a label in brackets before its value ("[Priority] High", "【处理人】未分配") and a label
/// set apart from its value by a tab or three spaces or more, as a table exported to text
/// aligns them ("Ticket ID     CS-71466").
/// A relay counts too: a lead-in of any length that ends in a need's label, as a CSM passes on
/// what a customer asked ("Had a call with Ava from Foxglove Freight today. They asked: …",
/// "刚和汇通科技的张鹏通完电话，客户问：…"); its label is that need's label.
fn field_label(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let (label, value) = split_field(line)
        .or_else(|| bracket_field(line))
        .or_else(|| aligned_field(line))?;
    let label = label.trim();
    if !label.is_empty()
        && words(label).len() <= 3
        && cjk_len(label) <= 6
        && !label.chars().any(ends_sentence)
    {
        return Some((label, value.trim()));
    }
    // In brackets the words stand beside the writer's own account of the need, which says it
    // too ("asked for the weekly report as a PDF (in their words: \"周报能不能一键生成PDF\")").
    let opened = |open: char, close: char| {
        label.chars().filter(|&c| c == open).count() > label.chars().filter(|&c| c == close).count()
    };
    if opened('(', ')') || opened('（', '）') {
        return None;
    }
    let need = NEED_LABELS
        .iter()
        .filter(|l| label.ends_with(*l))
        .max_by_key(|l| l.len())?;
    Some((&label[label.len() - need.len()..], value.trim()))
}

/// Where the customer's words start in `part` (as written, not normalised) when it is a relay
/// ([`field_label`]): after the colon of the need's label that ends a longer lead-in.
fn after_relay(part: &str) -> Option<usize> {
    if !part.contains([':', '：']) {
        return None;
    }
    let normalized = super::text::normalize(part);
    let (label, _) = field_label(&normalized)?;
    let lead_in = split_field(normalized.trim())?.0.trim();
    if lead_in == label || !is_need_label(label) {
        return None;
    }
    part.char_indices()
        .filter(|&(_, c)| c == ':' || c == '：')
        .find(|&(at, _)| {
            super::text::normalize(&part[..at])
                .trim_end()
                .ends_with(label)
        })
        .map(|(at, c)| at + c.len_utf8())
}

/// A value that opens with a quotation mark, up to the mark that closes it: what a relay quotes
/// ("「需要一张桌子」 这家Q1要续约，麻烦尽快给个答复。" -> "「需要一张桌子」"), without the relayer's
/// own words after it.
fn quoted_only(value: &str) -> &str {
    let Some(open) = value.chars().next() else {
        return value;
    };
    let close = match open {
        '“' => '”',
        '「' => '」',
        '『' => '』',
        '"' => '"',
        _ => return value,
    };
    let from = open.len_utf8();
    match value[from..].find(close) {
        Some(end) if end > 0 => &value[..from + end + close.len_utf8()],
        _ => value,
    }
}

/// Whether `line` has what any field has (a colon, a label in brackets, an aligned gap): most
/// lines of a need have none, and are not parsed for one.
fn may_be_field(line: &str) -> bool {
    line.contains([':', '：', '\t', '=']) || line.starts_with(['[', '【']) || line.contains("   ")
}

/// "[Priority] High", "【处理人】未分配": a label in brackets, then its value.
fn bracket_field(line: &str) -> Option<(&str, &str)> {
    let close = match line.chars().next()? {
        '[' => ']',
        '【' => '】',
        _ => return None,
    };
    let open = line.chars().next()?.len_utf8();
    let end = line.find(close)?;
    let value = line[end + close.len_utf8()..].trim();
    (!value.is_empty()).then(|| (&line[open..end], value))
}

/// "Ticket ID     CS-71466", "Status\tOpen": a label, a tab or three spaces or more, a value.
fn aligned_field(line: &str) -> Option<(&str, &str)> {
    let gap = line
        .find('\t')
        .or_else(|| line.find("   "))
        .filter(|&at| at > 0)?;
    let value = line[gap..].trim();
    (!value.is_empty()).then(|| (&line[..gap], value))
}

/// When a ticket labels what the customer asked ("Description: …", "客户原话：…", "Customer
/// request:" with the words on the lines below), that is its need: a CSM's meeting notes
/// around it ("1. Seats: 61", "会议纪要 —— 周例会（…）"), a form's other fields and what a
/// help desk wrote above it are not. A labelled block runs from its label to the next field of
/// another label. Only when the labelled blocks say 3 words or more: "Issue: Billing" is a
/// category, not the need.
fn labelled_need_only(lines: &[&str], kept: &mut Vec<(usize, Option<usize>)>) {
    // Each kept line's field, if it is one, and whether its label names the need.
    let fields: Vec<Option<(&str, bool)>> = kept
        .iter()
        .map(|&(i, _)| field_label(lines[i]).map(|(label, value)| (value, is_need_label(label))))
        .collect();
    if !fields.iter().flatten().any(|&(_, need)| need) {
        return;
    }
    let mut in_block = false;
    let block: Vec<bool> = fields
        .iter()
        .map(|field| {
            if let Some((_, need)) = field {
                in_block = *need;
            }
            in_block
        })
        .collect();
    let said: usize = kept
        .iter()
        .zip(&fields)
        .zip(&block)
        .filter(|&(_, &b)| b)
        .map(|((&(i, _), field), _)| match field {
            Some((value, true)) => weight(value),
            _ => weight(lines[i]),
        })
        .sum();
    if said >= 3 {
        let mut flags = block.iter();
        kept.retain(|_| flags.next().copied().unwrap_or(false));
    }
}

/// In a chat transcript that names its visitor or customer ("Visitor: Ethan Harris (…)",
/// "访客：周霞（…）", "客户：微信用户4GBE　等级：A类"), the need is what they wrote: the agents' lines ("亲，马上帮您看一下。") go, whoever the
/// agent was. A line belongs to the speaker named on it ("(17:12:38) Ethan: …") or on the
/// line above it ("周霞 16:39:22"); the heading above the first speaker goes too. Kept as it is
/// when the visitor's lines say nothing.
fn visitor_only(lines: &[&str], kept: &mut Vec<(usize, Option<usize>)>) {
    // Asked of every ticket: a substring test before the field's parse.
    static PARTIES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(PARTY_LABELS).expect("party labels are valid patterns")
        });
    let Some(visitor) = lines.iter().find_map(|l| {
        if !PARTIES.is_match(l) {
            return None;
        }
        let (label, value) = field_label(l)?;
        PARTY_LABELS
            .iter()
            .any(|p| label.ends_with(p))
            .then(|| value.split(['(', '（']).next().unwrap_or("").trim())
    }) else {
        return;
    };
    if visitor.is_empty() {
        return;
    }
    let mut speaker: Option<&str> = None;
    let speakers: Vec<Option<&str>> = lines
        .iter()
        .map(|l| {
            // A blank line ends a message: below the last one, the transcript's closing
            // ("Chat ended by visitor", "会话已结束（访客关闭）").
            if l.trim().is_empty() {
                speaker = None;
            }
            if let Some(s) = chat_speaker(l) {
                speaker = Some(s);
            }
            speaker
        })
        .collect();
    let visitors = |s: &str| {
        visitor
            .strip_prefix(s)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    // The transcript's heading, above its first speaker, goes with the agents' lines.
    let keep = |i: usize| speakers[i].is_some_and(visitors);
    if kept.iter().any(|&(i, _)| keep(i) && weight(lines[i]) > 0) {
        kept.retain(|&(i, _)| keep(i));
    }
}

/// A transcript's turns named by a label alone, with no time on the line ("曹嘉欣：在吗",
/// "罗振宇：您好，我是罗振宇，很高兴为您服务~", "客户：取消我的闹钟 || 客服栋：好的亲"): for each line, where
/// what its speaker said starts, and whether that speaker is the help desk's. A label that opens
/// two lines or more is a speaker, not a form's field (a form names each field once); once one
/// has spoken, any short label below opens a turn too. `None` when `lines` are no such
/// transcript: fewer than 3 turns by 2 speakers, or no speaker known as the help desk's.
fn labelled_turns(lines: &[&str]) -> Option<Vec<Option<(usize, bool)>>> {
    // Asked of every ticket: most have no two lines that open with the same words before a
    // colon, times and brackets aside ("00:24 客服:", "坐席([00:01]):", "Echo (bot) (7:47 AM):").
    let heads: Vec<&str> = lines
        .iter()
        .filter_map(|l| {
            let head = l[..field_colons(l).next()?].trim();
            (!head.is_empty() && head.len() <= 48).then_some(head)
        })
        .collect();
    let bare: Vec<Vec<char>> = heads
        .iter()
        .map(|h| {
            h.chars()
                .filter(|&c| !(c.is_ascii_digit() || ":[]()【】（）-/. ".contains(c)))
                .collect()
        })
        .collect();
    if !(1..bare.len()).any(|k| !bare[k].is_empty() && bare[..k].contains(&bare[k])) {
        return None;
    }
    fn label_of(line: &str) -> Option<(&str, usize)> {
        let line = line.trim();
        if let Some((speaker, said)) = chat_line(line) {
            return Some((speaker, line.len() - said.len()));
        }
        if is_header_field(line) {
            return None;
        }
        let at = field_colons(line).next()?;
        let label = line[..at].trim();
        let speaker_like = !label.is_empty()
            && label.split_whitespace().nth(3).is_none()
            && cjk_len(label) <= 8
            && !label
                .chars()
                .any(|c| c.is_ascii_digit() || ends_sentence(c));
        let start = line.len()
            - line[at..]
                .trim_start_matches([':', '：'])
                .trim_start()
                .len();
        speaker_like.then_some((label, start))
    }
    let labels: Vec<Option<(&str, usize)>> = lines.iter().map(|l| label_of(l)).collect();
    let count = |label: &str| labels.iter().flatten().filter(|(l, _)| *l == label).count();
    let first = labels
        .iter()
        .position(|l| l.is_some_and(|(l, _)| count(l) >= 2))?;
    // A speaker's words run on below its label's line, up to a blank line or the next turn.
    let mut speaker: Option<&str> = None;
    let mut turns: Vec<Option<(&str, usize)>> = vec![None; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            speaker = None;
        }
        // Above the first speaker to speak twice, the help desk's own turn ("机器人：欢迎咨询…")
        // is known by its label.
        match labels[i] {
            Some((label, start)) if i >= first || AGENT_WORDS.iter().any(|w| label.contains(w)) => {
                speaker = Some(label);
                turns[i] = Some((label, start));
            }
            // A heading's field ends the turn above it ("Bot attempts: 2" over "Last user
            // utterance: …").
            Some(_) => speaker = None,
            None => turns[i] = speaker.map(|s| (s, 0)),
        }
    }
    let mut speakers: Vec<&str> = turns.iter().flatten().map(|&(s, _)| s).collect();
    speakers.sort_unstable();
    speakers.dedup();
    if speakers.len() < 2 || turns.iter().flatten().filter(|t| t.1 > 0).nth(2).is_none() {
        return None;
    }
    // The help desk's: named so ("客服栋", "机器人", "Agent"), named by the heading ("接待客服：罗振宇"),
    // or greeting as a service does ("很高兴为您服务", "How can I help you today?").
    let named_agent = |s: &str| {
        lines[..first].iter().any(|l| {
            field_label(l).is_some_and(|(label, value)| {
                AGENT_WORDS.iter().any(|w| label.contains(w)) && value.trim() == s
            })
        })
    };
    let agents: Vec<&str> = speakers
        .iter()
        .copied()
        .filter(|&s| {
            AGENT_WORDS.iter().any(|w| s.contains(w))
                || named_agent(s)
                || turns.iter().enumerate().any(|(i, t)| {
                    t.is_some_and(|(t, _)| t == s)
                        && SERVICE_GREETINGS.iter().any(|g| lines[i].contains(g))
                })
        })
        .collect();
    if agents.is_empty() || agents.len() == speakers.len() {
        return None;
    }
    Some(
        turns
            .into_iter()
            .map(|t| t.map(|(s, start)| (start, agents.contains(&s))))
            .collect(),
    )
}

/// Words that name the help desk's side of a transcript.
const AGENT_WORDS: &[&str] = &[
    "客服",
    "机器人",
    "助手",
    "坐席",
    "官方",
    "接待",
    "agent",
    "support",
    "bot",
    "assistant",
];

/// What only the help desk's side of a chat says.
const SERVICE_GREETINGS: &[&str] = &[
    "为您服务",
    "有什么可以帮",
    "欢迎咨询",
    "how can i help",
    "how may i help",
    "how can i assist",
    "thanks for contacting",
    "thank you for contacting",
];

/// The speaker a chat line names: "(17:12:38) Ethan: …", "[09:41] Mia: …", or a line of a name
/// and a time alone ("周霞 16:39:22", "Ethan 17:12").
fn chat_speaker(line: &str) -> Option<&str> {
    let line = line.trim();
    if let Some((speaker, _)) = chat_line(line) {
        return Some(speaker);
    }
    let (name, time) = line.rsplit_once(' ')?;
    let name = name.trim();
    (is_clock(time)
        && !name.is_empty()
        && words(name).len() <= 3
        && cjk_len(name) <= 4
        && !name.chars().any(|c| c.is_ascii_digit()))
    .then_some(name)
}

/// Labels of a form's fields that name who, not what: a person, a company, an account.
const WHO_LABELS: &[&str] = &[
    "name",
    "contact",
    "requester",
    "reporter",
    "customer",
    "client",
    "caller",
    "visitor",
    "agent",
    "assignee",
    "owner",
    "account",
    "company",
    "organization",
    "organisation",
    "联系人",
    "姓名",
    "名称",
    "客户",
    "访客",
    "来电人",
    "负责人",
    "经办人",
    "处理人",
    "提交人",
    "公司",
    "单位",
];

/// Labels of the field that holds what the customer asked.
const NEED_LABELS: &[&str] = &[
    "description",
    "body",
    "content",
    "text",
    "feedback",
    "verbatim",
    "details",
    "problem",
    "issue",
    "question",
    "query",
    "request",
    "message",
    "words",
    "asked",
    "customer asks",
    "customer said",
    "customer says",
    "client asked",
    "client said",
    "caller said",
    "caller says",
    "user said",
    "member asks",
    "summary",
    "描述",
    "内容",
    "原话",
    "问题",
    "需求",
    "留言",
    "客户说",
    "客户问",
    "反馈",
    "反映",
    "诉求",
    "咨询",
    "转达",
    "转达一下",
    "转一下",
    "备注",
    "提出",
    "表示",
    "提到",
    "要求",
    "建议",
    "询问",
];

/// A quote header or reply marker: what follows is quoted history.
fn is_history_marker(line: &str, rest: &[&str]) -> bool {
    // Only the squashed line is asked for: no words to split (every line below a sign-off
    // is asked).
    let squashed = squashed(line);
    is_quote_header(line, &squashed, rest) || is_reply_marker(&squashed)
}

/// Where a forwarded mail starts among `lines`, when the first quote header or reply marker
/// among them is a forward's ("---------- Forwarded message ---------", "Begin forwarded
/// message:", "转发的邮件"): a reply's quoted history may hold a forward of its own.
fn forward_at(lines: &[&str]) -> Option<usize> {
    quote_at(lines).filter(|&j| {
        let squashed = squashed(lines[j].trim());
        squashed.contains("forwardedmessage")
            || squashed.starts_with("beginforwarded")
            || squashed.contains("转发的邮件")
            || squashed.contains("转发邮件")
    })
}

/// Whether the `kept` lines are a short note that sends the reader to a mail below it or
/// chases an earlier one ("Please see below - resending as I haven't heard back", "Following
/// up on the below.", "Just checking in on this.", "麻烦看下下面的邮件。", "再次发送，请尽快处理").
fn chases(lines: &[&str], kept: &[(usize, Option<usize>)]) -> bool {
    const CUES: &[&str] = &[
        "below",
        "resend",
        "following up",
        "follow up",
        "follow-up",
        "checking in",
        "chasing",
        "any update",
        "any news",
        "any progress",
        "bump",
        "still waiting",
        "haven't heard",
        "no reply",
        "no response",
        "see the",
        "as above",
        "下面",
        "下方",
        "如下",
        "见下",
        "再次发送",
        "重新发送",
        "重发",
        "补发",
        "跟进",
        "催",
        "顶一下",
        "进展",
        "还没回复",
        "没有回复",
        "没人回复",
    ];
    is_short_note(lines, kept, 12, CUES)
}

/// A need's label between rules, heading the body below it: "--- Description ---", "===
/// 问题描述 ===" (not "-----Original Message-----", a quote header).
fn is_ruled_need_label(line: &str) -> bool {
    let rule = |c: char| "=-_*~—─━ ".contains(c);
    let label = line.trim_matches(rule);
    label.len() < line.len()
        && line.starts_with(rule)
        && line.ends_with(rule)
        && !label.is_empty()
        && label.split_whitespace().nth(3).is_none()
        && is_need_label(&label.to_lowercase())
}

/// A line drawn across: "=====", "-----", "________".
fn is_rule(line: &str) -> bool {
    // Asked of every line: most fail on their first character.
    line.chars().all(|c| "=-_*~—─━".contains(c)) && line.chars().count() >= 5
}

/// How many fields a line holds when read as a record of fields side by side ("提交人：王磊 |
/// 公司：长沙优品物流有限公司").
fn record_field_count(line: &str) -> usize {
    line.split(['|', '｜'])
        .filter(|p| is_record_field(p))
        .count()
}

/// A ticket's heading: its number and, in brackets, its state, beside a word or two ("工单
/// 20230831340324 【待客户回复】", "Ticket #48213 [Open]", "Case 00123456 (New)").
fn is_ticket_heading(line: &str) -> bool {
    // Asked of every kept line: most are longer, or hold no bracket or no number.
    if line.len() > 64
        || !line.contains(['[', '【', '(', '（'])
        || line.bytes().filter(u8::is_ascii_digit).nth(3).is_none()
    {
        return false;
    }
    let mut id = false;
    let mut rest = String::new();
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '[' | '【' | '(' | '（' => depth += 1,
            ']' | '】' | ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => rest.push(c),
            _ => {}
        }
    }
    let rest: Vec<&str> = rest
        .split_whitespace()
        .filter(|w| {
            let long_id = w.chars().filter(char::is_ascii_digit).count() >= 4;
            id |= long_id;
            !long_id
        })
        .collect();
    id && line.contains(['[', '【', '(', '（']) && weight(&rest.join(" ")) <= 2
}

/// Whether the next line from `at` on that holds anything is a sentence of the need: 3 words or
/// more ended by its mark, or 6 Chinese characters or more that are no company or contact line
/// (Chinese needs often go without a mark), read as a need.
fn sentence_follows(lines: &[&str], at: usize) -> bool {
    let Some(k) = (at..lines.len()).find(|&k| !lines[k].trim().is_empty()) else {
        return false;
    };
    let next = lines[k].trim();
    (weight(next) >= 3 && next.ends_with(['.', '?', '!', '。', '？', '！'])
        || cjk_len(next) >= 6 && !is_company_line(next) && !next.contains(['|', '@']))
        && inline_signoff(next, 0).is_none()
        && matches!(classify(next, &lines[k + 1..], false), Line::Need)
}

/// Whether the `kept` lines send the reader to the mail below them: a note that points there
/// or chases it ([`chases`]), or an absence notice ([`is_absence_notice`]).
fn points_below(lines: &[&str], kept: &[(usize, Option<usize>)]) -> bool {
    chases(lines, kept) || is_absence_notice(lines, kept)
}

/// Where to read on when the `kept` lines are a note that points at the mail quoted below
/// `at` ([`points_below`]): past that mail's header. An absence notice above it is not kept,
/// nor is a bare note of a few words.
fn below_note(
    lines: &[&str],
    at: usize,
    kept: &mut Vec<(usize, Option<usize>)>,
    content_words: &mut usize,
) -> Option<usize> {
    // Asked of the note before the lines below are searched: most notes point nowhere.
    if !points_below(lines, kept) {
        return None;
    }
    let j = quote_at(&lines[at..]).or_else(|| header_below(lines, at))?;
    // A note of a few words and no sentence ("See below", "顶一下") goes with the header, as a
    // mail client's banner does.
    let bare = kept.len() == 1
        && weight(lines[kept[0].0]) <= 3
        && !lines[kept[0].0].chars().any(ends_sentence);
    if bare || is_absence_notice(lines, kept) {
        kept.clear();
        *content_words = 0;
    }
    Some(past_header(lines, at + j + 1))
}

/// Where a mail's header follows line `at` with only blank lines between ("———\n\n发件人：…\n
/// 时间：…", a copy under a rule), as an offset from `at`: the line before it.
fn header_below(lines: &[&str], at: usize) -> Option<usize> {
    let next = (at + 1..lines.len()).find(|&k| !lines[k].trim().is_empty())?;
    in_header_block(lines, next).then(|| next - 1 - at)
}

/// Whether the `kept` lines are a mailbox's absence notice ("I'm OOO until Nov 11", "Automatic
/// reply: I am travelling this week", "【自动回复】我于7月25日前休假"): nobody's need. A help desk's
/// copy of it carries the customer's mail below, which is read instead.
fn is_absence_notice(lines: &[&str], kept: &[(usize, Option<usize>)]) -> bool {
    const CUES: &[&str] = &[
        "out of office",
        "out of the office",
        "ooo",
        "auto-reply",
        "autoreply",
        "automatic reply",
        "auto reply",
        "annual leave",
        "on leave",
        "on vacation",
        "on holiday",
        "自动回复",
        "休假",
        "不在办公室",
    ];
    // Asked of most tickets: one pass over each kept line for all the cues.
    static FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(CUES).expect("the absence cues build")
        });
    // A whole word: "ooo" is not inside "cooordinate", "on leave" not in "upon leaves".
    let whole = |line: &str, m: aho_corasick::Match| {
        line[m.start()..].starts_with(|c: char| is_cjk(c))
            || (line[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
                && line[m.end()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric()))
    };
    kept.iter().any(|&(i, _)| {
        FINDER
            .find_overlapping_iter(lines[i])
            .any(|m| whole(lines[i], m))
    }) && kept.iter().map(|&(i, _)| weight(lines[i])).sum::<usize>() <= 40
}

/// Whether the `kept` lines say at most `most` words and one of them holds one of `cues`.
fn is_short_note(
    lines: &[&str],
    kept: &[(usize, Option<usize>)],
    most: usize,
    cues: &[&str],
) -> bool {
    let said: usize = kept.iter().map(|&(i, _)| weight(lines[i])).sum();
    said <= most
        && kept
            .iter()
            .any(|&(i, _)| cues.iter().any(|c| lines[i].contains(c)))
}

/// The first line from `at` on that is neither empty nor a mail header field.
fn past_header(lines: &[&str], mut at: usize) -> usize {
    while at < lines.len()
        && (lines[at].trim().is_empty() || is_header_field(lines[at]) || is_folded(lines, at))
    {
        at += 1;
    }
    at
}

/// "Subject: …", "From: …", "发件人：…": a field of a mail's header, also one of the fields
/// mail servers and programs add ("Received: …", "Message-ID: …", "X-Mailer: …"), as a raw
/// message exported from a mailbox shows them.
fn is_header_field(line: &str) -> bool {
    const FIELDS: &[&str] = &[
        "subject",
        "from",
        "to",
        "cc",
        "bcc",
        "date",
        "sent",
        "reply-to",
        "return-path",
        "received",
        "message-id",
        "in-reply-to",
        "references",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "dkim-signature",
        "thread-topic",
        "thread-index",
        "importance",
        "delivered-to",
        "主题",
        "发件人",
        "收件人",
        "抄送",
        "日期",
        "发送时间",
        "时间",
    ];
    labelled(line, FIELDS) || is_extension_field(line)
}

/// A header field a mail program or server names itself ("X-Mailer: Foxmail 7.2",
/// "X-MS-Exchange-Organization-SCL: 1"): "x-", then a name without spaces, then a colon.
fn is_extension_field(line: &str) -> bool {
    line.trim_start().strip_prefix("x-").is_some_and(|rest| {
        rest.split_once(':')
            .is_some_and(|(name, _)| !name.is_empty() && !name.contains(char::is_whitespace))
    })
}

/// Whether `line` opens with one of `labels` and a colon ("From: …", "发件人：…").
fn labelled(line: &str, labels: &[&str]) -> bool {
    let line = line.trim();
    labels.iter().any(|f| {
        line.strip_prefix(f)
            .is_some_and(|r| r.trim_start().starts_with([':', '：']))
    })
}

/// Whether line `i` is a field of a mail header: it and a neighbour are header fields.
/// A field that runs on to the next lines folds them, indented ("Received: from … \n        by
/// mx.example.com …"); those lines are part of it.
fn in_header_block(lines: &[&str], i: usize) -> bool {
    if is_folded(lines, i) {
        return true;
    }
    is_header_field(lines[i])
        && (i > 0 && is_header_field(lines[i - 1])
            || lines.get(i + 1).is_some_and(|l| is_header_field(l)))
}

/// Line `i` is the indented continuation of a mail header field above it.
fn is_folded(lines: &[&str], i: usize) -> bool {
    let mut j = i;
    while j > 0 && lines[j].starts_with([' ', '\t']) && !lines[j].trim().is_empty() {
        j -= 1;
        if is_header_field(lines[j]) {
            return true;
        }
    }
    false
}

/// Where the first quote header or reply marker among `lines` is: a mail quoted or forwarded
/// below.
fn quote_at(lines: &[&str]) -> Option<usize> {
    (0..lines.len()).find(|&j| is_history_marker(lines[j].trim(), &lines[j + 1..]))
}

/// The customer's need in their own casing, for a title: the need lines of `text`, with
/// e-mail addresses, links, phone numbers, ticket numbers and long ids taken out. Names and
/// companies in salutations and signatures go with their lines.
pub fn need_excerpt(text: &str) -> String {
    need_excerpt_lines(text).join(" ")
}

/// The need `lines` joined, without their sentences that are `furniture` (the rest as it was
/// written); all of them when every sentence is.
pub fn without_furniture(lines: &[String], furniture: &dyn Fn(&str) -> bool) -> String {
    without_recurring(lines, &|s| u16::from(furniture(s)))
}

/// The need `lines` joined, without their sentences that recur (`recurs`: how many items the
/// corpus saw a sentence in when it counts as furniture, else 0); the rest as it was written.
/// When every sentence recurs, those that recur least stay (up to twice the least count), as
/// the analysis keeps them: a need asked often in the same words ("设置闹钟在上午6点") recurs
/// far less than the sign-off around it.
pub fn without_recurring(lines: &[String], recurs: &dyn Fn(&str) -> u16) -> String {
    let pieces: Vec<Vec<(&str, u16)>> = lines
        .iter()
        .map(|line| {
            super::text::sentence_pieces(line)
                .into_iter()
                .map(|p| {
                    let count = if p.trim().is_empty() {
                        0
                    } else {
                        recurs(p.trim())
                    };
                    (p, count)
                })
                .collect()
        })
        .collect();
    let least = pieces
        .iter()
        .flatten()
        .filter(|(p, _)| !p.trim().is_empty())
        .map(|&(_, c)| c)
        .min()
        .unwrap_or(0);
    let keep = |c: u16| {
        if least == 0 {
            c == 0
        } else {
            c <= least.saturating_mul(2)
        }
    };
    let dropped = pieces
        .iter()
        .flatten()
        .any(|&(p, c)| !p.trim().is_empty() && !keep(c));
    let kept_lines: Vec<String> = pieces
        .iter()
        .map(|line| {
            line.iter()
                .filter(|&&(p, c)| p.trim().is_empty() || keep(c))
                .map(|&(p, _)| p)
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect();
    if !dropped || kept_lines.is_empty() {
        joined(lines)
    } else {
        joined(&kept_lines)
    }
}

/// Lines run into one: one that ends without a mark gets one before the next, so that a title
/// stored this way keeps its lines' sentences apart ("Chat transcript. Is there …", "… credited
/// to my account. I can jump on a call …") and the furniture among them is known again later.
fn joined(lines: &[String]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            match out.chars().last() {
                Some(c) if is_cjk(c) => out.push('。'),
                Some(c) if is_alnum(c) => out.push('.'),
                _ => {}
            }
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// [`need_excerpt`] line by line: the words each need line kept (lines that kept none left
/// out).
pub fn need_excerpt_lines(text: &str) -> Vec<String> {
    need_excerpt_lines_and_below(text, false).0
}

/// [`need_excerpt_lines`], and with `below`, those of the lines under a rule where reading
/// stopped ([`need_lines_and_below`]), as written.
pub fn need_excerpt_lines_and_below(text: &str, below: bool) -> (Vec<String>, Vec<String>) {
    let text = super::text::without_markup(text);
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines() {
        push_record_fields(line, &mut lines);
    }
    let normalized: Vec<String> = lines.iter().map(|l| super::text::normalize(l)).collect();
    let refs: Vec<&str> = normalized.iter().map(String::as_str).collect();
    let (kept, cut) = need_line_indices_and_cut(&refs);
    let rest = match cut.filter(|_| below).and_then(|c| under_rule(&refs, c)) {
        Some((at, more)) => excerpt_lines(&lines[at..], &refs[at..], more),
        None => Vec::new(),
    };
    (excerpt_lines(&lines, &refs, kept), rest)
}

/// The words each kept line of [`need_excerpt_lines`] keeps, as written (`refs`: the lines
/// normalised).
fn excerpt_lines(lines: &[&str], refs: &[&str], kept: Vec<NeedLine>) -> Vec<String> {
    let mut out = Vec::new();
    for (k, (i, prior, turn)) in kept.into_iter().enumerate() {
        let (line, refs_i) = if turn {
            (after_speaker(lines[i]), after_speaker(refs[i]))
        } else {
            (lines[i], refs[i])
        };
        let mut words: Vec<&str> = Vec::new();
        // Words that follow the one before them with no space (a dropped detail's closing marks).
        let mut glued: Vec<usize> = Vec::new();
        // A need field's label with nothing after it ("Quick question:", "客户原话：") goes, as
        // the analysis leaves it out: the corpus never counts it, so it cannot be learned.
        if without_need_label(need_part(refs_i, prior)).is_empty() {
            continue;
        }
        let mut part = need_part(line, prior);
        if k == 0 {
            part = &part[salutation_end(part)..];
        }
        // A relay's lead-in, with the relayer's names, goes as the analysis leaves it out.
        if let Some(cut) = after_relay(part) {
            part = part[cut..].trim_start();
        }
        let toks: Vec<&str> = part.split_whitespace().collect();
        let line_start = 0;
        let mut detail_dropped = false;
        let mut j = 0;
        while j < toks.len() {
            let t = toks[j];
            let bare = t.trim_matches(|c: char| !is_alnum(c));
            let lower = bare.to_lowercase();
            let ticket_word = matches!(
                lower.as_str(),
                "ticket" | "case" | "ref" | "incident" | "req" | "工单" | "工单号"
            );
            // "Ticket 99812", "Case #4", "工单 #12": the word goes with its number.
            if ticket_word
                && toks.get(j + 1).is_some_and(|n| {
                    let digits = n.chars().filter(char::is_ascii_digit).count();
                    digits >= 3
                        || (digits >= 1
                            && n.trim_start_matches(['#', '№'])
                                .trim_end_matches(|c: char| !is_alnum(c))
                                .chars()
                                .all(|c| c.is_ascii_digit())
                            && n.starts_with(['#', '№']))
                })
            {
                detail_dropped = true;
                j += 2;
                continue;
            }
            // A phone number written in groups: "+1 555 010 2233".
            let phone_part = |x: &str| {
                x.chars().any(|c| c.is_ascii_digit())
                    && x.chars()
                        .all(|c| c.is_ascii_digit() || "+-().,/".contains(c))
            };
            if phone_part(t) {
                let run = toks[j..].iter().take_while(|x| phone_part(x)).count();
                let run_digits: usize = toks[j..j + run]
                    .iter()
                    .map(|x| x.chars().filter(char::is_ascii_digit).count())
                    .sum();
                if run_digits >= 7 {
                    detail_dropped = true;
                    drop_contact_label(&mut words);
                    j += run;
                    continue;
                }
            }
            let digits = t.chars().filter(char::is_ascii_digit).count();
            if is_address(t) || (t.starts_with('#') && digits > 0) || digits >= 5 || phone_like(t) {
                detail_dropped = true;
                drop_contact_label(&mut words);
                // The sentence ends with it all the same: 'merged into "Request [#639847]".'
                let end = &t[t.trim_end_matches(CLOSING).len()..];
                if !end.is_empty() && !words.is_empty() {
                    glued.push(words.len());
                    words.push(end);
                }
                j += 1;
                continue;
            }
            words.push(t);
            j += 1;
        }
        // A label whose value was a link, an address or a number ("Submitted from: <link>",
        // "Reference: <id>") says nothing once the value is gone.
        // So does a channel's banner that named whom the message is from ("Instagram DM message
        // from @james_lee70"): a few words ending in "from" or "by", with no sentence in them.
        let label = &words[line_start..];
        let attribution = label.len() <= 5
            && label
                .last()
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "from" | "by" | "来自"))
            && !label
                .iter()
                .any(|w| w.contains(|c: char| ends_sentence(c) || c == ','));
        if detail_dropped
            && (attribution
                || (1..=3).contains(&label.len())
                    && label.last().is_some_and(|w| w.ends_with([':', '：'])))
        {
            words.truncate(line_start);
        }
        if !words.is_empty() {
            let mut line = String::new();
            for (k, w) in words.iter().enumerate() {
                if k > 0 && !glued.contains(&k) {
                    line.push(' ');
                }
                line.push_str(w);
            }
            out.push(line);
        }
    }
    out
}

/// Marks that close a quote or end a sentence.
const CLOSING: &[char] = &['"', '”', '\'', '」', '』', '.', '!', '?', '。', '！', '？'];

/// Words that name a contact detail written after them: once the detail is dropped, its label
/// says nothing. Narrower than [`CONTACT_LABELS`] (which judges whole lines): no word that is
/// also a verb before an address ("mail", "email").
const DETAIL_LABELS: &[&str] = &[
    "tel", "tel.", "phone", "mobile", "cell", "fax", "手机", "电话", "座机", "传真", "邮箱", "微信",
];

/// Drops the last of `words` when it labels a contact detail just dropped ("手机 139…",
/// "Tel: +44 …").
fn drop_contact_label(words: &mut Vec<&str>) {
    let label = |w: &str| {
        let bare = w.trim_end_matches([':', '：']).to_lowercase();
        DETAIL_LABELS.contains(&bare.as_str())
    };
    if words.last().is_some_and(|w| label(w)) {
        words.pop();
    }
}

/// Greetings that open a mail, in English and Chinese.
const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "dear",
    "greetings",
    "good morning",
    "good afternoon",
    "good evening",
    "good day",
    // A pleasantry that opens a mail the same way: "Hope you're well, when will …".
    "hope you're well",
    "hope you are well",
    "hope you're doing well",
    "hope you are doing well",
    "hope all is well",
    "i hope you're well",
    "i hope you are well",
    "您好",
    "你好",
    "尊敬的",
    "亲爱的",
    "各位好",
    "大家好",
];

/// Whether `c` at byte `i` of `s` ends a greeting's clause: a comma, an exclamation mark or a
/// colon, but not the colon of a time ("客服你好，在 15:19 …").
fn ends_greeting_clause(s: &str, i: usize, c: char) -> bool {
    match c {
        ',' | '!' | '，' | '！' | '：' => true,
        ':' => !super::text::is_time_colon(s, i),
        _ => false,
    }
}

/// Whether `line` opens with a Chinese greeting of any wording: a short clause of Chinese
/// characters that ends in 好 ("各位老师好，", "王经理您好！", "技术支持团队好：").
fn opens_with_cjk_greeting(line: &str) -> bool {
    let Some((at, _)) = line
        .char_indices()
        .find(|&(i, c)| ends_greeting_clause(line, i, c))
    else {
        return false;
    };
    let clause = line[..at].trim();
    let n = clause.chars().count();
    if (2..=8).contains(&n) && clause.chars().all(is_cjk) && clause.ends_with('好') {
        return true;
    }
    // A name, then the greeting: "韩涛，你好！", "胡洋，您好：".
    let rest = line[at..]
        .trim_start_matches([',', '!', ':', '，', '！', '：'])
        .trim_start();
    is_cjk_name(clause) && (rest.starts_with("你好") || rest.starts_with("您好"))
}

/// Whether `line` opens with a greeting of [`GREETINGS`] or a Chinese one of any wording.
fn opens_with_greeting(line: &str) -> bool {
    let lower = line.to_lowercase();
    GREETINGS.iter().any(|g| {
        lower.starts_with(g)
            && (g.chars().all(is_cjk)
                || lower[g.len()..].chars().next().is_none_or(|c| !is_alnum(c)))
    }) || opens_with_cjk_greeting(line)
}

/// Where the need starts in a first line that opens with a salutation ("Hi Sarah, we need
/// ...", "Dear Acme support team: ...", "您好，王经理！希望..."): after the greeting's clause,
/// when it is short. 0 when the line opens otherwise.
pub(crate) fn salutation_end(line: &str) -> usize {
    if line.to_lowercase().len() != line.len() || !opens_with_greeting(line) {
        return 0;
    }
    let mut end = 0;
    // A greeting may run over two clauses: "您好，王经理！".
    for _ in 0..2 {
        let rest = &line[end..];
        let Some((at, c)) = rest
            .char_indices()
            .skip_while(|&(_, c)| !is_alnum(c))
            .find(|&(i, c)| ends_greeting_clause(rest, i, c))
        else {
            break;
        };
        let clause = &rest[..at];
        let short = words(clause)
            .iter()
            .filter(|w| !w.chars().any(is_cjk))
            .count()
            <= 5
            && cjk_len(clause) <= 10;
        // The second clause only as a name or a title: "王经理", "客服团队".
        let second_ok = clause.chars().any(is_cjk)
            && cjk_len(clause) <= 6
            && words(clause).len() <= 2
            && !CJK_NEED_CUES.iter().any(|c| clause.contains(c));
        if !short || (end > 0 && !second_ok) {
            break;
        }
        end += at + c.len_utf8();
    }
    if line[end..].chars().any(is_alnum) {
        end
    } else {
        0
    }
}

/// A rough count of the words in a line (a CJK character counts as half a word).
fn weight(line: &str) -> usize {
    latin_words(line) + cjk_len(line) / 2
}

/// The Latin words of [`weight`]: runs of letters and digits with a letter among them.
fn latin_words(line: &str) -> usize {
    if line.is_ascii() {
        return ascii_words(line.as_bytes());
    }
    line.split(|c: char| !is_alnum(c) || is_cjk(c))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

/// [`latin_words`] of an ASCII line.
fn ascii_words(line: &[u8]) -> usize {
    let (mut words, mut letter) = (0, false);
    for &b in line {
        if !b.is_ascii_alphanumeric() {
            words += usize::from(letter);
            letter = false;
        } else {
            letter |= b.is_ascii_alphabetic();
        }
    }
    words + usize::from(letter)
}

enum Line {
    Need,
    Drop,
    Cut,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Words (Latin) and CJK characters of a line, without punctuation.
fn words(line: &str) -> Vec<&str> {
    line.split(|c: char| !(is_alnum(c) || c == '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

fn cjk_len(line: &str) -> usize {
    if line.is_ascii() {
        return 0;
    }
    line.chars().filter(|&c| is_cjk(c)).count()
}

/// What the line rules ask of a line, worked out once for all of them: its words
/// ([`words`]), its CJK characters ([`cjk_len`]) and its letters, digits and CJK characters
/// alone, in order.
struct Shape<'a> {
    line: &'a str,
    words: Vec<&'a str>,
    cjk: usize,
    squashed: String,
}

impl<'a> Shape<'a> {
    /// Its words that hold no CJK character.
    fn non_cjk_words(&self) -> usize {
        self.words.iter().filter(|w| !w.chars().any(is_cjk)).count()
    }

    fn of(line: &'a str) -> Self {
        Shape {
            line,
            words: words(line),
            cjk: cjk_len(line),
            squashed: squashed(line),
        }
    }
}

/// `line`'s letters, digits and CJK characters alone, in order.
fn squashed(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    if line.is_ascii() {
        out.extend(
            line.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(char::from),
        );
    } else {
        out.extend(line.chars().filter(|&c| is_alnum(c) || is_cjk(c)));
    }
    out
}

/// Whether `text` is only a date and time ([`is_timestamp`]); most texts are known not to be
/// by their digits alone, without building their shape.
fn is_timestamp_text(text: &str) -> bool {
    digits(text) >= 3 && is_timestamp(&Shape::of(text))
}

/// How many ASCII digits `text` holds.
fn digits(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}

fn classify(line: &str, rest: &[&str], first: bool) -> Line {
    if line.starts_with('>') || line.starts_with('|') && line.ends_with('|') {
        return Line::Drop;
    }
    let shape = Shape::of(line);
    if is_quote_header(line, &shape.squashed, rest)
        || is_delimiter(line)
        || is_reply_marker(&shape.squashed)
    {
        return Line::Cut;
    }
    if is_signoff(&shape) {
        return Line::Cut;
    }
    if is_device_signature(&shape)
        || is_safety_banner(&shape)
        || is_disclaimer(&shape)
        || is_autoreply(&shape)
        || is_contact(&shape)
        || is_metadata(&shape)
        || is_link_only(line)
        || is_bracketed(line)
        || is_timestamp(&shape)
        || is_dated_author(line)
        || is_dotted_metadata(&shape)
        || is_postal_address(&shape)
        || is_byline(&shape)
        || is_relay_note(&shape)
        || is_chat_event(&shape)
        // A salutation line: the first line, or any that greets ("客服小姐姐你好，" under a
        // mail system's banner).
        || (is_salutation(&shape) && (first || opens_with_greeting(line)))
    {
        return Line::Drop;
    }
    Line::Need
}

/// "On Tue, Mar 3, 2026 at 10:02 AM Alex <a@b.example> wrote:", "-----Original Message-----",
/// "From: ..." followed by "Sent:"/"Date:"/"To:", and their Chinese forms.
/// `squashed`: the line's letters, digits and CJK characters alone ([`Shape`]).
fn is_quote_header(line: &str, squashed: &str, rest: &[&str]) -> bool {
    let l = line.trim_end_matches([':', ' ']);
    if l.ends_with("wrote") || l.ends_with("写道") || l.ends_with("schrieb") {
        return true;
    }
    if squashed.contains("originalmessage")
        || squashed.contains("forwardedmessage")
        || squashed.starts_with("beginforwarded")
        || squashed.contains("原始邮件")
        || squashed.contains("转发邮件")
        || squashed.contains("转发的邮件")
    {
        return true;
    }
    labelled(line, &["from", "发件人"])
        && rest.iter().take(4).any(|l| {
            labelled(
                l,
                &[
                    "sent",
                    "date",
                    "to",
                    "subject",
                    "发送时间",
                    "收件人",
                    "日期",
                ],
            )
        })
}

/// A signature delimiter: "--", "__", "——", "-- Name".
fn is_delimiter(line: &str) -> bool {
    let marks = line
        .chars()
        .take_while(|c| matches!(c, '-' | '_' | '—' | '=' | '~'))
        .count();
    // A lone "-" or "*" is a form's empty value or a bullet, not a rule.
    (marks >= 2 && weight(line) <= 3)
        || line.chars().filter(|c| *c != ' ').count() >= 2
            && line
                .chars()
                .all(|c| matches!(c, '-' | '_' | '—' | '=' | '*' | ' '))
}

/// Help desks quote the whole conversation under "reply above this line".
/// `squashed`: the line's letters, digits and CJK characters alone ([`Shape`]).
fn is_reply_marker(squashed: &str) -> bool {
    // Letters and digits only: the few kana marks that are not letters go (rarely any).
    let letters: String;
    let s = if squashed.chars().all(is_alnum) {
        squashed
    } else {
        letters = squashed.chars().filter(|&c| is_alnum(c)).collect();
        &letters
    };
    (s.contains("above") && s.contains("line") && (s.contains("reply") || s.contains("write")))
        || s.contains("以上回复")
        || s.contains("上方回复")
}

/// Sign-off phrases; a line that is one of these (optionally followed by a short name) ends
/// the need.
const SIGNOFF: &[&str] = &[
    "regards",
    "best regards",
    "kind regards",
    "warm regards",
    "warmest regards",
    "best wishes",
    "warm wishes",
    "all the best",
    "best",
    "cheers",
    "thanks",
    "thank you",
    "thanks again",
    "many thanks",
    "thanks so much",
    "thank you so much",
    "thanks a lot",
    "thx",
    "ty",
    "rgds",
    "kr",
    "sincerely",
    "yours sincerely",
    "sincerely yours",
    "yours truly",
    "yours faithfully",
    "respectfully",
    "br",
    "mfg",
    "talk soon",
    "have a great day",
    "have a nice day",
    "take care",
];
const CJK_SIGNOFF: &[&str] = &[
    "谢谢",
    "多谢",
    "感谢",
    "非常感谢",
    "谢谢您",
    "谢谢你",
    "此致",
    "敬礼",
    "此致敬礼",
    "祝好",
    "顺祝商祺",
    "顺颂商祺",
    "顺颂时祺",
    "祝商祺",
    "祝工作顺利",
    "祝一切顺利",
    "致礼",
    "盼复",
    "敬上",
    "谨上",
    "祝顺利",
    "万分感谢",
    "辛苦了",
    "辛苦",
    "有劳",
    "劳烦",
    "拜托",
    "先谢",
    "谢过",
];

fn is_signoff(shape: &Shape) -> bool {
    let line = shape.line;
    let latin: Vec<&str> = shape
        .words
        .iter()
        .copied()
        .filter(|w| !w.chars().any(is_cjk))
        .collect();
    if shape.cjk > 0 {
        let cjk: String = line.chars().filter(|&c| is_cjk(c)).collect();
        // "谢谢！", "此致敬礼", "祝好，王伟": a phrase, then at most a short name.
        return CJK_SIGNOFF
            .iter()
            .any(|p| cjk.starts_with(p) && cjk.chars().count() <= p.chars().count() + 4)
            && latin.len() <= 2
            || is_cjk_signoff_and_name(line);
    }
    if latin.is_empty() || latin.len() > 5 {
        return false;
    }
    // The longest phrase the line starts with, then at most three name-like words.
    (1..=latin.len().min(4))
        .rev()
        .any(|n| SIGNOFF.contains(&latin[..n].join(" ").as_str()) && latin.len() - n <= 3)
}

/// A Chinese sign-off line that goes on with the sender's name and their team or company, as a
/// signature's first line does ("谢谢！王伟 市场部", "祝好，李娜 / 客户成功团队", "此致敬礼 张伟
/// 华信科技有限公司"): the phrase, then a name, then only teams or companies.
fn is_cjk_signoff_and_name(line: &str) -> bool {
    let line = line.trim();
    let Some(phrase) = CJK_SIGNOFF
        .iter()
        .filter(|p| line.starts_with(**p))
        .max_by_key(|p| p.len())
    else {
        return false;
    };
    let rest = line[phrase.len()..]
        .trim_start_matches(|c: char| c.is_whitespace() || ",，!！。.~～、:：".contains(c));
    let mut parts = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '|' | '｜' | '，' | ','))
        .filter(|p| !p.is_empty());
    parts.next().is_some_and(is_cjk_name_line)
        && parts.all(|p| is_cjk_team(p) || is_company_line(p))
}

/// Sign-off phrases that close a mail wherever they stand in a line; the other phrases of
/// [`SIGNOFF`] only where a sentence or clause starts.
const DISTINCT_SIGNOFF: &[&str] = &[
    "regards",
    "sincerely",
    "faithfully",
    "truly",
    "best wishes",
    "warm wishes",
    "many thanks",
    "thanks again",
    "thanks so much",
    "thank you so much",
    "thanks a lot",
    "talk soon",
    "take care",
];

/// Punctuation that ends a sentence, in ASCII and full-width forms.
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '。' | '！' | '？' | '；')
}

/// The words of `s` (letters, digits, apostrophes) with their byte ranges.
fn word_spans(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start: Option<usize> = None;
    s.char_indices()
        .chain(std::iter::once((s.len(), ' ')))
        .filter_map(move |(i, c)| {
            let in_word = is_alnum(c) || c == '\'';
            match (in_word, start) {
                (true, None) => {
                    start = Some(i);
                    None
                }
                (false, Some(st)) => {
                    start = None;
                    Some((st, i))
                }
                _ => None,
            }
        })
}

/// Where a sign-off starts inside a line once the need has been said: "... as PDF. Ticket #1
/// Best regards, Jo Smith, Acme Corp", "Thanks, Jo Smith, Head of Ops, Initech, +1 555 ...",
/// "请支持导出PDF，谢谢！王伟 市场部". Help desks and exports flatten a mail into one line,
/// and a long signature line is no short sign-off for [`is_signoff`].
///
/// A phrase of [`SIGNOFF`] counts where a sentence or clause starts, one that ends in a word of
/// [`DISTINCT_SIGNOFF`] anywhere; either must be followed by punctuation or the end of the line
/// ("thanks for the fix", "with regards to exports" are no sign-offs), except that "... regards",
/// "... sincerely" and the like of two words or more may be followed by the name. `prior` is the
/// content (in [`weight`]) of the lines kept before this one: 3 words of need must come before
/// the cut. Returns the byte offset to cut at.
fn inline_signoff(line: &str, prior: usize) -> Option<usize> {
    let mut boundary = true;
    let mut prev: Option<char> = None;
    // The [`weight`] of the text before `i`, kept as the loop goes (not worked out again at
    // each word that may open a sign-off): its Latin words done, whether one is open and holds
    // a letter, and its CJK characters.
    let (mut words, mut open, mut letter, mut cjk_chars) = (0usize, false, false, 0usize);
    for (i, c) in line.char_indices() {
        let alnum = is_alnum(c);
        // Most words open no sign-off: only where one may start is the text before weighed.
        if alnum && prev.is_none_or(|p| !is_alnum(p)) {
            let rest = &line[i..];
            let cjk = is_cjk(c);
            let may_open = if cjk {
                CJK_SIGNOFF.iter().any(|p| p.starts_with(c))
            } else {
                word_spans(rest)
                    .next()
                    .is_some_and(|(a, b)| opens_signoff(&rest[a..b]))
            };
            if may_open {
                let before = words + usize::from(open && letter) + cjk_chars / 2;
                // A line that opens with thanks is a sentence of its own ("Thanks, that works,
                // but what we need is ..."); a short sign-off line is [`is_signoff`]'s.
                let line_start = before == 0;
                let found = prior + before >= 3
                    && if cjk {
                        cjk_signoff_at(rest, boundary, line_start, prev)
                    } else {
                        latin_signoff_phrase(rest, boundary, line_start)
                    };
                if found {
                    return Some(i);
                }
            }
        }
        if alnum && !is_cjk(c) {
            open = true;
            letter |= c.is_alphabetic();
        } else {
            words += usize::from(open && letter);
            (open, letter) = (false, false);
            cjk_chars += usize::from(is_cjk(c));
        }
        if alnum {
            boundary = false;
        } else if !c.is_whitespace() {
            boundary = ends_sentence(c) || matches!(c, ',' | '，');
        }
        prev = Some(c);
    }
    None
}

/// Whether `rest`, which starts with a CJK character after `prev`, opens with a Chinese sign-off
/// (see [`inline_signoff`]): after a boundary or a change of script, not at the line's start,
/// followed by no more letters and by no ask.
fn cjk_signoff_at(rest: &str, boundary: bool, line_start: bool, prev: Option<char>) -> bool {
    !line_start
        && (boundary || prev.is_none_or(|p| !is_cjk(p)))
        && CJK_SIGNOFF.iter().any(|p| {
            rest.starts_with(p)
                && rest[p.len()..].chars().next().is_none_or(|n| !is_alnum(n))
                && !asks_on(&rest[p.len()..])
        })
}

/// The first words of [`SIGNOFF`]'s phrases: a word that is none of them opens no sign-off.
/// Asked at every word of every line, so a set of the first words, and no allocation for a
/// short ASCII word.
fn opens_signoff(word: &str) -> bool {
    static FIRST: std::sync::LazyLock<fnv::FnvHashSet<&'static str>> =
        std::sync::LazyLock::new(|| SIGNOFF.iter().filter_map(|p| p.split(' ').next()).collect());
    let mut buf = [0u8; 16];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|w| FIRST.contains(w))
    } else {
        // No first word is longer than the buffer; a non-ASCII word may lower-case into one.
        FIRST.contains(word.to_lowercase().as_str())
    }
}

/// Whether `rest` opens with a Latin sign-off phrase (see [`inline_signoff`]).
fn latin_signoff_phrase(rest: &str, boundary: bool, line_start: bool) -> bool {
    let spans: Vec<(usize, usize)> = word_spans(rest).take(4).collect();
    let lower: Vec<String> = spans
        .iter()
        .map(|&(a, b)| rest[a..b].to_lowercase())
        .collect();
    (1..=spans.len()).rev().any(|n| {
        let phrase = lower[..n].join(" ");
        if !SIGNOFF.contains(&phrase.as_str()) {
            return false;
        }
        let last = phrase.rsplit(' ').next().unwrap_or("");
        let distinct = DISTINCT_SIGNOFF
            .iter()
            .any(|d| phrase == *d || phrase.ends_with(&format!(" {d}")));
        if !distinct && (line_start || !boundary) {
            return false;
        }
        let after = rest[spans[n - 1].1..].trim_start();
        if n >= 2 && matches!(last, "regards" | "sincerely" | "faithfully" | "truly") {
            return true;
        }
        let closed = after.is_empty() || after.starts_with(|c: char| !is_alnum(c));
        closed && (distinct || !asks_on(after))
    })
}

/// Words that say the text after a thank-you goes on with the need ("thanks, but we also
/// need ...", "谢谢，另外希望 ..."). Not "please" or "请", which footers and disclaimers say
/// ("please consider the environment", "打印前请三思").
const ASK_CUES: &[&str] = &[
    "need", "needs", "want", "wants", "would", "could", "can", "can't", "cannot", "wish",
    "missing", "also", "but", "however", "still", "unable", "what", "how", "why",
];
const CJK_ASK_CUES: &[&str] = &[
    "希望",
    "需要",
    "想要",
    "能否",
    "能不能",
    "无法",
    "不能",
    "另外",
    "还有",
    "但是",
    "不过",
    "为什么",
    "怎么",
    "如何",
];

/// Whether the text after a thank-you goes on with the need: a question or an ask within
/// its next two sentences (at most 25 words or 30 Chinese characters, so a flattened
/// signature's footer further on does not count).
fn asks_on(after: &str) -> bool {
    let after = after.trim_start_matches(|c: char| !is_alnum(c));
    let mut end = after.len();
    let (mut sentences, mut latin, mut cjk, mut in_word) = (0, 0, 0, false);
    for (i, c) in after.char_indices() {
        if ends_sentence(c) {
            sentences += 1;
            if sentences == 2 {
                end = i + c.len_utf8();
                break;
            }
        }
        let latin_char = is_alnum(c) && !is_cjk(c);
        latin += usize::from(latin_char && !in_word);
        in_word = latin_char;
        cjk += usize::from(is_cjk(c));
        if latin > 25 || cjk > 30 {
            end = i;
            break;
        }
    }
    let lower = after[..end].to_lowercase();
    lower.contains('?')
        || lower.contains('？')
        || words(&lower).iter().any(|w| ASK_CUES.contains(w))
        || CJK_ASK_CUES.iter().any(|c| lower.contains(c))
}

/// "Sent from my iPhone", "Get Outlook for iOS", "发自我的华为手机", "来自 vivo 手机", "—— 来自钉钉邮箱".
fn is_device_signature(shape: &Shape) -> bool {
    let (line, ws) = (shape.line, &shape.words);
    let cjk_line = line.trim_start_matches(['-', '—', '–', ' ']).trim_end();
    (ws.len() <= 7
        && (ws.starts_with(&["sent", "from", "my"])
            || ws.starts_with(&["sent", "from"]) && ws.len() <= 4
            // "Sent from Mail for Windows", "Sent from Yahoo Mail for iPhone".
            || ws.starts_with(&["sent", "from"])
                && ws.len() <= 6
                && ws.iter().any(|w| DEVICE_WORDS.contains(w))
            || ws.starts_with(&["get", "outlook"])
            || ws.starts_with(&["sent", "via"])
            // A help desk's footer: "Powered by Jira Service Management", "Powered by Zendesk".
            || ws.starts_with(&["powered", "by"]) && ws.len() <= 6))
        || (cjk_line.starts_with("发自") && shape.cjk <= 12)
        // "来自" also opens a need ("来自北京分公司的问题"): only before a device or a mail app.
        || (cjk_line.starts_with("来自")
            && shape.cjk <= 12
            && DEVICE_ENDS.iter().any(|e| cjk_line.ends_with(e)))
}

/// A mail system's warning above the message: Outlook's first-contact tip ("You don't often
/// get email from jo@x.example. Learn why this is important"), an outside-sender caution
/// ("CAUTION: This email originated from outside of the organization.").
fn is_safety_banner(shape: &Shape) -> bool {
    let s = &shape.squashed;
    s.starts_with("youdontoftengetemailfrom")
        || s.contains("learnwhythisisimportant")
        // "EXTERNAL SENDER Use caution with links and attachments."
        || (shape.words.len() <= 16 && s.contains("usecautionwith"))
        || (shape.words.len() <= 25
            && s.contains("originatedfromoutside")
            && s.contains("organi"))
}

/// Words of a mail client's "Sent from …" line.
const DEVICE_WORDS: &[&str] = &[
    "mail", "outlook", "windows", "android", "iphone", "ipad", "gmail", "yahoo", "samsung",
    "galaxy", "mobile", "phone", "tablet", "device",
];

/// How a mail client's line names the device or the app it was sent from.
const DEVICE_ENDS: &[&str] = &[
    "手机",
    "客户端",
    "邮箱",
    "微信",
    "钉钉",
    "飞书",
    "iphone",
    "ipad",
    "android",
    "ios",
    "版",
    "端",
];

/// Cues of a legal notice; a line with several of them is a disclaimer, not a need. At most 64
/// (a bit each in [`is_disclaimer`]).
const DISCLAIMER_CUES: &[&str] = &[
    "confidential",
    "privileged",
    "intended recipient",
    "intended solely",
    "intended only",
    "intended for",
    "addressee",
    "disclaimer",
    "unauthori",
    "prohibited",
    "in error",
    "by mistake",
    "liability",
    "notify the sender",
    "delete",
    "destroy",
    "copies",
    "disclose",
    "printing",
    "environment",
    "legally",
    "registered in",
    "company number",
    "virus",
    "保密",
    "机密",
    "免责",
    "收件人",
    "误收",
    "删除",
    "禁止",
    "未经",
    "授权",
    "法律",
    "打印",
    "环保",
    "声明",
    "转发",
    "复制",
    "披露",
    "views expressed",
    "opinions expressed",
    "phishing",
    "本邮件",
    "发件人",
    "仅代表",
    "个人观点",
    "传播",
    "防范",
    "索要",
];

/// Cues of a help desk's automatic reply ("We've received your request and a member of our
/// team will reply within 24 hours", "您的工单已更新，请直接回复此邮件"): two of them in a line
/// make one. At most 64 with [`AUTOREPLY_PHRASES`].
const AUTOREPLY_CUES: &[&str] = &[
    "received your",
    "have received",
    "'ve received",
    "will reply",
    "will respond",
    "get back to you",
    "business day",
    "working day",
    "has been updated",
    "have been updated",
    "automatically",
    "do not reply",
    "收到您的",
    "已收到",
    "内回复",
    "尽快回复您",
    "工作日",
    "已更新",
    "自动",
    "请勿",
];

/// Phrases only an automatic reply says: one makes one.
const AUTOREPLY_PHRASES: &[&str] = &[
    "reply to this email",
    "reply to this message",
    "view or update your request",
    "to add additional comments",
    "this email is a service",
    "copy of your message",
    "member of our team",
    "回复此邮件",
    "以下是您提交的",
    "客服人员将",
];

/// A help desk's automatic reply ([`AUTOREPLY_CUES`], [`AUTOREPLY_PHRASES`]) in a line that
/// does not speak as "I" (a customer who writes "I have not received your email within 2
/// business days" does).
fn is_autoreply(shape: &Shape) -> bool {
    static CUES: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(AUTOREPLY_CUES.iter().chain(AUTOREPLY_PHRASES))
            .expect("the auto-reply cues build")
    });
    let seen = cues_in(&CUES, shape.line);
    let phrase = seen >> AUTOREPLY_CUES.len() != 0;
    if !phrase && seen.count_ones() < 2 {
        return false;
    }
    // One phrase in a line that asks is a customer's ("…会变冷吗，请直接回复此邮件即可"): an
    // automatic reply tells, it does not ask. Nor does it say anything beside the exchange: one
    // phrase after a Chinese sentence of something else is a customer's courtesy ("给这本书评
    // 五分。请直接回复此邮件即可。").
    if seen.count_ones() < 2
        && (shape.line.contains(['?', '吗'])
            || super::text::sentence_pieces(shape.line)
                .iter()
                .any(|piece| {
                    piece.chars().any(is_cjk)
                        && cues_in(&CUES, piece) == 0
                        && !is_exchange_sentence(piece)
                }))
    {
        return false;
    }
    let first_person = shape
        .words
        .iter()
        .any(|w| matches!(*w, "i" | "i'm" | "i've" | "i'd" | "my" | "me"))
        || shape
            .line
            .match_indices('我')
            .any(|(at, c)| !shape.line[at + c.len()..].starts_with('们'));
    !first_person
}

/// The cues of `cues` (at most 64) that occur in `line`, a bit each: one pass over the line
/// for all of them, not one search per cue.
fn cues_in(cues: &aho_corasick::AhoCorasick, line: &str) -> u64 {
    cues.find_overlapping_iter(line)
        .fold(0, |seen, m| seen | 1 << m.pattern().as_usize())
}

fn is_disclaimer(shape: &Shape) -> bool {
    // Asked of every line: one pass over it for all the cues, not one search per cue.
    static CUES: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(DISCLAIMER_CUES).expect("the disclaimer cues build")
    });
    let cues = cues_in(&CUES, shape.line).count_ones();
    cues >= 3 || (cues >= 2 && (shape.words.len() <= 10 || shape.cjk <= 16))
}

/// Digits in a line, and whether they form a phone-like run (7+ digits with only separators
/// between them).
fn phone_like(line: &str) -> bool {
    let mut run = 0;
    let mut best = 0;
    for c in line.chars() {
        if c.is_ascii_digit() {
            run += 1;
            best = best.max(run);
        } else if !matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '/') {
            run = 0;
        }
    }
    best >= 7
}

/// Labels that start a contact or address line in a signature.
const CONTACT_LABELS: &[&str] = &[
    "tel", "t", "m", "f", "p", "phone", "mobile", "cell", "fax", "direct", "office", "email",
    "e-mail", "mail", "web", "website", "address", "skype", "linkedin", "电话", "手机", "座机",
    "传真", "邮箱", "地址", "网址", "微信", "分机", "电邮",
];

/// A signature's contact line: a phone number, an e-mail or web address on its own, a
/// labelled contact field, or name | title | company separated by bars.
fn is_contact(shape: &Shape) -> bool {
    let (line, ws) = (shape.line, &shape.words);
    if ws.len() <= 14 && phone_like(line) {
        return true;
    }
    let label: String = line
        .split([':', ' '])
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !is_alnum(c) && !is_cjk(c))
        .to_owned();
    if line.contains(':') && CONTACT_LABELS.contains(&label.as_str()) {
        return true;
    }
    let bars = line.matches(['|', '｜', '•', '·']).count();
    bars >= 1 && ws.len() <= 10 && !line.ends_with(['?', '.'])
}

/// Ticket metadata: several "key: value" fields on one line, or one whose value is an id
/// ("customer id: 448120", "工单编号: 20931").
fn is_metadata(shape: &Shape) -> bool {
    let (line, ws) = (shape.line, &shape.words);
    let fields = field_colons(line).count();
    if fields >= 2 && ws.len() <= 16 && line.matches(['|', ',', ';']).count() + 1 >= fields {
        return true;
    }
    if fields >= 3 && is_spaced_record(line) {
        return true;
    }
    if let Some((key, value)) = split_field(line) {
        // A value labelled as what the customer said is the need, times and numbers and all
        // ("留言内容：取消周二上午5:15的闹钟").
        if is_need_label(key.trim()) {
            return false;
        }
        let key_words = words(key).len();
        let digits = value.chars().filter(char::is_ascii_digit).count();
        let value_words = words(value).len();
        return key_words <= 3 && value_words <= 3 && digits >= 3 && cjk_len(key) <= 6;
    }
    false
}

/// Three fields or more side by side with only spaces between them, as an issue tracker's
/// header prints them ("Type: Bug   Priority: P2   Reporter: Mei Lee", "状态：待处理 优先级：高
/// 负责人：周宇"): each label a word or two, each value a few words, no sentence, and no label
/// of a need (whose value is what the customer asked).
fn is_spaced_record(line: &str) -> bool {
    if line.contains(['?', '!', '？', '！', '。']) || line.trim_end().ends_with('.') {
        return false;
    }
    let colons: Vec<usize> = field_colons(line).collect();
    let label_of = |end: usize, start: usize| {
        let before = line[start..end].trim();
        let ws = words(before);
        // The label is the last word or two before the colon; the rest is the value before it.
        match ws.len() {
            0 => None,
            n => Some((ws[n.saturating_sub(2)..].join(" "), n)),
        }
    };
    let mut start = 0;
    for (k, &at) in colons.iter().enumerate() {
        let Some((label, n)) = label_of(at, start) else {
            return false;
        };
        // Before the first colon only the label; between two, a value of up to four words
        // and the next label of up to two.
        let most = if k == 0 { 2 } else { 6 };
        if n > most || is_need_label(&label) || cjk_len(&line[start..at]) > 12 {
            return false;
        }
        start = at + 1;
    }
    let last = line[start..].trim();
    !last.is_empty() && words(last).len() <= 4 && cjk_len(last) <= 8
}

/// A line that is one bracketed tag: "【外部邮件】", "[External email]", "(代周宇航转发)".
fn is_bracketed(line: &str) -> bool {
    let mut chars = line.chars();
    let (Some(open), Some(close)) = (chars.next(), chars.next_back()) else {
        return false;
    };
    let inner = &line[open.len_utf8()..line.len() - close.len_utf8()];
    matches!(
        (open, close),
        ('[', ']') | ('【', '】') | ('(', ')') | ('（', '）')
    ) && !inner.contains(close)
}

/// Months' names and their short forms, as dates write them.
const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A line that is only a date and time: "2026年3月13日 17:17", "Fri, Jun 27, 2025 at 4:11 PM".
fn is_timestamp(shape: &Shape) -> bool {
    const WORDS: &[&str] = &[
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "am",
        "pm",
        "at",
        "utc",
        "gmt",
        "today",
        "yesterday",
    ];
    digits(shape.line) >= 3
        && shape
            .line
            .chars()
            .filter(|&c| is_cjk(c))
            .all(|c| "年月日时分秒星期周一二三四五六天上下午晚昨今前".contains(c))
        && shape
            .words
            .iter()
            .filter(|w| !w.chars().any(is_cjk) && !w.chars().all(|c| c.is_ascii_digit()))
            .all(|w| {
                let w = w.trim_end_matches(|c: char| c.is_ascii_digit());
                WORDS.contains(&w) || MONTHS.contains(&w)
            })
}

/// An author's name and the time they wrote, in either order, maybe with their role, company
/// or pronouns in brackets: "Harper Patel, Mon, Nov 17, 2025 at 4:26 PM", "王嘉怡 2025年7月24日
/// 06:41", "Noah Bianchi [VP, Sales] 4:13 PM", "Kwame Jones · Tuesday, September 6, 2022 7:30
/// PM", "[9:49 AM] Leila (end-user)", "Echo (bot) [09:19]", "谢刚(赣江汽车) 12:12", "任芳 昨天
/// 18:31". A chat's or a thread's header, above what was said.
fn is_dated_author(line: &str) -> bool {
    // Its time is part of the line: most lines have too few digits for one.
    if digits(line) < 3 {
        return false;
    }
    let (plain, bracketed) = without_bracket_groups(line);
    let tokens: Vec<&str> = plain
        .split(|c: char| c.is_whitespace() || matches!(c, '·' | '•' | '|' | '｜' | '—'))
        .map(|t| t.trim_matches(|c: char| matches!(c, ',' | '，' | '-' | '–' | ':' | '：')))
        .filter(|t| !t.is_empty())
        .collect();
    // "Posted by …", "Reply from …": the thread's own words before the author.
    let lead = [
        &["posted", "by"][..],
        &["reply", "from"],
        &["replied", "by"],
        &["comment", "by"],
        &["comment", "from"],
        &["message", "from"],
        &["new", "message", "from"],
        &["by"],
        &["from"],
    ]
    .iter()
    .find(|l| tokens.starts_with(l))
    .map_or(0, |l| l.len());
    let tokens = &tokens[lead..];
    let n = tokens.len();
    (1..n.min(5)).any(|k| {
        // The name first and the time after it, or the time first.
        [
            (&tokens[..k], &tokens[k..]),
            (&tokens[n - k..], &tokens[..n - k]),
        ]
        .into_iter()
        .any(|(head, rest)| {
            let seconds = rest.iter().any(|t| t.matches(':').count() == 2);
            is_author_name(head, bracketed, seconds) && is_timestamp_text(&rest.join(" "))
        })
    })
}

/// `line` with each bracketed group that is not a date or time taken out ("Noah Bianchi [VP,
/// Sales] 4:13 PM" -> "Noah Bianchi  4:13 PM"), its brackets only when it is one ("[09:19]"),
/// and whether a group was taken out.
fn without_bracket_groups(line: &str) -> (String, bool) {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut taken = false;
    while let Some(open) = rest.find(['(', '[', '（', '【']) {
        let close_char = match rest[open..].chars().next() {
            Some('(') => ')',
            Some('[') => ']',
            Some('（') => '）',
            _ => '】',
        };
        let inner_at = open + rest[open..].chars().next().map_or(1, char::len_utf8);
        let Some(len) = rest[inner_at..].find(close_char) else {
            break;
        };
        let inner = &rest[inner_at..inner_at + len];
        out.push_str(&rest[..open]);
        out.push(' ');
        if is_timestamp_text(inner) {
            out.push_str(inner);
            out.push(' ');
        } else {
            taken = true;
        }
        rest = &rest[inner_at + len + close_char.len_utf8()..];
    }
    out.push_str(rest);
    (out, taken)
}

/// Words that may be a person's or a bot's name as a chat shows it: one to four words with no
/// digit and no stop word ("Lucia Harris", "Echo"), or a Chinese name ([`is_cjk_name`]); any
/// short Chinese name when a bracket said who they are ("谢刚(赣江汽车)", "店小蜜(机器人)") or the
/// time is a chat log's, to the second ("小曦 12:23:12"); a group chat's "name@company"; a name
/// masked but for its surname ("邓**"); a short tag after a Chinese name ("朱磊 外部").
fn is_author_name(words: &[&str], bracketed: bool, seconds: bool) -> bool {
    if words.is_empty()
        || words.len() > 4
        || words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let cjk: usize = words.iter().map(|w| cjk_len(w)).sum();
    if cjk == 0 {
        return words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '.' | '-'))
                && !super::text::is_stop_word(w)
        });
    }
    let name = |w: &str| {
        let unmasked = w.trim_end_matches('*');
        let short = |n: &str| n.chars().all(is_cjk) && (2..=4).contains(&n.chars().count());
        match unmasked.split_once('@') {
            // A group chat's member and their company ("刘敏@海韵物业").
            Some((n, org)) => {
                (is_cjk_name(n) || short(n)) && (1..=12).contains(&org.chars().count())
            }
            // A name masked but for its surname ("邓**").
            None if unmasked.len() < w.len() => {
                unmasked.chars().count() == 1 && unmasked.chars().all(|c| CJK_SURNAMES.contains(c))
            }
            None => is_cjk_name(w) || (bracketed || seconds) && short(w),
        }
    };
    // The name, and maybe a tag after it ("朱磊 外部").
    words.len() <= 2
        && name(words[0])
        && words[1..]
            .iter()
            .all(|w| w.chars().all(is_cjk) && w.chars().count() <= 3)
}

/// A list of people with their roles, as meeting notes and call summaries open: "Diego Larsen
/// (Chief Operating Officer), Lucia Flores (Product Manager)", "吴静怡(区域经理)、彭晨曦(市场部经理)".
/// Two names or more, a role in brackets beside one at least. A list of a need's nouns may look
/// the same ("Dark mode (night), PDF export"), so it is an aside: it goes when the rest of the
/// ticket says more.
fn is_people_list(line: &str) -> bool {
    if !line.contains([')', '）']) || !line.contains([',', '，', '、']) {
        return false;
    }
    let (plain, bracketed) = without_bracket_groups(line);
    let items: Vec<Vec<&str>> = plain
        .split([',', '，', '、', ';'])
        .map(|item| item.split_whitespace().collect::<Vec<_>>())
        .filter(|item| !item.is_empty())
        .collect();
    bracketed
        && items.len() >= 2
        && items.iter().all(|item| {
            is_author_name(item, true, false)
                || item.iter().all(|w| matches!(*w, "and" | "&" | "和"))
        })
}

/// A thread's or a profile's details run together with middle dots ("Posted by robert2823 ·
/// Member since 2016 · 693 posts · Sun, 20 Nov 2022 19:05"): three parts or more, each of a few
/// words, with a number among them.
fn is_dotted_metadata(shape: &Shape) -> bool {
    let line = shape.line;
    if !line.contains(['·', '•']) || digits(line) == 0 || line.contains(['?', '？']) {
        return false;
    }
    let parts: Vec<&str> = line
        .split(['·', '•'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| words(p).len() <= 5 && cjk_len(p) <= 8 || is_timestamp_text(p))
}

/// A postal address on a line of its own, as a signature or a letter's head gives it ("236
/// Station Road, Toronto, ON M5V 2T6, Canada", "5489 Innovation Drive #308, Denver, CO 80207",
/// "85 Victoria Street"): a house number, a street's name and its kind, then the rest of the
/// address or nothing. Not a sentence: no question, nobody speaking ("I moved to 12 Elm Street").
fn is_postal_address(shape: &Shape) -> bool {
    const STREET: &[&str] = &[
        "street",
        "st",
        "road",
        "rd",
        "avenue",
        "ave",
        "lane",
        "ln",
        "drive",
        "dr",
        "boulevard",
        "blvd",
        "way",
        "quay",
        "place",
        "pl",
        "square",
        "sq",
        "court",
        "ct",
        "terrace",
        "crescent",
        "close",
        "parkway",
        "pkwy",
        "highway",
        "hwy",
        "row",
        "wharf",
        "gardens",
        "plaza",
        "strasse",
        "straße",
        "weg",
        "platz",
    ];
    const COMPASS: &[&str] = &["n", "s", "e", "w", "ne", "nw", "se", "sw"];
    let line = shape.line.trim();
    // Asked of every line: most do not open with a digit.
    if !line.starts_with(|c: char| c.is_ascii_digit())
        || line.contains(['?', '？'])
        || shape.words.len() > 16
        || shape.words.iter().any(|w| is_speaker_word(w))
    {
        return false;
    }
    let toks: Vec<&str> = line.split_whitespace().collect();
    (1..toks.len().min(6)).any(|k| {
        let kind = toks[k].trim_end_matches([',', '.', ';']);
        let next = toks.get(k + 1).copied();
        STREET.contains(&kind)
            && (next.is_none()
                || toks[k].ends_with(',')
                || next.is_some_and(|n| {
                    n.starts_with('#') || COMPASS.contains(&n.trim_end_matches([',', '.']))
                }))
    })
}

/// Who wrote or changed a post, a comment or a page, and when ("Posted by hugo_men - Tuesday,
/// May 17, 2022 16:44", "Comment by Lucas Nelson (Sat, 29 Jan 2022 12:55:15 +0100)", "Started by
/// Nikolai on 05/21/22", "Created by Zach Morgan, last updated July 24, 2023", "Next reply by
/// Saturday, August 10, 2024 9:04 PM"): a word of writing or changing, "by", and a date or a
/// time. Not a sentence: no question, nobody speaking.
fn is_byline(shape: &Shape) -> bool {
    const LEADS: &[&str] = &[
        "posted",
        "comment",
        "commented",
        "started",
        "created",
        "updated",
        "edited",
        "reviewed",
        "written",
        "submitted",
        "opened",
        "closed",
        "assigned",
        "reported",
        "answered",
        "replied",
        "reply",
        "tagged",
        "prepared",
        "shared",
        "logged",
        "raised",
        "filed",
        "escalated",
        "modified",
        "resolved",
    ];
    let ws = &shape.words;
    let Some(by) = ws.iter().take(3).position(|w| *w == "by") else {
        return false;
    };
    by > 0
        && LEADS.contains(&ws[by - 1])
        && ws.len() <= 16
        && !shape.line.contains(['?', '？'])
        && !ws.iter().any(|w| is_speaker_word(w))
        && (has_date(shape))
}

/// A word that says who speaks or is spoken to ("I", "my", "we", "your"): a line that holds one
/// is someone's sentence, not a form's detail.
fn is_speaker_word(w: &str) -> bool {
    matches!(
        w,
        "i" | "i'm" | "i've" | "i'd" | "my" | "me" | "we" | "our" | "us" | "you" | "your"
    )
}

/// Whether a line holds a date or a time: a clock ("16:44"), a year ("2022"), a month's name or
/// a date with slashes ("05/21/22").
fn has_date(shape: &Shape) -> bool {
    let b = shape.line.as_bytes();
    (1..b.len().saturating_sub(1)).any(|i| {
        matches!(b[i], b':' | b'/') && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit()
    }) || shape.words.iter().any(|w| {
        (w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.bytes().all(|c| c.is_ascii_digit()))
            || MONTHS.contains(w)
    })
}

/// A CSM's note that a customer got in touch, before their words on a line of their own: "Connor
/// from Pinnacle Fitness Clubs (Essentials, £803.00) pinged me on WhatsApp", "Mia Okafor (Executive
/// Assistant) at Stonegate Hospitality LLC asked me to pass this on". Not when the words follow
/// on the same line (after a colon or in quotes) or the note asks something itself.
fn is_relay_note(shape: &Shape) -> bool {
    const CUES: &[&str] = &[
        "pinged me",
        "asked me to pass",
        "asked me to forward",
        "asked me to raise",
        "asked me to flag",
        "asked me to log",
        "messaged me",
        "dm'd me",
        "emailed me",
        "texted me",
        "reached out",
        "got in touch",
        "rang the support line",
    ];
    // A colon may end it, before the words on the next line.
    let line = shape.line.trim_end().trim_end_matches([':', '：']);
    // The customer who writes of their own call ("I called in twice") is no relay.
    shape.words.len() <= 30
        && !line.contains([':', '：', '"', '“', '「', '?', '？'])
        && CUES.iter().any(|c| line.contains(c))
        && !shape
            .words
            .iter()
            .any(|w| matches!(*w, "i" | "i'm" | "i've" | "my" | "we" | "our" | "us"))
}

/// A chat's own notice of who came and went ("“彭玉兰@叮当管家”邀请“方圆@七彩云南文旅”加入了群聊",
/// "Lars Novak left the chat").
fn is_chat_event(shape: &Shape) -> bool {
    // Not who joined a help desk's chat: that names the agent, whose turns are then known
    // ([`need_line_indices_and_cut`]).
    const CUES: &[&str] = &[
        "left the chat",
        "left the channel",
        "left the conversation",
        "加入了群聊",
        "加入群聊",
        "退出了群聊",
        "移出了群聊",
        "撤回了一条消息",
    ];
    // The notice is the whole line: a line that runs on may hold what was said after it.
    let line = shape
        .line
        .trim_end_matches(|c: char| !(is_alnum(c) || is_cjk(c)));
    shape.words.len() <= 12 && CUES.iter().any(|c| line.ends_with(c))
}

/// A social media handle ("@james_lee70", "@acme.support"): a contact detail, as an e-mail
/// address is.
pub(crate) fn is_handle(token: &str) -> bool {
    let token = token.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_');
    token.strip_prefix('@').is_some_and(|h| {
        h.chars().count() >= 2
            && h.chars().any(char::is_alphanumeric)
            && h.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
    })
}

/// A link, an e-mail address, a social media handle or a mail system's reference token
/// ("https://…", "www.acme.example", "a@b.example", "@james_lee70", "[ref:…").
fn is_address(t: &str) -> bool {
    t.contains("://")
        || t.starts_with("www.")
        || (t.contains('@') && t.contains('.'))
        || is_handle(t)
        || t.starts_with("[ref:")
}

/// A line that is only links or addresses ([`is_address`]).
fn is_link_only(line: &str) -> bool {
    line.split_whitespace()
        .all(|t| is_address(t) || !t.chars().any(is_alnum))
}

/// The salutation that opens a mail: a short first line ending in a comma, colon or "!"
/// ("hi team,", "dear alex,", "to whom it may concern,", "您好，", "尊敬的客服团队：").
fn is_salutation(shape: &Shape) -> bool {
    let line = shape.line.trim_end();
    let Some(last) = line.chars().last() else {
        return false;
    };
    // One clause: a sentence end inside makes it a sentence ("提醒我加油。谢谢！").
    if line[..line.len() - last.len_utf8()]
        .chars()
        .any(ends_sentence)
    {
        return false;
    }
    let short = shape
        .words
        .iter()
        .filter(|w| !w.chars().any(is_cjk))
        .count()
        <= 5
        && shape.cjk <= 10;
    match last {
        ',' | ':' | '，' | '：' => short,
        // An exclamation greets only with a greeting ("Hi team!", "王经理好！"); else it is a
        // short need said loudly ("Dark mode please!").
        '!' | '！' => short && opens_with_greeting(line),
        _ => false,
    }
}

/// The sentence without an opening clause that introduces the writer or refers back to an
/// earlier contact ("我是华信科技产品部的王伟", "this is jo from initech", "following up on my
/// call with sam", "上周和黄小姐电话沟通过这个问题"): such a clause names people and companies,
/// not the need. Returns the rest of the sentence after that clause (empty when the whole
/// sentence is one), or the sentence unchanged. `sentence` is normalised (lower case, NFKC).
pub fn without_introduction(sentence: &str) -> &str {
    let s = sentence.trim();
    let (clause, rest) = match s.char_indices().find(|&(_, c)| c == ',' || c == '，') {
        Some((i, c)) => (&s[..i], &s[i + c.len_utf8()..]),
        None => (s, ""),
    };
    let cjk = clause.chars().any(is_cjk);
    let w = if cjk { Vec::new() } else { words(clause) };
    if is_introduction(clause, cjk, &w) || is_earlier_contact(clause, cjk, &w) {
        rest.trim()
    } else {
        s
    }
}

/// Words that say a clause is about the need ("i am *unable* to...", "我是管理员，*无法*...").
const NEED_CUES: &[&str] = &[
    "unable", "can't", "cannot", "can", "want", "need", "would", "like", "trying", "having",
    "getting", "looking", "not", "problem", "issue", "error", "please", "how", "why", "when",
];
const CJK_NEED_CUES: &[&str] = &[
    "希望",
    "能否",
    "可以",
    "无法",
    "不能",
    "需要",
    "想要",
    "请",
    "问题",
    "怎么",
    "如何",
    "为什么",
];
const CJK_ORG: &[&str] = &[
    "公司",
    "集团",
    "部",
    "团队",
    "中心",
    "银行",
    "学校",
    "大学",
    "医院",
    "事务所",
    "工作室",
];

/// `cjk`: the clause holds CJK characters; `w`: its [`words`] otherwise.
fn is_introduction(clause: &str, cjk: bool, w: &[&str]) -> bool {
    if cjk {
        // A phone note's opening: "客户宋娟来电".
        if clause.ends_with("来电") && cjk_len(clause) <= 12 {
            return true;
        }
        let opens = ["我是", "我叫", "本人是", "这里是", "我们是"]
            .iter()
            .any(|p| clause.starts_with(p));
        return opens
            && cjk_len(clause) <= 30
            && (CJK_ORG.iter().any(|o| clause.contains(o))
                || clause
                    .rsplit_once('的')
                    .is_some_and(|(_, name)| (1..=4).contains(&name.chars().count())))
            && !CJK_NEED_CUES.iter().any(|c| clause.contains(c));
    }
    if w.len() > 14 {
        return false;
    }
    let at = |i: usize| w.get(i).copied().unwrap_or("");
    // "this is jo from initech", "this is jo smith at acme": a name of one or two words, then
    // where they are from, and little else.
    let this_is_name_from = at(0) == "this"
        && at(1) == "is"
        && w.len() <= 9
        && (matches!(at(3), "from" | "at" | "with") || matches!(at(4), "from" | "at" | "with"));
    // A phone note's opening: "sven called in from ironbridge construction".
    let called_from = w.len() <= 9
        && [1, 2].into_iter().any(|i| {
            at(i) == "called" && (at(i + 1) == "from" || (at(i + 1) == "in" && at(i + 2) == "from"))
        });
    let introduces = (at(0) == "my" && at(1) == "name" && at(2) == "is" && w.len() <= 8)
        || this_is_name_from
        || called_from
        || (at(0) == "i" && at(1) == "work" && matches!(at(2), "at" | "for") && w.len() <= 8)
        || w.windows(3).any(|x| x == ["on", "behalf", "of"]);
    // Rarely an introduction: the need cues are looked for only then.
    introduces && !w.iter().any(|x| NEED_CUES.contains(x))
}

/// `cjk` and `w` as for [`is_introduction`].
fn is_earlier_contact(clause: &str, cjk: bool, w: &[&str]) -> bool {
    if cjk {
        let contact = [
            "沟通过",
            "聊过",
            "谈过",
            "提过",
            "提到过",
            "反馈过",
            "联系过",
            "说过",
        ]
        .iter()
        .any(|c| clause.contains(c));
        let this = ["这个问题", "这件事", "此事", "这个需求", "这事"]
            .iter()
            .any(|c| clause.contains(c));
        return contact && this && cjk_len(clause) <= 30;
    }
    if w.len() > 14 {
        return false;
    }
    let talk = |x: &str| {
        matches!(
            x,
            "call" | "conversation" | "chat" | "meeting" | "email" | "e-mail" | "talk" | "note"
        )
    };
    w.windows(4).any(|x| {
        (x[0] == "following" && x[1] == "up" && x[2] == "on")
            || (x[0] == "as" && x[1] == "discussed")
            || (x[0] == "per" && matches!(x[1], "my" | "our") && talk(x[2]))
    }) || w.windows(2).any(|x| x[0] == "as" && x[1] == "discussed")
        || w.windows(3).any(|x| {
            x[0] == "we"
                && matches!(x[1], "discussed" | "talked" | "spoke" | "chatted")
                && matches!(x[2], "this" | "about")
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_chinese_name_with_its_team_after_a_space_is_a_name_line() {
        assert!(super::is_cjk_name_line("王伟 市场部"));
        assert!(super::is_cjk_name_line("李娜　客户成功团队"));
        assert!(!super::is_cjk_name_line("导出 市场部的报表"));
        assert!(!super::is_cjk_name_line("周报 能不能导出"));
    }

    #[test]
    fn an_ascii_line_is_counted_and_squashed_as_any_line() {
        let general_words = |line: &str| {
            line.split(|c: char| !super::is_alnum(c) || super::is_cjk(c))
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count()
        };
        let general_squashed = |line: &str| -> String {
            line.chars()
                .filter(|&c| super::is_alnum(c) || super::is_cjk(c))
                .collect()
        };
        for line in [
            "",
            "   ",
            "Best regards,",
            "can't log in -- 2FA code 123456 never arrives!!",
            "ticket #4812, v2.3.1: export_to_pdf fails",
            "  a1 1a 123 _x_ ",
            "----- Original Message -----",
        ] {
            assert_eq!(super::latin_words(line), general_words(line), "{line:?}");
            assert_eq!(super::squashed(line), general_squashed(line), "{line:?}");
            assert_eq!(super::cjk_len(line), 0, "{line:?}");
        }
    }

    use super::*;
    use crate::domain::text::normalize;

    fn need(text: &str) -> String {
        need_lines(&normalize(text)).join(" / ")
    }

    #[test]
    fn what_stands_under_where_reading_stopped_is_given_apart() {
        let text = "You've received a new response to Customer feedback 2024.\n---\nWhat could \
                    we have done better?\nDark mode for the dashboard.\n---\nView all responses.";
        let normalized = normalize(text);
        let (above, below) = need_lines_and_below(&normalized, true);
        assert_eq!(
            above.join(" / "),
            "you've received a new response to customer feedback 2024."
        );
        assert_eq!(
            below.join(" / "),
            "what could we have done better? / dark mode for the dashboard."
        );
        assert!(need_lines_and_below(&normalized, false).1.is_empty());
        // Under a sign-off or a signature's "--" stand a signature and history: never read.
        for signed in [
            "Dark mode for the dashboard, please.\nBest regards,\nSupport lead at Initech",
            "Dark mode for the dashboard, please.\n--\nSupport lead at Initech",
        ] {
            assert!(need_lines_and_below(&normalize(signed), true).1.is_empty());
        }
        assert_eq!(
            need(text),
            "you've received a new response to customer feedback 2024."
        );
    }

    #[test]
    fn a_short_need_under_a_label_that_names_what_someone_said_is_kept() {
        for (text, expected) in [
            (
                "状态：重新打开\n用户原始反馈：暂停闹钟\n机型：小米 14",
                "暂停闹钟",
            ),
            ("客户诉求：取消提醒", "取消提醒"),
            ("Caller said: card declined", "card declined"),
            ("The member asks: new PIN", "new pin"),
        ] {
            assert_eq!(need(text), expected, "{text}");
        }
    }

    #[test]
    fn a_csv_rows_text_cells_are_its_need() {
        assert_eq!(
            need("5645996,2021-10-11 09:02:33,web,Oksana,Why is my contactless not working?"),
            "why is my contactless not working?"
        );
        assert_eq!(
            need(
                "2021-07-05 10:45:06,2021-07-05 10:59:28,IP Address,100,862,True,\
                 R_afNEaZPqiUA0WOz,sms,EN,3,\"How can I check on my card's delivery, please?\",Yes"
            ),
            "how can i check on my card's delivery, please?"
        );
        // A sentence with commas stays whole.
        for line in [
            "I was charged on 12/05, 13/05, 14/05 and again today, twice each time",
            "把闹钟设在7点,8点,9点,10点,11点",
        ] {
            assert_eq!(need(line), normalize(line), "{line}");
        }
    }

    #[test]
    fn a_json_exports_members_are_read_as_fields() {
        let export = "{\n  \"type\": \"conversation\",\n  \"id\": \"388408157414\",\n  \
                      \"created_at\": 1682316901,\n  \"source\": {\n    \
                      \"body\": \"<p>Can you tell me why I haven't received my new card?</p>\",\n    \
                      \"author\": {\n      \"name\": \"Camila Navarro\",\n      \
                      \"email\": \"navarro.c1961@gmx.net\"\n    }\n  }\n}";
        assert_eq!(
            need(&crate::domain::text::without_markup(export)),
            "can you tell me why i haven't received my new card?"
        );
        let line = r#"  "summary": "Card top-ups fail with a Visa debit card","#;
        assert_eq!(
            json_member(line),
            Some(("summary", "Card top-ups fail with a Visa debit card"))
        );
        assert_eq!(json_member(r#""author": {"#), None);
        assert_eq!(
            json_member("\"Quoted words\" said the customer: fix it"),
            None
        );
    }

    #[test]
    fn a_postal_address_and_a_posts_byline_are_not_the_need() {
        for line in [
            "236 Station Road, Toronto, ON M5V 2T6, Canada",
            "5489 Innovation Drive #308, Denver, CO 80207",
            "8942 Peachtree St NE, San Francisco, CA 94152",
            "85 Victoria Street",
            "Posted by hugo_men - Tuesday, May 17, 2022 16:44",
            "Comment by Lucas Nelson (Sat, 29 Jan 2022 12:55:15 +0100)",
            "Started by Nikolai on 05/21/22",
            "Created by Zach Morgan, last updated July 24, 2023",
        ] {
            let text = format!("{line}\nI need to reverse a transaction");
            assert_eq!(need(&text), "i need to reverse a transaction", "{line}");
        }
        // Someone's sentence stays: it speaks, asks, or names no date.
        for line in [
            "I moved to 12 Elm Street, can I update my address",
            "2 way transfers between accounts",
            "12 Baker Street is my new address",
            "Reported by a colleague: the export times out",
            "Posted by mistake on 12 May, please refund the duplicate payment",
        ] {
            assert_eq!(need(line), normalize(line), "{line}");
        }
    }

    #[test]
    fn an_issue_trackers_fields_side_by_side_and_its_quote_marks_are_not_the_need() {
        let ticket = "BUG-8295: Investigate customer report - Foxglove\n\
                      Type: Support escalation   Priority: Critical   Reporter: Felix Smith\n\
                      Linked ticket: #62385\n\n\
                      *Customer report (verbatim):*\n\
                      {quote}I need to reverse a transaction{quote}";
        assert_eq!(
            need(&crate::domain::text::without_markup(ticket)),
            "i need to reverse a transaction"
        );
        // Run together with single spaces, and in Chinese.
        assert!(is_spaced_record("type: bug priority: p2 reporter: mei lee"));
        assert!(is_spaced_record("状态:待处理 优先级:高 负责人:周宇"));
        // A need with colons in it stays: a sentence, or a need's label among the fields.
        for line in [
            "steps: open the report: click export: it fails.",
            "type: bug priority: p2 description: export times out",
            "when i export: the pdf: the charts are blank",
        ] {
            assert!(!is_spaced_record(line), "{line}");
        }
    }

    #[test]
    fn a_chats_header_is_not_the_need_in_either_order_and_with_a_role() {
        for header in [
            "Lucia Harris 12:41 PM",
            "Noah Bianchi [VP, Sales] 4:13 PM",
            "Kwame Jones · Tuesday, September 6, 2022 7:30 PM",
            "[9:49 AM] Leila (end-user)",
            "Echo (bot) [09:19]",
            "Diego Larsen (Guest) 26/09 21:52",
            "谢刚(赣江汽车) 12:12",
            "任芳 昨天 18:31",
            "小曦 12:23:12",
        ] {
            let t = format!("{header}\nCan I export the weekly report as PDF?");
            assert_eq!(
                need(&t),
                "can i export the weekly report as pdf?",
                "{header}"
            );
        }
        // A need that names a time is no header: it has words a name has not.
        for t in [
            "Remind me 6:30 PM",
            "Set an alarm for 7:30 PM",
            "设置闹钟在18:30",
        ] {
            assert_eq!(need(&format!("Hi team,\n{t}\nThanks")), normalize(t), "{t}");
        }
    }

    #[test]
    fn who_was_there_a_posts_details_and_a_csms_relay_are_not_the_need() {
        for line in [
            "Diego Larsen (Chief Operating Officer), Lucia Flores (Product Manager), Hannah Lee",
            "吴静怡(区域经理)、彭晨曦(市场部经理)",
            "Posted by robert2823 · Member since 2016 · 693 posts · Sun, 20 Nov 2022 19:05:02 +0100",
            "Reply from Amanda (Community Manager) · Sunday, November 20, 2022 7:05 PM",
            "Connor from Pinnacle Fitness Clubs (Essentials, £803.00) pinged me on WhatsApp",
            "Mia Okafor (Executive Assistant) at Stonegate Hospitality LLC asked me to pass this on",
            "Lucas Müller, Evergreen Insurance Brokers PLC",
            "Team - Mia Sharma (HR Coordinator) at Harbor Lane LLC asked me to pass this on:",
            "Summit Ridge Retail Group S.A.",
        ] {
            let t = format!("{line}\nCan I export the weekly report as PDF?");
            assert_eq!(need(&t), "can i export the weekly report as pdf?", "{line}");
        }
        // A list of a need's nouns has no roles; a customer's own call is theirs to tell.
        assert_eq!(
            need("Dark mode (night), PDF export"),
            "dark mode (night), pdf export"
        );
        for t in [
            "I called in yesterday and nobody helped.",
            "Connor pinged me on WhatsApp: can we export PDFs?",
        ] {
            let kept = need(&format!("{t}\nAlso the weekly report as PDF, please."));
            assert!(kept.starts_with(&normalize(t)), "{t}: {kept}");
        }
    }

    #[test]
    fn a_group_chats_members_notices_and_a_mails_legal_notice_are_not_the_need() {
        for furniture in [
            "刘敏@海韵物业 23:30",
            "许诺@海峡跨境 01-04 18:00",
            "朱磊 外部 3月19日 02:57",
            "邓** 12:37:31",
            "“罗涛@天天提醒”邀请“许子轩@讯联信息”加入了群聊",
            "【重要提示】本邮件内容仅代表发件人个人观点，不代表西安古城印务有限公司的立场。",
            "任何人不得以任何方式使用、复制、传播本邮件内容。",
            "西安古城印务有限公司不会通过邮件向您索要密码、验证码或银行卡信息，请注意防范诈骗。",
        ] {
            let t = format!("{furniture}\n设置一个一周购物提醒。");
            assert_eq!(need(&t), "设置一个一周购物提醒。", "{furniture}");
        }
        // A notice that runs on holds what was said after it.
        let t = "小林加入了群聊，请问怎么导出周报";
        assert_eq!(need(t), normalize(t));
    }

    #[test]
    fn a_company_line_is_not_the_need_and_a_need_that_names_one_is() {
        for line in [
            "Riverside Dental Group Inc.",
            "Northwind Retail Group Pty Ltd",
            "Quill & Ink Dental Group GmbH",
            "Onboarding session notes - Starling Retail Group Co",
        ] {
            let t = format!("{line}\nCan I export the weekly report as PDF?");
            assert_eq!(need(&t), "can i export the weekly report as pdf?", "{line}");
        }
        let t = "Can we sync invoices to Acme Corp?\nThe finance team asks every week.";
        assert_eq!(
            need(t),
            "can we sync invoices to acme corp? / the finance team asks every week."
        );
    }

    #[test]
    fn a_log_records_need_is_its_need_field_and_key_value_fields_are_short() {
        let t = "id=901871094 created_at=2024-09-30T09:37:01Z org=\"Brightwater Dental Group \
                 Inc.\" channel=phone body=\"How long will it take for the money to reach my \
                 account?\"";
        assert_eq!(
            need(t),
            "how long will it take for the money to reach my account?"
        );
        let t = "id=500916002 created_at=2023-08-25 09:12:05 company=宁波启明家居用品集团有限公司 \
                 content=关掉所有的闹钟\ncontact=田颖 mobile=15023382532";
        assert_eq!(need(t), "关掉所有的闹钟");
        let t = "版本=企业版\n模块=其他\nseverity=2\n设置闹钟为上午2点";
        assert_eq!(need(t), "设置闹钟为上午2点");
    }

    #[test]
    fn a_word_opens_a_signoff_exactly_when_it_is_a_phrases_first_word_in_any_case() {
        for phrase in SIGNOFF {
            let first = phrase.split(' ').next().expect("a word");
            let title: String = first[..1].to_uppercase() + &first[1..];
            for w in [first.to_owned(), first.to_uppercase(), title] {
                assert!(opens_signoff(&w), "{w:?} opens {phrase:?}");
            }
        }
        for w in [
            "",
            "regard",
            "bests",
            "hello",
            "please",
            "export",
            "thanksgiving",
            "谢谢",
            "Ünïcödé",
            "averyveryverylongwordindeed",
        ] {
            let first_word = SIGNOFF.iter().any(|p| p.split(' ').next() == Some(w));
            assert_eq!(opens_signoff(w), first_word, "{w:?}");
        }
    }

    #[test]
    fn english_ticket_keeps_only_the_need() {
        let t = "Hello Support,\n\nWe need to export reports as PDF for our board.\n\nBest regards,\n\
                 Jane Doe\nSenior Product Manager | Initech\nT: +1 (555) 010-2233\n\n\
                 CONFIDENTIALITY NOTICE: This e-mail is confidential and intended solely for the \
                 addressee. If you received it in error, delete it.";
        assert_eq!(need(t), "we need to export reports as pdf for our board.");
    }

    #[test]
    fn a_raw_mails_server_headers_go_and_their_folded_lines_with_them() {
        let t = "Return-Path: <mei@example.org>\nReceived: from mail.example.net ([10.0.0.1])\n\
                 DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; b=ihsjcyefgvw\n        \
                 by mx.vendor.example with ESMTPS id 8w9ipw76xh; Sat, 29 Jun 2024 10:53:21 -0500\n\
                 X-Mailer: iPhone Mail (21E236)\nMessage-ID: <iisq@example.org>\n\
                 From: Mei <mei@example.org>\nTo: support@vendor.example\nSubject: Support\n\
                 MIME-Version: 1.0\n\nWhat can I do to track the card you sent me?\n\nThanks,\nMei";
        assert_eq!(need(t), "what can i do to track the card you sent me?");
    }

    #[test]
    fn fields_above_a_rule_do_not_end_the_ticket_at_it() {
        for t in [
            "Ticket ID     CS-71466\nChannel       Twitter/X\nPriority      Sev 2\n\
             Tags          smb, repeat-contact, escalated\n----------------\n\n\
             I ordered my card but it hasn't been delivered yet\n\nThanks in advance,\nLucia",
            "[Channel] Slack Connect\n[Plan] Premier\n[Priority] Sev 3\n\
             [Requester] Liam Okafor <liam@initech.example>\n==========\n\n\
             I ordered my card but it hasn't been delivered yet\n\nSincerely,\nLiam",
        ] {
            assert_eq!(
                need(t),
                "i ordered my card but it hasn't been delivered yet",
                "{t}"
            );
        }
        let t = "【工单号】GD2023011969056\n【处理人】未分配\n【优先级】一般\n------------\n\n\
                 哈喽，\n今天会下雨吗？\n顺祝商祺！";
        assert_eq!(need(t), "今天会下雨吗?");
        // A form's empty value ("-") is no rule either.
        let t = "Summary: Unclear behaviour\nExpected result:\n-\n\nDescription:\n\
                 how to track the card you sent\n\nSeverity: Major";
        assert!(
            need(t).contains("how to track the card you sent"),
            "{}",
            need(t)
        );
    }

    #[test]
    fn a_chats_turns_are_read_without_their_times_and_speakers_however_short() {
        let t = "Udesk 在线客服 - 对话记录\n客户：微信用户4GBE　手机：191****3860　等级：A类\n\n\
                 [19:43] 微信用户4GBE：在不在\n[19:46] 田秀兰：您好，田秀兰为您服务，请问有什么可以帮您？\n\
                 [19:47] 微信用户4GBE：显示我的提醒\n[19:48] 田秀兰：收到，麻烦您提供一下注册手机号。";
        // The transcript names its customer: the agent's turns (and her name) go.
        assert_eq!(need(t), "在不在 / 显示我的提醒");
        // A customer's turn labelled by their role is no "who" field, however short.
        let t = "机器人：您好，当前排队人数较多，请耐心等候\n客户：关掉我的闹钟\n郭嘉欣：好的，我帮您查一下，请稍等。";
        assert!(need(t).contains("关掉我的闹钟"), "{}", need(t));
        for (line, said) in [
            (
                "10:47 am - hiroshi lee: i made a transaction to the wrong account!",
                "i made a transaction to the wrong account!",
            ),
            ("【访客】10:10:10：我需要毛衣吗？", "我需要毛衣吗？"),
            ("(17:12:38) ethan: hi", "hi"),
        ] {
            assert_eq!(chat_line(line).map(|(_, s)| s), Some(said), "{line}");
        }
        // A need that names a time is no chat turn.
        assert_eq!(
            chat_line("since the update at 10:30 yesterday the export fails: why?"),
            None
        );
    }

    #[test]
    fn a_record_on_one_line_is_read_as_its_fields() {
        let t = "Case Number: 13025; Account Name: Harbor Lane Insurance; Contact Name: Liam \
                 Petrov; Status: On-hold; Priority: P3; Description: I tried taking money from \
                 the ATM but no money came out";
        assert_eq!(
            need(t),
            "i tried taking money from the atm but no money came out"
        );
        let t = "工单号：WO-2022-166848｜标签：重复进线、催单｜手机：181****0495｜客户：梁娟｜取消我的提醒";
        assert_eq!(need(t), "取消我的提醒");
        // Prose with a bar or a semicolon in it is one line.
        let t = "Exports fail | every time; we need them for the board: please fix";
        assert_eq!(need(t), normalize(t));
    }

    #[test]
    fn a_note_that_points_below_reads_the_mail_it_points_at() {
        let t = "Hello,\n\nPlease see below - resending as I haven't heard back.\n\nSandra\n\n\
                 ________________________________\nFrom: Sandra King <sk@example.com>\n\
                 Sent: July 5, 2024 at 12:17 AM\nTo: support@vendor.example\nSubject: (no subject)\n\n\
                 Hello,\n\nI am still waiting for my card.\n\nRegards,\nSandra";
        assert!(
            need(t).contains("i am still waiting for my card."),
            "{}",
            need(t)
        );
        // A reply that says its own need does not read the agent's quoted mail.
        let t = "Dark mode please, the white screen hurts at night.\n\nOn Mon, Jan 5, 2026 at \
                 9:00 AM Alex <support@x.example> wrote:\n> Could you tell us more about below?";
        assert_eq!(
            need(t),
            "dark mode please, the white screen hurts at night."
        );
    }

    #[test]
    fn a_transcript_of_labelled_turns_is_read_as_what_the_customer_said() {
        let t = "小程序客服 会话记录\n客户昵称：曹总\n接待客服：罗振宇\n\n2022-07-12 08:54\n曹嘉欣：在吗\n\
                 罗振宇：您好，我是罗振宇，很高兴为您服务~\n08:57\n曹嘉欣：我的闹钟是设置的什么时间\n\
                 罗振宇：收到，麻烦提供一下您的账号。";
        // "在吗" goes later, as a courtesy of the exchange (`text::need_sentences`).
        assert_eq!(need(t), "在吗 / 我的闹钟是设置的什么时间");
        let t = "会话2426119 || 2024-03-26 17:17 || 机器人：欢迎咨询智联工单！请简单描述您的问题。 || \
                 客户：取消我的周二的闹钟 || 客服栋：好的亲，请稍等几分钟。 || 客户：账号就是我这个手机号";
        let got = need(t);
        assert!(got.starts_with("取消我的周二的闹钟"), "{got}");
        assert!(!got.contains("客服栋") && !got.contains("请稍等"), "{got}");
        let t = "Live chat transcript\nAgent Mia: Hi, thanks for contacting Acme! How can I help you \
                 today?\nJohn: hi\nAgent Mia: Hello John!\nJohn: I can't find where to change my PIN.\n\
                 Agent Mia: Let me check that for you.";
        assert_eq!(need(t), "hi / i can't find where to change my pin.");
        // Turns with their times: the caller's words, not the agent's.
        let t = "通话录音 3156308 - 2022/9/5 下午4:11\n技能组：大客户服务组\n\n\
                 00:24 客服：您好，云图CRM客服中心，工号A4020，很高兴为您服务。\n\
                 00:30 来电人：你好，我想把周五的闹钟取消掉。\n00:41 客服：好的，稍等我查询一下账户信息。";
        let got = need(t);
        assert!(got.contains("我想把周五的闹钟取消掉"), "{got}");
        assert!(!got.contains("查询") && !got.contains("工号"), "{got}");
        // A form names each field once: its fields are no speakers.
        let t = "Name: Jo Smith\nCompany: Initech\nMessage: Please add dark mode to the app.";
        assert_eq!(need(t), "please add dark mode to the app.");
        // Two speakers, neither the help desk's: nothing is taken for an agent's line.
        let t =
            "Ann: can we export the weekly report to PDF?\nBob: and to Excel too.\nAnn: thanks!";
        assert!(need(t).contains("excel"), "{}", need(t));
    }

    #[test]
    fn a_tickets_heading_says_nothing_so_a_rule_under_it_opens_the_body() {
        assert!(is_ticket_heading("工单 20230831340324 【待客户回复】"));
        assert!(is_ticket_heading("ticket #48213 [open]"));
        assert!(!is_ticket_heading("order 123456 never arrived (twice)"));
        assert!(!is_ticket_heading("工单 20230831340324"));
        let t = "工单 GD20230220-7343 【待处理】\n标题：请帮忙处理\n提交人：王磊 <wl@example.com> | \
                 公司：长沙优品物流有限公司\n创建时间：2023/2/20 下午12:09 | 渠道：电话\n\
                 ========================================\n\n[12:09] 王磊（客户）：\n什么时候气温会下降？";
        assert!(need(t).contains("什么时候气温会下降"), "{}", need(t));
    }

    #[test]
    fn a_help_desks_notice_reads_its_body_below_the_rule() {
        let t = "Mei Bennett replied to ticket REQ710727\n\n----------------------------------\n\
                 Mei Bennett, 5 Jun 2024, 05:27\n\nI am still waiting on my card?\n\n\
                 ----------------------------------\nSiobhan Andersson (Fieldnote), 02/06/2024 00:29\n\n\
                 I'm marking this request as solved for now.";
        assert!(
            need(t).contains("i am still waiting on my card?"),
            "{}",
            need(t)
        );
        assert!(!need(t).contains("solved"), "{}", need(t));
        let t = "Ticket 1358059  [OPEN]\nSubject: Fwd: (no subject)\nRequester: Mia Fernandes \
                 <mia@example.ca>  |  Org: Highmark Logistics Inc.\nCustom fields: Plan=Trial; \
                 Area=Reporting; Severity=4\n==================================\n\n\
                 [17:18:00] Mia (end-user):\nhow can i track card you sent";
        assert!(
            need(t).contains("how can i track card you sent"),
            "{}",
            need(t)
        );
        let t = "New request SUP-50289 assigned to your group\n\nStatus:       In progress\n\
                 Priority:     Normal\nOrganization: Driftwood Property Management Pty Ltd\n\n\
                 --- Description ---\nWhich currencies will you exchange?";
        assert!(
            need(t).contains("which currencies will you exchange?"),
            "{}",
            need(t)
        );
    }

    #[test]
    fn thanks_at_a_lines_end_close_the_mail_only_when_no_sentence_follows() {
        let t = "您好：\n\n上次的问题已经解决了，谢谢。\n\n你 能 查到 the Molecular Oncology saga 吗 ？\n\n\
                 顺祝商祺\n-----\n袁涛 | 总经理助理";
        assert!(need(t).contains("你 能 查到"), "{}", need(t));
        assert!(!need(t).contains("袁涛"), "{}", need(t));
        let t = "The export to PDF works now, thanks.\n\nCan we also get it as a CSV file?\n\nBest,\nJo";
        assert!(
            need(t).contains("can we also get it as a csv file?"),
            "{}",
            need(t)
        );
        // A name or a title under the thanks is the signature, as before, and so is one under
        // a sign-off on its own line.
        let t = "Where is my card?\n\nMany thanks,\nRavi Garcia, VP Engineering";
        assert_eq!(need(t), "where is my card?");
        let t =
            "上次的问题已经解决了，谢谢。\n\n电影 上映 时间 是 什么\n\n多谢\n蔡嘉欣 | 人力资源经理";
        assert!(need(t).contains("电影 上映 时间 是 什么"), "{}", need(t));
        let t = "Please add dark mode to the app, thanks.\n\nJo Smith\nHead of Operations";
        assert_eq!(need(t), "please add dark mode to the app");
    }

    #[test]
    fn a_nudge_or_an_absence_notice_above_a_quoted_mail_reads_that_mail() {
        // A nudge signed off in its own line, above the customer's earlier mail.
        let t = "主题：转发：答复：咨询\n\n再次发送，请尽快处理，谢谢。\n\n-----原始邮件-----\n\
                 发件人: \"严冬\"<dyan@example.cn>\n发送时间: 2023年5月30日 20:52\n\
                 收件人: service@vendor.example\n主题: 答复：咨询\n\n打扰了，\n\
                 我的闹钟是设置的什么时间。\n顺祝商祺！\n严冬";
        assert!(need(t).contains("我的闹钟是设置的什么时间"), "{}", need(t));
        // A nudge in words of its own.
        let t = "Bumping this. Still waiting for a reply.\n\n________________________________\n\
                 From: Grace Jones <gj@example.com>\nSent: November 26, 2024 at 11:03 AM\n\
                 To: support@vendor.example\nSubject: Urgent\n\nDear Wendy,\n\n\
                 What are these fees i am paying?\n\nBest,\nGrace";
        assert!(
            need(t).contains("what are these fees i am paying?"),
            "{}",
            need(t)
        );
        // Too short to count as said, above a quote in "> " lines.
        let t = "顶一下\n\n在 2023年11月18日 10:43，钟秀 <zx@example.cn> 写道：\n\
                 > 之前联系过一次，没得到答复。今天的气温将会是怎样的？";
        assert_eq!(
            need(t),
            "之前联系过一次,没得到答复。今天的气温将会是怎样的?"
        );
        let t = "See below\n\nBest,\nEmma\n\n---------- Forwarded message ---------\n\
                 From: Emma White <ew@example.co.uk>\nDate: Thursday, May 15, 2025 4:31 PM\n\
                 Subject: Question\nTo: <helpdesk@example.io>\n\nGood morning,\n\n\
                 Where do I go to add a new card?\n\nLucia Johnson";
        assert!(
            need(t).starts_with("where do i go to add a new card?"),
            "{}",
            need(t)
        );
        // An absence notice is nobody's need: the mail under it is.
        let t = "[Auto-Reply]\nI'm OOO until Nov 11, 2022. For anything urgent, please reach \
                 Sofia Roberts (sofia.r@example.co.uk).\n\n---\n\n\
                 From: Olivia Okafor <oo@example.net>\nDate: Saturday, October 29, 2022 1:25 PM\n\n\
                 Hello,\n\nI need to update my current address. Please get back to me soon.\n\n\
                 Many thanks,\nOlivia";
        assert_eq!(
            need(t),
            "i need to update my current address. please get back to me soon."
        );
        let t = "休假自动回复\n【自动回复】您好，我于7月25日前休假，期间邮件回复可能不及时。\n\n———\n\n\
                 发件人：陈思雨 <sc@example.cn>\n时间：7月20日 下午7:29\n\n您好！\n\
                 预订 8个 人 的 位置 在 堪萨斯州 沃德 维尔。\n等你们消息。\n顺祝商祺！\n陈思雨";
        assert!(need(t).contains("预订 8个 人 的 位置"), "{}", need(t));
        assert!(!need(t).contains("休假"), "{}", need(t));
        // A sign-off on its own line ends the mail, whatever the note above it says.
        let t = "My account details are below.\n\nPlease help me. My card is missing.\n\n\
                 Best regards,\nBenjamin\n\nOn Sun, 14 Dec 2025 at 06:56, Support \
                 <service@example.com> wrote:\n> Hi Benjamin,\n> Thanks for your patience.";
        assert!(!need(t).contains("patience"), "{}", need(t));
        // A reply that says a need of its own still does not read the quoted mail.
        let t = "Still not working after the update, the export button is greyed out.\n\n\
                 On Mon, Jan 5, 2026 at 9:00 AM Alex <support@x.example> wrote:\n\
                 > Could you try the latest version?";
        assert!(!need(t).contains("latest version"), "{}", need(t));
    }

    #[test]
    fn a_short_note_that_points_at_the_subject_reads_it_above_a_signature() {
        let t = "From: Mateo Larsen <ml@example.com.au>\nTo: support@vendor.example\n\
                 Subject: How do I report a cash withdrawal that wasn't me?\n\nAs above, thanks.\n\n\
                 Mateo L.\nSenior Software Engineer\nJuniper Events\nTel: 617-555-4392\n\n\
                 This message has been scanned for viruses and dangerous content by Mimecast.";
        assert!(
            need(t).contains("how do i report a cash withdrawal that wasn't me?"),
            "{}",
            need(t)
        );
        let t = "-------- Forwarded Message --------\nFrom: Sofia Perez <sp@example.co.uk>\n\
                 Date: 2024-02-13 14:24\nSubject: I want to top up my account by bank transfer.\n\
                 To: <hello@vendor.example>\n\nSee subject\n\nSofia\nOperations Manager | Treasury\n\
                 Fabrikam Health\nTel: +44 7700 900076";
        assert!(
            need(t).contains("i want to top up my account by bank transfer."),
            "{}",
            need(t)
        );
        // A post's title beside a body that says something else.
        let t = "帖子标题：设置一个每天闹钟为下午7：30直到删除\n作者：雪梅  2024/3/26\n\n客服还没回，来社区问问。";
        assert!(need(t).contains("设置一个每天闹钟"), "{}", need(t));
        // A nudge under a post's title, with nothing quoted.
        let t = "帖子标题：将 此 专辑 添加 到 Old School Death Metal\n作者：用户28893  2023年3月22日\n\n\
                 顶一下，还是没人回复。";
        assert!(need(t).contains("将 此 专辑 添加 到"), "{}", need(t));
    }
    #[test]
    fn a_subject_is_the_need_when_the_body_says_next_to_nothing() {
        let t = "From: Barbara Lee <blee@example.com>\nTo: support@vendor.example\n\
                 Subject: Is there a reason my new card hasn't arrived yet?\n\nAs above, thanks.\n\n\
                 -- \nBarbara Lee\nPayroll Specialist";
        assert!(
            need(t).contains("is there a reason my new card hasn't arrived yet?"),
            "{}",
            need(t)
        );
        // A body that says the need keeps the subject out.
        let t = "From: Barbara Lee <blee@example.com>\nTo: support@vendor.example\n\
                 Subject: Card question\n\nIs there a reason my new card hasn't arrived yet?";
        assert_eq!(need(t), "is there a reason my new card hasn't arrived yet?");
    }

    #[test]
    fn quoted_reply_and_forward_headers_go() {
        let t = "Dark mode please, the white screen hurts at night.\n\nOn Mon, Jan 5, 2026 at \
                 9:00 AM Alex <support@x.example> wrote:\n> Hi, could you tell us more?\n> Alex";
        assert_eq!(
            need(t),
            "dark mode please, the white screen hurts at night."
        );
        let t = "Can we get SSO with Okta?\n-----Original Message-----\nFrom: Sam <s@x.example>\n\
                 Sent: Monday\nTo: me\nSubject: RE: Case 123\nThanks for contacting support.";
        assert_eq!(need(t), "can we get sso with okta?");
    }

    #[test]
    fn a_chinese_greeting_of_any_wording_opens_the_line() {
        for (line, need) in [
            ("各位老师好，把这首歌放到我的列表", "把这首歌放到我的列表"),
            ("技术支持团队好！ 明天会下雨吗", "明天会下雨吗"),
            ("王经理您好：希望支持导出PDF", "希望支持导出PDF"),
            ("您好，王经理！希望支持导出PDF", "希望支持导出PDF"),
            // A second clause of several words is the need, not a name after the greeting.
            (
                "各位老师好， 给 我 看 电视 剧 Limit of Love: Umizaru",
                "给 我 看 电视 剧 Limit of Love: Umizaru",
            ),
            (
                "各位老师好， 在 Lastfm 播放 This Is: Miles Davis 。",
                "在 Lastfm 播放 This Is: Miles Davis 。",
            ),
        ] {
            assert_eq!(line[salutation_end(line)..].trim(), need, "{line}");
        }
        // A need that opens with 好 or a longer clause is not a greeting.
        for line in [
            "好，帮我订一张桌子",
            "今天的天气会不会变得特别好，我想去爬山",
        ] {
            assert_eq!(salutation_end(line), 0, "{line}");
        }
    }

    #[test]
    fn a_short_need_ends_at_its_sign_off() {
        let t = "您好，\n外面热吗\n谢谢\n王伟 | 华信科技\n来自工单系统，工单号：558201";
        assert_eq!(need(t), "外面热吗");
        let t = "Dark mode?\nThanks,\nJo Smith\nSent via the Acme help desk, ref 5521";
        assert_eq!(need(t), "dark mode?");
        // A short note signed off above a forwarded mail: the need is below.
        let t = "See below.\nThanks,\nJo\n---------- Forwarded message ---------\n\
                 From: Kim <k@y.example>\nDate: today\nWe need an audit log of admin actions.";
        assert!(
            need(t).contains("we need an audit log of admin actions."),
            "{}",
            need(t)
        );
    }

    #[test]
    fn a_short_need_said_loudly_is_no_salutation() {
        let t = "你好，\n\n提醒我加油。谢谢！\n\nBest regards,\n高若兰\n法务专员 | 福州闽信会计师事务所";
        assert!(need(t).starts_with("提醒我加油"), "{}", need(t));
        let t = "Dark mode please!\nBest regards,\nJo Smith";
        assert_eq!(need(t), "dark mode please!");
        // A greeting with an exclamation mark still greets.
        let t = "王经理好！\n外面热吗";
        assert_eq!(need(t), "外面热吗");
        // A greeting under a banner the rules keep still greets.
        let t = "请注意：此邮件来自外部发件人。\n客服小姐姐你好，\n取消周六所有的闹钟。";
        assert!(!need(t).contains("你好"), "{}", need(t));
        let t = "Hi team!\nWe need an audit log.";
        assert_eq!(need(t), "we need an audit log.");
    }

    #[test]
    fn a_mail_s_own_header_is_no_quoted_mail() {
        let t = "Subject: Re: Issue\nFrom: Dan White <dw@polaris.example>\nTo: help@bank.example\n\
                 Date: Mon, 10 Nov 2025 09:12\n\nHello team,\n\nWhere is my new card?\n\nCheers,\nD";
        assert_eq!(need(t), "where is my new card?");
        let t =
            "主题：咨询\n发件人：邓宇航\n时间：2025年2月8日 18:04\n\n设置一个生日的提醒\n\n祝好";
        assert_eq!(need(t), "设置一个生日的提醒");
    }

    #[test]
    fn a_forward_signed_off_is_read_on_below_its_header() {
        let t = "Forwarding this on, can you help?\n\nKR,\nM\n\n---------- Forwarded message ---------\n\
                 From: Mei Jones <mj@harbor.example>\nDate: Monday, September 8, 2025 7:31 AM\n\
                 Subject: Urgent\nTo: <support@bank.example>\n\nHey,\n\n\
                 I still haven't received my card after two weeks, is it lost?\nThanks,\nLucas";
        let n = need(t);
        assert!(n.contains("is it lost?"), "{n}");
        assert!(
            !n.contains("kr") && !n.contains("mei") && !n.contains("lucas"),
            "{n}"
        );
        // Signed off inside a line ("Kind regards," after a note of three words).
        let t = "FYI - see below.\n\nKind regards,\nMei Kim\n\n---------- Forwarded message ---------\n\
                 From: Mei Kim <mk@b.example>\nSubject: Hello\n\nHi there,\n\nCan you give me a virtual card?";
        let n = need(t);
        assert!(n.contains("can you give me a virtual card?"), "{n}");
        assert!(!n.contains("kind regards") && !n.contains("mei"), "{n}");
        // A reply's quoted history is not read.
        let t = "Dark mode would help us a lot.\nThanks,\nJo\n\
                 On Tue, Mar 3, 2026 at 10:02 AM Alex <a@b.example> wrote:\n> Anything else?";
        assert_eq!(need(t), "dark mode would help us a lot.");
    }

    #[test]
    fn a_help_desk_s_copy_of_the_message_is_read_and_a_reply_s_history_is_not() {
        let t = "尊敬的张芳：\n\n我们已收到您的反馈（工单号：CS-502282），客服人员将在48小时内回复您。\n\
                 以下是您提交的内容：\n\n> 设置闹钟为上午7:20\n\n查看或补充工单：https://x.example/SD-502282";
        assert!(need(t).contains("设置闹钟为上午7:20"), "{}", need(t));
        let t = "Hello Sven,\nWe've received your request and will reply within 24 hours.\n\
                 For reference, here is a copy of your message:\n\n> I ordered my card but it still isn't here\n";
        assert!(
            need(t).contains("i ordered my card but it still isn't here"),
            "{}",
            need(t)
        );
        let t = "Dark mode would help.\nThanks,\nJo\n\
                 On Tue, Mar 3, 2026 at 10:02 AM Alex <a@b.example> wrote:\n> Try clearing the cache.";
        assert_eq!(need(t), "dark mode would help.");
        let t = "-----Original Message-----\nFrom: Alex\nSent: today\n> Try clearing the cache.\n\
                 Dark mode would help.";
        assert_eq!(need(t), "dark mode would help.");
        // A quoted quote header: the reply's history is quoted whole, its header too.
        let t = "My virtual card has not come yet!\n\nSent from my Samsung Galaxy smartphone.\n\n\
                 > On Sun, Mar 29, 2026 at 10:09 AM, Support <care@help.example> wrote:\n>\n\
                 > Just checking in to see whether you still need help.";
        assert_eq!(need(t), "my virtual card has not come yet!");
    }

    #[test]
    fn short_fields_go_when_the_ticket_says_more() {
        let t = "Case Owner: Tier 1 Queue\nStatus: New\nContact Name: Aisha Moore\n\
                 Account Name: Helix Biotech\nDescription: Can I track my card while it is in delivery?\n\
                 Priority: High";
        assert_eq!(need(t), "can i track my card while it is in delivery?");
        let t = "客户等级：金卡\n客户名称：沈阳北方重工设备有限公司\n产品模块：物流\n客户原话：我有设置提醒吗？";
        assert_eq!(need(t), "我有设置提醒吗?");
        let t = "客户等级：金卡\n客户名称：沈阳北方重工设备有限公司\n问题描述：导出报表为PDF";
        assert_eq!(need(t), "导出报表为pdf");
        // Alone, a short field may be the need.
        assert_eq!(need("Feature request: dark mode"), "dark mode");
    }

    #[test]
    fn a_labelled_need_is_the_need_and_the_notes_around_it_are_not() {
        // A CSM's meeting notes: the heading, the agenda points and the follow-up go.
        let t = "会议纪要 —— 周例会（青岛蓝湾食品有限公司）\n时间：2025年1月18日 11:20\n\
                 参会人：韩军（人事专员）、林丽（客户成功）\n\n1. 本季度活跃度提升19%。\n\
                 2. 对接人下季度可能调岗。\n客户原话：请导出报表为PDF。\n\n后续跟进：邮件发送相关资料";
        assert_eq!(need(t), "请导出报表为pdf。");
        // A phone note: the call's opening and the agent's notes go; the words below a label
        // with nothing after it are the need, up to the next field.
        let t = "Evelyn called in from Maple Street Bakery. Verified ID.\nCustomer request:\n\
                 We need single sign-on with Okta.\nAll our staff log in through it.\n\
                 Internal Comments: Duplicate check done.";
        assert_eq!(
            need(t),
            "we need single sign-on with okta. / all our staff log in through it."
        );
        // Several labelled fields all count.
        let t = "Summary: Dark mode\nPriority: Low\nDescription: The app is too bright at night.";
        assert_eq!(need(t), "dark mode / the app is too bright at night.");
        // A one-word category under a need label is no need: the ticket's words stay.
        let t = "We were charged twice for the March invoice, please refund one.\nIssue: Billing";
        assert_eq!(
            need(t),
            "we were charged twice for the march invoice, please refund one. / billing"
        );
    }

    #[test]
    fn a_customer_who_asks_to_be_answered_by_mail_is_no_automatic_reply() {
        let t = "朱宇航，你好！\n有个问题想咨询一下：辛克莱 会 在 8 小 时 内 变 冷 吗，请直接回复此邮件即可。\n\n\
                 若兰\n财务经理｜东莞市鸿达电子有限公司";
        assert!(need(t).contains("变 冷 吗"), "{}", need(t));
        assert!(!need(t).contains("若兰"), "{}", need(t));
        // The help desk's own line still goes.
        let t = "您的工单（232436）已更新。如需补充说明，请直接回复此邮件。\n推迟我的闹钟五分钟";
        assert_eq!(need(t), "推迟我的闹钟五分钟");
    }

    #[test]
    fn a_mail_systems_safety_banner_goes() {
        let t = "You don't often get email from carlos1516@btinternet.com. Learn why this is \
                 important\n\nDear Rahul,\n\nCan I have a supplementary card?";
        assert_eq!(need(t), "can i have a supplementary card?");
        let t = "CAUTION: This email originated from outside of the organization. Do not click \
                 links unless you recognize the sender.\nCan I have a supplementary card?";
        assert_eq!(need(t), "can i have a supplementary card?");
    }

    #[test]
    fn what_a_csms_call_notes_say_the_customer_asked_is_the_need() {
        let t = "Call notes — QBR with Orion Telecom (2026-01-21)\nAttendees: Mia Fischer (Finance \
                 Director), Patrick Smith (CSM)\n\n- Champion is moving teams next quarter.\n\
                 - Health score: amber.\n- Renewal due in 135 days.\n\
                 - Customer asked: \"Can you explain why my transfer was unsuccessful?\"\n\n\
                 Next steps: loop in Tier 2";
        assert_eq!(
            need(t),
            "\"can you explain why my transfer was unsuccessful?\""
        );
        let t = "- Health score: amber.\n- Customer said: Why can't I see the top up I made?";
        assert_eq!(need(t), "why can't i see the top up i made?");
    }

    #[test]
    fn mail_clients_help_desks_and_pleasantries_around_the_need_go() {
        assert_eq!(
            need("Can I get a spare card?\n\nSent from Mail for Windows"),
            "can i get a spare card?"
        );
        assert_eq!(
            need("I need to reverse a transfer.\nPowered by Jira Service Management"),
            "i need to reverse a transfer."
        );
        assert_eq!(
            need("EXTERNAL SENDER Use caution with links and attachments.\nMy top up failed."),
            "my top up failed."
        );
        let said = crate::domain::text::need_sentences(
            "Hi Noah,\n\nHope you're well, when are you going to activate my card?",
        )
        .join(" / ");
        assert_eq!(said, "when are you going to activate my card");
        // "Sent from" that says more is a need.
        assert_eq!(
            need("Sent from abroad, my transfer never arrived at the bank in Lisbon"),
            "sent from abroad, my transfer never arrived at the bank in lisbon"
        );
    }

    #[test]
    fn a_chat_transcripts_lines_are_read_without_time_and_speaker() {
        let t = "Chat transcript\nChat started: 05/02/2026 17:12\n\
                 Visitor: Ethan Harris (ethan603@btinternet.com)\n\n\
                 (17:12:12) Mia: Hi, thanks for contacting us! How can I help today?\n\
                 (17:12:38) Ethan: Is there a tracking number for the card?";
        let lines = need(t);
        assert!(
            lines.ends_with("is there a tracking number for the card?"),
            "{lines}"
        );
        assert!(
            !lines.contains("mia") && !lines.contains("ethan:"),
            "{lines}"
        );
        // A bracket that holds no time is no chat line.
        assert_eq!(
            need("(Urgent) Note: export fails"),
            "(urgent) note: export fails"
        );
    }

    #[test]
    fn a_chat_transcripts_need_is_what_its_visitor_wrote() {
        let t = "在线客服会话记录\n会话开始：2026-03-09 16:39:06\n访客：周霞（15864436070）\n\n\
                 林嘉怡 16:39:15\n您好，很高兴为您服务，请问有什么可以帮您？\n周霞 16:39:22\n\
                 增加一项提醒在今天下午4点\n林嘉怡 16:40:19\n亲，马上帮您看一下。\n\n\
                 会话已结束（超时自动结束）";
        assert_eq!(need(t), "增加一项提醒在今天下午4点");
        let t = "访客：郑晓东（17024178167）\n\n李平 10:57:08\n您好，很高兴为您服务，请问有什么可以帮您？\n\
                 郑晓东 10:57:50\n请 给 我 找到 Phineas Redux 。\n\n会话已结束（访客关闭）";
        assert_eq!(need(t), "请 给 我 找到 phineas redux 。");
        let t = "Chat transcript\nChat started: 05/02/2026 17:12\n\
                 Visitor: Ethan Harris (ethan603@btinternet.com)\n\n\
                 (17:12:12) Mia: Hi, thanks for contacting us! How can I help today?\n\
                 (17:12:38) Ethan: Is there a tracking number for the card?\n\
                 (17:13:00) Mia: Let me check that for you.";
        assert_eq!(need(t), "is there a tracking number for the card?");
    }

    #[test]
    fn a_mail_apps_line_naming_the_phone_goes() {
        assert_eq!(need("今天会下雨吗\n\n来自 vivo 手机"), "今天会下雨吗");
        assert_eq!(need("今天会下雨吗\n\n—— 来自钉钉邮箱"), "今天会下雨吗");
        assert_eq!(need("今天会下雨吗\n\n来自飞书移动端"), "今天会下雨吗");
        assert_eq!(
            need("今天会下雨吗\n\n—— 来自 Outlook for iOS"),
            "今天会下雨吗"
        );
        // A need that opens with "来自" stays.
        assert_eq!(
            need("来自北京分公司的同事无法登录"),
            "来自北京分公司的同事无法登录"
        );
    }

    #[test]
    fn a_relay_is_read_as_what_the_customer_asked() {
        // A CSM's lead-in ends in a need's label: the customer's words follow it.
        assert_eq!(
            need(
                "Had a call with Ava from Foxglove Freight today. They asked: What are my options for topping up?"
            ),
            "what are my options for topping up?"
        );
        assert_eq!(
            need("刚和汇通科技的张鹏（人力资源经理）通完电话，客户问：我需要带雨衣吗？"),
            "我需要带雨衣吗?"
        );
        // Quoted: up to the closing mark, without what the relayer adds after it.
        assert_eq!(
            need(
                "合肥致远供应链管理有限公司的刘总让我转达一下：「需要一张桌子」 这家Q1要续约，麻烦尽快给个答复。"
            ),
            "「需要一张桌子」"
        );
        assert_eq!(
            need("Spoke to Tom at Initech, they asked: \"Can we get SSO?\" Renewal is in May."),
            "\"can we get sso?\""
        );
        // A quote in brackets stands beside the writer's own words for the need: both stay.
        assert_eq!(
            need(
                "Their ops team asked for the weekly report as a PDF (in their words: \"周报能一键生成PDF\")."
            ),
            "their ops team asked for the weekly report as a pdf (in their words: \"周报能一键生成pdf\")."
        );
        // Framing before a need's label goes with it.
        assert_eq!(
            need("Hello, I have a quick question: how do I reset my PIN?"),
            "how do i reset my pin?"
        );
        // A lead-in that ends in no need's label, and a quote the customer makes, stay whole.
        assert_eq!(
            need("The app says: \"Transaction failed\" when I pay by card."),
            "the app says: \"transaction failed\" when i pay by card."
        );
    }

    #[test]
    fn a_relays_excerpt_starts_at_the_customers_words() {
        assert_eq!(
            need_excerpt(
                "QBR with Initech today, Priya Natarajan joined. They asked: can we get SSO with Okta?"
            ),
            "can we get SSO with Okta?"
        );
        assert_eq!(
            need_excerpt("刚和伞公司的王伟（IT主管）通完电话，客户问：能不能支持用Okta单点登录？"),
            "能不能支持用Okta单点登录？"
        );
        // A short label stays, as before.
        assert_eq!(
            need_excerpt("Description: the app is too bright at night."),
            "Description: the app is too bright at night."
        );
    }

    #[test]
    fn a_need_field_is_read_without_its_label() {
        // The label is the CSM's or the help desk's word: two notes of different needs share
        // it, whatever they ask.
        assert_eq!(need("客户原话：希望增加深色模式。"), "希望增加深色模式。");
        assert_eq!(
            need("Customer's words: We want dark mode."),
            "we want dark mode."
        );
        assert_eq!(
            need("Description:\nThe app is too bright at night."),
            "the app is too bright at night."
        );
        // Other fields keep theirs.
        assert_eq!(need("Re: Dark mode"), "re: dark mode");
        // A courtesy or a salutation before the colon is no field's label.
        assert_eq!(need("想请教一下：取消闹钟"), "取消闹钟");
        assert_eq!(
            need("尊敬的客服：在 Fairview 附近 预订 一张 桌子\n期待您的回复。"),
            "在 fairview 附近 预订 一张 桌子 / 期待您的回复。"
        );
        let thread = "##- 请在此行上方回复 -##\n\n郑明（成都锦程教育科技有限公司）\n2025年1月1日 10:54\n\n\
                      想请教一下：取消闹钟\n\n周桂英（客户服务部）\n2025年1月1日 07:25\n\n请问之前的问题还需要协助吗？";
        assert!(need(thread).contains("取消闹钟"), "{}", need(thread));
        // A CSM's note of what the customer raised.
        let t = "会议纪要 —— 周例会（宁波港润进出口有限公司）\n1. 本季度活跃度提升25%。\n\
                 客户提出：“提醒我去和Ben谈关于Georgia”\n\n后续跟进：整理纪要发给郑子涵";
        assert_eq!(need(t), "“提醒我去和ben谈关于georgia”");
        // A notice that opens like a courtesy is no need's label.
        let t = "您好\n播放 Marion Elise Raven 的 专辑 Vibrations\n\n\
                 注意：本邮件由系统自动转发，请勿直接回复至系统地址。";
        assert!(need(t).contains("播放 marion"), "{}", need(t));
    }

    #[test]
    fn the_colon_of_a_time_ends_no_label_and_no_greeting() {
        // A need that names a time is no "key: value" field.
        let t = "我的账户信息在下面。\n格鲁吉亚 15:04 的 天气 预报 怎么样";
        assert!(need(t).contains("格鲁吉亚 15:04"), "{}", need(t));
        // Nor is the time the end of a greeting's clause.
        let line = "客服你好，在 15:19:29 目前的 位置 的 湿度 将是 多少 ?";
        assert_eq!(
            &line[salutation_end(line)..],
            "在 15:19:29 目前的 位置 的 湿度 将是 多少 ?"
        );
        // A form's message field holds the need, times and numbers and all.
        let t = "新的留言提醒\n\n姓名：何海燕\n手机：13675911774\n问题类型：其他\n\
                 留言内容：取消我的在周二上午5：15的闹钟\n\n提交时间：2026-02-24 09:40:13";
        assert_eq!(need(t), "取消我的在周二上午5:15的闹钟");
        let t = "联系人：邓洋\n产品模块：会员\n客户等级：白金\n备注：设置一个闹钟在下午6：50";
        assert_eq!(need(t), "设置一个闹钟在下午6:50");
    }

    #[test]
    fn a_message_signed_with_a_given_name_or_a_team_alone() {
        let t = "下午好，\n我 想 为 3 个 人 预订 一家 美食馆 。\n\n晨曦";
        assert_eq!(need(t), "我 想 为 3 个 人 预订 一家 美食馆 。");
        let t = "以下是您提交的内容：\n\n> 设置闹钟为30分钟\n\n查看或补充工单。\n\n客户成功团队";
        assert!(!need(t).contains("团队"), "{}", need(t));
        // A company's name on a line of its own, under a sign-off of any wording.
        let t = "你好，\n今天的气温怎么样？\n\n辛苦\n许明\n宁波港润进出口有限公司";
        assert_eq!(need(t), "今天的气温怎么样?");
        let t = "播放 David Lindley 的 交响乐\n宁波港润进出口有限公司";
        assert_eq!(need(t), "播放 david lindley 的 交响乐");
        assert_eq!(need("我想查询公司"), "我想查询公司");
        // A short need alone stays; so does one that ends a longer ticket with more to say.
        assert_eq!(need("暂停闹钟"), "暂停闹钟");
        assert_eq!(need("您好\n取消闹钟"), "您好 / 取消闹钟");
    }

    #[test]
    fn one_reply_phrase_beside_a_chinese_need_is_the_customers_courtesy() {
        let t = "您好，打扰一下\n\n给 Soul Music 评分 为 0 。请直接回复此邮件即可。\n\n祝好";
        assert!(need(t).contains("给 soul music 评分"), "{}", need(t));
        // A help desk's reply says nothing but the exchange.
        let t = "取消闹钟\n\n您的工单已受理，我们的工作人员会尽快与您联系。请直接回复此邮件即可。";
        assert_eq!(need(t), "取消闹钟");
    }

    #[test]
    fn a_social_media_handle_is_a_contact_detail() {
        for h in [
            "@james_lee70",
            "@acme.support",
            "@mateo:",
            "(@aisha_garci61)",
        ] {
            assert!(is_handle(h.trim_start_matches('(')), "{h}");
        }
        for t in ["@", "@ 5pm", "a@b", "@@", "me@acme.example"] {
            assert!(!is_handle(t), "{t}");
        }
        let t = "Instagram DM message from @james_lee70\nReceived: 22/03/2026 11:37\n\n\
                 I don't see my card anywhere in the app.";
        // The banner goes with the handle it named.
        assert_eq!(need_excerpt(t), "I don't see my card anywhere in the app.");
        // A sentence that names its writer at the end keeps its words.
        assert_eq!(
            need_excerpt("Please add a dark mode, as asked by @jo_smith"),
            "Please add a dark mode, as asked by"
        );
        let terms =
            crate::domain::text::analyze("Facebook message from @charlottewilso49: refund?");
        assert!(!terms.iter().any(|t| t.contains("charlott")), "{terms:?}");
    }

    #[test]
    fn a_form_of_short_fields_alone_is_its_field_that_says_most() {
        let t = "产品模块：账户\n联系人：孙娜\n客户名称：广州华邦贸易有限公司\n联系电话：15864019516\n\
                 优先级：高\n客户等级：金卡\n备注：Zvooq 上 90 年代 的 歌曲";
        assert_eq!(need(t), "zvooq 上 90 年代 的 歌曲");
        // A person's name says as little as a category, however long it is.
        let t = "Priority: High\nContact: Aisha Moore\nFeature: Dark mode";
        assert_eq!(need(t), "feature: dark mode");
        // No field says two words: the form stays as it is.
        let t = "Priority: High\nModule: Export";
        assert_eq!(need(t), "priority: high / module: export");
    }

    #[test]
    fn a_help_desk_s_automatic_reply_goes_and_a_customer_who_says_the_same_stays() {
        let t = "Hello Omar,\n\nWe've received your request (TKT-384347) and a member of our team will \
                 reply within 2 working days.\nFor reference, here is a copy of your message:\n\n\
                 > There was a fee charged when I paid with my card.\n\n\
                 You can view or update your request at https://help.example/tickets/384347";
        assert_eq!(need(t), "there was a fee charged when i paid with my card.");
        let t = "您的工单（232436）已更新。如需补充说明，请直接回复此邮件。\n推迟我的闹钟五分钟";
        assert_eq!(need(t), "推迟我的闹钟五分钟");
        let t = "I have not received your email within 2 business days, please reply.";
        assert_eq!(
            need(t),
            "i have not received your email within 2 business days, please reply."
        );
    }

    #[test]
    fn names_and_thread_lines_go_when_the_ticket_says_more() {
        // A Chinese name on a line of its own: a forwarder's, a signature's, an addressee's.
        let t = "请相关同事看一下。\n\n林磊\n\n-------- 转发邮件信息 --------\n发件人：\"胡俊杰\" \
                 <3021969404@qq.com>\n主题：跟进\n\n下午好，\n提醒我明天去安排一个医生预约。\n\n小胡";
        assert_eq!(
            need(t),
            "请相关同事看一下。 / 提醒我明天去安排一个医生预约。"
        );
        let t = "给 the broken window 打 四 颗 星\n\n韩文博\n\n在 2026年3月9日 08:51，赵强 \
                 <help@svc.cn> 写道：\n> 您的工单已受理";
        assert_eq!(need(t), "给 the broken window 打 四 颗 星");
        // A name with a greeting after it is a salutation.
        assert_eq!(
            need("韩涛，你好！\n打扰了。\n取消闹钟"),
            "打扰了。 / 取消闹钟"
        );
        // A help desk thread's author lines, above their dates or with them.
        let t = "Abigail Tanaka (Helix Biotech)\nThu, Jun 18, 2026 at 12:23 PM\n\n\
                 Can I get an update on my replacement card?";
        assert_eq!(need(t), "can i get an update on my replacement card?");
        let t = "This request was merged.\n\nHarper Patel, Mon, Nov 17, 2025 at 4:26 PM\n\n\
                 It's been a week since I ordered my card.";
        assert_eq!(
            need(t),
            "this request was merged. / it's been a week since i ordered my card."
        );
        let t = "王嘉怡（客户服务部）\n2025年7月24日 06:41\n\n我设置了什么时候的闹钟？";
        assert_eq!(need(t), "我设置了什么时候的闹钟?");
        // A ticket's event line, and a field whose value is a name and an address.
        let t = "[JIRA] (SD-82703) (no subject)\nIngrid Brown raised SD-82703\n\n\
                 Reporter: Ingrid Brown <ingrid@falcon.example>\n\n\
                 Will I be able to track the card that was sent to me?";
        assert_eq!(
            need(t),
            "will i be able to track the card that was sent to me?"
        );
        // A given name alone above a signature's contact line.
        let t = "客服您好，\n有个问题想咨询一下：明天会变冷吗？\n\n若兰\n财务经理｜东莞市鸿达电子有限公司";
        assert_eq!(need(t), "有个问题想咨询一下:明天会变冷吗?");
        // A help desk's merge notice, the other ticket's subject in quotes.
        let t = "This request was closed and merged into request #640034 \"Following up on my \
                 previous message TKT-10308\".\n\nIs a new debit card free?";
        assert_eq!(need(t), "is a new debit card free?");
        // A customer's own line that mentions a ticket and says more stays.
        let t = "I opened ticket #4412 last week and the PDF export still fails.\n\
                 Please have a look.";
        assert!(need(t).contains("pdf export still fails"), "{}", need(t));
        // A mail system's notice under its tag.
        let t = "[钉钉] 胡艳 给你发了一封邮件\n\n胡洋，你好！\n今天会有下雪吗？已抄送我的同事。";
        assert_eq!(need(t), "今天会有下雪吗?已抄送我的同事。");
        // A mail client's banner goes with the header block below it.
        let t = "来自企业微信\n发件人：朱雨桐（武汉长江软件股份有限公司）\n时间：2026年5月20日(星期三) 19:07\n\n\
                 亲，在吗？\n取消闹钟";
        assert_eq!(need(t), "亲,在吗? / 取消闹钟");
        // Alone, or beside a need of fewer than 3 words, they stay: nothing else is said.
        assert_eq!(need("林磊"), "林磊");
        assert_eq!(
            need("Ticket TKT-944038 export fails"),
            "ticket tkt-944038 export fails"
        );
        // A need that starts with a surname's character is no name.
        assert_eq!(need("高温预警？\n今天会下雨吗"), "高温预警? / 今天会下雨吗");
        // A field whose value asks is the need.
        let t = "会议纪要 —— 周例会（石家庄冀商连锁超市有限公司）\n客户原话：希望增加批量导入客户的功能";
        assert!(
            need(t).ends_with("希望增加批量导入客户的功能"),
            "{}",
            need(t)
        );
    }

    #[test]
    fn tags_and_timestamps_on_lines_of_their_own_go() {
        // The name above the date is the thread's author line.
        let t = "【外部邮件】\n郑海燕\n2026年3月13日 17:17\n推迟我的闹钟五分钟";
        assert_eq!(need(t), "推迟我的闹钟五分钟");
        let t = "[External email]\nFri, Jun 27, 2025 at 4:11 PM\nCan I get a refund?";
        assert_eq!(need(t), "can i get a refund?");
        // A need that names a time stays.
        assert_eq!(need("Set an alarm for 7:30 am"), "set an alarm for 7:30 am");
    }

    #[test]
    fn forwarded_need_below_the_header_is_kept() {
        let t = "---------- Forwarded message ---------\nFrom: Kim <k@y.example>\nDate: today\n\
                 Subject: audit log\nWe need an audit log of admin actions.";
        assert!(need(t).contains("we need an audit log of admin actions."));
    }

    #[test]
    fn chinese_ticket_keeps_only_the_need() {
        let t = "您好，\n希望能支持导出PDF格式的报表。\n\n谢谢！\n王伟\n产品部 | 华信科技\n电话：13812345678\n\n\
                 本邮件及其附件可能包含保密信息，仅供指定收件人使用。如误收请删除。";
        assert_eq!(need(t), "希望能支持导出pdf格式的报表。");
    }

    #[test]
    fn a_one_line_need_survives_whatever_it_looks_like() {
        assert_eq!(need("Thanks!"), "thanks!");
        assert_eq!(need("hi, my card:"), "hi, my card:");
        assert_eq!(need("Why was I charged a fee?"), "why was i charged a fee?");
    }

    #[test]
    fn the_excerpt_keeps_the_customers_casing_without_their_details() {
        let t = "Hi team,\nCan we export invoices as PDF? See https://x.example/a, ticket 99812.\n\
                 Call me on +1 555 010 2233 or jo@initech.example\nBest regards,\nJo Bloggs\n\
                 Head of Finance | Initech";
        assert_eq!(need_excerpt(t), "Can we export invoices as PDF? See");
        assert_eq!(
            need_excerpt(
                "Please add SSO with Okta for our whole company as soon as you can, my number \
                 is +1 555 010 2233 (ask for jo@initech.example) about case #4411"
            ),
            "Please add SSO with Okta for our whole company as soon as you can, my number is \
             (ask for about"
        );
        assert_eq!(
            need_excerpt("您好，\n希望能支持导出PDF。\n谢谢！\n王伟"),
            "希望能支持导出PDF。"
        );
        // A dropped number's closing marks stay: the sentence still ends where it did.
        assert_eq!(
            need_excerpt(
                "We were told to quote \"Okta SSO [#88412]\". Please add single sign-on with Okta \
                 for all staff."
            ),
            "We were told to quote \"Okta SSO\". Please add single sign-on with Okta for all staff."
        );
        // A contact detail's label goes with it, written with or without a colon.
        assert_eq!(
            need_excerpt("给 我 Secret South 歌曲 手机 13912345678"),
            "给 我 Secret South 歌曲"
        );
        assert_eq!(
            need_excerpt("Dark mode for the editor please Tel: +44 20 7946 0958"),
            "Dark mode for the editor please"
        );
        // A label left without its value goes with it.
        assert_eq!(
            need_excerpt(
                "Keyboard shortcuts for bold, please.\n\nSubmitted from: https://app.x.example/ed"
            ),
            "Keyboard shortcuts for bold, please."
        );
        assert_eq!(
            need_excerpt("Exports fail.\nReference no: 5531200"),
            "Exports fail."
        );
    }

    #[test]
    fn a_sign_off_inside_a_line_ends_the_need() {
        // Help desks and exports flatten a mail into one line.
        assert_eq!(
            need_excerpt(
                "Please let us export reports as PDF. Ticket #1 Best regards, Jo Smith, Acme Corp"
            ),
            "Please let us export reports as PDF."
        );
        assert_eq!(
            need_excerpt(
                "We need SSO with Okta for everyone. Thanks, Jo Smith, Head of IT, Initech, \
                 +1 555 010 2233"
            ),
            "We need SSO with Okta for everyone."
        );
        assert_eq!(
            need_excerpt("Can invoices show the PO number?\nThanks, Sam Lee | Finance | Globex"),
            "Can invoices show the PO number?"
        );
        assert_eq!(
            need_excerpt("Dark mode for the editor please Kind regards Priya Patel"),
            "Dark mode for the editor please"
        );
        assert_eq!(
            need_excerpt("请支持导出PDF格式的报表，谢谢！王伟 市场部 华信科技"),
            "请支持导出PDF格式的报表"
        );
        // On a line of its own, the sign-off's name and team go too, and the signature below.
        assert_eq!(
            need_excerpt(
                "您好，\n\n我们需要单点登录（SAML），接入公司的 Okta。\n\n谢谢！王伟 市场部\n\
                 王嘉怡（客户服务部）\n2025年7月24日 06:41"
            ),
            "我们需要单点登录（SAML），接入公司的 Okta。"
        );
        assert_eq!(
            need_excerpt("报表导出太慢了。\n祝好，李娜 / 客户成功团队\n宁波港润进出口有限公司"),
            "报表导出太慢了。"
        );
        // Thanks and then more of the need is no sign-off.
        assert_eq!(
            need_excerpt("报表导出太慢了。\n谢谢！另外 导出 也要支持PDF"),
            "报表导出太慢了。 谢谢！另外 导出 也要支持PDF"
        );
        // A greeting's clause is not the need either.
        assert_eq!(
            need_excerpt("Hi Sarah, we need PDF export for the board."),
            "we need PDF export for the board."
        );
        assert_eq!(
            need_excerpt("您好，王经理！希望能支持导出PDF。"),
            "希望能支持导出PDF。"
        );
        assert_eq!(
            need_excerpt("Hello, world-class reporting needs PDF export"),
            "world-class reporting needs PDF export"
        );
        assert_eq!(need_excerpt("Hey there"), "Hey there");
        assert_eq!(need_excerpt("Hi Sarah,"), "Hi Sarah,");
        assert_eq!(need_excerpt("您好，我们需要导出PDF！"), "我们需要导出PDF！");
        assert_eq!(
            need("We need PDF export for the board. Cheers, Jo Smith, Acme"),
            "we need pdf export for the board."
        );
    }

    #[test]
    fn thanks_that_go_on_with_the_need_are_no_sign_off() {
        for t in [
            "We need PDF export. Thanks, but we also need it for invoices.",
            "Thanks for the quick fix. Could invoices show the PO number?",
            "Exports are slow with regards to large files, thanks for looking.",
            "We want all the best features of the editor in the mobile app.",
            "请支持导出PDF。谢谢，另外希望能支持暗色模式。",
            "感谢你们的支持，我们需要导出PDF。",
            "Re: Exporting reports\nThanks, that workaround works but it's clunky. What we \
             really need is to export the weekly report as a PDF for our board pack.",
            "Exports work. Thanks, that helped. Our board pack still lacks a PDF version.",
        ] {
            assert_eq!(need(t), normalize(t).trim().replace('\n', " / "), "{t}");
        }
        // A flattened signature's footer that says "please" does not keep it.
        assert_eq!(
            need(
                "设置一个每天上午8点的闹钟 祝好, 陈建华 财务经理 金桥贸易有限公司 地址:上海市浦东新区人民路93号 为了环保,打印前请三思"
            ),
            "设置一个每天上午8点的闹钟"
        );
        // Too little need before it: the line is kept whole.
        assert_eq!(need("Thanks, Jo"), "thanks, jo");
    }

    #[test]
    fn needs_that_mention_boilerplate_words_stay() {
        assert_eq!(
            need("We need confidential documents to be watermarked when exported."),
            "we need confidential documents to be watermarked when exported."
        );
        assert_eq!(
            need("Thanks for the quick fix. Could invoices show the PO number?"),
            "thanks for the quick fix. could invoices show the po number?"
        );
    }

    #[test]
    fn introductions_and_earlier_contacts_are_not_the_need() {
        for (s, rest) in [
            ("我是东方物流集团客户成功部的李子涵", ""),
            ("我是华信科技的王伟，希望能支持导出pdf", "希望能支持导出pdf"),
            ("上周和黄小姐电话沟通过这个问题", ""),
            ("this is jo from initech", ""),
            ("my name is sam", ""),
            (
                "i'm reaching out on behalf of the operations team at northwind",
                "",
            ),
            ("following up on my call with taylor earlier today", ""),
            ("as discussed with alex, we need sso", "we need sso"),
            ("sven called in from ironbridge construction", ""),
            ("客户宋娟来电,短信验证通过", "短信验证通过"),
        ] {
            assert_eq!(without_introduction(s), rest, "{s}");
        }
        for s in [
            "i am unable to log in at the office",
            "i'm having trouble with the export from the app",
            "我是管理员，无法导出报表",
            "我想设置一个闹钟",
            "this is broken since the update",
            "i am locked out from entering my pin",
            "this is cause for a bit of concern",
            "i'm still standing in front of the atm",
            "i'm considering closing my account because of it",
            "can we get dark mode",
            "the app called me from an unknown number",
            "来电显示功能无法使用",
        ] {
            assert_eq!(without_introduction(s), s, "{s}");
        }
    }

    #[test]
    fn a_disclaimer_is_told_by_how_many_different_cues_it_holds() {
        assert!(DISCLAIMER_CUES.len() <= 64);
        let line = |l: &'static str| Shape::of(l);
        // One cue, however often, is no disclaimer; two in a short line, or three, are.
        assert!(!is_disclaimer(&line(
            "please delete my old export, delete it all, delete"
        )));
        assert!(is_disclaimer(&line(
            "confidential: if received in error, delete it"
        )));
        assert!(is_disclaimer(&line(
            "this message is confidential and may be privileged. if you are not the intended \
             recipient you must not copy, use or disclose it to anyone else at all"
        )));
        assert!(!is_disclaimer(&line(
            "we need to delete old reports, and the export of the monthly reports to pdf should \
             keep their layout when we print them for the board"
        )));
        assert!(is_disclaimer(&line("本邮件保密，如误收请删除")));
    }

    /// [`inline_signoff`] as first written: the weight of the whole prefix at every word and
    /// the Latin sign-off phrases looked up without the first-word filter (the Chinese check is
    /// shared).
    fn inline_signoff_reference(line: &str, prior: usize) -> Option<usize> {
        let mut boundary = true;
        let mut prev: Option<char> = None;
        for (i, c) in line.char_indices() {
            let word_start = c.is_alphanumeric() && prev.is_none_or(|p| !p.is_alphanumeric());
            if word_start && prior + weight(&line[..i]) >= 3 {
                let rest = &line[i..];
                let line_start = weight(&line[..i]) == 0;
                let found = if is_cjk(c) {
                    cjk_signoff_at(rest, boundary, line_start, prev)
                } else {
                    latin_signoff_phrase(rest, boundary, line_start)
                };
                if found {
                    return Some(i);
                }
            }
            if c.is_alphanumeric() {
                boundary = false;
            } else if !c.is_whitespace() {
                boundary = ends_sentence(c) || matches!(c, ',' | '，');
            }
            prev = Some(c);
        }
        None
    }

    fn signoff_piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::sample::select(vec![
                "Best regards",
                "best",
                "Thanks",
                "THANK YOU so much",
                "Kind Regards",
                "cheers",
                "Yours sincerely",
                "many thanks",
                "take care",
                "regards",
                "\u{212A}ind regards",
                "BR",
                "thx",
                "谢谢",
                "祝好",
                "此致敬礼",
                "希望",
                "but we also need",
                "why",
                "export PDF",
                "Jo Smith",
                "Acme Corp",
                "+1 555 0100",
                "İnitech",
                "Straße",
                "设置闹钟",
                "ΣΊΣΥΦΟΣ",
                "please",
                "need",
                "2FA",
                "o'brien",
            ])
            .prop_map(str::to_owned),
            "[a-zA-Z]{1,18}",
            "\\PC{1,6}",
        ]
    }

    proptest::proptest! {
        #[test]
        fn the_inline_signoff_scan_finds_what_the_first_version_found(
            pieces in proptest::collection::vec(
                (signoff_piece(), proptest::sample::select(vec![" ", ", ", ". ", "! ", "，", "。", "", " | ", "; "])),
                0..14,
            ),
            prior in 0usize..5,
        ) {
            let line: String = pieces.iter().map(|(w, sep)| format!("{w}{sep}")).collect();
            proptest::prop_assert_eq!(
                inline_signoff(&line, prior),
                inline_signoff_reference(&line, prior),
                "{:?}", line
            );
        }
    }
}
