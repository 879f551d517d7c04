//! Frozen-asset statistics and the Commission export over the API: every
//! role sees figures over exactly its scope, and the figures equal what
//! this test adds up itself from the reports it files. Both backends.

use crate::desk_app;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use desk_app::{fixture, DeskApp};
use serde_json::{json, Value};

on_both_backends!(
    the_reporting_point_counts_every_freeze_report,
    reporters_count_only_their_own_organisation,
    authority_viewers_count_only_what_was_routed_to_them,
    filters_and_grouping,
    bad_queries_are_refused,
    the_commission_export_in_json_and_csv,
    statistics_reads_are_audited,
);

/// One asset of a fixture report: category, kind, currency, value, frozen_at.
type AssetSpec = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<f64>,
    &'static str,
);

/// A freeze report this test files, and what it expects to be counted.
struct Filed {
    bank: bool,
    regimes: &'static [&'static str],
    /// (kind, name, list entry)
    subject: (&'static str, &'static str, &'static str),
    assets: &'static [AssetSpec],
}

const FILED: [Filed; 3] = [
    Filed {
        bank: true,
        regimes: &["RUS"],
        subject: ("entity", "OOO Primer", "EU.77.1"),
        assets: &[
            (
                "funds",
                "bank_account",
                Some("EUR"),
                Some(30000.0),
                "2026-11-04",
            ),
            (
                "economic_resources",
                "real_estate",
                Some("USD"),
                Some(500000.0),
                "2026-11-05",
            ),
        ],
    },
    Filed {
        bank: true,
        regimes: &["BLR"],
        subject: ("person", "Ivan Petrovich Sidorov", "EU.12.3"),
        assets: &[
            ("funds", "cash", Some("EUR"), Some(1250.5), "2026-10-20"),
            ("funds", "securities", None, None, "2026-10-21"),
        ],
    },
    Filed {
        bank: false,
        regimes: &["RUS"],
        subject: ("entity", "OOO Primer", "EU.77.1"),
        assets: &[(
            "funds",
            "bank_account",
            Some("EUR"),
            Some(10000.25),
            "2026-11-01",
        )],
    },
];

fn report_json(filed: &Filed) -> Value {
    let mut report = fixture("asset_freeze");
    let envelope = &mut report["envelope"];
    envelope["regimes"] = json!(filed.regimes);
    if !filed.bank {
        // Declared as an exporter: routed to DFEI, not to DNB.
        envelope["reporter"] = json!({"name": "Andere Trust B.V.", "sector": "exporter"});
    }
    let (kind, name, entry) = filed.subject;
    report["subjects"] = json!([{"kind": kind, "names": [name],
        "list_match": {"list": "eu_fsf", "entry_id": entry, "status": "confirmed"}}]);
    let assets: Vec<Value> = filed
        .assets
        .iter()
        .map(|(category, kind, currency, value, frozen_at)| {
            let mut asset = json!({"category": category, "kind": kind, "frozen_at": frozen_at});
            if let Some(currency) = currency {
                asset["currency"] = json!(currency);
            }
            if let Some(value) = value {
                asset["value"] = json!(value);
            }
            asset
        })
        .collect();
    report["assets"] = json!(assets);
    report
}

/// Files the three freeze reports, and a potential hit that statistics
/// must leave out.
async fn file_all(app: &DeskApp) {
    for filed in &FILED {
        let token = if filed.bank {
            &app.bank_key
        } else {
            &app.other_key
        };
        app.file(token, &report_json(filed)).await;
    }
    app.file(&app.bank_key, &fixture("potential_hit")).await;
}

/// What the test expects over the reports `keep` selects, added up here.
#[derive(Debug, Default, PartialEq)]
struct Expected {
    reports: u64,
    assets: u64,
    eur: f64,
    others: BTreeMap<String, f64>,
    unvalued: u64,
}

fn expected(keep: impl Fn(&Filed, &AssetSpec) -> bool) -> Expected {
    let mut out = Expected::default();
    for filed in &FILED {
        let mut counted = false;
        for asset in filed.assets.iter().filter(|a| keep(filed, a)) {
            counted = true;
            out.assets += 1;
            match (asset.2, asset.3) {
                (Some("EUR"), Some(v)) => out.eur += v,
                (Some(c), Some(v)) => *out.others.entry(c.to_string()).or_default() += v,
                _ => out.unvalued += 1,
            }
        }
        out.reports += u64::from(counted);
    }
    out
}

