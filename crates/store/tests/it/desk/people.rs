//! Organisations, users, API keys and sessions.

use meldpunt_store::{ApiKeyRow, SessionRow, Store, StoreError};

use super::fixtures::{actions, at, entry, org, seed_orgs, user};

pub async fn orgs_and_users(store: Store) {
    seed_orgs(&store).await;
    let names: Vec<String> = store
        .orgs()
        .await
        .expect("orgs")
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(names, vec!["Bank A", "Bank B", "Meldpunt"]);
    let bank = store.org("bank-a").await.expect("org");
    assert_eq!(bank, Some(org("bank-a", "Bank A", "reporter")));
    assert_eq!(store.org("nope").await.expect("org"), None);
    let again = store
        .create_org(
            &org("bank-a", "Again", "reporter"),
            &entry("org.create", "x"),
        )
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");

    let alice = user("u1", "bank-a", "Alice@Bank-A.example");
    store
        .create_user(&alice, &entry("user.create", "u1"))
        .await
        .expect("create user");
    let stored = store.user("u1").await.expect("user").expect("exists");
    assert_eq!(stored.email, "alice@bank-a.example");
    assert_eq!(stored.display_name, alice.display_name);
    let by_email = store
        .user_by_email("ALICE@bank-a.EXAMPLE")
        .await
        .expect("by email");
    assert_eq!(by_email, Some(stored.clone()));
    assert_eq!(store.user_by_email("bob@x").await.expect("none"), None);

    let duplicate = user("u2", "bank-b", "alice@BANK-A.example");
    let clash = store
        .create_user(&duplicate, &entry("user.create", "u2"))
        .await;
    assert!(matches!(clash, Err(StoreError::Conflict(_))), "{clash:?}");
    let orphan = store
        .create_user(&user("u3", "no-org", "c@x"), &entry("user.create", "u3"))
        .await;
    assert!(matches!(orphan, Err(StoreError::Conflict(_))), "{orphan:?}");
    store
        .create_user(
            &user("u4", "bank-a", "bob@bank-a.example"),
            &entry("user.create", "u4"),
        )
        .await
        .expect("second user");
    let emails: Vec<String> = store
        .users_of_org("bank-a")
        .await
        .expect("users")
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(emails, vec!["alice@bank-a.example", "bob@bank-a.example"]);
    assert!(store
        .users_of_org("bank-b")
        .await
        .expect("users")
        .is_empty());

    let status = entry("user.status", "u1");
    assert!(store
        .set_user_status("u1", "active", &status)
        .await
        .expect("status"));
    assert!(!store
        .set_user_status("nobody", "active", &status)
        .await
        .expect("status"));
    let password = entry("user.password", "u1");
    assert!(store
        .set_password_hash("u1", "new-hash", &password)
        .await
        .expect("password"));
    assert!(!store
        .set_password_hash("nobody", "h", &password)
        .await
        .expect("password"));
    let changed = store.user("u1").await.expect("user").expect("exists");
    assert_eq!(
        (changed.status.as_str(), changed.password_hash.as_str()),
        ("active", "new-hash")
    );

    // Failed and no-op writes left no entries.
    assert_eq!(
        actions(&store).await,
        vec![
            "org.create",
            "org.create",
            "org.create",
            "user.create",
            "user.create",
            "user.status",
            "user.password"
        ]
    );
}

fn key(id: &str, org_id: &str, prefix: &str, created_day: u32) -> ApiKeyRow {
    ApiKeyRow {
        id: id.into(),
        org_id: org_id.into(),
        label: format!("key {id}"),
        prefix: prefix.into(),
        secret_hash: "sha256:ff".into(),
        created_by: "u1".into(),
        created_at: at(created_day, 0),
        revoked_at: None,
    }
}

pub async fn api_keys(store: Store) {
    seed_orgs(&store).await;
    let second = key("k2", "bank-a", "mpk_bbbb2222", 3);
    let first = key("k1", "bank-a", "mpk_aaaa1111", 2);
    for k in [&second, &first, &key("k3", "bank-b", "mpk_cccc3333", 1)] {
        store
            .create_api_key(k, &entry("api_key.create", &k.id))
            .await
            .expect("create key");
    }
    let taken = store
        .create_api_key(
            &key("k4", "bank-b", "mpk_aaaa1111", 4),
            &entry("api_key.create", "k4"),
        )
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");

    assert_eq!(
        store
            .api_key_by_prefix("mpk_aaaa1111")
            .await
            .expect("lookup"),
        Some(first.clone())
    );
    assert_eq!(
        store.api_key_by_prefix("mpk_none").await.expect("lookup"),
        None
    );
    let of_a = store.api_keys_of_org("bank-a").await.expect("keys");
    assert_eq!(of_a, vec![first, second]);

    let revoke = entry("api_key.revoke", "k1");
    assert!(store
        .revoke_api_key("k1", &at(5, 0), &revoke)
        .await
        .expect("revoke"));
    assert!(!store
        .revoke_api_key("k1", &at(6, 0), &revoke)
        .await
        .expect("again"));
    assert!(!store
        .revoke_api_key("k9", &at(6, 0), &revoke)
        .await
        .expect("unknown"));
    let revoked = store
        .api_key_by_prefix("mpk_aaaa1111")
        .await
        .expect("lookup");
    assert_eq!(revoked.and_then(|k| k.revoked_at), Some(at(5, 0)));
    let logged = actions(&store).await;
    let count = |action: &str| logged.iter().filter(|a| *a == action).count();
    assert_eq!((count("api_key.create"), count("api_key.revoke")), (3, 1));
    assert!(store.verify_audit().await.expect("verify").is_intact());
}

fn session(token: &str, expires_day: u32) -> SessionRow {
    SessionRow {
        token_hash: token.into(),
        user_id: "u1".into(),
        csrf_token: format!("csrf-{token}"),
        created_at: at(1, 0),
        expires_at: at(expires_day, 0),
    }
}

pub async fn sessions_expire(store: Store) {
    seed_orgs(&store).await;
    store
        .create_user(&user("u1", "bank-a", "a@x"), &entry("user.create", "u1"))
        .await
        .expect("user");
    for s in [session("t1", 2), session("t2", 3), session("t3", 9)] {
        store.create_session(&s).await.expect("session");
    }
    let taken = store.create_session(&session("t1", 9)).await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    assert_eq!(
        store.session("t2").await.expect("get"),
        Some(session("t2", 3))
    );
    assert_eq!(store.session("nope").await.expect("get"), None);

    // Expiry is inclusive: a session that expires now is gone.
    assert_eq!(
        store
            .delete_expired_sessions(&at(3, 0))
            .await
            .expect("expire"),
        2
    );
    assert_eq!(store.session("t1").await.expect("get"), None);
    assert!(store.session("t3").await.expect("get").is_some());
    store.delete_session("t3").await.expect("delete");
    store.delete_session("t3").await.expect("delete twice");
    assert_eq!(store.session("t3").await.expect("get"), None);
}
