//! What each report type must (or must not) carry.

use crate::issue::Sink;
use crate::{IdentifierKind, MatchStatus, Report, ReportType, SubjectKind};

pub(super) fn check(report: &Report, sink: &mut Sink) {
    let kind = report.envelope.report_type;
    check_reporter(report, kind, sink);
    match kind {
        ReportType::AssetFreeze | ReportType::FrozenAssetsPeriodic if report.assets.is_empty() => {
            sink.error("/assets", "asset_required");
        }
        ReportType::ConfirmedHit if !has_match(report, Some(MatchStatus::Confirmed)) => {
            sink.error("/subjects", "confirmed_match_required");
        }
        ReportType::PotentialHit if !has_match(report, None) => {
            sink.error("/subjects", "list_match_required");
        }
        ReportType::AttemptedTransaction if report.transactions.is_empty() => {
            sink.error("/transactions", "transaction_required");
        }
        ReportType::NoRussiaClauseBreach
            if !report.goods.iter().any(|g| !g.no_russia_clause_present) =>
        {
            sink.error("/goods", "clause_breach_goods_required");
        }
        ReportType::SuspectedCircumvention if report.envelope.indicators.is_empty() => {
            sink.error("/envelope/indicators", "indicator_required");
        }
        ReportType::VesselEvent => check_vessel_report(report, sink),
        _ => {}
    }
}

fn check_reporter(report: &Report, kind: ReportType, sink: &mut Sink) {
    let present = report.envelope.reporter.is_some();
    if kind == ReportType::Whistleblower && present {
        sink.error("/envelope/reporter", "reporter_forbidden");
    } else if kind != ReportType::Whistleblower && !present {
        sink.error("/envelope/reporter", "reporter_required");
    }
}

fn has_match(report: &Report, wanted: Option<MatchStatus>) -> bool {
    report.subjects.iter().any(|s| {
        s.list_match
            .as_ref()
            .is_some_and(|m| wanted.is_none_or(|w| m.status == w))
    })
}

fn check_vessel_report(report: &Report, sink: &mut Sink) {
    let identified_vessel = report.subjects.iter().any(|s| {
        s.kind == SubjectKind::Vessel
            && s.identifiers
                .iter()
                .any(|id| matches!(id.kind, IdentifierKind::Imo | IdentifierKind::Mmsi))
    });
    if !identified_vessel {
        sink.error("/subjects", "vessel_subject_required");
    }
    if report.vessel_events.is_empty() {
        sink.error("/vessel_events", "vessel_event_required");
    }
}
