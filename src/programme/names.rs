//! The names a workshop goes by on disk and in calendars, from its programme.

use super::Workshop;

impl Workshop {
    /// The name of the workshop's journal folder (and the base of its calendar events' ids):
    /// the programme's `id` when it has one, so that an edited title still finds the session;
    /// else, as before ids, the [`Workshop::slug`] of its title.
    pub fn folder_name(&self) -> String {
        match &self.programme.id {
            Some(id) => id.clone(),
            None => self.slug(),
        }
    }

    /// `training-of-trainers-on-localizing-the-sdgs-through-2021-11-08`.
    pub fn slug(&self) -> String {
        let mut words: Vec<String> = self
            .programme
            .title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.truncate(8);
        if let Some(first) = self.days().first() {
            words.push(first.date.to_string());
        }
        words.join("-")
    }
}
