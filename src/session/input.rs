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

/// The most characters a one-line prompt holds: a countdown's name, a groups request, a
/// room's name. Several times what any of them needs, and still one line of a wide terminal.
pub const PROMPT_LIMIT: usize = 200;

/// The most characters a room's notes hold: about four pages of text, more than a room's
/// outcome kept during a breakout.
pub const NOTES_LIMIT: usize = 10_000;

impl InputKind {
    /// The most characters this kind of text holds.
    pub fn limit(&self) -> usize {
        match self {
            InputKind::Notes { .. } => NOTES_LIMIT,
            _ => PROMPT_LIMIT,
        }
    }

    /// What the text is, in a refusal: `a prompt`, `notes`.
    fn name(&self) -> &'static str {
        match self {
            InputKind::Notes { .. } => "notes hold",
            _ => "a prompt holds",
        }
    }

    /// What `Enter` does in this prompt, for the footer: `forms the rooms`.
    pub fn verb(&self) -> &'static str {
        match self {
            InputKind::Countdown => "starts the countdown",
            InputKind::Groups => "forms the rooms",
            InputKind::RenameRoom(_) => "renames the room",
            InputKind::Notes { .. } => "keeps the notes",
        }
    }

    pub fn prompt(&self) -> &'static str {
        match self {
            InputKind::Countdown => "New countdown (minutes, then a name): ",
            InputKind::Groups => "Form groups (count or `size N`, then random/mixed/fresh/keep): ",
            InputKind::RenameRoom(_) => "New room name: ",
            InputKind::Notes { .. } => "Notes: ",
        }
    }
}

/// Text refused because it would make the line longer than its kind holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    /// What the refusal says, e.g. `a prompt holds` or `notes hold`.
    holds: &'static str,
    limit: usize,
    /// Characters the refused text had (1 for a typed key).
    offered: usize,
    /// Characters still free.
    free: usize,
}

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let TooLong {
            holds,
            limit,
            offered,
            free,
        } = self;
        if *offered == 1 {
            write!(f, "Full: {holds} at most {limit} characters")
        } else {
            write!(
                f,
                "Not pasted: {offered} characters, and {holds} at most {limit} ({free} free)"
            )
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
    /// The text is a suggestion, shown selected: the first character typed (or pasted)
    /// replaces it, Backspace and Delete remove it, the arrows, Home and End keep it (and it
    /// is a suggestion no more), Enter takes it.
    pub suggested: bool,
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
            suggested: false,
        }
    }

    /// A line that opens with a suggestion, shown selected.
    pub fn suggest(kind: InputKind, text: &str) -> Input {
        Input {
            suggested: !text.is_empty(),
            ..Input::of(kind, text)
        }
    }

    /// Drops the suggestion: the text goes, the line is empty.
    fn replace_suggestion(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.suggested = false;
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Edits with a key: characters, Backspace, Delete, ←, →, Home, End, Ctrl-U. Returns
    /// whether the key was an editing key; a character that would make the text longer than
    /// its kind holds is refused.
    pub fn edit(&mut self, key: &KeyEvent) -> Result<bool, TooLong> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.suggested {
            match key.code {
                KeyCode::Char(c) if !ctrl && !c.is_control() => self.replace_suggestion(),
                KeyCode::Backspace | KeyCode::Delete => {
                    self.replace_suggestion();
                    return Ok(true);
                }
                KeyCode::Left | KeyCode::Right | KeyCode::Home | KeyCode::End => {
                    self.suggested = false
                }
                KeyCode::Char('u') if ctrl => self.suggested = false,
                _ => {}
            }
        }
        let len = self.text.chars().count();
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Enter if matches!(self.kind, InputKind::Notes { .. }) => {
                self.room_for(len, 1)?;
                let at = self.byte_at(self.cursor);
                self.text.insert(at, '\n');
                self.cursor += 1;
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                self.room_for(len, 1)?;
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
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Pasted text goes in at the cursor: on one line, except in notes. Text that would make
    /// the line longer than its kind holds is refused whole, so nothing is cut off unseen.
    /// The text is looked at once and inserted once, however long it is.
    pub fn paste(&mut self, text: &str) -> Result<(), TooLong> {
        let kept = |c: &char| *c != '\r';
        let offered = text.chars().filter(kept).count();
        if self.suggested && offered <= self.kind.limit() {
            self.replace_suggestion();
        }
        self.room_for(self.text.chars().count(), offered)?;
        let multiline = matches!(self.kind, InputKind::Notes { .. });
        let pasted: String = text
            .chars()
            .filter(kept)
            .map(|c| {
                if (c == '\n' && multiline) || !c.is_control() {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &pasted);
        self.cursor += offered;
        Ok(())
    }

    /// Whether `adding` characters fit beside the `len` there are.
    fn room_for(&self, len: usize, adding: usize) -> Result<(), TooLong> {
        let limit = self.kind.limit();
        let free = limit.saturating_sub(len);
        if adding <= free {
            return Ok(());
        }
        Err(TooLong {
            holds: self.kind.name(),
            limit,
            offered: adding,
            free,
        })
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
