//! The keymap's tables, one per mode (and the parts the normal and replay modes share).

use crossterm::event::KeyCode;

use super::{Binding, Command, Footer, bind, ch, ctrl, key, shift, shown};
use crate::view::Pane;

pub(super) const NORMAL: &[Binding] = &[
    shown(
        &[key(KeyCode::Enter)],
        Command::StartSelected,
        "Start the selected agenda block (finishes the running one)",
        Footer::label("start"),
    ),
    shown(
        &[ch('n')],
        Command::Next,
        "Finish the running block and start the next one",
        Footer::label("next"),
    ),
    shown(
        &[ch('+')],
        Command::Adjust(1),
        "One minute more for the running block (or the selected timer)",
        Footer::label("1 min").with(Command::Adjust(-1)),
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
        Footer::label("5 min").with(Command::Adjust(-5)),
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
        Footer::label("replan"),
    ),
    shown(
        &[ch('c')],
        Command::CopyCue,
        "Copy the due cue to the clipboard (for Zoom's broadcast) and mark it sent",
        Footer::label("cue"),
    ),
    shown(
        &[ch('u')],
        Command::Undo,
        "Undo the last action (the journal keeps both)",
        Footer::label("undo"),
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
        Footer::label("timer"),
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
        Footer::label("groups"),
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
        &[ch('d')],
        Command::ShowText,
        "Read the whole text of the selected block (or exercise)",
    ),
    bind(
        &[ch('C')],
        Command::ChatMessage,
        "Copy a chat message for Zoom (welcome, links, when the day starts); again: the next",
    ),
    bind(
        &[ch('W')],
        Command::Workshop,
        "Read the workshop as announced: organisers, objective, aims, chapters, methods",
    ),
    bind(
        &[ch('P')],
        Command::AddWalkIn,
        "Add a walk-in who is not on the roster: name; country; email (the last two optional)",
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
        "Place the selected late joiner in the smallest room (a facilitator: a room with none)",
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
    bind(
        &[ch('U')],
        Command::Seats,
        "Who is on this session; for the lead, the join codes and the host key",
    ),
    bind(
        &[ctrl('r')],
        Command::RenewCodes,
        "New join codes (the lead's): the old ones stop working, nobody is dropped",
    ),
];

/// Looking around, the same in the console and in a replay.
pub(super) const VIEWING: &[Binding] = &[
    shown(
        &[ch('b')],
        Command::BigDigits,
        "Show the selected timer (or the running block) in large digits",
        Footer::label("big"),
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
        Footer::label("pane"),
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
        Footer::label("day").with(Command::NextDay),
    ),
    bind(&[ch(']')], Command::NextDay, "Show the next day"),
    shown(
        &[ch('?')],
        Command::Help,
        "Show every key",
        Footer::label("help"),
    ),
];

/// Moving around the console beyond [`VIEWING`]; then quitting.
pub(super) const NORMAL_MOVING: &[Binding] = &[
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
        Footer::label("quit"),
    ),
];

pub(super) const HELP: &[Binding] = &[shown(
    &[key(KeyCode::Esc), ch('?'), ch('q')],
    Command::CloseHelp,
    "Close the help",
    Footer::label("close"),
)];

/// Scrolling a text: the help, or a popup's.
pub(super) const SCROLLING: &[Binding] = &[
    shown(
        &[key(KeyCode::Up), ch('k')],
        Command::Up,
        "Scroll up",
        Footer::label("scroll").with(Command::Down),
    ),
    bind(&[key(KeyCode::Down), ch('j')], Command::Down, "Scroll down"),
    bind(&[key(KeyCode::PageUp)], Command::PageUp, "Scroll up a page"),
    bind(
        &[key(KeyCode::PageDown), ch(' ')],
        Command::PageDown,
        "Scroll down a page",
    ),
];

pub(super) const CONFIRM: &[Binding] = &[
    shown(
        &[ch('y')],
        Command::Yes,
        "Yes, do it (Enter does not: a question is answered on purpose)",
        Footer::label("yes"),
    ),
    shown(
        &[ch('n'), key(KeyCode::Esc), ch('q')],
        Command::No,
        "No, leave things as they are",
        Footer::label("no").keys(2),
    ),
    bind(&[ctrl('c')], Command::QuitNow, "Quit at once"),
];

pub(super) const REPLAN: &[Binding] = &[
    shown(
        &[key(KeyCode::Enter)],
        Command::Apply,
        "Apply the proposed changes",
        Footer::label("apply"),
    ),
    shown(
        &[key(KeyCode::Esc), ch('q'), ch('p')],
        Command::Discard,
        "Discard the proposal",
        Footer::label("discard"),
    ),
    bind(&[ctrl('c')], Command::QuitNow, "Quit at once"),
];

pub(super) const INPUT: &[Binding] = &[
    shown(
        &[key(KeyCode::Enter)],
        Command::Apply,
        "Start the countdown (minutes or m:ss, then a name), form the groups, or rename the room; a suggestion shown selected is taken as it is, and typing replaces it",
        Footer::label("start"),
    ),
    shown(
        &[key(KeyCode::Esc)],
        Command::Discard,
        "Cancel",
        Footer::label("cancel"),
    ),
    bind(&[ctrl('c')], Command::QuitNow, "Quit at once"),
];

