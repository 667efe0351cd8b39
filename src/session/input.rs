//! A line being typed at a seat: the countdown, the groups request, a room's name, a room's
//! notes; and reading what was typed.

use crate::core::RoomIx;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a line being typed is for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum InputKind {
    #[default]
    Countdown,
    /// How to form groups: `5 mixed`, `size 6 fresh`, `keep`.
    Groups,
    RenameRoom(RoomIx),
    /// A room's notes for an exercise: several lines.
    Notes {
        exercise: String,
        room: RoomIx,
    },
}

impl InputKind {
    pub fn prompt(&self) -> &'static str {
        match self {
            InputKind::Countdown => "New countdown (minutes, then a name): ",
            InputKind::Groups => "Form groups (count or `size N`, then random/mixed/fresh/keep): ",
            InputKind::RenameRoom(_) => "New room name: ",
            InputKind::Notes { .. } => "Notes: ",
        }
    }
}

/// A line of text being typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Input {
    pub text: String,
    /// Cursor position, in characters.
    pub cursor: usize,
    pub kind: InputKind,
}

impl Input {
    pub fn new(text: &str) -> Input {
        Input::of(InputKind::Countdown, text)
    }

    pub fn of(kind: InputKind, text: &str) -> Input {
        Input {
            text: text.to_string(),
            cursor: text.chars().count(),
            kind,
        }
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Edits with a key: characters, Backspace, Delete, ←, →, Home, End, Ctrl-U. Returns
    /// whether the key was an editing key.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        let len = self.text.chars().count();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Enter if matches!(self.kind, InputKind::Notes { .. }) => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, '\n');
                self.cursor += 1;
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            // In notes, Home and End go to the start and end of the line.
            KeyCode::Home => {
                let chars: Vec<char> = self.text.chars().collect();
                self.cursor = chars[..self.cursor.min(chars.len())]
                    .iter()
                    .rposition(|c| *c == '\n')
                    .map_or(0, |i| i + 1);
            }
            KeyCode::End => {
                let chars: Vec<char> = self.text.chars().collect();
                let from = self.cursor.min(chars.len());
                self.cursor = chars[from..]
                    .iter()
                    .position(|c| *c == '\n')
                    .map_or(len, |i| from + i);
            }
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// Pasted text goes in at the cursor: on one line, except in notes.
    pub fn paste(&mut self, text: &str) {
        let multiline = matches!(self.kind, InputKind::Notes { .. });
        for c in text.chars().filter(|c| *c != '\r') {
            let c = if c == '\n' && multiline {
                c
            } else if c.is_control() {
                ' '
            } else {
                c
            };
            let at = self.byte_at(self.cursor);
            self.text.insert(at, c);
            self.cursor += 1;
        }
    }
}

/// A seed for forming groups: from the time, so each round differs; recorded with the
/// groups, so the journal replays the same rooms.
pub(crate) fn spec_seed(now: DateTime<Utc>) -> u64 {
    now.timestamp().unsigned_abs()
}

/// Reads `15 Breakout rooms` or `1:30 Speaker` as a countdown length and a name.
pub fn parse_countdown(text: &str) -> Result<(u32, String), String> {
    let text = text.trim();
    let (figure, label) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let seconds = match figure.split_once(':') {
        Some((m, s)) => m
            .parse::<u32>()
            .ok()
            .zip(s.parse::<u32>().ok().filter(|s| *s < 60))
            .map(|(m, s)| m * 60 + s),
        None => figure.parse::<u32>().ok().map(|m| m.saturating_mul(60)),
    };
    match seconds {
        Some(s) if s > 0 => Ok((s, label.trim().to_string())),
        _ => Err(format!(
            "“{figure}” is not a length: type minutes (or m:ss) first, e.g. `15 Breakout rooms`"
        )),
    }
}
