//! What a key asks besides events, carried out on a terminal's bytes: the bell, the
//! clipboard (the system's, or the terminal's through OSC 52) and files. The host's console and
//! every seat served over SSH carry them out the same way, each on its own terminal.

pub mod clipboard;

use std::io;

use crate::session::Effect;
use clipboard::Clipboard;

/// The effects' bytes, written to the terminal `out`, the clipboard, and the files they ask
/// for; what a copy did and what could not be written is returned for the footer.
pub fn perform_on(
    out: &mut impl io::Write,
    clipboard: &mut Clipboard,
    effects: &[Effect],
) -> io::Result<Vec<(String, bool)>> {
    let mut said = Vec::new();
    for effect in effects {
        match effect {
            Effect::Bell => out.write_all(b"\x07")?,
            // It holds names and emails: readable by its owner only. A failure is said in
            // the footer.
            Effect::WriteFile { path, contents } => {
                let written =
                    crate::export::write_private(std::path::Path::new(path), contents.as_bytes());
                if let Err(e) = written {
                    said.push((format!("could not write {path}: {e}"), true));
                }
            }
            // The system clipboard where there is one; else OSC 52, which reaches the
            // clipboard of the terminal the facilitator sees only if it allows it. The text
            // is shown in a popup as well, so it can be selected with the mouse either way.
            Effect::Copy(text) => {
                let route = clipboard.copy(text, out)?;
                said.push((route.said().to_string(), false));
            }
            // A served session carries these out before this; a console alone cannot.
            Effect::Seats | Effect::RenewCodes => said.push((
                "This console is not served: `convene serve` lets co-facilitators join from their own terminals".to_string(),
                true,
            )),
        }
    }
    out.flush()?;
    Ok(said)
}
