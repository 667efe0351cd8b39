//! The roster CSV reader: the sample file, the broken fixture, and the format's edge cases.

use std::path::{Path, PathBuf};

use convene::roster::{
    FileError, Import, Participant, Refused, Role, load_roster, normalise_name, parse_roster,
};

fn manifest_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn parse(text: &str) -> Import {
    match parse_roster("test.csv", text) {
        Ok(import) => import,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

fn parse_err(text: &str) -> FileError {
    match parse_roster("test.csv", text) {
        Ok(import) => panic!("expected an error, got {import:?}"),
        Err(e) => e,
    }
}

fn only(import: &Import) -> &Participant {
    assert!(import.refused.is_empty(), "refused: {:?}", import.refused);
    assert_eq!(import.roster.len(), 1, "{:?}", import.roster);
    &import.roster.participants[0]
}

/// A file under the test target's scratch directory, unique to the test.
fn scratch_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("roster-tests");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("scratch file");
    path
}

#[test]
fn sample_roster_loads_completely() {
    let path = manifest_path("assets/roster-sample.csv");
    let import = load_roster(&path).expect("sample roster loads");
    assert_eq!(import.refused, Vec::<Refused>::new());
    assert_eq!(import.duplicates, Vec::new());
    let roster = &import.roster;
    assert_eq!(roster.len(), 33);
    assert!(!roster.is_empty());

    let countries = roster.countries();
    assert_eq!(countries.len(), 7, "{countries:?}");
    // Five Indonesian participants and the three UCLG ASPAC facilitators from Jakarta.
    assert_eq!(countries[0], ("Indonesia".to_owned(), 8));
    assert_eq!(countries[1], ("India".to_owned(), 5));
    let rest: Vec<&str> = countries[2..].iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        rest,
        ["Maldives", "Nepal", "Pakistan", "Philippines", "Thailand"]
    );
    assert!(countries[2..].iter().all(|(_, n)| *n == 4));

    assert_eq!(roster.with_role(Role::Facilitator).count(), 1);
    assert_eq!(roster.with_role(Role::CoFacilitator).count(), 2);
    assert_eq!(roster.with_role(Role::Participant).count(), 30);
    assert_eq!(
        roster
            .participants
            .iter()
            .filter(|p| p.email.is_none())
            .count(),
        2
    );
    for p in &roster.participants {
        assert!(p.tz().is_some(), "{} has no time zone", p.name);
        assert!(p.organisation.is_some() && p.city.is_some());
        if let Some(email) = &p.email {
            assert!(
                email.ends_with("@example.org") || email.ends_with("@example.net"),
                "{email}"
            );
        }
    }

    let names: Vec<&str> = roster
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    for expected in [
        "Santos, Maria Luisa",
        "José Miguel Dela Peña",
        "สมหญิง รักษ์เมือง",
        "अनीता देशपांडे",
        "عائشہ رحمان",
        "އަޙްމަދު ރަޝީދު",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    let male = roster
        .participants
        .iter()
        .find(|p| p.country.as_deref() == Some("Maldives"))
        .expect("a Maldivian participant");
    assert_eq!(male.time_zone.as_deref(), Some("Indian/Maldives"));
}

#[test]
fn broken_fixture_refuses_bad_rows_and_keeps_good_ones() {
    let path = manifest_path("tests/fixtures/roster-broken.csv");
    let import = load_roster(&path).expect("broken rows are not a whole-file error");

    assert_eq!(
        import.refused,
        vec![
            Refused {
                line: 4,
                reason: "column `email`: \"nabin.karki-at-example.org\" is not an email address"
                    .to_owned(),
            },
            Refused {
                line: 6,
                reason: "column `role`: \"trainer\" is not a role (use participant, facilitator, \
                         co-facilitator or observer)"
                    .to_owned(),
            },
            Refused {
                line: 7,
                reason: "column `name`: the name is empty".to_owned(),
            },
        ]
    );
    assert_eq!(
        import.duplicates,
        vec![(
            8,
            "same email as line 2: tara.gurung@example.org".to_owned()
        )]
    );

    assert_eq!(import.roster.len(), 1);
    let good = &import.roster.participants[0];
    assert_eq!(good.name, "Tara Gurung");
    assert_eq!(good.email.as_deref(), Some("tara.gurung@example.org"));
    // The quoted cell spans two lines; the line break becomes a space.
    assert_eq!(
        good.organisation.as_deref(),
        Some("Pokhara Metropolitan City")
    );
    assert_eq!(good.time_zone.as_deref(), Some("Asia/Kathmandu"));
    assert_eq!(good.role, Role::Participant);
}

#[test]
fn byte_order_mark_is_tolerated() {
    let import = parse("\u{feff}name,email\r\nAna Reyes,ana@example.org\r\n");
    let p = only(&import);
    assert_eq!(p.name, "Ana Reyes");
    assert_eq!(p.email.as_deref(), Some("ana@example.org"));
    assert!(
        p.extra.is_empty(),
        "BOM must not make `name` an extra column"
    );
}

#[test]
fn quoted_fields_keep_commas_and_quotes() {
    let import = parse(
        "name,organisation,city\n\
         \"Santos, Maria Luisa\",\"City Government of Naga, Camarines Sur\",\"Naga \"\"City\"\"\"\n",
    );
    let p = only(&import);
    assert_eq!(p.name, "Santos, Maria Luisa");
    assert_eq!(
        p.organisation.as_deref(),
        Some("City Government of Naga, Camarines Sur")
    );
    assert_eq!(p.city.as_deref(), Some("Naga \"City\""));
}

#[test]
fn unknown_columns_are_kept_in_order() {
    let import = parse(
        "phone,name,Dietary needs,email,Session 2 group\n\
         +63 912 000 0000,Ana Reyes, vegetarian ,ana@example.org,\n",
    );
    let p = only(&import);
    assert_eq!(
        p.extra,
        vec![
            ("phone".to_owned(), "+63 912 000 0000".to_owned()),
            ("Dietary needs".to_owned(), "vegetarian".to_owned()),
            ("Session 2 group".to_owned(), String::new()),
        ]
    );
    assert_eq!(p.extra_value("dietary needs"), Some("vegetarian"));
    assert_eq!(p.extra_value("missing"), None);
}

#[test]
fn header_names_ignore_case_spacing_and_spelling() {
    let import = parse(
        " ROLE ,Time Zone,Organization, Name ,E-mail,COUNTRY,city\n\
         Co Facilitator,asia/kathmandu,Lalitpur Metropolitan City,Bikash Shrestha, Bikash@Example.ORG ,Nepal,Lalitpur\n",
    );
    let p = only(&import);
    assert_eq!(p.name, "Bikash Shrestha");
    assert_eq!(p.email.as_deref(), Some("bikash@example.org"));
    assert_eq!(
        p.organisation.as_deref(),
        Some("Lalitpur Metropolitan City")
    );
    assert_eq!(p.city.as_deref(), Some("Lalitpur"));
    assert_eq!(p.country.as_deref(), Some("Nepal"));
    assert_eq!(p.time_zone.as_deref(), Some("Asia/Kathmandu"));
    assert_eq!(p.role, Role::CoFacilitator);
    assert!(p.extra.is_empty());

    for header in ["timezone", "time_zone", "TimeZone", "time-zone"] {
        let import = parse(&format!("name,{header}\nAna,Asia/Manila\n"));
        assert_eq!(
            only(&import).time_zone.as_deref(),
            Some("Asia/Manila"),
            "{header}"
        );
    }
}

#[test]
fn roles_are_read_leniently_and_default_to_participant() {
    let import = parse(
        "name,role\n\
         A,\n\
         B,Facilitator\n\
         C,co-facilitator\n\
         D,cofacilitator\n\
         E,CO FACILITATOR\n\
         F, observer \n",
    );
    assert!(import.refused.is_empty(), "{:?}", import.refused);
    let roles: Vec<Role> = import.roster.participants.iter().map(|p| p.role).collect();
    assert_eq!(
        roles,
        [
            Role::Participant,
            Role::Facilitator,
            Role::CoFacilitator,
            Role::CoFacilitator,
            Role::CoFacilitator,
            Role::Observer,
        ]
    );
    assert_eq!(Role::CoFacilitator.label(), "co-facilitator");
    assert_eq!(
        serde_json::to_string(&Role::CoFacilitator).expect("serialise"),
        "\"co-facilitator\""
    );
    let back: Role = serde_json::from_str("\"observer\"").expect("deserialise");
    assert_eq!(back, Role::Observer);
}

#[test]
fn missing_name_column_is_a_file_error() {
    let e = parse_err("Full Name,email,country\nAna,ana@example.org,Philippines\n");
    assert_eq!(e.file, "test.csv");
    assert_eq!(e.line, 1);
    assert_eq!(e.column, None);
    let shown = e.to_string();
    assert!(
        shown.starts_with("test.csv:1: the header has no `name` column"),
        "{shown}"
    );
    assert!(
        shown.contains("columns found: `Full Name`, `email`, `country`"),
        "{shown}"
    );

    // `convene roster import` stops on it: the whole message on stderr, exit code 2.
    let file = scratch_file(
        "no-name-column.csv",
        b"Full Name,email,country\nAna,ana@example.org,Philippines\n",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(["roster", "import"])
        .arg(&file)
        .output()
        .expect("convene runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = format!("{}:1: the header has no `name` column", file.display());
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(
        stderr.contains("columns found: `Full Name`, `email`, `country`"),
        "{stderr}"
    );
}

#[test]
fn whole_file_problems_are_errors() {
    let empty = parse_err("");
    assert_eq!((empty.line, empty.column.as_deref()), (1, None));
    assert!(empty.message.contains("empty"), "{empty}");
    assert!(parse_roster("test.csv", " \n\u{feff}\n").is_err());

    let twice = parse_err("name,organisation,organization\n");
    assert_eq!(twice.column.as_deref(), Some("organisation"));
    assert_eq!(
        twice.to_string(),
        "test.csv:1: column `organisation`: appears twice in the header: column 2 \
         `organisation` and column 3 `organization`; keep only one"
    );

    let utf16_as_text = parse_err("n\0a\0m\0e\0\n\0");
    assert!(utf16_as_text.message.contains("NUL"), "{utf16_as_text}");

    // A JSON file is not a roster.
    let json = parse_err("{\"participants\": []}\n");
    assert!(json.message.contains("no `name` column"), "{json}");
}

#[test]
fn unnamed_header_columns_need_no_field() {
    let import = parse(
        "name,email,,\nAna,ana@example.org\nBen,ben@example.org,,\nCy,cy@example.org,,note\n",
    );
    assert!(import.refused.is_empty(), "{:?}", import.refused);
    let extras: Vec<&Vec<(String, String)>> = import
        .roster
        .participants
        .iter()
        .map(|p| &p.extra)
        .collect();
    assert_eq!(
        extras,
        [
            &vec![],
            &vec![],
            &vec![("column 4".to_owned(), "note".to_owned())]
        ]
    );
}

#[test]
fn header_only_file_is_an_empty_roster() {
    let import = parse("name,email,organisation,city,country,time_zone,role\n");
    assert!(import.roster.is_empty());
    assert!(import.refused.is_empty());
}

#[test]
fn row_problems_name_each_column_and_the_real_line() {
    let import = parse(
        "\n\
         name,email,time_zone\n\
         \n\
         Ana,ana@@example.org,Asia/Manila\n\
         ,b@example,IST\n\
         Carla,carla@example,\n\
         Dina,dina@example.org,asia/ho chi minh\n",
    );
    assert_eq!(
        import.refused,
        vec![
            Refused {
                line: 4,
                reason: "column `email`: \"ana@@example.org\" is not an email address".to_owned(),
            },
            Refused {
                line: 5,
                reason: "column `name`: the name is empty; column `email`: \"b@example\" is not \
                         an email address; column `time_zone`: \"IST\" is not an IANA time zone \
                         name (such as Asia/Kolkata or Indian/Maldives)"
                    .to_owned(),
            },
            Refused {
                line: 6,
                reason: "column `email`: \"carla@example\" is not an email address".to_owned(),
            },
        ]
    );
    assert_eq!(import.roster.len(), 1);
    let p = &import.roster.participants[0];
    assert_eq!(p.name, "Dina");
    assert_eq!(p.time_zone.as_deref(), Some("Asia/Ho_Chi_Minh"));
}

#[test]
fn line_numbers_count_blank_lines_and_any_line_ending() {
    for newline in ["\n", "\r\n", "\r"] {
        let text = ["", "name,email", "", "", "A,a@x", "  ", "", "B,b@x", ""].join(newline);
        let import = parse(&text);
        let lines: Vec<usize> = import.refused.iter().map(|r| r.line).collect();
        assert_eq!(lines, [5, 8], "line ending {newline:?}");
    }
}

#[test]
fn rows_with_the_wrong_number_of_fields_are_refused() {
    let import = parse(
        "name,email,city\n\
         Ana,ana@example.org\n\
         Ben,ben@example.org,Cebu City,surplus\n\
         Cris,cris@example.org,Davao City,,\n\
         ,,\n\
         Dan,\"dan@example.org,Iloilo City\n\
         Eva,eva@example.org,Manila\n",
    );
    assert_eq!(
        import.refused,
        vec![
            Refused {
                line: 2,
                reason: "the row has 2 fields but the header has 3 columns: column `city` is \
                         missing"
                    .to_owned(),
            },
            Refused {
                line: 3,
                reason: "the row has 4 fields but the header has 3 columns (is a comma in a \
                         name not quoted?)"
                    .to_owned(),
            },
            Refused {
                line: 6,
                reason: "the row has 2 fields but the header has 3 columns: column `city` is \
                         missing (the row runs from line 6 to line 7: check for a quote `\"` \
                         that is not closed)"
                    .to_owned(),
            },
        ]
    );
    // Trailing empty cells beyond the header and rows of empty cells are harmless.
    let names: Vec<&str> = import
        .roster
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Cris"]);
}

#[test]
fn duplicates_by_email_or_by_name_without_email() {
    let import = parse(
        "name,email\n\
         José Rizal,jose@example.org\n\
         Jose Rizal (Pepe),\n\
         Maria Clara,\n\
         MARIA   CLARA,\n\
         Maria Clara,maria.clara@example.org\n\
         Andrés Bonifacio,andres@example.org\n\
         Andres Bonifacio,andres.b@example.org\n\
         Someone Else,JOSE@example.org\n",
    );
    assert!(import.refused.is_empty());
    assert_eq!(
        import.duplicates,
        vec![
            (3, "same name as line 2: Jose Rizal (Pepe)".to_owned()),
            (5, "same name as line 4: MARIA CLARA".to_owned()),
            (6, "same name as line 4: Maria Clara".to_owned()),
            (9, "same email as line 2: jose@example.org".to_owned()),
        ]
    );
    let names: Vec<&str> = import
        .roster
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    // Two people may share a name when their emails differ.
    assert_eq!(
        names,
        [
            "José Rizal",
            "Maria Clara",
            "Andrés Bonifacio",
            "Andres Bonifacio"
        ]
    );
}

#[test]
fn normalise_name_cases() {
    assert_eq!(normalise_name("  José   Rizal (Pepe) "), "jose rizal");
    assert_eq!(normalise_name("Santos, Maria Luisa"), "santos, maria luisa");
    assert_eq!(normalise_name("DELA PEÑA"), "dela pena");
    assert_eq!(normalise_name("Łukasz Żółć"), "lukasz zolc");
    assert_eq!(normalise_name("Straße Æsir Œuvre"), "strasse aesir oeuvre");
    assert_eq!(normalise_name("Jose\u{301}\tRizal"), "jose rizal");
    assert_eq!(
        normalise_name("Kittipong Wongsawat (กิตติพงษ์ วงศ์สวัสดิ์)"),
        "kittipong wongsawat"
    );
    assert_eq!(normalise_name("  सीता   शर्मा "), "सीता शर्मा");
    assert_eq!(normalise_name("عائشہ\u{200f} خان"), "عائشہ خان");
    assert_eq!(normalise_name("(Pepe)"), "(pepe)");
    assert_eq!(normalise_name("Rizal (Pepe) Jr"), "rizal (pepe) jr");
    assert_eq!(normalise_name(""), "");
}

#[test]
fn semicolon_separated_files_are_read() {
    let import = parse("name;email;city\n\"Santos; Maria\";maria@example.net;Iloilo City\n");
    let p = only(&import);
    assert_eq!(p.name, "Santos; Maria");
    assert_eq!(p.city.as_deref(), Some("Iloilo City"));
}

#[test]
fn non_utf8_file_is_an_error_naming_file_and_byte() {
    let path = scratch_file("latin1.csv", b"name,city\nJos\xe9 Rizal,Calamba\n");
    let e = match load_roster(&path) {
        Ok(import) => panic!("expected an error, got {import:?}"),
        Err(e) => e,
    };
    assert_eq!(e.file, path.display().to_string());
    assert_eq!(e.line, 2);
    assert!(e.message.contains("byte 13 (0xE9)"), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{}:2: ", path.display()))
    );

    let path = scratch_file("utf16.csv", b"\xff\xfen\0a\0m\0e\0");
    let e = load_roster(&path).expect_err("UTF-16 is refused");
    assert!(e.message.contains("UTF-16"), "{e}");
}

#[test]
fn unreadable_file_is_an_error_without_a_line() {
    let path = manifest_path("tests/fixtures/no-such-roster.csv");
    let e = load_roster(&path).expect_err("missing file");
    assert_eq!(e.line, 0);
    assert!(
        e.to_string()
            .starts_with(&format!("{}: cannot read", path.display())),
        "{e}"
    );
}

#[test]
fn participants_round_trip_through_json() {
    let import = load_roster(&manifest_path("assets/roster-sample.csv")).expect("sample");
    let json = serde_json::to_string(&import.roster.participants).expect("serialise");
    let back: Vec<Participant> = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, import.roster.participants);
}

proptest::proptest! {
    #[test]
    fn parsing_any_text_never_panics(text in "\\PC{0,200}", sep in "[,;\"\n\r ]{0,20}") {
        let _ = parse_roster("p.csv", &text);
        let _ = parse_roster("p.csv", &format!("name,email,role\n{sep}{text}{sep}"));
    }

    #[test]
    fn normalise_name_is_idempotent(name in "\\PC{0,40}") {
        let once = normalise_name(&name);
        proptest::prop_assert_eq!(normalise_name(&once), once);
    }
}
