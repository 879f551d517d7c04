use crate::checks;
use crate::issue::Sink;
use crate::{Goods, VesselEvent};
use meldpunt_model::IdKind;

pub(super) fn check_goods(goods: &[Goods], sink: &mut Sink) {
    if !checks::count(sink, "/goods", goods) {
        return;
    }
    for (i, item) in goods.iter().enumerate() {
        let base = format!("/goods/{i}");
        let code = &item.hs_code;
        if !(6..=10).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            sink.error(format!("{base}/hs_code"), "hs_code_format");
        }
        checks::text(sink, &format!("{base}/description"), &item.description);
        if let Some(end_user) = &item.end_user {
            checks::name(sink, &format!("{base}/end_user"), end_user);
        }
        if let Some(value) = item.value {
            checks::non_negative(sink, &format!("{base}/value"), value);
        }
        if let Some(currency) = &item.currency {
            checks::currency(sink, &format!("{base}/currency"), currency);
        }
        for (field, country) in [("origin", &item.origin), ("destination", &item.destination)] {
            if let Some(country) = country {
                checks::country(sink, &format!("{base}/{field}"), country);
            }
        }
    }
}

pub(super) fn check_vessel_events(events: &[VesselEvent], sink: &mut Sink) {
    if !checks::count(sink, "/vessel_events", events) {
        return;
    }
    for (i, event) in events.iter().enumerate() {
        check_event(&format!("/vessel_events/{i}"), event, sink);
    }
}

fn check_event(base: &str, event: &VesselEvent, sink: &mut Sink) {
    let start = checks::datetime(sink, &format!("{base}/start"), &event.start);
    if let Some(end_text) = &event.end {
        let end = checks::datetime(sink, &format!("{base}/end"), end_text);
        if let (Some(start), Some(end)) = (start, end) {
            if end < start {
                sink.error(format!("{base}/end"), "event_end_before_start");
            }
        }
    }
    if let Some(position) = event.position {
        if !(-90.0..=90.0).contains(&position.lat) || !(-180.0..=180.0).contains(&position.lon) {
            sink.error(format!("{base}/position"), "position_range");
        }
    }
    if let Some(counterpart) = &event.counterpart {
        if let Some(imo) = &counterpart.imo {
            checks::imo(sink, &format!("{base}/counterpart/imo"), imo);
        }
        if let Some(mmsi) = &counterpart.mmsi {
            checks::identifier(
                sink,
                &format!("{base}/counterpart/mmsi"),
                IdKind::Mmsi,
                mmsi,
            );
        }
    }
}
