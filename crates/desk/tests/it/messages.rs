//! Message threads on reports: the filing organisation and the reporting
//! point write to each other; nobody else reads or writes, and a foreign
//! report is "not found" like a missing one. Every case runs on SQLite and
//! PostgreSQL.

use crate::common;

use common::{fixture, World};
use meldpunt_desk::{DeskError, Principal, MAX_MESSAGE_CHARS};

const MISSING: &str = "00000000-0000-4000-8000-000000000000";

on_both_backends!(
    reporter_and_reporting_point_keep_a_thread,
    threads_are_invisible_outside_the_two_parties,
    messages_are_checked_and_kept_unchanged,
);

async fn filed(w: &World, by: &Principal, name: &str) -> String {
    let ack = w.file(by, &fixture(name)).await;
    match ack.report_id {
        Some(id) => id,
        None => panic!("{name} was not filed: {:?}", ack.errors),
    }
}

async fn unread(w: &World, by: &Principal, id: &str) -> u64 {
    let counts = w
        .desk
        .unread_messages(by, &[id.to_string()])
        .await
        .expect("unread counts");
    counts.get(id).copied().unwrap_or(0)
}

async fn audit_actions(w: &World) -> Vec<String> {
    let entries = w
        .desk
        .audit_log(&w.admin, 0, 1000)
        .await
        .expect("audit log");
    entries.into_iter().map(|e| e.action).collect()
}

async fn reporter_and_reporting_point_keep_a_thread(w: World) {
    let id = filed(&w, &w.bank_reporter, "asset_freeze").await;
    assert!(w
        .desk
        .messages(&w.bank_reporter, &id)
        .await
        .expect("empty")
        .is_empty());

    let question = w
        .desk
        .post_message(&w.analyst, &id, "  Which account holds the shares?\r\n")
        .await
        .expect("analyst asks");
    assert_eq!(question.body, "Which account holds the shares?");
    assert_eq!(question.side, "reporting_point");
    assert!(question.mine);
    assert_eq!(unread(&w, &w.bank_reporter, &id).await, 1);
    assert_eq!(
        unread(&w, &w.bank_admin, &id).await,
        1,
        "each user reads for themselves"
    );
    assert_eq!(
        unread(&w, &w.analyst, &id).await,
        0,
        "own messages are not unread"
    );

    let seen = w
        .desk
        .messages(&w.bank_reporter, &id)
        .await
        .expect("thread");
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].author_name, None,
        "analysts stay anonymous to reporters"
    );
    assert!(!seen[0].mine);
    assert_eq!(unread(&w, &w.bank_reporter, &id).await, 0, "read");
    assert_eq!(unread(&w, &w.bank_admin, &id).await, 1);

    let answer = w
        .desk
        .post_message(
            &w.bank_admin,
            &id,
            "Custody account NL91 ABNA 0417 1643 00.",
        )
        .await
        .expect("colleague answers");
    assert_eq!(answer.side, "reporter");
    assert_eq!(answer.author_name.as_deref(), Some("admin@bank.example"));
    assert_eq!(unread(&w, &w.analyst, &id).await, 1);

    let thread = w.desk.messages(&w.analyst, &id).await.expect("thread");
    let bodies: Vec<&str> = thread.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, [question.body.as_str(), answer.body.as_str()]);
    assert_eq!(
        thread[0].author_name.as_deref(),
        Some("analyst@meldpunt.example"),
        "the reporting point sees who wrote"
    );
    assert!(thread[0].mine && !thread[1].mine);
    assert_eq!(unread(&w, &w.analyst, &id).await, 0);

    let actions = audit_actions(&w).await;
    assert_eq!(actions.iter().filter(|a| *a == "message.create").count(), 2);
    assert_eq!(actions.iter().filter(|a| *a == "message.read").count(), 3);
    let verification = w.desk.verify_audit(&w.admin).await.expect("verify");
    assert!(
        verification.problems.is_empty(),
        "{:?}",
        verification.problems
    );
}

