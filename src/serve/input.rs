//! The bytes a remote terminal sends, as the events the console handles: keys by a
//! well-kept parser (`terminput`, the same grammar crossterm reads locally), pastes collected
//! here so that one too large ends the connection instead of filling memory.

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent};

/// The most of one paste kept for the seat: beyond every prompt's limit, so that the seat
/// refuses it as the local console does.
pub const PASTE_KEPT: usize = 64 * 1024;
/// A paste longer than this ends the connection: no facilitator pastes a megabyte.
pub const PASTE_LIMIT: usize = 1024 * 1024;
/// Keys (outside pastes) one connection may send in a second before it is closed.
pub const KEYS_PER_SECOND: u32 = 400;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Why a connection's input ends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flood {
    /// A paste of more than [`PASTE_LIMIT`] bytes.
    Paste,
    /// More than [`KEYS_PER_SECOND`] keys in a second.
    Keys,
}

impl Flood {
    pub fn said(&self) -> &'static str {
        match self {
            Flood::Paste => "a paste of more than 1 MiB",
            Flood::Keys => "more keys in a second than anyone types",
        }
    }
}

/// Turns a connection's bytes into terminal events, across reads that split a sequence.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes of a sequence not yet complete.
    pending: Vec<u8>,
    /// Inside a bracketed paste: what is kept of it, and its whole length so far.
    paste: Option<Paste>,
    /// Keys counted in the current second, and which second that is.
    keys: (u32, u64),
}

impl Decoder {
    /// The events in `bytes`, read at `second` (any count of seconds: the rate is per
    /// second of it). An escape alone at the end of a read is the Escape key.
    pub fn feed(&mut self, bytes: &[u8], second: u64) -> Result<Vec<TermEvent>, Flood> {
        let mut events = Vec::new();
        for (i, &byte) in bytes.iter().enumerate() {
            if self.paste.is_some() {
                self.paste_byte(byte, &mut events)?;
                continue;
            }
            self.pending.push(byte);
            if self.pending == PASTE_START {
                self.pending.clear();
                self.paste = Some(Paste::default());
                continue;
            }
            // A lone escape may begin a sequence: wait for the next byte of this read.
            let more = i + 1 < bytes.len();
            if self.pending == b"\x1b" && more {
                continue;
            }
            if PASTE_START.starts_with(&self.pending) && more {
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(None) => {
                    // A sequence cut short by the end of a read waits for the next; one that
                    // never completes is dropped rather than kept growing.
                    if self.pending.len() > 64 {
                        self.pending.clear();
                    }
                }
                Ok(Some(event)) => {
                    self.pending.clear();
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        self.count_key(second)?;
                        events.push(event);
                    }
                }
                Err(_) => self.pending.clear(),
            }
        }
        // An escape alone at the end of what arrived is the key itself.
        if self.pending == b"\x1b" {
            self.pending.clear();
            self.count_key(second)?;
            events.push(TermEvent::Key(KeyEvent::from(KeyCode::Esc)));
        }
        Ok(events)
    }

    fn count_key(&mut self, second: u64) -> Result<(), Flood> {
        if self.keys.1 != second {
            self.keys = (0, second);
        }
        self.keys.0 += 1;
        if self.keys.0 > KEYS_PER_SECOND {
            return Err(Flood::Keys);
        }
        Ok(())
    }

    /// One byte of a paste: the first [`PASTE_KEPT`] bytes kept, the last few watched for
    /// its end, where the paste is given as one event.
    fn paste_byte(&mut self, byte: u8, events: &mut Vec<TermEvent>) -> Result<(), Flood> {
        let Some(paste) = self.paste.as_mut() else {
            return Ok(());
        };
        paste.length += 1;
        if paste.length > PASTE_LIMIT + PASTE_END.len() {
            self.paste = None;
            return Err(Flood::Paste);
        }
        if paste.kept.len() < PASTE_KEPT + PASTE_END.len() {
            paste.kept.push(byte);
        }
        if paste.tail.len() == PASTE_END.len() {
            paste.tail.remove(0);
        }
        paste.tail.push(byte);
        if paste.tail == PASTE_END {
            // The text is everything before the end marker, as far as it was kept.
            let text_length = (paste.length - PASTE_END.len()).min(paste.kept.len());
            let text = String::from_utf8_lossy(&paste.kept[..text_length]).into_owned();
            self.paste = None;
            events.push(TermEvent::Paste(text));
        }
        Ok(())
    }
}

