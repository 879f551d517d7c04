//! The cases every backend must pass.

use meldpunt_model::{CountryRole, Entity, Name, NameKind, Schema};
use meldpunt_store::{NewVersion, SourceFile, Store, StoreError, VersionInfo};
use std::collections::BTreeMap;
use std::time::Instant;

fn named(id: &str, schema: Schema, name: &str) -> Entity {
    let mut entity = Entity::new(id, schema);
    entity.add_name(Name::new(name, NameKind::Primary));
    entity
}

fn person(id: &str, name: &str) -> Entity {
    named(id, Schema::Person, name)
}

fn canonical(entity: &Entity) -> Entity {
    let mut entity = entity.clone();
    entity.canonicalize();
    entity
}

fn new_version(source: &str) -> NewVersion {
    let files = vec![SourceFile::from_bytes("list.xml", source.as_bytes())];
    NewVersion::from_files(source, "test-xml", Some("2024-05-01".to_string()), files)
}

async fn import(store: &Store, source: &str, entities: &[Entity]) -> VersionInfo {
    let mut import = store
        .begin_import(new_version(source))
        .await
        .expect("begin");
    for entity in entities {
        import.add(entity).await.expect("add");
    }
    import.commit(Vec::new()).await.expect("commit")
}

fn people(count: usize, prefix: &str) -> Vec<Entity> {
    (0..count)
        .map(|i| person(&format!("{prefix}{i:05}"), &format!("Person {i}")))
        .collect()
}

async fn all_ids(store: &Store, version: i64) -> Vec<String> {
    let entities = store
        .entities(version, None, 100_000)
        .await
        .expect("entities");
    entities.into_iter().map(|e| e.id).collect()
}

pub async fn import_commit_and_counts(store: Store) {
    let entities = vec![
        person("p1", "John Doe"),
        person("p2", "Jane Roe"),
        person("p3", "Max Mustermann"),
        named("c1", Schema::Company, "Acme Ltd"),
        named("c2", Schema::Company, "Globex"),
    ];
    let mut import = store.begin_import(new_version("ofac-sdn")).await.unwrap();
    for entity in &entities {
        import.add(entity).await.unwrap();
    }
    let version = import.commit(vec!["odd date".to_string()]).await.unwrap();

    assert_eq!(version.source, "ofac-sdn");
    assert_eq!(version.format, "test-xml");
    assert_eq!(version.published.as_deref(), Some("2024-05-01"));
    assert_eq!(version.entity_count, 5);
    let counts: BTreeMap<String, u64> =
        [("Company".to_string(), 2), ("Person".to_string(), 3)].into();
    assert_eq!(version.counts_by_schema, counts);
    assert_eq!(version.warnings, ["odd date"]);
    assert_eq!(version.files.len(), 1);
    assert_eq!(version.sha256, version.files[0].sha256);
    assert_eq!(version.delta_of, None);

    assert_eq!(store.version(version.id).await.unwrap(), version);
    let latest = store.latest_version("ofac-sdn").await.unwrap();
    assert_eq!(latest, Some(version.clone()));
    let stored = store.entity(version.id, "p1").await.unwrap();
    assert_eq!(stored, Some(canonical(&entities[0])));
}

pub async fn rollback_on_drop(store: Store) {
    let before = import(&store, "un-sc", &people(3, "kept")).await;
    {
        // More than one batch, so rows really reach the database first.
        let mut import = store.begin_import(new_version("un-sc")).await.unwrap();
        for entity in people(2500, "gone") {
            import.add(&entity).await.unwrap();
        }
    }
    let mut import = store.begin_import(new_version("un-sc")).await.unwrap();
    import.add(&person("x", "Explicit")).await.unwrap();
    import.rollback().await.unwrap();

    let versions = store.versions(None).await.unwrap();
    assert_eq!(versions, [before]);
    let stats = store.stats().await.unwrap();
    assert_eq!((stats.versions, stats.blobs, stats.memberships), (1, 3, 3));
}

