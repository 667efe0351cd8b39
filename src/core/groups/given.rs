//! A round of rooms a file gives (a planned schedule's round, Zoom's pre-assignment file),
//! matched to the roster and to who is there today.

use super::*;

/// Someone a file names (an email, or a name when it has no email): their place on the
/// roster, by email first (whatever its case), then by name as [`roster::normalise_name`]
/// writes it.
fn named_in_file(roster: &[Participant], who: &str) -> Option<usize> {
    let email = who.trim().to_lowercase();
    roster
        .iter()
        .position(|p| p.email.as_deref() == Some(email.as_str()))
        .or_else(|| {
            let name = roster::normalise_name(who);
            roster
                .iter()
                .position(|p| roster::normalise_name(&p.name) == name)
        })
}

/// The console's round from rooms a file gives: each person matched to the roster by email,
/// then by name; those away on `day` left out, the rooms evened out with the fewest repeats
/// and anyone present the file lacks placed as in a kept round; recorded as a `groups_formed`
/// event whose label names the file (and how many it names that the roster lacks).
pub(super) fn given_round(
    state: &State,
    day: usize,
    label: String,
    given: Given,
    seed: u64,
) -> Result<Vec<Event>, Refusal> {
    let roster = &state.roster.participants;
    let mut unknown: Vec<&str> = Vec::new();
    let rooms: Vec<Vec<usize>> = given
        .rooms
        .iter()
        .map(|room| {
            room.who
                .iter()
                .filter_map(|who| {
                    let found = named_in_file(roster, who);
                    if found.is_none() {
                        unknown.push(who);
                    }
                    found
                })
                .collect()
        })
        .collect();
    if rooms.iter().all(Vec::is_empty) {
        return refuse(format!("nobody {} names is on the roster", given.source));
    }
    let absent = away(state, day);
    let request = RoundRequest {
        roster,
        size: Some(Size::Groups(rooms.len().max(1))),
        strategy: Strategy::Given,
        seed,
        history: &state.rounds,
        absent: &absent,
        pairs: &state.pairs,
    };
    let mut asked = Asked::new(&request).map_err(|e| Refusal::new(e.to_string()))?;
    asked.keep = Some(rooms.clone());
    let formed = forming::form(&asked.forming(&request, &asked.history))
        .map_err(|e| Refusal::new(e.to_string()))?;
    let mut round = asked.formed(&request, &formed.groups, &asked.history, seed);
    // Each room keeps the name the file gives the room most of its people came from.
    for (room, ids) in round.rooms.iter_mut().zip(&formed.groups) {
        let from = (0..rooms.len())
            .map(|g| (ids.iter().filter(|id| rooms[g].contains(id)).count(), g))
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, g)| (*n, std::cmp::Reverse(*g)));
        if let Some(name) = from.and_then(|(_, g)| given.rooms.get(g)) {
            room.name = name.name.clone();
        }
    }
    let mut label = format!("{label} · {}", given.source);
    if !unknown.is_empty() {
        let shown: Vec<&str> = unknown.iter().take(3).copied().collect();
        let more = unknown.len() - shown.len();
        label.push_str(&format!(
            " ({} not on the roster: {}{})",
            unknown.len(),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    let quality = round.recorded_quality();
    Ok(vec![Event::GroupsFormed {
        day,
        label,
        strategy: Strategy::Given,
        seed,
        rooms: round.rooms,
        quality: Some(quality),
    }])
}