/// A bracketed paste being read.
#[derive(Debug, Default)]
struct Paste {
    /// Its first bytes.
    kept: Vec<u8>,
    /// Its last bytes, where the end marker shows.
    tail: Vec<u8>,
    /// How many bytes it has had.
    length: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn keys(bytes: &[u8]) -> Vec<TermEvent> {
        Decoder::default().feed(bytes, 0).unwrap()
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> TermEvent {
        TermEvent::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn letters_arrows_shift_tab_and_control_keys_read_as_the_local_console_reads_them() {
        let none = KeyModifiers::NONE;
        assert_eq!(keys(b"n"), [key(KeyCode::Char('n'), none)]);
        assert_eq!(keys(b"N"), [key(KeyCode::Char('N'), KeyModifiers::SHIFT)]);
        assert_eq!(keys(b"\x1b[A"), [key(KeyCode::Up, none)]);
        assert_eq!(keys(b"\x1bOB"), [key(KeyCode::Down, none)]);
        assert_eq!(
            keys(b"\x1b[Z"),
            [key(KeyCode::BackTab, KeyModifiers::SHIFT)]
        );
        assert_eq!(
            keys(b"\x0c"),
            [key(KeyCode::Char('l'), KeyModifiers::CONTROL)]
        );
        assert_eq!(keys(b"\r"), [key(KeyCode::Enter, none)]);
        assert_eq!(keys(b"\t"), [key(KeyCode::Tab, none)]);
        assert_eq!(keys(b"\x7f"), [key(KeyCode::Backspace, none)]);
        assert_eq!(keys(b"\x1b"), [key(KeyCode::Esc, none)]);
        assert_eq!(keys("ไ".as_bytes()), [key(KeyCode::Char('ไ'), none)]);
        assert_eq!(
            keys(b"ab\x1b[B"),
            [
                key(KeyCode::Char('a'), none),
                key(KeyCode::Char('b'), none),
                key(KeyCode::Down, none)
            ]
        );
    }

    #[test]
    fn a_sequence_split_across_reads_is_one_key() {
        let mut d = Decoder::default();
        // An escape followed by more bytes in the same read starts a sequence.
        assert!(d.feed(b"\x1b[", 0).unwrap().is_empty());
        assert_eq!(
            d.feed(b"C", 0).unwrap(),
            [key(KeyCode::Right, KeyModifiers::NONE)]
        );
        let utf8 = "é".as_bytes();
        assert!(d.feed(&utf8[..1], 0).unwrap().is_empty());
        assert_eq!(
            d.feed(&utf8[1..], 0).unwrap(),
            [key(KeyCode::Char('é'), KeyModifiers::NONE)]
        );
    }

    #[test]
    fn a_bracketed_paste_is_one_event_also_across_reads() {
        let mut d = Decoder::default();
        assert!(d.feed(b"\x1b[200~Sita Sh", 0).unwrap().is_empty());
        assert!(d.feed("arma · ค่า\x1b[20".as_bytes(), 0).unwrap().is_empty());
        assert_eq!(
            d.feed(b"1~q", 0).unwrap(),
            [
                TermEvent::Paste("Sita Sharma · ค่า".into()),
                key(KeyCode::Char('q'), KeyModifiers::NONE)
            ]
        );
    }

    #[test]
    fn a_long_paste_is_cut_to_what_is_kept_and_one_past_the_limit_is_a_flood() {
        let mut d = Decoder::default();
        let mut bytes = PASTE_START.to_vec();
        bytes.extend(std::iter::repeat_n(b'x', 200_000));
        bytes.extend(PASTE_END);
        let events = d.feed(&bytes, 0).unwrap();
        let [TermEvent::Paste(text)] = events.as_slice() else {
            panic!("{events:?}");
        };
        // More than any prompt holds, so the seat refuses it; never the whole of it.
        assert!(text.len() > crate::session::input::NOTES_LIMIT && text.len() <= PASTE_KEPT + 6);
        let mut d = Decoder::default();
        let mut bytes = PASTE_START.to_vec();
        bytes.extend(std::iter::repeat_n(b'x', PASTE_LIMIT + 10));
        assert_eq!(d.feed(&bytes, 0), Err(Flood::Paste));
    }

    #[test]
    fn more_keys_in_a_second_than_anyone_types_is_a_flood_and_the_count_starts_again_each_second() {
        let mut d = Decoder::default();
        let typed = vec![b'j'; KEYS_PER_SECOND as usize];
        assert_eq!(d.feed(&typed, 7).unwrap().len(), KEYS_PER_SECOND as usize);
        assert_eq!(d.feed(b"j", 8).unwrap().len(), 1);
        assert_eq!(d.feed(&typed, 8), Err(Flood::Keys));
    }

    #[test]
    fn garbage_bytes_are_dropped_and_what_follows_still_reads() {
        let mut d = Decoder::default();
        let events = d.feed(b"\x1b[999;999;999Xq", 0).unwrap();
        assert_eq!(
            events.last(),
            Some(&key(KeyCode::Char('q'), KeyModifiers::NONE))
        );
        let events = d.feed(&[0xff, 0xfe, b'j'], 0).unwrap();
        assert_eq!(
            events.last(),
            Some(&key(KeyCode::Char('j'), KeyModifiers::NONE))
        );
    }
}
