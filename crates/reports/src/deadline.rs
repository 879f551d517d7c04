//! Deadline clocks: when a report was due, when it was met, and which clocks
//! the Reporting Point itself now runs (onward reporting, licence decisions).
//!
//! Every duration is in [`CLOCKS`], one row per clock with its legal basis.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::{Authority, Report, ReportType};

/// Where a clock starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Start {
    /// `envelope.detected_at`: the reporter's own duty runs from detection.
    Detected,
    /// The moment the Reporting Point received the report.
    Received,
}

/// One kind of deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clock {
    pub kind: &'static str,
    pub report_types: &'static [ReportType],
    pub start: Start,
    pub days: i64,
    /// Who must act by the deadline; `None` means the reporter towards the
    /// Reporting Point itself.
    pub authority: Option<Authority>,
    pub basis: &'static str,
}

const FREEZES: &[ReportType] = &[ReportType::AssetFreeze, ReportType::FrozenAssetsPeriodic];

/// Every clock. Reporter clocks (start `Detected`) are met by the report
/// itself; authority clocks (start `Received`) stay open until the desk
/// records that they were met.
pub const CLOCKS: &[Clock] = &[
    Clock {
        kind: "freeze_report",
        report_types: &[ReportType::AssetFreeze],
        start: Start::Detected,
        days: 14,
        authority: None,
        basis: "Reg. 269/2014 art. 8(1): frozen funds are reported to the national authority immediately and at most within 2 weeks.",
    },
    Clock {
        kind: "commission_onward",
        report_types: FREEZES,
        start: Start::Received,
        days: 14,
        authority: Some(Authority::EuropeanCommission),
        basis: "Reg. 269/2014 art. 8(1): the national authority passes the information on to the Commission within 2 weeks.",
    },
    Clock {
        kind: "self_report",
        report_types: &[ReportType::ListedPersonSelfReport],
        start: Start::Detected,
        days: 42,
        authority: None,
        basis: "Field notes §2: listed persons report their own assets within 6 weeks; detected_at stands in for the listing date.",
    },
    Clock {
        kind: "periodic_return",
        report_types: &[ReportType::FrozenAssetsPeriodic],
        start: Start::Detected,
        days: 42,
        authority: None,
        basis: "Assumption: a periodic return values assets at its reference date (detected_at, e.g. 30 September as OFSI does) and is due 6 weeks later, as OFSI's annual review is.",
    },
    Clock {
        kind: "licence_decision",
        report_types: &[ReportType::LicenceRequest],
        start: Start::Received,
        days: 56,
        authority: Some(Authority::DouaneCdiu),
        basis: "Assumption: no sanctions act sets a decision period, so Awb art. 4:13 applies: a reasonable period of at most 8 weeks from receipt.",
    },
];

/// One running or met deadline of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub kind: &'static str,
    pub authority: Option<Authority>,
    pub starts_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// When the duty was met; reporter duties are met on receipt.
    pub met_at: Option<DateTime<Utc>>,
    /// Met, but after `due_at`, so the desk can warn.
    pub late: bool,
}

/// The deadlines of `report`, received at `received_at`, in [`CLOCKS`] order.
/// A clock that starts at detection is left out when `detected_at` is not
/// RFC 3339 (validation rejects such a report anyway).
pub fn deadlines(report: &Report, received_at: DateTime<Utc>) -> Vec<Deadline> {
    let detected = DateTime::parse_from_rfc3339(&report.envelope.detected_at)
        .ok()
        .map(|d| d.with_timezone(&Utc));
    CLOCKS
        .iter()
        .filter(|c| c.report_types.contains(&report.envelope.report_type))
        .filter_map(|clock| {
            let starts_at = match clock.start {
                Start::Detected => detected?,
                Start::Received => received_at,
            };
            let due_at = starts_at.checked_add_signed(Duration::days(clock.days))?;
            let met_at = (clock.start == Start::Detected).then_some(received_at);
            Some(Deadline {
                kind: clock.kind,
                authority: clock.authority,
                starts_at,
                due_at,
                met_at,
                late: met_at.is_some_and(|m| m > due_at),
            })
        })
        .collect()
}

/// True once `now` has passed `due`.
pub fn is_overdue(due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now > due
}

impl Deadline {
    /// Open and past due.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.met_at.is_none() && is_overdue(self.due_at, now)
    }
}