fn not_found<T: std::fmt::Debug>(outcome: Result<T, DeskError>) -> String {
    match outcome {
        Err(error @ DeskError::NotFound(_)) => error.to_string(),
        other => panic!("expected not found, got {other:?}"),
    }
}

async fn threads_are_invisible_outside_the_two_parties(w: World) {
    let id = filed(&w, &w.bank_reporter, "asset_freeze").await;
    w.desk
        .post_message(&w.analyst, &id, "Please send the freeze notice.")
        .await
        .expect("analyst asks");

    let foreign = not_found(w.desk.messages(&w.other_reporter, &id).await);
    let absent = not_found(w.desk.messages(&w.other_reporter, MISSING).await);
    assert_eq!(foreign, absent, "a foreign thread reads like a missing one");
    let foreign = not_found(w.desk.post_message(&w.other_reporter, &id, "hello").await);
    let absent = not_found(
        w.desk
            .post_message(&w.other_reporter, MISSING, "hello")
            .await,
    );
    assert_eq!(foreign, absent);
    assert!(
        w.desk
            .unread_messages(&w.other_reporter, std::slice::from_ref(&id))
            .await
            .expect("counts")
            .is_empty(),
        "unread counts do not reveal another organisation's threads"
    );

    // The freeze report is routed to DNB; its viewers still take no part.
    let routed = w
        .desk
        .report(&w.dnb_viewer, &id)
        .await
        .expect("routed to DNB");
    assert!(routed.routes.iter().any(|r| r.authority == "DNB"));
    for outcome in [
        w.desk.messages(&w.dnb_viewer, &id).await.map(|_| ()),
        w.desk
            .post_message(&w.dnb_viewer, &id, "hello")
            .await
            .map(|_| ()),
    ] {
        assert!(
            matches!(outcome, Err(DeskError::Forbidden(_))),
            "{outcome:?}"
        );
    }
    let anonymous = w.desk.anonymous();
    assert!(matches!(
        w.desk.messages(&anonymous, &id).await,
        Err(DeskError::Unauthenticated(_))
    ));

    let thread = w
        .desk
        .messages(&w.bank_reporter, &id)
        .await
        .expect("thread");
    assert_eq!(thread.len(), 1, "nothing was added by the outsiders");
    let actions = audit_actions(&w).await;
    assert!(actions.iter().any(|a| a == "message.read_denied"));
    assert!(actions.iter().any(|a| a == "message.create_denied"));
}

async fn messages_are_checked_and_kept_unchanged(w: World) {
    let id = filed(&w, &w.bank_reporter, "asset_freeze").await;
    for body in [
        String::new(),
        " \n\t ".to_string(),
        "bell\u{7}".to_string(),
        "x".repeat(MAX_MESSAGE_CHARS + 1),
    ] {
        let outcome = w.desk.post_message(&w.bank_reporter, &id, &body).await;
        assert!(
            matches!(&outcome, Err(DeskError::Invalid { field, .. }) if field == "body"),
            "{outcome:?}"
        );
    }
    let longest = "x".repeat(MAX_MESSAGE_CHARS);
    w.desk
        .post_message(&w.bank_reporter, &id, &longest)
        .await
        .expect("the longest message is taken");

    // An anonymous whistleblower cannot read an answer.
    let whistle = w
        .file(&w.desk.anonymous(), &fixture("whistleblower"))
        .await
        .report_id
        .expect("whistleblower report filed");
    let outcome = w
        .desk
        .post_message(&w.analyst, &whistle, "Who are you?")
        .await;
    assert!(
        matches!(outcome, Err(DeskError::Invalid { .. })),
        "{outcome:?}"
    );

    // The thread is part of the record: the database refuses changes.
    for sql in [
        "UPDATE report_messages SET body = 'rewritten'",
        "DELETE FROM report_messages",
    ] {
        let outcome = w.desk.store().execute_raw_for_tests(sql).await;
        assert!(outcome.is_err(), "{sql} must be refused");
    }
    let thread = w.desk.messages(&w.analyst, &id).await.expect("thread");
    assert_eq!(thread.len(), 1);
    assert_eq!(thread[0].body, longest);
}
