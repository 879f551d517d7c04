//! Signing in and out, sessions, CSRF bound to the session, the sign-in
//! rate limit, navigation by role, and the reporter-admin's organisation
//! page, on SQLite and PostgreSQL.

use crate::common;

use common::cast::PASSWORD;
use common::desk_portal::*;

const SESSION: &str = "__Host-meldpunt-session";

async fn signing_in_sets_a_secure_session_cookie_and_lands_by_role(portal: DeskPortal) {
    let browser = portal.browser();
    let page = browser.login(BANK_REPORTER, PASSWORD).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.headers["location"], "/reports");
    let cookie = page
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with(SESSION))
        .expect("session cookie");
    for attribute in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(
        !cookie.contains("Domain="),
        "__Host- cookies have no Domain"
    );
    let analyst = portal.browser();
    let page = analyst.login(ANALYST, PASSWORD).await;
    assert_eq!(page.headers["location"], "/triage");
}

async fn navigation_follows_the_role(portal: DeskPortal) {
    let anonymous = portal.browser().get("/").await;
    assert!(anonymous.body.contains("href=\"/login?next=%2F\""));
    assert!(!anonymous.body.contains("href=\"/reports/new\""));
    let reporter = portal.signed_in(BANK_REPORTER).await.get("/").await;
    assert!(reporter.body.contains("href=\"/reports/new\""));
    assert!(!reporter.body.contains("href=\"/triage\""));
    assert!(!reporter.body.contains("href=\"/organisation\""));
    assert!(reporter.body.contains("action=\"/logout\""));
    let admin = portal.signed_in(BANK_ADMIN).await.get("/").await;
    assert!(admin.body.contains("href=\"/organisation\""));
    let analyst = portal.signed_in(ANALYST).await.get("/?lang=nl").await;
    assert!(analyst.body.contains("href=\"/triage\""));
    assert!(!analyst.body.contains("href=\"/reports/new\""));
    assert!(analyst.body.contains("Ingelogd als analist"));
}

async fn a_wrong_password_reads_like_an_unknown_account(portal: DeskPortal) {
    let browser = portal.browser();
    let wrong = browser.login(BANK_REPORTER, "not the password").await;
    let unknown = browser.login("nobody@bank.example", PASSWORD).await;
    assert_eq!(wrong.status, 401);
    assert_eq!(unknown.status, 401);
    assert!(wrong
        .body
        .contains("The e-mail address or password is wrong."));
    assert!(unknown
        .body
        .contains("The e-mail address or password is wrong."));
    assert!(browser.cookie(SESSION).is_none());
    // The form keeps the address typed, never the password.
    assert!(wrong.body.contains("value=\"reporter@bank.example\""));
    assert!(!wrong.body.contains("not the password"));
}

async fn sign_in_is_rate_limited_per_account(portal: DeskPortal) {
    let browser = portal.browser();
    for _ in 0..5 {
        let page = browser.login(BANK_ADMIN, "wrong password here").await;
        assert_eq!(page.status, 401);
    }
    let page = browser.login(BANK_ADMIN, PASSWORD).await;
    assert_eq!(page.status, 429, "{}", page.body);
    let retry: u64 = page.headers["retry-after"]
        .to_str()
        .expect("ASCII")
        .parse()
        .expect("seconds");
    assert!(retry > 0 && retry <= 15 * 60);
    assert!(browser.cookie(SESSION).is_none());
    // Another account from the same browser is not locked out.
    let other = portal.browser().login(BANK_REPORTER, PASSWORD).await;
    assert_eq!(other.status, 303);
}

async fn signing_out_ends_the_session_on_the_server(portal: DeskPortal) {
    let browser = portal.signed_in(BANK_ADMIN).await;
    let stolen = browser.cookie(SESSION).expect("session");
    assert_eq!(browser.get("/organisation").await.status, 200);
    let page = browser.post_form("/logout", &[]).await;
    assert_eq!(page.status, 303);
    assert!(browser.cookie(SESSION).is_none());
    // The old token no longer works, even if someone kept it.
    let replay = portal.browser();
    replay.set_cookie(SESSION, &stolen);
    let page = replay.get("/organisation").await;
    assert_eq!(page.status, 303);
    assert!(page.headers["location"]
        .to_str()
        .expect("ASCII")
        .starts_with("/login"));
}

async fn a_form_token_from_before_sign_in_is_refused_after_it(portal: DeskPortal) {
    let browser = portal.browser();
    browser.get("/login").await;
    let before = browser.token().expect("login form token");
    browser.login(BANK_ADMIN, PASSWORD).await;
    let page = browser
        .post_raw(
            "/organisation/keys",
            &[("csrf", before.as_str()), ("key-label", "ERP")],
        )
        .await;
    assert_eq!(page.status, 403);
    // With the session's own token the same form works.
    browser.get("/organisation").await;
    let page = browser
        .post_form("/organisation/keys", &[("key-label", "ERP")])
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("mpk_"));
}

