//! Layer 2: business rules, run only on a report of the right shape.

mod envelope;
mod money;
mod subjects;
mod trade;
mod types;

use chrono::{DateTime, Utc};

use crate::issue::Sink;
use crate::Report;

pub(crate) fn check(report: &Report, now: DateTime<Utc>, sink: &mut Sink) {
    let detected = envelope::check(&report.envelope, now, sink);
    subjects::check(&report.subjects, sink);
    money::check_assets(&report.assets, detected, sink);
    money::check_transactions(&report.transactions, sink);
    trade::check_goods(&report.goods, sink);
    trade::check_vessel_events(&report.vessel_events, sink);
    types::check(report, sink);
}
