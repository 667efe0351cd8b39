//! `f` with rooms from a file: `plan rounds.csv 3` takes round 3 of a schedule `convene groups
//! --rounds N --csv` wrote; `import rooms-day1.csv` takes Zoom's pre-assignment file, so the
//! tracker's rooms are Zoom's rooms. The file is read here; the round is formed in the core.

use std::path::Path;

use super::Seat;
use crate::core::GroupSpec;
use crate::core::forming::files::{Given, plan_round, zoom_rooms};

/// The request when `text` asks for rooms from a file (`plan FILE N`, `import FILE`): the file
/// read, or why it cannot be; `None` when it asks for something else. A seat over SSH reads
/// only inside the folders the lead shared, and its errors quote nothing of the file.
pub(super) fn given_spec(text: &str, seat: &Seat) -> Option<Result<GroupSpec, String>> {
    let text = text.trim();
    let (word, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let rest = rest.trim();
    let given = match word.to_lowercase().as_str() {
        "plan" => planned(rest, seat),
        "import" => imported(rest, seat),
        _ => return None,
    };
    Some(given.map_err(|e| {
        if seat.reads.is_some() {
            without_contents(&e)
        } else {
            e
        }
    }))
}

/// A message with what it quotes (between “ and ”) left out: a remote seat is told where a
/// file is wrong, not what it holds.
fn without_contents(message: &str) -> String {
    let mut out = String::new();
    let mut quoting = false;
    for c in message.chars() {
        match c {
            '“' if !quoting => {
                quoting = true;
                out.push_str("the value");
            }
            '”' if quoting => quoting = false,
            _ if quoting => {}
            _ => out.push(c),
        }
    }
    out
}

fn read(file: &str, seat: &Seat) -> Result<String, String> {
    if file.is_empty() {
        return Err("which file? e.g. `plan rounds.csv 3` or `import rooms-day1.csv`".into());
    }
    let path = seat.may_read(file)?;
    let path = Path::new(&path);
    if !path.is_file() {
        return Err(format!("{file}: no such file"));
    }
    std::fs::read_to_string(path).map_err(|e| format!("{file}: cannot be read: {e}"))
}

/// `plan FILE N`: round N of a planned schedule.
fn planned(rest: &str, seat: &Seat) -> Result<GroupSpec, String> {
    let (file, round) = rest
        .rsplit_once(char::is_whitespace)
        .map(|(f, n)| (f.trim(), n.parse::<usize>().ok().filter(|n| *n > 0)))
        .unwrap_or((rest, None));
    let Some(round) = round else {
        return Err("which round? e.g. `plan rounds.csv 3`".into());
    };
    let rooms = plan_round(&read(file, seat)?, file, round)?;
    Ok(GroupSpec::given(Given {
        source: format!("{file} round {round}"),
        rooms,
    }))
}

/// `import FILE`: Zoom's pre-assignment file.
fn imported(file: &str, seat: &Seat) -> Result<GroupSpec, String> {
    let rooms = zoom_rooms(&read(file, seat)?, file)?;
    Ok(GroupSpec::given(Given {
        source: file.to_string(),
        rooms,
    }))
}

#[cfg(test)]
mod tests {
    use super::without_contents;

    #[test]
    fn a_remote_seat_is_told_where_a_file_is_wrong_not_what_it_holds() {
        assert_eq!(
            without_contents("rounds.csv:4: round: “=cmd|' /C calc” is not a round number"),
            "rounds.csv:4: round: the value is not a round number"
        );
        assert_eq!(
            without_contents("rooms.csv:2: Email Address: empty"),
            "rooms.csv:2: Email Address: empty"
        );
    }
}