pub async fn duplicate_entity_in_one_import(store: Store) {
    let mut import = store.begin_import(new_version("eu-fsf")).await.unwrap();
    import.add(&person("p1", "John Doe")).await.unwrap();
    let error = import.add(&person("p1", "Johnny Doe")).await.unwrap_err();
    assert!(matches!(&error, StoreError::DuplicateEntity(id) if id == "p1"));
    assert_eq!(error.to_string(), "entity p1 was added twice in one import");
    import.add(&person("p2", "Jane Roe")).await.unwrap();
    let version = import.commit(Vec::new()).await.unwrap();
    assert_eq!(version.entity_count, 2);
    let stored = store.entity(version.id, "p1").await.unwrap().unwrap();
    assert_eq!(stored.caption(), "John Doe");
}

pub async fn versions_newest_first(store: Store) {
    let a1 = import(&store, "a", &people(2, "a")).await;
    let b1 = import(&store, "b", &people(1, "b")).await;
    let a2 = import(&store, "a", &people(3, "a")).await;

    let all: Vec<i64> = store
        .versions(None)
        .await
        .unwrap()
        .iter()
        .map(|v| v.id)
        .collect();
    assert_eq!(all, [a2.id, b1.id, a1.id]);
    let of_a: Vec<i64> = store
        .versions(Some("a"))
        .await
        .unwrap()
        .iter()
        .map(|v| v.id)
        .collect();
    assert_eq!(of_a, [a2.id, a1.id]);
    assert_eq!(store.latest_version("a").await.unwrap(), Some(a2.clone()));
    assert_eq!(store.latest_version("nope").await.unwrap(), None);

    let sources = store.sources().await.unwrap();
    let summary: Vec<(&str, u64, i64)> = sources
        .iter()
        .map(|s| (s.source.as_str(), s.versions, s.latest.id))
        .collect();
    assert_eq!(summary, [("a", 2, a2.id), ("b", 1, b1.id)]);

    let missing = store.version(9999).await.unwrap_err();
    assert_eq!(missing.to_string(), "no version 9999");
    // Older versions stay readable.
    assert_eq!(all_ids(&store, a1.id).await, ["a00000", "a00001"]);
}

pub async fn entities_paging(store: Store) {
    let mut entities = people(25, "e");
    // Bytewise order: upper case before lower case before non-ASCII.
    for id in ["b", "B", "_x", "é", "Z"] {
        entities.push(person(id, "Odd Id"));
    }
    entities.reverse();
    let version = import(&store, "paging", &entities).await;

    let mut ids = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = store
            .entities(version.id, after.as_deref(), 10)
            .await
            .unwrap();
        if page.is_empty() {
            break;
        }
        pages += 1;
        after = page.last().map(|e| e.id.clone());
        ids.extend(page.into_iter().map(|e| e.id));
    }
    assert_eq!(pages, 3);
    let mut expected: Vec<String> = entities.iter().map(|e| e.id.clone()).collect();
    expected.sort();
    assert_eq!(ids, expected);

    assert_eq!(
        store
            .entity(version.id, "e00003")
            .await
            .unwrap()
            .unwrap()
            .id,
        "e00003"
    );
    assert_eq!(store.entity(version.id, "nope").await.unwrap(), None);
    assert_eq!(store.entity(version.id + 1, "e00003").await.unwrap(), None);
}

pub async fn content_dedup(store: Store) {
    let first = people(100, "p");
    let mut second = first.clone();
    second[7].add_country(CountryRole::Nationality, "nl");
    second.push(person("p-new", "Newcomer"));
    let v1 = import(&store, "dedup", &first).await;
    let v2 = import(&store, "dedup", &second).await;

    let stats = store.stats().await.unwrap();
    assert_eq!(
        (stats.versions, stats.blobs, stats.memberships),
        (2, 102, 201)
    );

    let h1 = store.entity_hashes(v1.id).await.unwrap();
    let h2 = store.entity_hashes(v2.id).await.unwrap();
    assert_eq!(h1.len(), 100);
    assert_eq!(h2.len(), 101);
    let same = h1
        .iter()
        .filter(|(id, hash)| h2.get(*id) == Some(hash))
        .count();
    assert_eq!(same, 99);
    assert_eq!(h1["p00000"], first[0].content_hash());
}

