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
    let mut kept: Vec<&str> = Vec::new();
    let lines: Vec<&str> = crate::domain::boilerplate::need_lines(normalized);
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
        .map(|s| crate::domain::boilerplate::without_introduction(s))
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .map(str::to_owned)
        .collect();
    if needs.is_empty() {
        return sentences.into_iter().map(str::to_owned).collect();
    }
    needs
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
    use crate::domain::text::analyze;

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
}
