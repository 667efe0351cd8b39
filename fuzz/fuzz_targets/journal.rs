//! The journal reader: any bytes give a journal (header, records, torn end) or an error, never
//! a panic; a journal that reads is replayed, as review and resume do.
#![no_main]

use std::sync::Arc;

use convene::journal::{self, Loaded, Torn};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let parsed = match journal::parse("fuzz.jsonl", bytes) {
        Ok(parsed) => parsed,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let torn = parsed.torn.map(|end| Torn {
        file: "fuzz.jsonl".into(),
        line: end.line,
        lines: end.lines,
        moved_to: None,
    });
    if let Some(torn) = &torn {
        let _ = torn.describe();
    }
    let loaded = Loaded {
        header: parsed.header,
        records: parsed.records,
        torn: torn.into_iter().collect(),
        repeated: Vec::new(),
    };
    let _ = (loaded.next_seq(), loaded.next_batch());
    match loaded.workshop() {
        Ok(workshop) => {
            let _ = loaded.replay(Arc::new(workshop));
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
