//! Markup an export leaves in a ticket's text: HTML tags ("<p>", "</div><div><br></div>"),
//! character entities ("&nbsp;", "&amp;"), CDATA marks, an issue tracker's block marks
//! ("{quote}", "{code}") and escaped line breaks ("\n" written out, as a JSON string holds them). None of it is a word of the need, and a tag glued to a word
//! ("<p>Can") hides the word from every rule that reads the line's start. Block tags and escaped
//! breaks become line breaks, so the lines a help desk's HTML meant are the lines the rules see.

use std::borrow::Cow;

/// Tags whose end is the end of a line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "pre",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "html",
    "body",
    "head",
    "title",
];

/// Tags that only mark words up.
const INLINE_TAGS: &[&str] = &[
    "span", "b", "i", "u", "em", "strong", "a", "font", "td", "th", "tbody", "thead", "img",
    "code", "small", "sup", "sub", "meta", "o:p",
];

/// `text` without the markup an export left in it; borrowed when there is none. A ticket that
/// is a JSON document, or holds JSON objects on lines of their own (a chat bot's log, a help
/// desk's API export), is read as its members, one "key: value" line each (see
/// [`json_as_fields`]).
pub fn without_markup(text: &str) -> Cow<'_, str> {
    match json_as_fields(text) {
        Some(fields) => Cow::Owned(without_tags(&fields).into_owned()),
        None => without_tags(text),
    }
}

