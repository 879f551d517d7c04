//! Layer 2: business rules, run only on a report of the right shape.

mod envelope;
mod money;
mod subjects;
mod trade;
mod types;

use chrono::{DateTime, Utc};

use crate::issue::Sink;
use crate::{Report, ReportType};

pub(crate) fn check(report: &Report, now: DateTime<Utc>, sink: &mut Sink) {
    let detected = envelope::check(&report.envelope, now, sink);
    subjects::check(&report.subjects, sink);
    // A periodic return lists assets frozen long before its reference
    // date; comparing freeze dates with that date would only raise noise.
    let freeze_reference = match report.envelope.report_type {
        ReportType::FrozenAssetsPeriodic => None,
        _ => detected,
    };
    money::check_assets(&report.assets, freeze_reference, sink);
    money::check_transactions(&report.transactions, sink);
    trade::check_goods(&report.goods, sink);
    trade::check_vessel_events(&report.vessel_events, sink);
    types::check(report, sink);
}