fn figures(value: &Value) -> Expected {
    let others = value["other_currencies"]
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_f64().unwrap_or(f64::NAN)))
                .collect()
        })
        .unwrap_or_default();
    Expected {
        reports: value["reports"].as_u64().unwrap_or(u64::MAX),
        assets: value["assets"].as_u64().unwrap_or(u64::MAX),
        eur: value["value_eur"].as_f64().unwrap_or(f64::NAN),
        others,
        unvalued: value["unvalued_assets"].as_u64().unwrap_or(u64::MAX),
    }
}

fn group<'a>(stats: &'a Value, dimension: &str, key: &str) -> &'a Value {
    let breakdown = stats["breakdowns"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["dimension"] == dimension));
    breakdown
        .and_then(|b| b["groups"].as_array())
        .and_then(|g| g.iter().find(|g| g["key"] == key))
        .unwrap_or(&Value::Null)
}

const STATS: &str = "/api/v1/statistics/frozen-assets";

async fn stats(app: &DeskApp, token: &str, query: &str) -> Value {
    let reply = app.get(&format!("{STATS}{query}"), token).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json
}

async fn the_reporting_point_counts_every_freeze_report(app: DeskApp) {
    file_all(&app).await;
    for token in [&app.analyst, &app.admin] {
        let all = stats(&app, token, "").await;
        assert_eq!(figures(&all["totals"]), expected(|_, _| true));
        assert_eq!(all["scope"]["kind"], "all");
        let rus = group(&all, "regime", "RUS");
        assert_eq!(figures(rus), expected(|f, _| f.regimes.contains(&"RUS")));
        let bank = group(&all, "sector", "bank");
        assert_eq!(figures(bank), expected(|f, _| f.bank));
        let trust = group(&all, "sector", "trust_office");
        assert_eq!(
            figures(trust),
            expected(|f, _| !f.bank),
            "registered sector"
        );
        let funds = group(&all, "category", "funds");
        assert_eq!(figures(funds), expected(|_, a| a.0 == "funds"));
        let november = group(&all, "month", "2026-11");
        assert_eq!(
            figures(november),
            expected(|_, a| a.4.starts_with("2026-11"))
        );
        let list = group(&all, "list", "eu_fsf");
        assert_eq!(figures(list), expected(|_, _| true));
        let types = group(&all, "report_type", "POTENTIAL_HIT");
        assert_eq!(types, &Value::Null, "only frozen-asset reports count");
    }
}

async fn reporters_count_only_their_own_organisation(app: DeskApp) {
    file_all(&app).await;
    for token in [&app.bank_reporter, &app.bank_admin, &app.bank_key] {
        let mine = stats(&app, token, "").await;
        assert_eq!(figures(&mine["totals"]), expected(|f, _| f.bank));
        assert_eq!(mine["scope"]["org_id"], app.bank_org.as_str());
        assert_eq!(group(&mine, "sector", "trust_office"), &Value::Null);
    }
    for token in [&app.other_reporter, &app.other_key] {
        let mine = stats(&app, token, "").await;
        assert_eq!(figures(&mine["totals"]), expected(|f, _| !f.bank));
        let export = app.get("/api/v1/statistics/commission-export", token).await;
        let rows = export.json["rows"].as_array().cloned().unwrap_or_default();
        assert_eq!(rows.len(), 1, "{}", export.text);
        assert_eq!(rows[0]["regime"], "RUS");
        assert_eq!(rows[0]["reports"], 1);
    }
}

async fn authority_viewers_count_only_what_was_routed_to_them(app: DeskApp) {
    file_all(&app).await;
    let dnb = stats(&app, &app.dnb_viewer, "").await;
    assert_eq!(
        dnb["scope"],
        json!({"kind": "authority", "authority": "DNB"})
    );
    assert_eq!(figures(&dnb["totals"]), expected(|f, _| f.bank));
    let fiod = stats(&app, &app.fiod_viewer, "").await;
    assert_eq!(figures(&fiod["totals"]), expected(|_, _| false));
    assert_eq!(fiod["totals"]["reports"], 0);
}

async fn filters_and_grouping(app: DeskApp) {
    file_all(&app).await;
    let blr = stats(&app, &app.analyst, "?regime=blr").await;
    assert_eq!(
        figures(&blr["totals"]),
        expected(|f, _| f.regimes.contains(&"BLR"))
    );
    let period = "?from=2026-11-01&to=2026-11-04";
    let november = stats(&app, &app.analyst, period).await;
    let in_period = |_: &Filed, a: &AssetSpec| ("2026-11-01"..="2026-11-04").contains(&a.4);
    assert_eq!(figures(&november["totals"]), expected(in_period));
    let months = stats(&app, &app.analyst, "?group_by=month,category").await;
    let dimensions: Vec<&Value> = months["breakdowns"]
        .as_array()
        .map(|b| b.iter().map(|b| &b["dimension"]).collect())
        .unwrap_or_default();
    assert_eq!(dimensions, [&json!("category"), &json!("month")]);
    let keys: Vec<&Value> = months["breakdowns"][1]["groups"]
        .as_array()
        .map(|g| g.iter().map(|g| &g["key"]).collect())
        .unwrap_or_default();
    assert_eq!(keys, [&json!("2026-10"), &json!("2026-11")]);
}

