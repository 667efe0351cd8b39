//! Which key does what, as data. The footer and the help overlay are generated from these
//! tables, so they cannot disagree with what the keys really do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use crate::view::{Command, Mode};

/// A key as written in the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    /// Only for keys that are not characters (Shift-↑); a character carries its own case.
    pub shift: bool,
}

pub(crate) const fn key(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        shift: false,
    }
}

pub(crate) const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        shift: true,
    }
}

pub(crate) const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

pub(crate) const fn ctrl(c: char) -> Key {
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
            KeyCode::F(n) => format!("F{n}"),
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
    /// How the binding shows in the footer. `None` keeps it out of the footer.
    pub footer: Option<Footer>,
}

/// A binding's place in the footer: a short label, and which keys name it there. The keys'
/// text is never written by hand: it is the label of the binding's own first key (or first
/// few), then the first key of its pair, so rebinding a key changes the footer with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footer {
    /// The short label after the keys: `start`, `1 min`.
    pub label: &'static str,
    /// How many of the binding's own keys are named (most bindings: their first only).
    pub own: usize,
    /// The command of another binding of the same mode whose first key is named after this
    /// one's: `-` after `+`, `End` after `Home`.
    pub pair: Option<Command>,
}

impl Footer {
    /// Named by the binding's first key, with this label.
    pub const fn label(label: &'static str) -> Footer {
        Footer {
            label,
            own: 1,
            pair: None,
        }
    }

    /// Named by the binding's first key and then the first key bound to `command`.
    pub const fn with(self, command: Command) -> Footer {
        Footer {
            pair: Some(command),
            ..self
        }
    }

    /// Named by the binding's first `own` keys.
    pub const fn keys(self, own: usize) -> Footer {
        Footer { own, ..self }
    }
}

pub(crate) const fn bind(keys: &'static [Key], command: Command, help: &'static str) -> Binding {
    Binding {
        keys,
        command,
        help,
        footer: None,
    }
}

pub(crate) const fn shown(
    keys: &'static [Key],
    command: Command,
    help: &'static str,
    footer: Footer,
) -> Binding {
    Binding {
        keys,
        command,
        help,
        footer: Some(footer),
    }
}

/// The footer's text for the keys of a binding, given the bindings its pair is looked for
/// among: the labels of the keys it names, written together when each is one character
/// (`+-`, `[]`, `←→`), else with `/` between them (`Home/End`, `n/Esc`). `None` for a binding
/// kept out of the footer.
pub fn footer_keys<'a>(
    binding: &Binding,
    among: impl IntoIterator<Item = &'a Binding>,
) -> Option<String> {
    let footer = binding.footer?;
    let mut labels: Vec<String> = binding
        .keys
        .iter()
        .take(footer.own)
        .map(Key::label)
        .collect();
    if let Some(pair) = footer.pair {
        let paired = among
            .into_iter()
            .find(|b| b.command == pair)
            .and_then(|b| b.keys.first());
        labels.extend(paired.map(Key::label));
    }
    let one_character = |l: &String| l.chars().count() == 1;
    let joiner = if labels.iter().all(one_character) {
        ""
    } else {
        "/"
    };
    Some(labels.join(joiner))
}

/// The footer's entries for a mode, in the keymap's order: each shown binding's keys (see
/// [`footer_keys`]) and its label.
pub fn footer(mode: Mode) -> Vec<(String, &'static str)> {
    bindings(mode)
        .filter_map(|b| Some((footer_keys(b, bindings(mode))?, b.footer?.label)))
        .collect()
}

/// The footer's entries for a mode with a pane in focus: in the normal mode, a pane other
/// than the agenda shows its own keys first, then the few that always show; otherwise as
/// [`footer`].
pub fn footer_for(mode: Mode, pane: crate::view::Pane) -> Vec<(String, &'static str)> {
    footer_offered(mode, pane, &|_| true)
}

