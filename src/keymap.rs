//! Which key does what, as data. The footer and the help overlay are generated from these
//! tables, so they cannot disagree with what the keys really do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::view::Pane;
pub use crate::view::{Command, Mode};

/// A key as written in the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    /// Only for keys that are not characters (Shift-↑); a character carries its own case.
    pub shift: bool,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        shift: false,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        shift: true,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        shift: false,
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
        } else if self.shift {
            format!("Shift-{base}")
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
            // Shift-Tab arrives as BackTab, with or without the Shift flag.
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && self.shift == event.modifiers.contains(KeyModifiers::SHIFT),
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
        &[ch('+')],
        Command::Adjust(1),
        "One minute more for the running block (or the selected timer)",
        "+-",
        "1 min",
    ),
    bind(
        &[ch('-')],
        Command::Adjust(-1),
        "One minute less for the running block (or the selected timer)",
    ),
    shown(
        &[ch('>')],
        Command::Adjust(5),
        "Five minutes more for the running block (or the selected timer)",
        "><",
        "5 min",
    ),
    bind(
        &[ch('<')],
        Command::Adjust(-5),
        "Five minutes less for the running block (or the selected timer)",
    ),
    shown(
        &[ch('p')],
        Command::Replan,
        "Preview a replan that ends the day on time",
        "p",
        "replan",
    ),
    shown(
        &[ch('c')],
        Command::CopyCue,
        "Copy the due cue to the clipboard (for Zoom's broadcast) and mark it sent",
        "c",
        "cue",
    ),
    shown(
        &[ch('u')],
        Command::Undo,
        "Undo the last action (the journal keeps both)",
        "u",
        "undo",
    ),
    bind(
        &[ch('s')],
        Command::ToggleSkip,
        "Skip the selected block, or bring a skipped one back",
    ),
    bind(
        &[ch('K'), shift(KeyCode::Up)],
        Command::MoveUp,
        "Move the selected block earlier (among blocks still to run)",
    ),
    bind(
        &[ch('J'), shift(KeyCode::Down)],
        Command::MoveDown,
        "Move the selected block later",
    ),
    bind(
        &[ch('i')],
        Command::InsertBreak(5),
        "Insert a 5-minute break after the selected block",
    ),
    bind(
        &[ch('I')],
        Command::InsertBreak(10),
        "Insert a 10-minute break after the selected block",
    ),
    bind(
        &[ch('E')],
        Command::FinishDay,
        "End the day (asks first): what has not run is marked as not run",
    ),
    shown(
        &[ch('t')],
        Command::NewCountdown,
        "Start a named countdown (type minutes and a name)",
        "t",
        "timer",
    ),
    bind(&[ch('w')], Command::NewStopwatch, "Start a stopwatch"),
    bind(
        &[ch(' ')],
        Command::PauseResume,
        "Pause or resume the selected timer",
    ),
    bind(
        &[ch('R')],
        Command::RestartTimer,
        "Restart the selected timer",
    ),
    bind(
        &[ch('x')],
        Command::DeleteTimer,
        "Delete the selected timer (asks first)",
    ),
    shown(
        &[ch('f')],
        Command::FormGroups,
        "Form breakout groups from those present (type e.g. `5 mixed`, `size 6 fresh`, `keep`)",
        "f",
        "groups",
    ),
    bind(
        &[ch('v')],
        Command::StepProgress(true),
        "The selected room's next step in the exercise: briefed, working, done, reported",
    ),
    bind(
        &[ch('V')],
        Command::StepProgress(false),
        "The selected room's step back",
    ),
    bind(
        &[ch('h')],
        Command::RoomNeedsHelp,
        "The selected room needs help (again: helped)",
    ),
    bind(
        &[ch('o')],
        Command::WriteNotes,
        "Write the selected room's notes and outcome",
    ),
    bind(
        &[ch('Q')],
        Command::CallNextReport,
        "Call the next room to report back, with a speaking timer",
    ),
    bind(
        &[ch('O')],
        Command::Overview,
        "Every exercise of the workshop by room, or back",
    ),
    bind(
        &[ch('m')],
        Command::MovePerson(1),
        "Move the selected person to the next room",
    ),
    bind(
        &[ch('M')],
        Command::MovePerson(-1),
        "Move the selected person to the previous room",
    ),
    bind(
        &[ch('S')],
        Command::Swap,
        "Swap two people: S on the first, then S on the second",
    ),
    bind(
        &[ch('T')],
        Command::PairTogether,
        "Keep two people together in future rounds: T on the first, then T on the second",
    ),
    bind(
        &[ch('A')],
        Command::PairApart,
        "Keep two people apart in future rounds: A on the first, then A on the second",
    ),
    bind(
        &[ch('a')],
        Command::ToggleAbsent,
        "Mark the selected person absent today, or back",
    ),
    bind(
        &[ch('L')],
        Command::PlaceLate,
        "Place the selected late joiner in the smallest room",
    ),
    bind(
        &[ch('r')],
        Command::Rapporteur,
        "Make the selected person their room's rapporteur",
    ),
    bind(
        &[ch('N')],
        Command::RenameRoom,
        "Rename the selected person's room",
    ),
    bind(
        &[ch('X')],
        Command::ClearGroups,
        "Clear the groups (asks first)",
    ),
    bind(
        &[ch('y')],
        Command::CopyGroups,
        "Copy the groups as text for the Zoom chat",
    ),
    bind(
        &[ch('e')],
        Command::ExportZoom,
        "Write Zoom's breakout pre-assignment CSV, and list who to move by hand",
    ),
];

