//! Accounts: who may create and approve whom, sign-in, sessions, API keys.

use crate::common;

use common::{World, PASSWORD};
use meldpunt_desk::{DeskError, NewUser, Role};

on_both_backends!(
    reporter_admin_approves_own_users_only,
    sign_in_failures_read_alike,
    api_keys_authenticate_until_revoked,
    roles_cannot_exceed_their_reach,
    repeated_failures_are_rate_limited,
);

fn new_user(org: &str, email: &str, role: Role) -> NewUser {
    NewUser {
        org_id: org.to_string(),
        email: email.to_string(),
        display_name: "New Colleague".to_string(),
        password: PASSWORD.to_string(),
        role,
    }
}

async fn reporter_admin_approves_own_users_only(w: World) {
    let pending = w
        .desk
        .register(new_user(&w.bank_org, "New@Bank.example", Role::Reporter))
        .await
        .expect("register");
    assert_eq!(pending.status, "pending");
    assert_eq!(pending.email, "new@bank.example");
    let refused = w.desk.login("new@bank.example", PASSWORD, None).await;
    assert!(
        matches!(refused, Err(DeskError::Unauthenticated(_))),
        "{refused:?}"
    );

    let foreign = w
        .desk
        .set_user_status(&w.bank_admin, "no-such-user", "active")
        .await;
    assert!(
        matches!(foreign, Err(DeskError::NotFound(_))),
        "{foreign:?}"
    );
    let other = w
        .desk
        .register(new_user(&w.other_org, "x@trust.example", Role::Reporter))
        .await
        .expect("register elsewhere");
    let foreign = w
        .desk
        .set_user_status(&w.bank_admin, &other.id, "active")
        .await;
    assert!(
        matches!(foreign, Err(DeskError::NotFound(_))),
        "{foreign:?}"
    );

    let approved = w
        .desk
        .set_user_status(&w.bank_admin, &pending.id, "active")
        .await
        .expect("approve");
    assert_eq!(approved.status, "active");
    let session = w
        .desk
        .login("NEW@bank.example", PASSWORD, None)
        .await
        .expect("login");
    assert_eq!(session.principal.org_id, w.bank_org);
    let (principal, csrf) = w.desk.session(&session.token).await.expect("session");
    assert_eq!(principal, session.principal);
    assert_eq!(csrf, session.csrf_token);
    w.desk.logout(&session.token).await.expect("logout");
    assert!(w.desk.session(&session.token).await.is_err());

    let duplicate = w
        .desk
        .create_user(
            &w.bank_admin,
            new_user(&w.bank_org, "new@bank.example", Role::Reporter),
        )
        .await;
    assert!(
        matches!(duplicate, Err(DeskError::Conflict(_))),
        "{duplicate:?}"
    );
    let users = w
        .desk
        .users_of_org(&w.bank_admin, &w.bank_org)
        .await
        .expect("users");
    assert!(users.iter().any(|u| u.id == pending.id));
    let foreign = w.desk.users_of_org(&w.bank_admin, &w.other_org).await;
    assert!(
        matches!(foreign, Err(DeskError::Forbidden(_))),
        "{foreign:?}"
    );
}

async fn sign_in_failures_read_alike(w: World) {
    let wrong_password = w
        .desk
        .login("reporter@bank.example", "not the password", None)
        .await;
    let unknown = w.desk.login("nobody@bank.example", PASSWORD, None).await;
    let garbage = w.desk.login("not an address", PASSWORD, None).await;
    let texts: Vec<String> = [wrong_password, unknown, garbage]
        .into_iter()
        .map(|r| r.err().map(|e| e.to_string()).unwrap_or_default())
        .collect();
    assert!(
        texts[0].contains("wrong e-mail address or password"),
        "{texts:?}"
    );
    assert!(texts.iter().all(|t| t == &texts[0]), "{texts:?}");
    assert!(w.desk.session("forged-token").await.is_err());
}

async fn api_keys_authenticate_until_revoked(w: World) {
    let (view, key) = w
        .desk
        .create_api_key(&w.bank_admin, "core banking")
        .await
        .expect("key");
    assert!(key.starts_with(&view.prefix));
    let principal = w.desk.api_key(&key).await.expect("authenticate");
    assert_eq!(principal.org_id, w.bank_org);
    assert_eq!(principal.role, Role::Reporter);

    let mut tampered = key.clone();
    tampered.pop();
    tampered.push(if key.ends_with('0') { '1' } else { '0' });
    assert!(w.desk.api_key(&tampered).await.is_err());

    let listed = w.desk.api_keys(&w.bank_admin).await.expect("list");
    assert_eq!(listed.len(), 1);
    let foreign = w.desk.revoke_api_key(&w.other_reporter, &view.id).await;
    assert!(
        matches!(foreign, Err(DeskError::Forbidden(_))),
        "{foreign:?}"
    );
    w.desk
        .revoke_api_key(&w.bank_admin, &view.id)
        .await
        .expect("revoke");
    assert!(w.desk.api_key(&key).await.is_err());
}

async fn roles_cannot_exceed_their_reach(w: World) {
    let as_reporter = w
        .desk
        .create_user(
            &w.bank_reporter,
            new_user(&w.bank_org, "a@bank.example", Role::Reporter),
        )
        .await;
    assert!(matches!(as_reporter, Err(DeskError::Forbidden(_))));
    let analyst_by_bank = w
        .desk
        .create_user(
            &w.bank_admin,
            new_user(&w.bank_org, "b@bank.example", Role::Analyst),
        )
        .await;
    assert!(matches!(analyst_by_bank, Err(DeskError::Forbidden(_))));
    let into_other_org = w
        .desk
        .create_user(
            &w.bank_admin,
            new_user(&w.other_org, "c@trust.example", Role::Reporter),
        )
        .await;
    assert!(matches!(into_other_org, Err(DeskError::Forbidden(_))));
    let viewer_in_bank = w
        .desk
        .create_user(
            &w.admin,
            new_user(&w.bank_org, "d@bank.example", Role::AuthorityViewer),
        )
        .await;
    assert!(
        matches!(viewer_in_bank, Err(DeskError::Invalid { .. })),
        "{viewer_in_bank:?}"
    );
    let short = NewUser {
        password: "short".to_string(),
        ..new_user(&w.bank_org, "e@bank.example", Role::Reporter)
    };
    assert!(matches!(
        w.desk.create_user(&w.bank_admin, short).await,
        Err(DeskError::Invalid { .. })
    ));
    assert!(w.desk.api_keys(&w.bank_reporter).await.is_err());
}

async fn repeated_failures_are_rate_limited(w: World) {
    for _ in 0..meldpunt_desk::limiter::ACCOUNT_FAILURES {
        let outcome = w
            .desk
            .login(
                "reporter@bank.example",
                "wrong password!",
                Some("192.0.2.7"),
            )
            .await;
        assert!(
            matches!(outcome, Err(DeskError::Unauthenticated(_))),
            "{outcome:?}"
        );
    }
    let limited = w
        .desk
        .login("reporter@bank.example", PASSWORD, Some("192.0.2.7"))
        .await;
    match limited {
        Err(DeskError::RateLimited { retry_after_secs }) => assert!(retry_after_secs > 0),
        other => panic!("expected a rate limit, got {other:?}"),
    }
}