pub async fn diff_added_removed_changed(store: Store) {
    let mut moved = person("p1", "John Doe");
    moved.add_country(CountryRole::Nationality, "nl");
    let mut relabelled = person("p5", "Anna Lang");
    let before = vec![
        moved.clone(),
        person("p2", "Jane Roe"),
        person("p3", "Gone Person"),
        relabelled.clone(),
    ];
    moved.countries.clear();
    moved.add_country(CountryRole::Nationality, "be");
    // A different hash but the same field view: not a change users see.
    relabelled.names[0].lang = Some("en".to_string());
    let after = vec![
        moved,
        person("p2", "Jane Roe"),
        named("c4", Schema::Company, "New Corp"),
        relabelled,
    ];
    let v1 = import(&store, "diffs", &before).await;
    let v2 = import(&store, "diffs", &after).await;

    let diff = store.diff_versions(v1.id, v2.id).await.unwrap();
    assert_eq!((diff.from.id, diff.to.id), (v1.id, v2.id));
    let added: Vec<(&str, &str, &str)> = diff
        .added
        .iter()
        .map(|s| (s.id.as_str(), s.schema.as_str(), s.caption.as_str()))
        .collect();
    assert_eq!(added, [("c4", "Company", "New Corp")]);
    let removed: Vec<&str> = diff.removed.iter().map(|s| s.caption.as_str()).collect();
    assert_eq!(removed, ["Gone Person"]);
    assert_eq!(diff.changed.len(), 1);
    let change = &diff.changed[0];
    assert_eq!(change.id, "p1");
    assert_eq!(change.fields.len(), 1);
    assert_eq!(change.fields[0].field, "nationality");
    assert_eq!(change.fields[0].added, ["be"]);
    assert_eq!(change.fields[0].removed, ["nl"]);

    let back = store.diff_versions(v2.id, v1.id).await.unwrap();
    assert_eq!(back.added.len(), 1);
    assert_eq!(back.removed.len(), 1);
    assert_eq!(back.changed[0].fields[0].added, ["nl"]);
}

pub async fn delta_import(store: Store) {
    let v1 = import(&store, "delta", &people(3, "p")).await;
    let other = import(&store, "elsewhere", &people(1, "o")).await;

    let mut import = store.begin_import(new_version("delta")).await.unwrap();
    let error = import.copy_from(other.id).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("version {} is of source elsewhere, not delta", other.id)
    );
    assert!(matches!(
        import.copy_from(9999).await,
        Err(StoreError::NoVersion(9999))
    ));
    import.copy_from(v1.id).await.unwrap();
    assert!(matches!(
        import.copy_from(v1.id).await,
        Err(StoreError::AlreadyCopied(_))
    ));
    import.remove("p00001").await.unwrap();
    import.remove("never-there").await.unwrap();
    let mut updated = person("p00000", "Person 0");
    updated.add_country(CountryRole::Nationality, "fr");
    import.add(&updated).await.unwrap();
    import.add(&person("p-new", "Newcomer")).await.unwrap();
    let v2 = import.commit(Vec::new()).await.unwrap();

    assert_eq!(v2.delta_of, Some(v1.id));
    assert_eq!(v2.entity_count, 3);
    assert_eq!(all_ids(&store, v2.id).await, ["p-new", "p00000", "p00002"]);
    assert_eq!(
        store.entity(v2.id, "p00000").await.unwrap(),
        Some(canonical(&updated))
    );
    // The base version is untouched.
    assert_eq!(all_ids(&store, v1.id).await, ["p00000", "p00001", "p00002"]);

    let diff = store.diff_versions(v1.id, v2.id).await.unwrap();
    let ids = |list: &[meldpunt_store::EntitySummary]| -> Vec<String> {
        list.iter().map(|s| s.id.clone()).collect()
    };
    assert_eq!(ids(&diff.added), ["p-new"]);
    assert_eq!(ids(&diff.removed), ["p00001"]);
    assert_eq!(diff.changed.len(), 1);

    let mut late = store.begin_import(new_version("delta")).await.unwrap();
    late.add(&person("x", "X")).await.unwrap();
    assert!(matches!(
        late.copy_from(v2.id).await,
        Err(StoreError::CopyAfterChanges)
    ));
}

