use meldpunt_model::PartialDate;

use crate::checks;
use crate::issue::Sink;
use crate::Subject;

pub(super) fn check(subjects: &[Subject], sink: &mut Sink) {
    if !checks::count(sink, "/subjects", subjects) {
        return;
    }
    for (i, subject) in subjects.iter().enumerate() {
        check_subject(&format!("/subjects/{i}"), subject, sink);
    }
}

fn check_subject(base: &str, subject: &Subject, sink: &mut Sink) {
    if subject.names.is_empty() {
        sink.error(format!("{base}/names"), "names_missing");
    }
    let names_ok = checks::count(sink, &format!("{base}/names"), &subject.names);
    let ids_ok = checks::count(sink, &format!("{base}/identifiers"), &subject.identifiers);
    if !(names_ok && ids_ok) {
        return;
    }
    for (j, name) in subject.names.iter().enumerate() {
        checks::name(sink, &format!("{base}/names/{j}"), name);
    }
    for (j, id) in subject.identifiers.iter().enumerate() {
        let pointer = format!("{base}/identifiers/{j}");
        checks::identifier(
            sink,
            &format!("{pointer}/value"),
            id.kind.to_model(),
            &id.value,
        );
        if let Some(country) = &id.country {
            checks::country(sink, &format!("{pointer}/country"), country);
        }
    }
    if let Some(birth) = &subject.birth_date {
        if PartialDate::parse(birth).is_err() {
            sink.error(format!("{base}/birth_date"), "birth_date_format");
        }
    }
    for (j, country) in subject.nationality.iter().enumerate() {
        checks::country(sink, &format!("{base}/nationality/{j}"), country);
    }
    if let Some(score) = subject.list_match.as_ref().and_then(|m| m.score) {
        if !(0.0..=1.0).contains(&score) {
            sink.error(format!("{base}/list_match/score"), "score_range");
        }
    }
    if let Some(exposure) = subject
        .list_match
        .as_ref()
        .and_then(|m| m.exposure.as_ref())
    {
        let pointer = format!("{base}/list_match/exposure");
        if exposure.explanation.trim().is_empty() {
            sink.error(format!("{pointer}/explanation"), "exposure_explanation");
        }
        checks::text(
            sink,
            &format!("{pointer}/explanation"),
            &exposure.explanation,
        );
        checks::count(sink, &format!("{pointer}/listed"), &exposure.listed);
    }
}
