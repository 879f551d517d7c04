//! The reporting point's service layer. Every caller (the HTTP API, the
//! portal, the CLI) goes through [`Desk`], which checks the [`Principal`]
//! first, then does the work on the store:
//!
//! - accounts: organisations, users with roles, argon2id passwords,
//!   sessions with CSRF tokens, per-organisation API keys;
//! - intake: JSON, XML and CSV submissions are read, validated in two
//!   layers, screened, routed and given deadline clocks, then filed in one
//!   transaction with their audit entry; idempotency keys make retries safe;
//! - drafts, and the scoped, audited read paths.

mod access;
mod accounts;
mod audit;
mod cases;
mod deadlines;
mod desk;
mod drafts;
mod error;
mod intake;
pub mod limiter;
mod messages;
mod principal;
pub mod screening;
pub mod secret;
mod statistics;

pub use access::{ReportQuery, ReportSummary, ReportView, MAX_PAGE};
pub use accounts::{ApiKeyView, NewOrg, NewUser, Session, UserView, SESSION_HOURS};
pub use cases::{
    AssigneeChoice, AssigneeView, CaseDeadline, CaseEvent, CaseHit, CaseView, Decision,
    DecisionView, LinkReason, LinkedReport, TriageItem, TriagePage, TriageQuery, MAX_LINKED,
    MAX_NOTE_CHARS, MAX_REASON_CHARS,
};
pub use deadlines::Overdue;
pub use desk::{Desk, ListsInUse, ANONYMOUS_ORG, REPORTING_POINT_ORG};
pub use drafts::DraftView;
pub use error::DeskError;
pub use intake::{
    type_code, Acknowledgement, Channel, Checked, IssueView, Payload, Submission, MAX_REPORT_BYTES,
};
pub use messages::{MessageView, MAX_MESSAGE_CHARS};
pub use principal::{Credential, Principal, Role};
pub use statistics::{
    Amount, Breakdown, CategoryFigures, CommissionExport, CommissionRow, Dimension, Figures,
    FrozenAssetStatistics, GroupFigures, StatisticsQuery, StatisticsScope,
    FROZEN_ASSET_REPORT_TYPES, UNSPECIFIED,
};