async fn pages_ask_for_sign_in_and_come_back(portal: DeskPortal) {
    let page = portal.browser().get("/organisation").await;
    assert_eq!(page.status, 303);
    assert_eq!(page.headers["location"], "/login?next=%2Forganisation");
    let browser = portal.browser();
    browser.get("/login?next=%2Forganisation").await;
    let page = browser
        .post_form(
            "/login",
            &[
                ("email", BANK_ADMIN),
                ("password", PASSWORD),
                ("next", "/organisation"),
            ],
        )
        .await;
    assert_eq!(page.headers["location"], "/organisation");
    // Signed in now: the sign-in form's old token is bound to no session.
    browser.get("/login").await;
    let page = browser
        .post_form(
            "/login",
            &[
                ("email", BANK_ADMIN),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(page.headers["location"], "/reports");
}

async fn only_reporter_admins_manage_their_organisation(portal: DeskPortal) {
    for email in [BANK_REPORTER, ANALYST, DNB_VIEWER] {
        let page = portal.signed_in(email).await.get("/organisation").await;
        assert_eq!(page.status, 403, "{email}");
    }
    let bank = portal.signed_in(BANK_ADMIN).await;
    let page = bank.get("/organisation").await;
    assert!(page.body.contains(BANK_REPORTER));
    assert!(!page.body.contains(OTHER_REPORTER));
}

async fn a_reporter_admin_adds_approves_and_disables_users(portal: DeskPortal) {
    let bank = portal.signed_in(BANK_ADMIN).await;
    bank.get("/organisation").await;
    let page = bank
        .post_form(
            "/organisation/users",
            &[
                ("new-display_name", "Nieuwe Collega"),
                ("new-email", "new@bank.example"),
                ("new-password", PASSWORD),
                ("role", "reporter"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let newcomer = portal.browser().login("new@bank.example", PASSWORD).await;
    assert_eq!(newcomer.status, 303);
    // A short password is refused next to the field.
    bank.get("/organisation").await;
    let page = bank
        .post_form(
            "/organisation/users",
            &[
                ("new-display_name", "Kort"),
                ("new-email", "short@bank.example"),
                ("new-password", "short"),
                ("role", "reporter"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("id=\"new-password-error\""));
    // Disable the reporter: their sign-in stops working.
    let reporter = portal.principal(BANK_REPORTER).await;
    let user_id = reporter.user_id().expect("user").to_string();
    bank.get("/organisation").await;
    let page = bank
        .post_form(
            &format!("/organisation/users/{user_id}/status"),
            &[("status", "disabled")],
        )
        .await;
    assert_eq!(page.status, 303);
    let page = portal.browser().login(BANK_REPORTER, PASSWORD).await;
    assert_eq!(page.status, 401);
}

async fn another_organisations_users_and_keys_are_not_found(portal: DeskPortal) {
    let other_reporter = portal.principal(OTHER_REPORTER).await;
    let foreign_user = other_reporter.user_id().expect("user").to_string();
    let bank = portal.signed_in(BANK_ADMIN).await;
    bank.get("/organisation").await;
    let foreign = bank
        .post_form(
            &format!("/organisation/users/{foreign_user}/status"),
            &[("status", "disabled")],
        )
        .await;
    let missing = bank
        .post_form(
            "/organisation/users/no-such-user/status",
            &[("status", "disabled")],
        )
        .await;
    assert_eq!(foreign.status, 404);
    assert_eq!(missing.status, 404);
    assert_eq!(foreign.body, missing.body);
    // The trust office's key cannot be revoked by the bank.
    let other_admin = portal.principal(OTHER_ADMIN).await;
    let (key, _) = portal
        .desk
        .create_api_key(&other_admin, "trust ERP")
        .await
        .expect("key");
    let page = bank
        .post_form(&format!("/organisation/keys/{}/revoke", key.id), &[])
        .await;
    assert_eq!(page.status, 404);
    let keys = portal.desk.api_keys(&other_admin).await.expect("keys");
    assert!(keys.iter().all(|k| k.revoked_at.is_none()));
}

portal_on_both_backends!(
    signing_in_sets_a_secure_session_cookie_and_lands_by_role,
    navigation_follows_the_role,
    a_wrong_password_reads_like_an_unknown_account,
    sign_in_is_rate_limited_per_account,
    signing_out_ends_the_session_on_the_server,
    a_form_token_from_before_sign_in_is_refused_after_it,
    pages_ask_for_sign_in_and_come_back,
    only_reporter_admins_manage_their_organisation,
    a_reporter_admin_adds_approves_and_disables_users,
    another_organisations_users_and_keys_are_not_found,
);
