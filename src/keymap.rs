//! Which key does what, as data. The footer and the help overlay are generated from these
//! tables, so they cannot disagree with what the keys really do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::Pane;

/// The console's input modes; each has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    ConfirmQuit,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Normal, Mode::Help, Mode::ConfirmQuit];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "In the console",
            Mode::Help => "In this help",
            Mode::ConfirmQuit => "When asked to confirm quitting",
        }
    }
}

/// What a key asks the console to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    FocusNext,
    FocusPrev,
    Focus(Pane),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    PrevDay,
    NextDay,
    StartSelected,
    Next,
    Help,
    CloseHelp,
    Quit,
    ConfirmQuit,
    CancelQuit,
}

/// A key as written in the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

impl Key {
    /// How the key is written in the footer and help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }

    fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl != self.ctrl {
            return false;
        }
        match (self.code, event.code) {
            // Shift is how many keyboards type `?`, `G`, `{`: compare the character alone.
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
            (a, b) => a == b,
        }
    }
}

/// One row of a keymap table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    /// What the help overlay says.
    pub help: &'static str,
    /// In the footer: the keys as shown there and a short label. `None` keeps it out of the footer.
    pub footer: Option<(&'static str, &'static str)>,
}

const fn bind(keys: &'static [Key], command: Command, help: &'static str) -> Binding {
    Binding {
        keys,
        command,
        help,
        footer: None,
    }
}

const fn shown(
    keys: &'static [Key],
    command: Command,
    help: &'static str,
    footer_keys: &'static str,
    footer_label: &'static str,
) -> Binding {
    Binding {
        keys,
        command,
        help,
        footer: Some((footer_keys, footer_label)),
    }
}

const NORMAL: &[Binding] = &[
    shown(
        &[key(KeyCode::Enter)],
        Command::StartSelected,
        "Start the selected agenda block (finishes the running one)",
        "Enter",
        "start",
    ),
    shown(
        &[ch('n')],
        Command::Next,
        "Finish the running block and start the next one",
        "n",
        "next",
    ),
    shown(
        &[key(KeyCode::Tab)],
        Command::FocusNext,
        "Focus the next pane",
        "Tab 1-4",
        "pane",
    ),
    bind(
        &[key(KeyCode::BackTab)],
        Command::FocusPrev,
        "Focus the previous pane",
    ),
    bind(&[ch('1')], Command::Focus(Pane::Agenda), "Focus the agenda"),
    bind(&[ch('2')], Command::Focus(Pane::Timers), "Focus the timers"),
    bind(
        &[ch('3')],
        Command::Focus(Pane::Groups),
        "Focus the breakout groups",
    ),
    bind(
        &[ch('4')],
        Command::Focus(Pane::Exercises),
        "Focus the exercise tracker",
    ),
    shown(
        &[key(KeyCode::Up), ch('k')],
        Command::Up,
        "Select the previous row",
        "↑↓",
        "select",
    ),
    bind(
        &[key(KeyCode::Down), ch('j')],
        Command::Down,
        "Select the next row",
    ),
    bind(&[key(KeyCode::PageUp)], Command::PageUp, "Up one page"),
    bind(
        &[key(KeyCode::PageDown)],
        Command::PageDown,
        "Down one page",
    ),
    bind(
        &[key(KeyCode::Home), ch('g')],
        Command::Top,
        "Select the first row",
    ),
    bind(
        &[key(KeyCode::End), ch('G')],
        Command::Bottom,
        "Select the last row",
    ),
    shown(
        &[ch('[')],
        Command::PrevDay,
        "Show the previous day",
        "[ ]",
        "day",
    ),
    bind(&[ch(']')], Command::NextDay, "Show the next day"),
    shown(&[ch('?')], Command::Help, "Show every key", "?", "help"),
    shown(
        &[ch('q'), ctrl('c')],
        Command::Quit,
        "Quit (asks first while a block is running)",
        "q",
        "quit",
    ),
];

const HELP: &[Binding] = &[
    shown(
        &[key(KeyCode::Esc), ch('?'), ch('q')],
        Command::CloseHelp,
        "Close the help",
        "Esc",
        "close",
    ),
    shown(
        &[key(KeyCode::Up), ch('k')],
        Command::Up,
        "Scroll up",
        "↑↓",
        "scroll",
    ),
    bind(&[key(KeyCode::Down), ch('j')], Command::Down, "Scroll down"),
    bind(&[key(KeyCode::PageUp)], Command::PageUp, "Scroll up a page"),
    bind(
        &[key(KeyCode::PageDown), ch(' ')],
        Command::PageDown,
        "Scroll down a page",
    ),
];

const CONFIRM_QUIT: &[Binding] = &[
    shown(
        &[ch('y'), key(KeyCode::Enter)],
        Command::ConfirmQuit,
        "Quit now (the running block stays as it is)",
        "y",
        "quit",
    ),
    shown(
        &[ch('n'), key(KeyCode::Esc), ch('q')],
        Command::CancelQuit,
        "Stay in the console",
        "n/Esc",
        "stay",
    ),
    bind(&[ctrl('c')], Command::ConfirmQuit, "Quit now"),
];

/// The table of a mode.
pub fn bindings(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Help => HELP,
        Mode::ConfirmQuit => CONFIRM_QUIT,
    }
}

/// The command a key press means in a mode, if any. Key releases are ignored.
pub fn lookup(mode: Mode, event: &KeyEvent) -> Option<Command> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    bindings(mode)
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.command)
}

/// The keys of a binding as the help overlay writes them: `↑ / k`.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(Key::label)
        .collect::<Vec<_>>()
        .join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in Mode::ALL {
            let mut seen: Vec<Key> = Vec::new();
            for b in bindings(mode) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{mode:?}: {} bound twice", k.label());
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn shifted_characters_match() {
        let q = press(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Mode::Normal, &q), Some(Command::Help));
        let back = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(Mode::Normal, &back), Some(Command::FocusPrev));
    }

    #[test]
    fn ctrl_c_quits_but_plain_c_does_nothing() {
        let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Mode::Normal, &cc), Some(Command::Quit));
        let c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(lookup(Mode::Normal, &c), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut e = press(KeyCode::Char('q'), KeyModifiers::NONE);
        e.kind = KeyEventKind::Release;
        assert_eq!(lookup(Mode::Normal, &e), None);
    }
}