async fn bad_queries_are_refused(app: DeskApp) {
    let cases = [
        ("?from=04-11-2026", StatusCode::UNPROCESSABLE_ENTITY),
        (
            "?from=2026-12-01&to=2026-11-01",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("?group_by=colour", StatusCode::UNPROCESSABLE_ENTITY),
        ("?limit=5", StatusCode::BAD_REQUEST),
    ];
    for (query, status) in cases {
        let reply = app.get(&format!("{STATS}{query}"), &app.analyst).await;
        assert_eq!(reply.status, status, "{query}: {}", reply.text);
    }
    let anonymous = app
        .send(
            axum::http::Method::GET,
            STATS,
            None,
            None,
            &[],
            axum::body::Body::empty(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let format = app
        .get(
            "/api/v1/statistics/commission-export?format=xls",
            &app.analyst,
        )
        .await;
    assert_eq!(format.status, StatusCode::BAD_REQUEST);
}

async fn the_commission_export_in_json_and_csv(app: DeskApp) {
    file_all(&app).await;
    let uri = "/api/v1/statistics/commission-export?from=2026-10-01&to=2026-11-30";
    let json = app.get(uri, &app.analyst).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.text);
    assert_eq!(json.json["member_state"], "NL");
    let rows = json.json["rows"].as_array().cloned().unwrap_or_default();
    let regimes: Vec<&str> = rows.iter().filter_map(|r| r["regime"].as_str()).collect();
    assert_eq!(regimes, ["BLR", "RUS"]);
    let rus = &rows[1];
    assert_eq!(
        rus["legal_basis"], "Regulation (EU) No 269/2014 art. 2",
        "{rus}"
    );
    assert_eq!(rus["reports"], 2);
    // OOO Primer in two reports is one entity.
    assert_eq!((&rus["persons"], &rus["entities"]), (&json!(0), &json!(1)));
    let categories: Vec<&Value> = rus["categories"]
        .as_array()
        .map(|c| c.iter().map(|c| &c["category"]).collect())
        .unwrap_or_default();
    assert_eq!(categories, [&json!("economic_resources"), &json!("funds")]);
    let funds = &rus["categories"][1];
    let expected_funds = expected(|f, a| f.regimes.contains(&"RUS") && a.0 == "funds");
    assert_eq!(funds["value_eur"].as_f64(), Some(expected_funds.eur));
    assert_eq!(rows[0]["persons"], 1);

    let csv = app.get(&format!("{uri}&format=csv"), &app.analyst).await;
    assert_eq!(csv.status, StatusCode::OK);
    let content_type = csv
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok());
    assert_eq!(content_type, Some("text/csv; charset=utf-8"));
    let disposition = csv
        .headers
        .get("content-disposition")
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        disposition,
        Some("attachment; filename=\"commission-export-NL-2026-10-01-2026-11-30.csv\"")
    );
    insta::assert_snapshot!("commission_export_csv", csv.text);
    // A later period holds no freezes: the header only.
    let empty = app
        .get(
            "/api/v1/statistics/commission-export?format=csv&from=2027-01-01",
            &app.analyst,
        )
        .await;
    assert_eq!(empty.text.lines().count(), 1, "{}", empty.text);
}

async fn statistics_reads_are_audited(app: DeskApp) {
    file_all(&app).await;
    stats(&app, &app.bank_reporter, "?regime=RUS").await;
    app.get("/api/v1/statistics/commission-export", &app.analyst)
        .await;
    let log = app.get("/api/v1/audit?limit=1000", &app.admin).await;
    let entries = log.json.as_array().cloned().unwrap_or_default();
    let read = entries
        .iter()
        .find(|e| e["action"] == "statistics.read")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(read["org_id"], app.bank_org.as_str(), "{read}");
    assert_eq!(read["after"]["reports"], 2);
    assert_eq!(read["after"]["query"]["regime"], "RUS");
    let export = entries
        .iter()
        .find(|e| e["action"] == "statistics.commission_export")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(export["after"]["reports"], 3, "{export}");
    let verify = app.get("/api/v1/audit/verify", &app.admin).await;
    assert_eq!(verify.json["problems"], json!([]));
}
