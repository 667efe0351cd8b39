//! Who a participant is across files and days.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A participant's identity across files and days: their email (lowercased) when the roster
/// has one, otherwise their name as [`super::normalise_name`] writes it. Rooms, absences,
/// pairs, attendance and the journal name people by it.
///
/// In a journal it is one string: the email, or the name after `name:` (an email never starts
/// with that).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PersonKey {
    Email(String),
    Name(String),
}

const NAME_TAG: &str = "name:";

impl PersonKey {
    /// Reads the journal's one-string form.
    pub fn parse(text: &str) -> PersonKey {
        match text.strip_prefix(NAME_TAG) {
            Some(name) => PersonKey::Name(name.to_string()),
            None => PersonKey::Email(text.to_string()),
        }
    }

    /// The email, or the normalised name: what to show for someone the roster no longer has.
    pub fn shown(&self) -> &str {
        match self {
            PersonKey::Email(text) | PersonKey::Name(text) => text,
        }
    }

    fn tag(&self) -> &'static str {
        match self {
            PersonKey::Email(_) => "",
            PersonKey::Name(_) => NAME_TAG,
        }
    }

    /// The journal's one-string form.
    pub fn text(&self) -> String {
        format!("{}{}", self.tag(), self.shown())
    }
}

/// In the order of the journal's strings, so that sets of people list as they always have.
impl Ord for PersonKey {
    fn cmp(&self, other: &Self) -> Ordering {
        let mine = self.tag().bytes().chain(self.shown().bytes());
        mine.cmp(other.tag().bytes().chain(other.shown().bytes()))
    }
}

impl PartialOrd for PersonKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PersonKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.shown())
    }
}

impl From<&str> for PersonKey {
    fn from(text: &str) -> PersonKey {
        PersonKey::parse(text)
    }
}

impl Serialize for PersonKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for PersonKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PersonKey, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(PersonKey::parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::PersonKey;

    #[test]
    fn a_key_is_written_as_one_string_and_read_back_the_same() {
        let email = PersonKey::Email("rina.sari@example.org".into());
        let name = PersonKey::Name("arjun vikram mehta".into());
        assert_eq!(
            serde_json::to_string(&[&email, &name]).unwrap(),
            r#"["rina.sari@example.org","name:arjun vikram mehta"]"#
        );
        let back: Vec<PersonKey> =
            serde_json::from_str(r#"["rina.sari@example.org","name:arjun vikram mehta"]"#).unwrap();
        assert_eq!(back, [email.clone(), name.clone()]);
        // Shown without the tag.
        assert_eq!(name.to_string(), "arjun vikram mehta");
        assert_eq!(email.to_string(), "rina.sari@example.org");
    }

    #[test]
    fn keys_sort_as_their_journal_strings() {
        let mut keys: Vec<PersonKey> =
            ["name:zeb", "aa@x.org", "name:abe", "zz@x.org", "nam@x.org"]
                .into_iter()
                .map(PersonKey::parse)
                .collect();
        keys.sort();
        let texts: Vec<String> = keys.iter().map(PersonKey::text).collect();
        let mut strings: Vec<&str> =
            vec!["name:zeb", "aa@x.org", "name:abe", "zz@x.org", "nam@x.org"];
        strings.sort_unstable();
        assert_eq!(texts, strings);
    }
}
