//! Text on its way to a terminal. A programme, a roster or a Zoom report is written by someone
//! else, and a terminal obeys the control characters in what it is given: `ESC ] 52 ;` sets
//! the clipboard, `ESC ] 0 ;` the window title, `ESC [ 2 J` clears the screen, a carriage
//! return writes over what a line said. Everything the command line prints passes through
//! [`sanitise`], which shows each control character instead of sending it:
//!
//! - C0 controls (U+0000–U+001F) other than line feed and tab, and DEL (U+007F), in caret
//!   notation, as `cat -v` writes them: ESC is `^[`, BEL `^G`, CR `^M`, DEL `^?`;
//! - C1 controls (U+0080–U+009F) as `^[` and the character ESC would be followed by for the
//!   same meaning: CSI (U+009B) is `^[[`, OSC (U+009D) is `^[]`.
//!
//! Line feeds and tabs are kept; every other character is left as it is.

use std::borrow::Cow;

/// Whether a terminal would take `c` as a control rather than show it: C0 other than `\n`
/// and `\t`, DEL, C1.
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}') && c != '\n' && c != '\t'
}

/// `text` with each control character (see [`is_unsafe`]) shown in caret notation; borrowed
/// when there is none.
pub fn sanitise(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A control character's visible form: `^[`, `^?`, `^[[`.
pub fn visible(c: char) -> String {
    let mut out = String::new();
    push_visible(&mut out, c);
    out
}

fn push_visible(out: &mut String, c: char) {
    let code = u32::from(c);
    match code {
        0x7f => out.push_str("^?"),
        0x80..=0x9f => {
            out.push_str("^[");
            out.extend(char::from_u32(code - 0x80 + 0x40));
        }
        _ => {
            out.push('^');
            out.extend(char::from_u32(code + 0x40));
        }
    }
}

/// Writes `text`, sanitised, to the standard output.
pub fn print(text: &str) {
    print!("{}", sanitise(text));
}

/// `println!`, through [`sanitise`].
macro_rules! sayln {
    () => {
        println!()
    };
    ($($arg:tt)*) => {
        $crate::sanitise::print(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use sayln;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        assert_eq!(
            sanitise("a\u{1b}]52;c;aGk=\u{7}b"),
            "a^[]52;c;aGk=^Gb",
            "OSC 52 (clipboard)"
        );
        assert_eq!(sanitise("\u{1b}]0;title\u{1b}\\"), "^[]0;title^[\\");
        assert_eq!(sanitise("\u{1b}[2J"), "^[[2J");
        assert_eq!(sanitise("ok\rfake"), "ok^Mfake");
        assert_eq!(sanitise("\0\u{8}\u{7f}"), "^@^H^?");
        // C1: CSI and OSC as their 7-bit equivalents; the last C1, APC.
        assert_eq!(sanitise("\u{9b}2J\u{9d}0;t\u{9f}"), "^[[2J^[]0;t^[_");
    }

    #[test]
    fn text_without_controls_is_untouched() {
        let text = "José\tRizal\nไทย 日本語 ÿ € ﬀ";
        assert!(matches!(sanitise(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn every_control_and_only_those_is_replaced() {
        for code in 0..=0x2ffu32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let control =
                code < 0x20 && code != 0x0a && code != 0x09 || (0x7f..=0x9f).contains(&code);
            assert_eq!(is_unsafe(c), control, "U+{code:04X}");
            let shown = sanitise(&c.to_string()).into_owned();
            assert_eq!(shown != c.to_string(), control, "U+{code:04X}");
            assert!(!shown.chars().any(is_unsafe), "U+{code:04X}");
        }
    }
}
