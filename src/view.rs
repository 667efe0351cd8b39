//! What a person's view of the console is in (the pane in focus, the input mode) and what a
//! person can ask of it (the commands). The keymap (which key means which command in which
//! mode), the console's seats and the core's refusals (which name the command that would
//! help) all use these; none owns them, so each depends on them one way.

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
    /// Reading a text in a popup: a block's or an exercise's full text, or what was copied.
    Popup,
}

impl Mode {
    pub const ALL: [Mode; 8] = [
        Mode::Normal,
        Mode::Replan,
        Mode::Input,
        Mode::Notes,
        Mode::Confirm,
        Mode::Help,
        Mode::Popup,
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
            Mode::Popup => "When reading a text (a block's or an exercise's, or what was copied)",
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

/// What a person asks the console to do, whatever key they press for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Who is on a served session, and how to join it.
    Seats,
    /// New join codes for a served session.
    RenewCodes,
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
    /// Change the running block (or the selected timer) by this many minutes.
    Adjust(i32),
    Undo,
    FormGroups,
    MovePerson(i32),
    Swap,
    ToggleAbsent,
    PlaceLate,
    Rapporteur,
    RenameRoom,
    ClearGroups,
    CopyGroups,
    ExportZoom,
    ToggleSkip,
    MoveUp,
    MoveDown,
    InsertBreak(u32),
    FinishDay,
    Replan,
    NewCountdown,
    NewStopwatch,
    PauseResume,
    RestartTimer,
    DeleteTimer,
    BigDigits,
    CopyCue,
    ToggleZones,
    Help,
    CloseHelp,
    Quit,
    /// Quit without asking.
    QuitNow,
    Yes,
    No,
    Apply,
    Discard,
    /// Replay: this many events forward (back when negative).
    ReplayStep(i32),
    /// Replay: this many minutes forward (back when negative).
    ReplayJump(i32),
    ReplayStart,
    ReplayEnd,
    /// The selected room a step on (back when false) in the running exercise.
    StepProgress(bool),
    RoomNeedsHelp,
    WriteNotes,
    CallNextReport,
    Overview,
    /// Keep two people together (or apart): on the first, then on the second.
    PairTogether,
    PairApart,
    /// Open the selected block's or exercise's full text.
    ShowText,
    /// Close the text being read.
    ClosePopup,
    /// Copy a chat message (the next one, when one is shown) and show it in full.
    ChatMessage,
    /// Show the workshop as announced: organisers, objective, aims, chapters, methods.
    Workshop,
    /// Add a walk-in who is not on the roster: name, country, email.
    AddWalkIn,
    /// Clear the terminal and draw every cell again (the runtime does it; in every mode and at
    /// any size).
    Redraw,
}

/// The smallest terminal the console lays out its panes in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
