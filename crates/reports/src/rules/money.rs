use chrono::NaiveDate;

use crate::checks;
use crate::issue::Sink;
use crate::{Asset, Party, Transaction};
use meldpunt_model::IdKind;

pub(super) fn check_assets(assets: &[Asset], detected: Option<NaiveDate>, sink: &mut Sink) {
    if !checks::count(sink, "/assets", assets) {
        return;
    }
    for (i, asset) in assets.iter().enumerate() {
        check_asset(&format!("/assets/{i}"), asset, detected, sink);
    }
}

fn check_asset(base: &str, asset: &Asset, detected: Option<NaiveDate>, sink: &mut Sink) {
    if let Some(currency) = &asset.currency {
        checks::currency(sink, &format!("{base}/currency"), currency);
    }
    if let Some(value) = asset.value {
        checks::non_negative(sink, &format!("{base}/value"), value);
    }
    if let Some(quantity) = asset.quantity {
        checks::non_negative(sink, &format!("{base}/quantity"), quantity);
    }
    if let Some(date) = &asset.valuation_date {
        checks::date(sink, &format!("{base}/valuation_date"), date);
    }
    if let Some(frozen) = &asset.frozen_at {
        let pointer = format!("{base}/frozen_at");
        let frozen = checks::date(sink, &pointer, frozen);
        // A freeze before detection can be legitimate (frozen under an
        // earlier listing), so it is flagged for a person, not rejected.
        if let (Some(frozen), Some(detected)) = (frozen, detected) {
            if frozen < detected {
                sink.warning(pointer, "frozen_before_detection");
            }
        }
    }
    if let Some(iban) = &asset.iban {
        checks::iban(sink, &format!("{base}/iban"), iban);
    }
    if let Some(bic) = &asset.bic {
        checks::identifier(sink, &format!("{base}/bic"), IdKind::Bic, bic);
    }
}

pub(super) fn check_transactions(transactions: &[Transaction], sink: &mut Sink) {
    if !checks::count(sink, "/transactions", transactions) {
        return;
    }
    for (i, tx) in transactions.iter().enumerate() {
        let base = format!("/transactions/{i}");
        checks::date(sink, &format!("{base}/date"), &tx.date);
        checks::non_negative(sink, &format!("{base}/amount"), tx.amount);
        checks::currency(sink, &format!("{base}/currency"), &tx.currency);
        check_party(&format!("{base}/from"), &tx.from, sink);
        check_party(&format!("{base}/to"), &tx.to, sink);
    }
}

fn check_party(base: &str, party: &Party, sink: &mut Sink) {
    checks::name(sink, &format!("{base}/name"), &party.name);
    if let Some(iban) = &party.iban {
        checks::iban(sink, &format!("{base}/iban"), iban);
    }
    if let Some(bic) = &party.bic {
        checks::identifier(sink, &format!("{base}/bic"), IdKind::Bic, bic);
    }
    if let Some(country) = &party.country {
        checks::country(sink, &format!("{base}/country"), country);
    }
}
