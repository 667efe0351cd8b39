//! The roster reader: any bytes give a roster (with refused and repeated rows) or an error
//! that says why, never a panic; a roster read is written back as CSV without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = match convene::import::decode("fuzz.csv", bytes) {
        Ok(text) => text,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    match convene::roster::parse_roster("fuzz.csv", &text) {
        Ok(import) => {
            for refused in &import.refused {
                let _ = refused.to_string();
            }
            let _ = import.roster.countries();
            let _ = convene::roster::to_csv(&import.roster);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
