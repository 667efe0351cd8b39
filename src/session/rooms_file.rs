//! `f` with rooms from a file: `plan rounds.csv 3` takes round 3 of a schedule `convene groups
//! --rounds N --csv` wrote; `import rooms-day1.csv` takes Zoom's pre-assignment file, so the
//! tracker's rooms are Zoom's rooms. The file is read here; the round is formed in the core.

use std::path::Path;

use crate::core::GroupSpec;
use crate::core::forming::files::{Given, plan_round, zoom_rooms};

/// The request when `text` asks for rooms from a file (`plan FILE N`, `import FILE`): the file
/// read, or why it cannot be; `None` when it asks for something else.
pub(super) fn given_spec(text: &str) -> Option<Result<GroupSpec, String>> {
    let text = text.trim();
    let (word, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let rest = rest.trim();
    match word.to_lowercase().as_str() {
        "plan" => Some(planned(rest)),
        "import" => Some(imported(rest)),
        _ => None,
    }
}

fn read(file: &str) -> Result<String, String> {
    if file.is_empty() {
        return Err("which file? e.g. `plan rounds.csv 3` or `import rooms-day1.csv`".into());
    }
    let path = Path::new(file);
    if !path.is_file() {
        return Err(format!("{file}: no such file"));
    }
    std::fs::read_to_string(path).map_err(|e| format!("{file}: cannot be read: {e}"))
}

/// `plan FILE N`: round N of a planned schedule.
fn planned(rest: &str) -> Result<GroupSpec, String> {
    let (file, round) = rest
        .rsplit_once(char::is_whitespace)
        .map(|(f, n)| (f.trim(), n.parse::<usize>().ok().filter(|n| *n > 0)))
        .unwrap_or((rest, None));
    let Some(round) = round else {
        return Err("which round? e.g. `plan rounds.csv 3`".into());
    };
    let rooms = plan_round(&read(file)?, file, round)?;
    Ok(GroupSpec::given(Given {
        source: format!("{file} round {round}"),
        rooms,
    }))
}

/// `import FILE`: Zoom's pre-assignment file.
fn imported(file: &str) -> Result<GroupSpec, String> {
    let rooms = zoom_rooms(&read(file)?, file)?;
    Ok(GroupSpec::given(Given {
        source: file.to_string(),
        rooms,
    }))
}
