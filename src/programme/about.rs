//! What a workshop says of itself besides its days: whether its plan is illustrative, and
//! its links.

use super::{Block, Link, Workshop};

impl Workshop {
    /// Whether a block's times and wording are a plan written for the workshop: its own
    /// `illustrative`, else the programme's.
    pub fn block_is_illustrative(&self, block: &Block) -> bool {
        block.illustrative.unwrap_or(self.programme.illustrative)
    }

    /// What `check`, the review and the console say of a plan that is illustrative, or
    /// `None` when nothing in it is.
    pub fn illustrative_note(&self) -> Option<String> {
        let p = &self.programme;
        let any = p.illustrative
            || p.days
                .iter()
                .flat_map(|d| &d.blocks)
                .any(|b| b.illustrative == Some(true))
            || p.exercises.iter().any(|e| e.illustrative == Some(true));
        any.then(|| {
            let what = if p.illustrative {
                "the daily times, block lengths and wording are a plan written for the workshop, not a record of it"
            } else {
                "the blocks and exercises so marked are a plan written for the workshop, not a record of it"
            };
            format!("Illustrative plan: {what}.")
        })
    }

    /// Every link of the programme with where it is: the workshop's, each day's, each
    /// exercise's and each block's, in that order.
    pub fn all_links(&self) -> Vec<(String, &Link)> {
        let p = &self.programme;
        let mut out: Vec<(String, &Link)> = p
            .links
            .iter()
            .map(|l| ("Workshop".to_string(), l))
            .collect();
        for (d, day) in p.days.iter().enumerate() {
            out.extend(day.links.iter().map(|l| (format!("Day {}", d + 1), l)));
            for b in &day.blocks {
                out.extend(b.links.iter().map(|l| (b.title.clone(), l)));
            }
        }
        for e in &p.exercises {
            out.extend(e.links.iter().map(|l| (e.title.clone(), l)));
        }
        out
    }
}
