//! The README's main command: the demo imports two versions of the project's
//! demo list and shows their diff.

use crate::common;

use common::{Backend, TestDb};

#[test]
fn demo_imports_two_versions_and_diffs_them() {
    let Some(db) = TestDb::new(Backend::Sqlite) else {
        return;
    };
    let out = db.ok(&["demo"]);
    assert!(out.contains("meldpunt-demo: version 1"), "{out}");
    assert!(out.contains("meldpunt-demo: version 2"), "{out}");
    assert!(out.contains("added 2, removed 1, changed 1"), "{out}");
    assert!(
        out.contains("+ demo-10 [Person] Sergei Viktorovich KOVALENKO"),
        "{out}"
    );
    assert!(
        out.contains("- demo-4 [Person] Pieter VAN DER MEULEN"),
        "{out}"
    );
    // Running it again changes nothing.
    let again = db.ok(&["demo"]);
    assert!(again.contains("already imported"), "{again}");
    assert!(again.contains("added 2, removed 1, changed 1"), "{again}");
    let listing = db.ok(&["lists", "ls", "--source", "meldpunt-demo"]);
    assert_eq!(listing.lines().count(), 3, "{listing}");
}
