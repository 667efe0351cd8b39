//! The programme reader: any bytes give a workshop or a list of problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // A programme file that is not UTF-8 is refused before parsing (`programme::load`).
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match convene::programme::parse_checked("fuzz.json", text) {
        Ok(checked) => {
            let _ = convene::programme::summary(&checked.workshop);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
