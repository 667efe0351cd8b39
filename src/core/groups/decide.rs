//! The groups' decisions: moving, swapping, absences, late joiners, rapporteurs, room
//! names, pair rules, walk-ins, clearing.

use super::*;

pub(in crate::core) fn move_person(
    state: &State,
    person: PersonKey,
    by: i32,
) -> Result<Vec<Event>, Refusal> {
    let round = current_round(state)?;
    let Some(from) = round.room_of(&person) else {
        return Err(Refusal::naming(
            format!(
                "{} is in no room: {{key}} places them in the smallest",
                name(state, &person)
            ),
            &[Command::PlaceLate],
        ));
    };
    let n = round.rooms.len() as i64;
    let to = RoomIx((from.0 as i64 + i64::from(by)).rem_euclid(n) as usize);
    if to == from {
        return refuse("there is only one room");
    }
    Ok(vec![Event::ParticipantMoved { person, to }])
}

pub(in crate::core) fn swap(
    state: &State,
    a: PersonKey,
    b: PersonKey,
) -> Result<Vec<Event>, Refusal> {
    let round = current_round(state)?;
    match (round.room_of(&a), round.room_of(&b)) {
        (Some(x), Some(y)) if x != y => Ok(vec![Event::ParticipantsSwapped { a, b }]),
        (Some(_), Some(_)) => refuse("they are in the same room already"),
        _ => refuse("both must be in a room to swap"),
    }
}

pub(in crate::core) fn toggle_absent(
    state: &State,
    person: PersonKey,
    day: usize,
) -> Result<Vec<Event>, Refusal> {
    if state.person(&person).is_none() {
        return refuse("that person is not on the roster");
    }
    if is_away(state, day, &person) {
        Ok(vec![Event::MarkedPresent { person, day }])
    } else {
        Ok(vec![Event::MarkedAbsent { person, day }])
    }
}

pub(in crate::core) fn place_late(state: &State, person: PersonKey) -> Result<Vec<Event>, Refusal> {
    let round = current_round(state)?;
    if let Some(room) = round.room_of(&person) {
        return refuse(format!(
            "{} is already in {}",
            name(state, &person),
            round.rooms[room.0].name
        ));
    }
    // A facilitator goes where no facilitator is yet, the smallest such room, when there is
    // one; everyone else (and a facilitator when every room has one) to the smallest room.
    let facilitator = crate::core::tracker::is_facilitator(state, &person);
    let without_facilitator = round
        .indexed()
        .filter(|(_, r)| {
            !r.members
                .iter()
                .any(|m| crate::core::tracker::is_facilitator(state, m))
        })
        .min_by_key(|(i, r)| (r.members.len(), *i))
        .map(|(i, _)| i);
    let to = without_facilitator
        .filter(|_| facilitator)
        .or_else(|| round.smallest())
        .ok_or_else(|| Refusal::new("the round has no rooms"))?;
    let mut events = Vec::new();
    if is_away(state, round.day, &person) {
        events.push(Event::MarkedPresent {
            person: person.clone(),
            day: round.day,
        });
    }
    events.push(Event::ParticipantMoved { person, to });
    Ok(events)
}

pub(in crate::core) fn rapporteur(state: &State, person: PersonKey) -> Result<Vec<Event>, Refusal> {
    let round = current_round(state)?;
    let Some(room) = round.room_of(&person) else {
        return refuse(format!("{} is in no room", name(state, &person)));
    };
    let same = round.rooms[room.0].rapporteur.as_ref() == Some(&person);
    Ok(vec![Event::RapporteurChosen {
        room,
        person: if same { None } else { Some(person) },
    }])
}

pub(in crate::core) fn rename_room(
    state: &State,
    room: RoomIx,
    new: String,
) -> Result<Vec<Event>, Refusal> {
    let round = current_round(state)?;
    let new = new.trim().to_string();
    if new.is_empty() {
        return refuse("a room needs a name");
    }
    if round.room(room).is_none() {
        return refuse("there is no such room");
    }
    if round.indexed().any(|(i, r)| i != room && r.name == new) {
        return refuse(format!("another room is already called “{new}”"));
    }
    Ok(vec![Event::RoomRenamed { room, name: new }])
}

pub(in crate::core) fn rule_pair(
    state: &State,
    a: PersonKey,
    b: PersonKey,
    rule: PairRule,
) -> Result<Vec<Event>, Refusal> {
    if a == b {
        return refuse("choose two different people");
    }
    if state.person(&a).is_none() || state.person(&b).is_none() {
        return refuse("both must be on the roster");
    }
    let existing = state
        .pairs
        .iter()
        .find(|(x, y, _)| (*x == a && *y == b) || (*x == b && *y == a))
        .map(|(_, _, r)| *r);
    Ok(vec![Event::PairRuled {
        a,
        b,
        rule: if existing == Some(rule) {
            None
        } else {
            Some(rule)
        },
    }])
}

/// A walk-in added to the roster: a name, and a country and an email when given; refused
/// when the name is empty, the email is no email, or the person is on the roster already.
pub(in crate::core) fn add_walk_in(
    state: &State,
    name: String,
    country: Option<String>,
    email: Option<String>,
) -> Result<Vec<Event>, Refusal> {
    let tidy = |s: String| {
        let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!t.is_empty()).then_some(t)
    };
    let Some(name) = tidy(name) else {
        return Err(Refusal::new("a walk-in needs a name"));
    };
    let email = email.and_then(tidy).map(|e| e.to_lowercase());
    if let Some(e) = &email {
        let well_formed = e.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !e.contains(char::is_whitespace)
        });
        if !well_formed || e.starts_with(crate::tabular::FORMULA_STARTS) {
            return Err(Refusal::new(format!("“{e}” is not an email address")));
        }
    }
    let mut participant = crate::roster::Participant::named(name);
    participant.country = country.and_then(tidy);
    participant.email = email;
    if let Some(known) = state.person(&participant.key()) {
        return Err(Refusal::new(format!(
            "{} is on the roster already",
            known.name
        )));
    }
    Ok(vec![Event::WalkInAdded { participant }])
}

pub(in crate::core) fn clear(state: &State) -> Result<Vec<Event>, Refusal> {
    current_round(state)?;
    Ok(vec![Event::GroupsCleared {}])
}
