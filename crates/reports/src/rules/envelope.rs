use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::checks;
use crate::issue::Sink;
use crate::{Envelope, Reporter};
use meldpunt_model::IdKind;

/// Reporters' clocks drift; rejecting a report stamped seconds ahead of ours
/// would be exactly the kind of opaque rejection goAML is criticised for.
const CLOCK_SKEW: Duration = Duration::minutes(5);

/// Returns the detection date, which later rules compare freeze dates with.
pub(super) fn check(envelope: &Envelope, now: DateTime<Utc>, sink: &mut Sink) -> Option<NaiveDate> {
    let detected = checks::datetime(sink, "/envelope/detected_at", &envelope.detected_at);
    if detected.is_some_and(|d| d.with_timezone(&Utc) > now + CLOCK_SKEW) {
        sink.error("/envelope/detected_at", "detected_at_future");
    }
    if let Some(reporter) = &envelope.reporter {
        check_reporter(reporter, sink);
    }
    checks::text(
        sink,
        "/envelope/narrative/reason",
        &envelope.narrative.reason,
    );
    if let Some(action) = &envelope.narrative.action_taken {
        checks::text(sink, "/envelope/narrative/action_taken", action);
    }
    check_attachments(envelope, sink);
    check_links(envelope, sink);
    detected.map(|d| d.date_naive())
}

fn check_reporter(reporter: &Reporter, sink: &mut Sink) {
    checks::name(sink, "/envelope/reporter/name", &reporter.name);
    if let Some(kvk) = &reporter.kvk {
        checks::identifier(sink, "/envelope/reporter/kvk", IdKind::Kvk, kvk);
    }
    if let Some(lei) = &reporter.lei {
        checks::identifier(sink, "/envelope/reporter/lei", IdKind::Lei, lei);
    }
}

fn check_attachments(envelope: &Envelope, sink: &mut Sink) {
    if !checks::count(sink, "/envelope/attachments", &envelope.attachments) {
        return;
    }
    for (i, attachment) in envelope.attachments.iter().enumerate() {
        checks::name(
            sink,
            &format!("/envelope/attachments/{i}/file_name"),
            &attachment.file_name,
        );
        let sha = &attachment.sha256;
        if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            sink.error(format!("/envelope/attachments/{i}/sha256"), "sha256_format");
        }
        if attachment.size > checks::MAX_ATTACHMENT_BYTES {
            sink.error(
                format!("/envelope/attachments/{i}/size"),
                "attachment_too_large",
            );
        }
    }
}

fn check_links(envelope: &Envelope, sink: &mut Sink) {
    for (i, link) in envelope.links.iter().enumerate() {
        if !checks::is_uuid(&link.report_id) {
            sink.error(format!("/envelope/links/{i}/report_id"), "link_report_id");
        }
    }
}