pub(super) const REPLAY: &[Binding] = &[
    bind(
        &[key(KeyCode::Right), ch('l')],
        Command::ReplayStep(1),
        "The next event",
    ),
    // Shown on the second of the pair, so the footer reads left to right: `←→`, `<>`.
    shown(
        &[key(KeyCode::Left), ch('h')],
        Command::ReplayStep(-1),
        "The previous event",
        Footer::label("event").with(Command::ReplayStep(1)),
    ),
    bind(
        &[ch('>'), key(KeyCode::PageDown)],
        Command::ReplayJump(10),
        "Ten minutes later",
    ),
    shown(
        &[ch('<'), key(KeyCode::PageUp)],
        Command::ReplayJump(-10),
        "Ten minutes earlier",
        Footer::label("10 min").with(Command::ReplayJump(10)),
    ),
    shown(
        &[key(KeyCode::Home)],
        Command::ReplayStart,
        "The start of the journal",
        Footer::label("start/end").with(Command::ReplayEnd),
    ),
    bind(
        &[key(KeyCode::End)],
        Command::ReplayEnd,
        "The end of the journal",
    ),
];

pub(super) const REPLAY_END: &[Binding] = &[shown(
    &[ch('q'), ctrl('c')],
    Command::QuitNow,
    "Quit the replay",
    Footer::label("quit"),
)];

/// In every mode, at any size: after every mode's own keys.
pub(super) const EVERY_MODE: &[Binding] = &[bind(
    &[ctrl('l')],
    Command::Redraw,
    "Clear the terminal and draw the whole screen again",
)];

pub(super) const NOTES: &[Binding] = &[
    shown(
        &[ctrl('s')],
        Command::Apply,
        "Keep the notes (Enter starts a new line)",
        Footer::label("keep"),
    ),
    shown(
        &[key(KeyCode::Esc)],
        Command::Discard,
        "Leave without keeping",
        Footer::label("cancel"),
    ),
    bind(&[ctrl('c')], Command::QuitNow, "Quit at once"),
];

/// Reading a text in a popup: a block's or an exercise's, or what was copied.
pub(super) const POPUP: &[Binding] = &[
    shown(
        &[key(KeyCode::Esc), ch('q'), key(KeyCode::Enter)],
        Command::ClosePopup,
        "Close the text (another key closes it too, and acts)",
        Footer::label("close"),
    ),
    bind(
        &[ch('C')],
        Command::ChatMessage,
        "Copy the next chat message",
    ),
];

/// A popup's text, after scrolling: its two ends, and quitting.
pub(super) const POPUP_ENDS: &[Binding] = &[
    bind(
        &[key(KeyCode::Home), ch('g')],
        Command::Top,
        "The start of the text",
    ),
    bind(
        &[key(KeyCode::End), ch('G')],
        Command::Bottom,
        "The end of the text",
    ),
    bind(&[ctrl('c')], Command::QuitNow, "Quit at once"),
];

/// The footer's keys while a pane other than the agenda has the focus: that pane's own
/// commands, with the labels the footer gives them, before the keys that always show
/// ([`ALWAYS_SHOWN`]). The agenda's footer is the normal mode's shown keys.
pub(super) const PANE_KEYS: &[(Pane, Command, &str)] = &[
    (Pane::Timers, Command::NewCountdown, "timer"),
    (Pane::Timers, Command::NewStopwatch, "stopwatch"),
    (Pane::Timers, Command::PauseResume, "pause"),
    (Pane::Timers, Command::RestartTimer, "restart"),
    (Pane::Timers, Command::DeleteTimer, "delete"),
    (Pane::Timers, Command::CopyCue, "cue"),
    (Pane::Groups, Command::FormGroups, "groups"),
    (Pane::Groups, Command::MovePerson(1), "move"),
    (Pane::Groups, Command::Swap, "swap"),
    (Pane::Groups, Command::ToggleAbsent, "absent"),
    (Pane::Groups, Command::PlaceLate, "late"),
    (Pane::Groups, Command::Rapporteur, "reporter"),
    (Pane::Groups, Command::CopyGroups, "chat"),
    (Pane::Groups, Command::ExportZoom, "Zoom file"),
    (Pane::Exercises, Command::StepProgress(true), "step"),
    (Pane::Exercises, Command::RoomNeedsHelp, "flag help"),
    (Pane::Exercises, Command::WriteNotes, "notes"),
    (Pane::Exercises, Command::CallNextReport, "report"),
    (Pane::Exercises, Command::Overview, "overview"),
    (Pane::Exercises, Command::ShowText, "text"),
];

/// The keys the footer shows whatever pane has the focus, after the pane's own.
pub(super) const ALWAYS_SHOWN: &[Command] = &[
    Command::Next,
    Command::Undo,
    Command::BigDigits,
    Command::FocusNext,
    Command::Help,
    Command::Quit,
];