pub async fn diff_across_sources_rejected(store: Store) {
    let ofac = import(&store, "ofac-sdn", &people(2, "o")).await;
    let un = import(&store, "un-sc", &people(2, "u")).await;
    let error = store.diff_versions(un.id, ofac.id).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("version {} is of source ofac-sdn, not un-sc", ofac.id)
    );
    assert!(matches!(
        store.diff_versions(un.id, 9999).await,
        Err(StoreError::NoVersion(9999))
    ));
}

pub async fn fetch_state_upsert(store: Store) {
    let url = "https://example.org/sdn.xml";
    assert_eq!(store.fetch_state(url).await.unwrap(), None);
    let first = store
        .set_fetch_state(
            url,
            Some("\"abc\""),
            Some("Wed, 01 May 2024 10:00:00 GMT"),
            "aa",
        )
        .await
        .unwrap();
    assert_eq!(store.fetch_state(url).await.unwrap(), Some(first.clone()));
    let second = store.set_fetch_state(url, None, None, "bb").await.unwrap();
    assert_eq!(second.etag, None);
    assert_eq!(second.last_modified, None);
    assert_eq!(second.sha256.as_deref(), Some("bb"));
    assert!(second.fetched_at >= first.fetched_at);
    assert_eq!(store.fetch_state(url).await.unwrap(), Some(second));
    assert_eq!(store.fetch_state("https://other").await.unwrap(), None);
}

pub async fn readers_while_importing(store: Store) {
    let v1 = import(&store, "busy", &people(50, "old")).await;
    let mut import = store.begin_import(new_version("busy")).await.unwrap();
    for entity in people(2500, "new") {
        import.add(&entity).await.unwrap();
    }
    // The import holds its transaction open with rows written; readers on
    // other connections neither block nor see the uncommitted version.
    let readers = (0..3).map(|_| {
        let store = store.clone();
        tokio::spawn(async move {
            let versions = store.versions(Some("busy")).await.unwrap();
            let hashes = store.entity_hashes(versions[0].id).await.unwrap();
            let page = store.entities(versions[0].id, None, 10).await.unwrap();
            (versions.len(), hashes.len(), page.len())
        })
    });
    for reader in readers.collect::<Vec<_>>() {
        assert_eq!(reader.await.unwrap(), (1, 50, 10));
    }
    let v2 = import.commit(Vec::new()).await.unwrap();
    assert_eq!(v2.entity_count, 2500);
    let ids: Vec<i64> = store
        .versions(None)
        .await
        .unwrap()
        .iter()
        .map(|v| v.id)
        .collect();
    assert_eq!(ids, [v2.id, v1.id]);
}

fn synthetic(i: usize) -> Entity {
    let mut entity = person(&format!("ent-{i:06}"), &format!("Synthetic Person {i}"));
    entity.add_name(Name::new(format!("Alias {i}"), NameKind::Alias));
    entity.add_country(CountryRole::Nationality, "nl");
    entity.add_property("notes", format!("Listed for reason number {i}"));
    entity.add_property("position", "Director");
    entity
}

pub async fn throughput(store: Store) {
    let entities: Vec<Entity> = (0..10_000).map(synthetic).collect();
    let started = Instant::now();
    let version = import(&store, "bench", &entities).await;
    let first = started.elapsed();
    let started = Instant::now();
    import(&store, "bench", &entities).await;
    let again = started.elapsed();
    let started = Instant::now();
    let diff = store
        .diff_versions(version.id, version.id + 1)
        .await
        .unwrap();
    let diffed = started.elapsed();
    assert!(diff.changed.is_empty());
    eprintln!(
        "{}: 10k entities: first import {:.0}/s ({first:?}), unchanged re-import {:.0}/s ({again:?}), diff {diffed:?}",
        store.backend(),
        10_000.0 / first.as_secs_f64(),
        10_000.0 / again.as_secs_f64(),
    );
}
