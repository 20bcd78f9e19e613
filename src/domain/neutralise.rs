//! Customer text made safe for where it is shown: a spreadsheet must not run it as a formula
//! (OWASP "CSV injection"), a terminal must not take it as escape sequences.

use std::borrow::Cow;

/// Whether a spreadsheet would read a cell starting this way as a formula (or a formula once
/// leading whitespace is dropped).
fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A plain number, which the spreadsheet must keep reading as a number ("-3", "1.5").
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|&c| c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit())
}

/// One CSV cell: a value a spreadsheet would run as a formula gets a leading single quote,
/// then the cell is quoted when it holds a separator, a quote or a line break (RFC 4180).
pub fn csv_cell(s: &str) -> String {
    let s: Cow<str> = if looks_like_formula(s) && !is_number(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// Whether a terminal could act on this character: C0 controls (but newline and tab, which
/// only move the cursor forward), DEL and C1 controls (U+0080..U+009F, among them CSI).
fn is_terminal_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c)
}

/// `s` with every control character a terminal could act on replaced by U+FFFD, so printed
/// customer text cannot move the cursor, recolour, retitle or rewrite the screen.
pub fn terminal_text(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_terminal_control) {
        Cow::Owned(
            s.chars()
                .map(|c| {
                    if is_terminal_control(c) {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_out_of_spreadsheets() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://evil.example\",\"click\")"),
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""
        );
        assert_eq!(csv_cell("@SUM(A1:A9)"), "'@SUM(A1:A9)");
        assert_eq!(csv_cell("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("\t=1"), "'\t=1");
        assert_eq!(csv_cell("\r=1"), "\"'\r=1\"");
        // Ordinary text and numbers are left alone; separators are still quoted.
        assert_eq!(csv_cell("Dark mode"), "Dark mode");
        assert_eq!(csv_cell("a = b"), "a = b");
        assert_eq!(csv_cell("-3"), "-3");
        assert_eq!(csv_cell("-0.25"), "-0.25");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell(""), "");
        assert_eq!(csv_cell("-"), "'-");
    }

    #[test]
    fn terminal_controls_are_replaced_and_text_kept() {
        assert_eq!(
            terminal_text("red \u{1b}[31malert\u{1b}[0m"),
            "red \u{FFFD}[31malert\u{FFFD}[0m"
        );
        assert_eq!(
            terminal_text("csi \u{9b}2J bell \u{7}"),
            "csi \u{FFFD}2J bell \u{FFFD}"
        );
        assert_eq!(
            terminal_text("back\rspace\u{8}\u{7f}"),
            "back\u{FFFD}space\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            terminal_text("\u{1b}]0;title\u{7}"),
            "\u{FFFD}]0;title\u{FFFD}"
        );
        assert!(matches!(
            terminal_text("line one\nline two\t导出 — ok"),
            Cow::Borrowed("line one\nline two\t导出 — ok")
        ));
    }
}
