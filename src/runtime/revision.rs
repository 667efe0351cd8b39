//! A resumed session whose programme file was edited: what the file changes on the days not
//! yet run is shown and asked about before the console opens (or answered by
//! `--programme-changes`), and a yes is recorded as a `programme_revised` event.

use std::io;

use chrono::{DateTime, Utc};
use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;

use super::{Clock, session_time, signals, terminal};
use crate::app::App;
use crate::core::revision::{self, Revision};
use crate::programme::Programme;
use crate::ui::revision::Question;

/// The answer to an edited programme, given on the command line or asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProgrammeChanges {
    /// Use the file's programme for the days not yet run.
    Use,
    /// Keep the programme as journaled.
    Keep,
}

/// The programme file as it is now, for a resumed session, and the answer if it was given.
pub struct Edited {
    pub programme: Programme,
    pub answer: Option<ProgrammeChanges>,
}

/// What the file changes, and what to do about it: asked on the screen when not answered.
/// Returns whether the facilitator quit instead of answering.
pub(super) async fn settle(
    app: &mut App,
    edited: Edited,
    term: Option<&mut terminal::Term>,
    signals: &mut signals::Signals,
    clock: &dyn Clock,
) -> io::Result<bool> {
    let found = revision::changes(app.state(), &edited.programme);
    if !found.offers() {
        if let Some(note) = kept_only(&found.kept) {
            say(app, note);
        }
        return Ok(false);
    }
    let given = match (edited.answer, term) {
        (Some(given), _) => given,
        (None, Some(term)) => match ask(app, &found, term, signals).await? {
            Some(given) => given,
            None => return Ok(true),
        },
        // Nobody at the host's terminal to ask.
        (None, None) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the programme file was edited since the journal began: say what to do with --programme-changes use (its changes for the days not yet run) or keep",
            ));
        }
    };
    answer(app, &edited.programme, &found, given, session_time(clock))?;
    Ok(false)
}

/// Records the answer: a yes as the event that revises the programme, said in the footer.
pub fn answer(
    app: &mut App,
    programme: &Programme,
    found: &Revision,
    answer: ProgrammeChanges,
    now: DateTime<Utc>,
) -> io::Result<()> {
    let ran = !found.kept.is_empty();
    match answer {
        ProgrammeChanges::Use => {
            let event = revision::revise(app.state(), programme);
            app.commit(&[event], now)?;
            // The seat stays on its day (the days may be fewer now), its selections sized
            // to the days there are.
            let day = app.seat.day;
            let state = app.session.state();
            app.seat.show_running(state);
            app.seat.day = day.min(state.days.len().saturating_sub(1));
            say(
                app,
                if ran {
                    "Using the edited programme for the days not yet run; days that ran keep theirs"
                } else {
                    "Using the edited programme from now on"
                }
                .into(),
            );
        }
        ProgrammeChanges::Keep => say(
            app,
            "Kept the journaled programme; the edited file is not used".into(),
        ),
    }
    Ok(())
}

/// The footer's line when the file changes only what the session keeps: days that ran, or
/// the workshop clock.
fn kept_only(kept: &[revision::Kept]) -> Option<String> {
    if kept.iter().any(|k| matches!(k, revision::Kept::Day(_))) {
        return Some(
            "The programme file was edited on days that ran: they keep their programme".into(),
        );
    }
    kept.iter().find_map(|k| match k {
        revision::Kept::TimeZone { journaled, .. } => Some(format!(
            "The programme file's time zone is not used: the clock stays {journaled}"
        )),
        revision::Kept::Day(_) => None,
    })
}

/// Puts `text` in the footer: after what the resume said wrong, if it said anything wrong.
fn say(app: &mut App, text: String) {
    match app.seat.status.as_ref().filter(|s| s.is_error) {
        Some(s) => {
            let text = format!("{} · {text}", s.text);
            app.say_status(text, true);
        }
        None => app.say_status(text, false),
    }
}

