//! What a person's view of the console is in: the pane in focus and the input mode. Both the
//! keymap (which table a key is looked up in) and the console's view use these; neither owns
//! them, so the keymap depends on the view's types one way.

/// The console's input modes; each has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    /// A yes/no question before something that cannot be taken back.
    Confirm,
    /// The replan preview.
    Replan,
    /// Typing a new countdown.
    Input,
    /// Watching a journal again, read-only.
    Replay,
    /// Writing a room's notes (several lines).
    Notes,
}

impl Mode {
    pub const ALL: [Mode; 7] = [
        Mode::Normal,
        Mode::Replan,
        Mode::Input,
        Mode::Notes,
        Mode::Confirm,
        Mode::Help,
        Mode::Replay,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "In the console",
            Mode::Help => "In this help",
            Mode::Confirm => "When asked to confirm",
            Mode::Replan => "In the replan preview",
            Mode::Input => "When typing (a countdown, how to form groups, a room name)",
            Mode::Replay => "When replaying a journal (convene replay)",
            Mode::Notes => "When writing a group's notes",
        }
    }
}

/// The four panes, in the order Tab visits them and 1-4 names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Agenda,
    Timers,
    Groups,
    Exercises,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Agenda, Pane::Timers, Pane::Groups, Pane::Exercises];

    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Agenda => "Agenda",
            Pane::Groups => "Breakout groups",
            Pane::Timers => "Timers",
            Pane::Exercises => "Exercises",
        }
    }

    pub(crate) fn step(self, by: isize) -> Pane {
        let n = Pane::ALL.len() as isize;
        let i = (self.number() as isize - 1 + by).rem_euclid(n);
        Pane::ALL[i as usize]
    }
}
