//! Colours and styles, in one place. Plain 16-colour ANSI, so the screen reads the same in any
//! terminal and when shared over a video call.

use ratatui::style::{Color, Modifier, Style};

use crate::programme::BlockKind;

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn accent() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn running() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

pub fn warning() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn overtime() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}

pub fn kind(kind: BlockKind) -> Style {
    let color = match kind {
        BlockKind::Welcome | BlockKind::WrapUp => Color::Blue,
        BlockKind::Presentation => Color::Magenta,
        BlockKind::Discussion | BlockKind::Sharing => Color::Cyan,
        BlockKind::Breakout | BlockKind::Exercise => Color::Yellow,
        BlockKind::CaseStudy => Color::Green,
        BlockKind::Break | BlockKind::Energiser => Color::DarkGray,
    };
    Style::new().fg(color)
}

/// A block title still to run: plain, but breaks and energisers recede.
pub fn kind_title(kind: BlockKind) -> Style {
    match kind {
        BlockKind::Break | BlockKind::Energiser => Style::new().fg(Color::Gray),
        _ => Style::new(),
    }
}