/// Shows the question until it is answered (`None`: the facilitator quit, or a signal ended
/// the console).
async fn ask(
    app: &App,
    found: &Revision,
    term: &mut terminal::Term,
    signals: &mut signals::Signals,
) -> io::Result<Option<ProgrammeChanges>> {
    let source = app.state().workshop.source_name.clone();
    let mut question = Question::new(&source, found);
    let (mut events, _stop_reader) = super::read_input(true);
    loop {
        term.draw(|f| crate::ui::revision::draw(&question, f))?;
        let event = tokio::select! {
            biased;
            _ = signals.next() => return Ok(None),
            input = events.recv() => match input {
                None => return Ok(None),
                Some(event) => event?,
            },
        };
        let area = term.get_frame().area();
        match event {
            TermEvent::Key(key) => match on_key(&key, &mut question, area) {
                Answer::Given(answer) => return Ok(answer),
                Answer::Redraw => super::redraw_all(term)?,
                Answer::Pending => {}
            },
            TermEvent::Resize(width, height) => term.resize(Rect::new(0, 0, width, height))?,
            _ => {}
        }
    }
}

/// What a key does to the question.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    Given(Option<ProgrammeChanges>),
    Redraw,
    Pending,
}

fn on_key(key: &KeyEvent, question: &mut Question, area: Rect) -> Answer {
    if key.kind == KeyEventKind::Release {
        return Answer::Pending;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let page = (area.height / 2).max(1) as isize;
    match key.code {
        KeyCode::Char('c') if ctrl => Answer::Given(None),
        KeyCode::Char('l') if ctrl => Answer::Redraw,
        KeyCode::Char('y' | 'Y') => Answer::Given(Some(ProgrammeChanges::Use)),
        KeyCode::Char('n' | 'N') => Answer::Given(Some(ProgrammeChanges::Keep)),
        KeyCode::Char('q') => Answer::Given(None),
        KeyCode::Down | KeyCode::Char('j') => scrolled(question, 1, area),
        KeyCode::Up | KeyCode::Char('k') => scrolled(question, -1, area),
        KeyCode::PageDown | KeyCode::Char(' ') => scrolled(question, page, area),
        KeyCode::PageUp => scrolled(question, -page, area),
        _ => Answer::Pending,
    }
}

fn scrolled(question: &mut Question, by: isize, area: Rect) -> Answer {
    question.scroll_by(by, area);
    Answer::Pending
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn y_uses_n_keeps_q_quits_and_arrows_scroll() {
        let found = Revision {
            changes: (0..40)
                .map(|i| revision::Change::BlockRemoved {
                    day: 1,
                    at: i,
                    title: format!("Block {i}"),
                })
                .collect(),
            kept: Vec::new(),
        };
        let mut q = Question::new("sessions/w.json", &found);
        let area = Rect::new(0, 0, 80, 24);
        let press = |q: &mut Question, code: KeyCode| on_key(&KeyEvent::from(code), q, area);
        assert_eq!(press(&mut q, KeyCode::Up), Answer::Pending);
        assert_eq!(q.scroll, 0);
        press(&mut q, KeyCode::Down);
        press(&mut q, KeyCode::Down);
        assert_eq!(q.scroll, 2);
        // 41 lines (a heading and 40 changes) in 16 rows: at most 25 lines scrolled away.
        for _ in 0..10 {
            press(&mut q, KeyCode::PageDown);
        }
        assert_eq!(q.scroll, 25);
        assert_eq!(
            press(&mut q, KeyCode::Char('y')),
            Answer::Given(Some(ProgrammeChanges::Use))
        );
        assert_eq!(
            press(&mut q, KeyCode::Char('n')),
            Answer::Given(Some(ProgrammeChanges::Keep))
        );
        assert_eq!(press(&mut q, KeyCode::Char('q')), Answer::Given(None));
        assert_eq!(press(&mut q, KeyCode::Char('x')), Answer::Pending);
    }

    #[test]
    fn what_is_kept_is_said_in_a_footer_line_that_fits() {
        use revision::Kept;
        let day = kept_only(&[Kept::Day(0), Kept::Day(1)]).unwrap();
        assert_eq!(
            day,
            "The programme file was edited on days that ran: they keep their programme"
        );
        let zone = kept_only(&[Kept::TimeZone {
            journaled: "Asia/Jakarta".into(),
            file: "Asia/Manila".into(),
        }])
        .unwrap();
        assert_eq!(
            zone,
            "The programme file's time zone is not used: the clock stays Asia/Jakarta"
        );
        assert!(day.chars().count() <= 78 && zone.chars().count() <= 78);
        assert_eq!(kept_only(&[]), None);
    }
}
