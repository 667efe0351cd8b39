//! The README keeps up with the keymap.

#[test]
fn the_readme_documents_every_key() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for mode in convene::keymap::Mode::ALL {
        for binding in convene::keymap::bindings(mode) {
            for key in binding.keys {
                let label = format!("`{}`", key.label());
                assert!(readme.contains(&label), "README does not mention {label}");
            }
        }
    }
}