/// Looking around, the same in the console and in a replay.
const VIEWING: &[Binding] = &[
    shown(
        &[ch('b')],
        Command::BigDigits,
        "Show the selected timer (or the running block) in large digits",
        "b",
        "big",
    ),
    bind(
        &[ch('z')],
        Command::ToggleZones,
        "Show or hide the participants' time zones",
    ),
    shown(
        &[key(KeyCode::Tab)],
        Command::FocusNext,
        "Focus the next pane",
        "Tab",
        "pane",
    ),
    bind(
        &[key(KeyCode::BackTab)],
        Command::FocusPrev,
        "Focus the previous pane",
    ),
    bind(
        &[key(KeyCode::Up), ch('k')],
        Command::Up,
        "Select the previous row",
    ),
    bind(
        &[key(KeyCode::Down), ch('j')],
        Command::Down,
        "Select the next row",
    ),
    shown(
        &[ch('[')],
        Command::PrevDay,
        "Show the previous day",
        "[]",
        "day",
    ),
    bind(&[ch(']')], Command::NextDay, "Show the next day"),
    shown(&[ch('?')], Command::Help, "Show every key", "?", "help"),
];

/// Moving around the console beyond [`VIEWING`]; then quitting.
const NORMAL_MOVING: &[Binding] = &[
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

const CONFIRM: &[Binding] = &[
    shown(
        &[ch('y'), key(KeyCode::Enter)],
        Command::Yes,
        "Yes, do it",
        "y",
        "yes",
    ),
    shown(
        &[ch('n'), key(KeyCode::Esc), ch('q')],
        Command::No,
        "No, leave things as they are",
        "n/Esc",
        "no",
    ),
    bind(&[ctrl('c')], Command::QuitNow, "Quit at once"),
];

const REPLAN: &[Binding] = &[
    shown(
        &[key(KeyCode::Enter)],
        Command::Apply,
        "Apply the proposed changes",
        "Enter",
        "apply",
    ),
    shown(
        &[key(KeyCode::Esc), ch('q'), ch('p')],
        Command::Discard,
        "Discard the proposal",
        "Esc",
        "discard",
    ),
    bind(&[ctrl('c')], Command::QuitNow, "Quit at once"),
];

const INPUT: &[Binding] = &[
    shown(
        &[key(KeyCode::Enter)],
        Command::Apply,
        "Start the countdown (minutes or m:ss, then a name), form the groups, or rename",
        "Enter",
        "start",
    ),
    shown(
        &[key(KeyCode::Esc)],
        Command::Discard,
        "Cancel",
        "Esc",
        "cancel",
    ),
    bind(&[ctrl('c')], Command::QuitNow, "Quit at once"),
];

const REPLAY: &[Binding] = &[
    shown(
        &[key(KeyCode::Right), ch('l')],
        Command::ReplayStep(1),
        "The next event",
        "←→",
        "event",
    ),
    bind(
        &[key(KeyCode::Left), ch('h')],
        Command::ReplayStep(-1),
        "The previous event",
    ),
    shown(
        &[ch('>'), key(KeyCode::PageDown)],
        Command::ReplayJump(10),
        "Ten minutes later",
        "<>",
        "10 min",
    ),
    bind(
        &[ch('<'), key(KeyCode::PageUp)],
        Command::ReplayJump(-10),
        "Ten minutes earlier",
    ),
    shown(
        &[key(KeyCode::Home)],
        Command::ReplayStart,
        "The start of the journal",
        "Home/End",
        "start/end",
    ),
    bind(
        &[key(KeyCode::End)],
        Command::ReplayEnd,
        "The end of the journal",
    ),
];

const REPLAY_END: &[Binding] = &[shown(
    &[ch('q'), ctrl('c')],
    Command::QuitNow,
    "Quit the replay",
    "q",
    "quit",
)];

const NOTES: &[Binding] = &[
    shown(
        &[ctrl('s')],
        Command::Apply,
        "Keep the notes (Enter starts a new line)",
        "Ctrl-s",
        "keep",
    ),
    shown(
        &[key(KeyCode::Esc)],
        Command::Discard,
        "Leave without keeping",
        "Esc",
        "cancel",
    ),
    bind(&[ctrl('c')], Command::QuitNow, "Quit at once"),
];

/// The tables of a mode, in the order the footer and the help list them.
fn tables(mode: Mode) -> &'static [&'static [Binding]] {
    match mode {
        Mode::Normal => &[NORMAL, VIEWING, NORMAL_MOVING],
        Mode::Help => &[HELP],
        Mode::Confirm => &[CONFIRM],
        Mode::Replan => &[REPLAN],
        Mode::Input => &[INPUT],
        Mode::Replay => &[REPLAY, VIEWING, REPLAY_END],
        Mode::Notes => &[NOTES],
    }
}

