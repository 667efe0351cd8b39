//! The Zoom registration (and webinar attendee) report reader: any bytes give a roster or an
//! error, never a panic.
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
    match convene::import::read_registration("fuzz.csv", &text) {
        Ok(import) => {
            for refused in &import.refused {
                let _ = refused.to_string();
            }
            let _ = convene::roster::to_csv(&import.roster);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
