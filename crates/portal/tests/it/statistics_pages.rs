//! `/statistics` on SQLite and PostgreSQL: figures scoped to the viewer,
//! accessible charts (SVG with title and description, a data table beside
//! each, no style attributes), the filter form's errors, and the Commission
//! export downloads.

// The shared harness names the whole cast; each test file uses part of it.
#![allow(unused_imports)]

use crate::common;

use common::cast::fixture;
use common::desk_portal::*;
use meldpunt_desk::{Channel, Payload, Submission};
use serde_json::json;

portal_on_both_backends!(
    statistics_show_charts_and_tables_in_the_viewers_scope,
    statistics_filters_and_their_errors,
    statistics_downloads_the_commission_export,
    statistics_need_a_sign_in,
);

/// Files a freeze report as `email` with one euro asset of `value` under
/// `regime`, frozen on `frozen_at`.
async fn freeze(portal: &DeskPortal, email: &str, regime: &str, value: f64, frozen_at: &str) {
    let mut body = fixture("asset_freeze");
    body["envelope"]["regimes"] = json!([regime]);
    body["assets"][0]["value"] = json!(value);
    body["assets"][0]["frozen_at"] = json!(frozen_at);
    let by = portal.principal(email).await;
    let submission = Submission {
        channel: Channel::Api,
        payload: Payload::Json(body.to_string().into_bytes()),
        idempotency_key: None,
        origin: "test".to_string(),
    };
    let ack = portal.desk.submit(&by, submission).await.expect("filed");
    assert!(ack.report_id.is_some(), "{:?}", ack.errors);
}

async fn filed(portal: &DeskPortal) {
    freeze(portal, BANK_REPORTER, "RUS", 30000.0, "2026-11-04").await;
    freeze(portal, BANK_REPORTER, "BLR", 1250.5, "2026-10-20").await;
    freeze(portal, OTHER_REPORTER, "SYR", 777.0, "2026-11-02").await;
}

async fn statistics_show_charts_and_tables_in_the_viewers_scope(portal: DeskPortal) {
    filed(&portal).await;
    let analyst = portal.signed_in(ANALYST).await;
    let page = analyst.get("/statistics").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    for dimension in [
        "regime",
        "list",
        "sector",
        "category",
        "month",
        "report_type",
    ] {
        assert!(
            body.contains(&format!(
                "aria-labelledby=\"chart-{dimension}-title chart-{dimension}-desc\""
            )),
            "chart {dimension}"
        );
        assert!(body.contains(&format!("<title id=\"chart-{dimension}-title\">")));
    }
    assert_eq!(body.matches("<caption>").count(), 6);
    // Sectors and report types in words, in the table and on the chart.
    for label in ["Trust office", "Asset freeze"] {
        assert!(
            body.contains(&format!("<th scope=\"row\">{label}</th>")),
            "{label}"
        );
        assert!(
            body.contains(&format!("{label}</text>")),
            "{label} on the chart"
        );
    }
    for code in [">trust_office<", ">ASSET_FREEZE<"] {
        assert!(!body.contains(code), "{code} shown raw");
    }
    assert!(body.contains("<th scope=\"row\">SYR</th>"));
    assert!(body.contains("€ 32027.50"), "the total over all three");
    assert!(!body.contains("style="), "no inline style");
    // The Dutch page says the same in Dutch.
    let dutch = analyst.get("/statistics?lang=nl").await;
    assert!(dutch.body.contains("Per regime"), "{}", dutch.body);
    for label in ["Trustkantoor", "Bevriezing tegoeden"] {
        assert!(
            dutch
                .body
                .contains(&format!("<th scope=\"row\">{label}</th>")),
            "{label}"
        );
    }
    assert!(!dutch.body.contains("Trust office") && !dutch.body.contains("Asset freeze"));

    let bank = portal.signed_in(BANK_REPORTER).await;
    let mine = bank.get("/statistics").await;
    assert_eq!(mine.status, 200);
    assert!(mine.body.contains("€ 31250.50"), "{}", mine.body);
    assert!(
        !mine.body.contains(">SYR<"),
        "another organisation's regime"
    );
    insta::assert_snapshot!(
        "statistics_bank_reporter",
        common::snapshot_html(&mine.body).replace(&portal.bank_org, "[org]")
    );
    let other = portal.signed_in(OTHER_REPORTER).await;
    let theirs = other.get("/statistics").await;
    assert!(theirs.body.contains("€ 777.00"));
    assert!(!theirs.body.contains(">RUS<"));
    let fiod = portal.signed_in(FIOD_VIEWER).await;
    let nothing = fiod.get("/statistics").await;
    assert_eq!(nothing.status, 200);
    assert!(!nothing.body.contains("<svg class=\"statistics-chart\""));
}

async fn statistics_filters_and_their_errors(portal: DeskPortal) {
    filed(&portal).await;
    let analyst = portal.signed_in(ANALYST).await;
    let blr = analyst.get("/statistics?regime=blr").await;
    assert!(blr.body.contains("€ 1250.50"), "{}", blr.body);
    assert!(!blr.body.contains(">RUS<"));
    let november = analyst
        .get("/statistics?from=2026-11-01&to=2026-11-30")
        .await;
    assert!(november.body.contains("€ 30777.00"), "{}", november.body);
    assert!(november
        .body
        .contains("href=\"/statistics/commission-export.csv?from=2026-11-01&amp;to=2026-11-30\""));

    let wrong = analyst.get("/statistics?from=4-11-2026").await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("class=\"error-summary\""));
    assert!(wrong.body.contains("href=\"#from\""));
    assert!(wrong.body.contains("aria-describedby=\"from-error\""));
    let reversed = analyst
        .get("/statistics?from=2026-12-01&to=2026-11-01")
        .await;
    assert_eq!(reversed.status, 422);
    assert!(reversed.body.contains("href=\"#to\""));
}

async fn statistics_downloads_the_commission_export(portal: DeskPortal) {
    filed(&portal).await;
    let analyst = portal.signed_in(ANALYST).await;
    let csv = analyst
        .get("/statistics/commission-export.csv?from=2026-10-01&to=2026-11-30")
        .await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    let disposition = csv
        .headers
        .get("content-disposition")
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        disposition,
        Some("attachment; filename=\"commission-export-NL-2026-10-01-2026-11-30.csv\"")
    );
    let regimes: Vec<&str> = csv
        .body
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(3))
        .collect();
    assert_eq!(regimes, ["BLR", "RUS", "SYR"]);
    let json = analyst.get("/statistics/commission-export.json").await;
    let export: serde_json::Value = serde_json::from_str(&json.body).expect("JSON");
    assert_eq!(export["member_state"], "NL");
    assert_eq!(export["rows"].as_array().map(Vec::len), Some(3));

    let other = portal.signed_in(OTHER_REPORTER).await;
    let theirs = other.get("/statistics/commission-export.json").await;
    let export: serde_json::Value = serde_json::from_str(&theirs.body).expect("JSON");
    assert_eq!(export["rows"].as_array().map(Vec::len), Some(1), "own only");
    assert_eq!(export["rows"][0]["regime"], "SYR");
}

async fn statistics_need_a_sign_in(portal: DeskPortal) {
    let anonymous = portal.browser();
    for uri in ["/statistics", "/statistics/commission-export.csv"] {
        let page = anonymous.get(uri).await;
        assert_eq!(page.status, 303, "{uri}");
        let location = page
            .headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(location.starts_with("/login"), "{location}");
    }
}