/// Every binding of a mode.
pub fn bindings(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    tables(mode).iter().flat_map(|t| t.iter())
}

/// The command a key press means in a mode, if any. Key releases are ignored.
pub fn lookup(mode: Mode, event: &KeyEvent) -> Option<Command> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    bindings(mode)
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.command)
}

/// The key bound to a command in a mode, as the footer writes it: what any text that tells
/// a person which key to press names, so that it always names the key bound now. Falls back
/// to the normal mode's tables, then to the command's place in the help.
pub fn key_for(mode: Mode, command: Command) -> String {
    let first = |mode: Mode| {
        bindings(mode)
            .find(|b| b.command == command)
            .and_then(|b| b.keys.first())
            .map(Key::label)
    };
    first(mode)
        .or_else(|| first(Mode::Normal))
        .unwrap_or_else(|| "(no key: see ? for help)".to_string())
}

/// Where a text names a key.
pub const SLOT: &str = "{key}";

/// A text with `{key}` slots, each filled with the key bound now to the command in its place.
pub fn naming(mode: Mode, text: &str, commands: &[Command]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut keys = commands.iter();
    let mut rest = text;
    while let Some(at) = rest.find(SLOT) {
        out.push_str(&rest[..at]);
        match keys.next() {
            Some(c) => out.push_str(&key_for(mode, *c)),
            None => out.push_str(SLOT),
        }
        rest = &rest[at + SLOT.len()..];
    }
    out.push_str(rest);
    out
}

impl std::fmt::Display for crate::core::Refusal {
    /// The refusal in words, naming the keys of the console's normal mode.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&naming(Mode::Normal, &self.text, &self.keys))
    }
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
    fn ctrl_c_quits_but_plain_c_copies_a_cue() {
        let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Mode::Normal, &cc), Some(Command::Quit));
        let c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(lookup(Mode::Normal, &c), Some(Command::CopyCue));
    }

    #[test]
    fn shift_arrows_differ_from_plain_arrows() {
        let up = press(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(lookup(Mode::Normal, &up), Some(Command::Up));
        let shift_up = press(KeyCode::Up, KeyModifiers::SHIFT);
        assert_eq!(lookup(Mode::Normal, &shift_up), Some(Command::MoveUp));
    }

    #[test]
    fn texts_name_the_key_bound_now() {
        assert_eq!(key_for(Mode::Normal, Command::FormGroups), "f");
        assert_eq!(key_for(Mode::Normal, Command::Focus(Pane::Groups)), "3");
        assert_eq!(key_for(Mode::Replan, Command::Apply), "Enter");
        assert_eq!(key_for(Mode::Notes, Command::Apply), "Ctrl-s");
        // Not bound in help: the normal mode's key.
        assert_eq!(key_for(Mode::Help, Command::Next), "n");
        assert_eq!(
            naming(
                Mode::Normal,
                "{key} starts a countdown, {key} a stopwatch",
                &[Command::NewCountdown, Command::NewStopwatch]
            ),
            "t starts a countdown, w a stopwatch"
        );
        // A slot with no command left stays as it is, so a missing name shows.
        assert_eq!(
            naming(Mode::Normal, "{key} and {key}", &[Command::Undo]),
            "u and {key}"
        );
        let refusal = crate::core::Refusal::naming(
            "“Welcome” is running: {key} finishes it",
            &[Command::Next],
        );
        assert_eq!(refusal.to_string(), "“Welcome” is running: n finishes it");
    }

    #[test]
    fn releases_are_ignored() {
        let mut e = press(KeyCode::Char('q'), KeyModifiers::NONE);
        e.kind = KeyEventKind::Release;
        assert_eq!(lookup(Mode::Normal, &e), None);
    }
}