/// As [`footer_for`], with only the commands `offered` takes: a seat's footer leaves out what
/// its person's role may not do.
pub fn footer_offered(
    mode: Mode,
    pane: crate::view::Pane,
    offered: &dyn Fn(Command) -> bool,
) -> Vec<(String, &'static str)> {
    let own: Vec<(String, &'static str)> = tables::PANE_KEYS
        .iter()
        .filter(|(p, command, _)| *p == pane && offered(*command))
        .map(|(_, command, label)| (key_for(Mode::Normal, *command), *label))
        .collect();
    let chosen = |b: &&Binding| offered(b.command);
    if mode != Mode::Normal || own.is_empty() {
        return bindings(mode)
            .filter(chosen)
            .filter_map(|b| Some((footer_keys(b, bindings(mode))?, b.footer?.label)))
            .collect();
    }
    let always = bindings(mode)
        .filter(|b| tables::ALWAYS_SHOWN.contains(&b.command))
        .filter(chosen)
        .filter_map(|b| Some((footer_keys(b, bindings(mode))?, b.footer?.label)));
    own.into_iter().chain(always).collect()
}

/// The footer's entries for a mode as [`footer`], with one command's label said otherwise:
/// a prompt's `Enter` names what it does there (`forms the rooms`, `renames the room`).
pub fn footer_relabelled(
    mode: Mode,
    command: Command,
    label: &'static str,
) -> Vec<(String, &'static str)> {
    bindings(mode)
        .filter_map(|b| {
            let shown = if b.command == command {
                label
            } else {
                b.footer?.label
            };
            Some((footer_keys(b, bindings(mode))?, shown))
        })
        .collect()
}

mod tables;
use tables::{
    CONFIRM, EVERY_MODE, HELP, INPUT, NORMAL, NORMAL_MOVING, NOTES, POPUP, POPUP_ENDS, REPLAN,
    REPLAY, REPLAY_END, SCROLLING, VIEWING,
};

/// The tables of a mode, in the order the footer and the help list them.
fn tables(mode: Mode) -> &'static [&'static [Binding]] {
    match mode {
        Mode::Normal => &[NORMAL, VIEWING, NORMAL_MOVING, EVERY_MODE],
        Mode::Help => &[HELP, SCROLLING, EVERY_MODE],
        Mode::Confirm => &[CONFIRM, EVERY_MODE],
        Mode::Replan => &[REPLAN, EVERY_MODE],
        Mode::Input => &[INPUT, EVERY_MODE],
        Mode::Replay => &[REPLAY, VIEWING, REPLAY_END, EVERY_MODE],
        Mode::Notes => &[NOTES, EVERY_MODE],
        Mode::Popup => &[POPUP, SCROLLING, POPUP_ENDS, EVERY_MODE],
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
    use crate::view::Pane;

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

    /// The footer as it reads in each mode: what the keys of each shown binding are, written
    /// out from the tables' keys (`+` and `-`, `Home` and `End`, `n` and `Esc`).
    #[test]
    fn the_footer_names_the_keys_of_each_mode() {
        let keys = |mode| -> Vec<String> { footer(mode).into_iter().map(|(k, _)| k).collect() };
        assert_eq!(
            keys(Mode::Normal),
            [
                "Enter", "n", "+-", "><", "p", "c", "u", "t", "f", "b", "Tab", "[]", "?", "q"
            ]
        );
        assert_eq!(
            keys(Mode::Replay),
            ["←→", "<>", "Home/End", "b", "Tab", "[]", "?", "q"]
        );
        assert_eq!(keys(Mode::Help), ["Esc", "↑↓"]);
        assert_eq!(keys(Mode::Confirm), ["y", "n/Esc"]);
        assert_eq!(keys(Mode::Replan), ["Enter", "Esc"]);
        assert_eq!(keys(Mode::Input), ["Enter", "Esc"]);
        assert_eq!(keys(Mode::Notes), ["Ctrl-s", "Esc"]);
        assert_eq!(keys(Mode::Popup), ["Esc", "↑↓"]);
    }

    /// Each shown binding's footer text is made of the labels of its first keys and its pair's
    /// first key, and the pair is bound in every mode the binding is shown in.
    #[test]
    fn the_footer_text_is_the_label_of_the_keys_bound() {
        for mode in Mode::ALL {
            for b in bindings(mode) {
                let Some(f) = b.footer else { continue };
                let mut parts: Vec<String> = b.keys[..f.own].iter().map(Key::label).collect();
                if let Some(pair) = f.pair {
                    let paired = bindings(mode).find(|p| p.command == pair);
                    let paired = paired.unwrap_or_else(|| panic!("{mode:?}: {pair:?} unbound"));
                    assert_ne!(paired.command, b.command);
                    parts.push(paired.keys[0].label());
                }
                let text = footer_keys(b, bindings(mode)).unwrap();
                let together = parts.concat();
                let apart = parts.join("/");
                assert!(
                    text == together && parts.iter().all(|p| p.chars().count() == 1)
                        || text == apart,
                    "{mode:?}: {text:?} from {parts:?}"
                );
            }
        }
    }

    /// Bound to other keys, the same footer entries name the new keys.
    #[test]
    fn rebinding_a_key_changes_the_footer() {
        const TABLE: &[Binding] = &[
            shown(
                &[ch('='), ch('+')],
                Command::Adjust(1),
                "more",
                Footer::label("1 min").with(Command::Adjust(-1)),
            ),
            bind(&[ch('_'), ch('-')], Command::Adjust(-1), "less"),
            shown(
                &[key(KeyCode::F(5))],
                Command::ReplayStart,
                "start",
                Footer::label("start/end").with(Command::ReplayEnd),
            ),
            bind(&[ch('e')], Command::ReplayEnd, "end"),
            shown(
                &[ctrl('n'), ch('x'), key(KeyCode::Esc)],
                Command::No,
                "no",
                Footer::label("no").keys(2),
            ),
            bind(&[ch('o')], Command::Help, "not shown"),
        ];
        let table = TABLE;
        let texts: Vec<Option<String>> = table.iter().map(|b| footer_keys(b, table)).collect();
        assert_eq!(
            texts,
            [
                Some("=_".to_string()),
                None,
                Some("F5/e".to_string()),
                None,
                Some("Ctrl-n/x".to_string()),
                None,
            ]
        );
        // A pair not bound among the bindings given is left out, not invented.
        assert_eq!(footer_keys(&table[0], &table[..1]), Some("=".to_string()));
    }

    #[test]
    fn releases_are_ignored() {
        let mut e = press(KeyCode::Char('q'), KeyModifiers::NONE);
        e.kind = KeyEventKind::Release;
        assert_eq!(lookup(Mode::Normal, &e), None);
    }
}