/// `text` as the members of its JSON, one "key: value" line per string, number or flag
/// (`{"name":"Tesfaye Osei","text":"Can I …"}` reads "name: Tesfaye Osei" and "text: Can I …"),
/// so a need's key labels its value as a form's field would; `None` when `text` holds none.
/// Either the whole text is one JSON document, or some of its lines are JSON objects, read in
/// place among the other lines.
fn json_as_fields(text: &str) -> Option<String> {
    // Asked of every ticket: most hold no JSON member.
    if !text.contains("\":") {
        return None;
    }
    let whole = text.trim();
    let document = (whole.starts_with('{') && whole.ends_with('}'))
        || (whole.starts_with('[') && whole.ends_with(']'));
    if document && let Ok(value) = serde_json::from_str::<serde_json::Value>(whole) {
        let mut out = String::with_capacity(text.len());
        push_members(&value, None, &mut out);
        return Some(out);
    }
    let object = |l: &str| l.starts_with('{') && l.ends_with('}') && l.contains("\":");
    // A quote and a colon in prose ("He wrote "Fees": none") is no JSON: no copy is made.
    if !text.lines().any(|l| object(l.trim())) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut found = false;
    for line in text.lines() {
        let l = line.trim();
        if object(l)
            && let Ok(value) = serde_json::from_str::<serde_json::Value>(l)
        {
            push_members(&value, None, &mut out);
            found = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    found.then_some(out)
}

/// Writes the leaves of `value` onto `out`, a "key: value" line each (the innermost key; an
/// array's items under the array's key).
fn push_members(value: &serde_json::Value, key: Option<&str>, out: &mut String) {
    use serde_json::Value;
    let mut leaf = |text: &str| {
        if let Some(k) = key {
            out.push_str(k);
            out.push_str(": ");
        }
        out.push_str(text);
        out.push('\n');
    };
    match value {
        Value::Object(members) => {
            // A chat log's turn ({"role": "bot", "text": "…"}): its words are labelled with
            // who said them, as a transcript's line is ("Bot: …"), so the turn rules know the
            // help desk's from the customer's.
            const SPEAKER_KEYS: &[&str] = &["role", "from", "sender", "speaker", "author", "who"];
            const SAID_KEYS: &[&str] = &["text", "message", "msg", "body", "content", "utterance"];
            let speaker = SPEAKER_KEYS.iter().find_map(|k| {
                members
                    .get(*k)
                    .and_then(serde_json::Value::as_str)
                    .filter(|s| !s.is_empty() && s.split_whitespace().count() <= 3)
                    .map(|s| (*k, s))
            });
            for (k, v) in members {
                match (speaker, v) {
                    (Some((sk, _)), _) if k == sk => {}
                    (Some((_, who)), Value::String(said)) if SAID_KEYS.contains(&k.as_str()) => {
                        push_members(&Value::String(said.clone()), Some(who), out)
                    }
                    _ => push_members(v, Some(k), out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| push_members(v, key, out)),
        Value::String(s) => leaf(s),
        Value::Null => {}
        other => leaf(&other.to_string()),
    }
}

/// `text` without HTML tags, entities, CDATA marks, block marks and escaped breaks.
fn without_tags(text: &str) -> Cow<'_, str> {
    let tags = text.contains('<') && text.contains('>');
    let entities = text.contains('&') && text.contains(';');
    let escapes = text.contains("\\n");
    let blocks = text.contains('{') && text.contains('}');
    // Asked of every ticket: most hold none of it.
    if !(tags || entities || escapes || blocks) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let skip = match c {
            '<' if tags => tag_at(rest)
                .map(|(len, block)| {
                    out.push_str(if block { "\n" } else { "" });
                    len
                })
                .or_else(|| {
                    let (len, field) = element_at(rest)?;
                    // An opening element is its field's label; a closing one ends the field.
                    match field {
                        Some(name) => {
                            out.push('\n');
                            out.push_str(name);
                            out.push_str(": ");
                        }
                        None => out.push('\n'),
                    }
                    Some(len)
                }),
            ']' if tags && rest.starts_with("]]>") => Some(3),
            '{' if blocks => block_mark_at(rest).inspect(|_| out.push('\n')),
            '&' if entities => entity_at(rest).map(|(len, as_text)| {
                out.push_str(as_text);
                len
            }),
            '\\' if escapes => match rest.as_bytes().get(1) {
                Some(b'n') => {
                    out.push('\n');
                    Some(2)
                }
                Some(b'r') => Some(2),
                Some(b't') => {
                    out.push(' ');
                    Some(2)
                }
                _ => None,
            },
            _ => None,
        };
        match skip {
            Some(len) => rest = &rest[len..],
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Cow::Owned(out)
}

/// The length of the HTML tag `s` opens with, and whether it ends a line: a known tag's name,
/// maybe closing ("</p>") or empty ("<br/>"), with attributes on one line ("<a href=…>"); or a
/// CDATA mark. "Jo <jo@acme.example>" and "<3" are no tags.
fn tag_at(s: &str) -> Option<(usize, bool)> {
    if s.starts_with("<![CDATA[") {
        return Some((9, false));
    }
    let body = s[1..].strip_prefix('/').unwrap_or(&s[1..]);
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':'))
        .unwrap_or(body.len());
    let name = body[..name_len].to_ascii_lowercase();
    let block = BLOCK_TAGS.contains(&name.as_str());
    if !block && !INLINE_TAGS.contains(&name.as_str()) {
        return None;
    }
    let after = &body[name_len..];
    let end = after.find('>')?;
    let attrs = &after[..end];
    let fits = attrs.is_empty()
        || attrs == "/"
        || (attrs.starts_with(char::is_whitespace)
            && attrs.len() <= 300
            && !attrs.contains(['<', '\n']));
    fits.then(|| (s.len() - after.len() + end + 1, block))
}

/// The length of the XML element's tag `s` opens with (`<comment>`, `</record>`,
/// `<feedback_text>`, `<?xml version="1.0"?>`): for an opening tag its name, which labels the
/// value after it as a form's field would (`<comment>Fix it</comment>` reads "comment: Fix it").
/// Only bare tags: a name of letters, digits, "_", "-", "." or ":", no attributes, so "<Jo
/// Smith>" and "<jo@acme.example>" are no tags.
fn element_at(s: &str) -> Option<(usize, Option<&str>)> {
    if s.starts_with("<?xml") {
        return Some((s.find("?>")? + 2, None));
    }
    let (closing, body) = match s[1..].strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, &s[1..]),
    };
    let len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')))
        .unwrap_or(body.len());
    let name = &body[..len];
    if len == 0 || len > 40 || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = &body[len..];
    let end = if after.starts_with("/>") {
        2
    } else if after.starts_with('>') {
        1
    } else {
        return None;
    };
    let total = s.len() - after.len() + end;
    Some((total, (!closing && end == 1).then_some(name)))
}

/// The length of the issue tracker's block mark `s` opens with: "{quote}", "{code}",
/// "{code:java}", "{noformat}", "{panel:title=Note}". It ends a line, as the block does.
fn block_mark_at(s: &str) -> Option<usize> {
    const MARKS: &[&str] = &["quote", "code", "noformat", "panel"];
    let end = s.find('}')?;
    let inner = &s[1..end];
    let name = inner.split(':').next().unwrap_or(inner);
    (MARKS.iter().any(|m| name.eq_ignore_ascii_case(m)) && !inner.contains(['{', '\n']))
        .then_some(end + 1)
}

/// The length of the character entity `s` opens with and the text it stands for.
fn entity_at(s: &str) -> Option<(usize, &'static str)> {
    const ENTITIES: &[(&str, &str)] = &[
        ("&nbsp;", " "),
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&rsquo;", "’"),
        ("&lsquo;", "‘"),
        ("&ldquo;", "“"),
        ("&rdquo;", "”"),
        ("&ndash;", "–"),
        ("&mdash;", "—"),
        ("&hellip;", "…"),
    ];
    ENTITIES
        .iter()
        .find(|(e, _)| s.get(..e.len()).is_some_and(|h| h.eq_ignore_ascii_case(e)))
        .map(|(e, t)| (e.len(), *t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_entities_and_escaped_breaks_go_and_block_tags_end_lines() {
        assert_eq!(
            without_markup(
                "<div>Reported via chat:</div><div><br></div><div>Where is my card?</div>"
            ),
            "\nReported via chat:\n\n\n\n\nWhere is my card?\n"
        );
        assert_eq!(
            without_markup("<p>Can I <b>freeze</b> my card?</p>"),
            "\nCan I freeze my card?\n"
        );
        assert_eq!(
            without_markup("Fees&nbsp;&amp; limits<br/>Thanks\\nJo"),
            "Fees & limits\nThanks\nJo"
        );
        assert_eq!(
            without_markup("<comment><![CDATA[I need to cancel a transfer]]></comment>"),
            "\ncomment: I need to cancel a transfer\n"
        );
        assert_eq!(
            without_markup("<?xml version=\"1.0\"?>\n<record><id>77</id></record>"),
            "\n\n\nrecord: \nid: 77\n\n"
        );
        assert_eq!(
            without_markup("{quote}I need to reverse a transaction{quote} {code:java}x{code}"),
            "\nI need to reverse a transaction\n \nx\n"
        );
        assert_eq!(
            without_markup(r#"<a href="https://x.example/t/1">ticket</a> closed"#),
            "ticket closed"
        );
    }

    #[test]
    fn json_is_read_as_its_members() {
        let line = r#"{"name":"Tesfaye Osei","text":"Can I top up by card?","meta":{"id":7,"ok":true,"tags":["a","b"]}}"#;
        assert_eq!(
            without_markup(line),
            "id: 7\nok: true\ntags: a\ntags: b\nname: Tesfaye Osei\ntext: Can I top up by card?\n"
        );
        // A line of JSON among other lines, with HTML in its values.
        assert_eq!(
            without_markup("Bot log\n{\"user\": \"<p>Where is my card?</p>\"}\nend"),
            "Bot log\nuser: \nWhere is my card?\n\nend\n"
        );
        // A chat log's turns are labelled with who said them.
        assert_eq!(
            without_markup(
                "{\"role\":\"bot\",\"text\":\"How can I help?\"}\n{\"role\":\"user\",\"text\":\"Card declined\"}"
            ),
            "bot: How can I help?\nuser: Card declined\n"
        );
        // Braces that are no JSON stay as they are.
        assert_eq!(
            without_markup("Set {\"a\": broken} please"),
            "Set {\"a\": broken} please"
        );
    }

    #[test]
    fn what_only_looks_like_markup_stays() {
        for text in [
            "Jo Smith <jo@acme.example> wrote:",
            "I <3 the new app",
            "Is 2 < 3 and 5 > 4 in your fee table?",
            "R&D asked; can exports wait?",
            "Set the {quota} field to 10 {per day}",
            "Plain text with no markup at all",
        ] {
            assert_eq!(without_markup(text), text);
        }
    }
}
