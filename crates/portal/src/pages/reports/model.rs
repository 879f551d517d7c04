//! One description of the report model (crates/reports), from which the
//! form of every report type is rendered, the report JSON is built from
//! what was typed, and a stored report or draft is turned back into form
//! values. Keys are the JSON keys, so a field's JSON Pointer is its path.
//! A test turns every fixture into form values and back and requires the
//! same JSON, so nothing the model carries is missing here.

/// How a value is typed and turned into JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text → string.
    Text,
    /// Several lines of text → string.
    Long,
    /// A decimal (a comma is taken as the decimal sign) → number.
    Number,
    /// A whole number ≥ 0 → number.
    Count,
    /// YYYY-MM-DD → string.
    Date,
    /// RFC 3339 → string.
    DateTime,
    /// One of the enum's JSON values → string; labels under `reports.option.<enum>`.
    Choice(&'static str, &'static [&'static str]),
    /// Any of the enum's values (checkboxes) → array of strings.
    Several(&'static str, &'static [&'static str]),
    /// One item per line → array of strings.
    Lines,
    /// Yes or no → boolean.
    YesNo,
    /// `name = value` per line → object of numbers.
    Metrics,
}

/// A field, an object of fields, or repeatable rows of an object.
#[derive(Debug)]
pub enum Node {
    Field {
        key: &'static str,
        input: Input,
        /// The JSON key must be present (serde has no default for it).
        required: bool,
    },
    Object {
        key: &'static str,
        required: bool,
        children: &'static [Node],
    },
    Rows {
        key: &'static str,
        item: &'static [Node],
    },
}

const fn field(key: &'static str, input: Input) -> Node {
    Node::Field {
        key,
        input,
        required: false,
    }
}

const fn must(key: &'static str, input: Input) -> Node {
    Node::Field {
        key,
        input,
        required: true,
    }
}

use Input::*;

pub const REPORT_TYPES: [&str; 12] = [
    "ASSET_FREEZE",
    "CONFIRMED_HIT",
    "POTENTIAL_HIT",
    "FROZEN_ASSETS_PERIODIC",
    "ATTEMPTED_TRANSACTION",
    "PRE_LISTING_MOVEMENT",
    "SUSPECTED_CIRCUMVENTION",
    "NO_RUSSIA_CLAUSE_BREACH",
    "LISTED_PERSON_SELF_REPORT",
    "LICENCE_REQUEST",
    "VESSEL_EVENT",
    "WHISTLEBLOWER",
];

pub const WHISTLEBLOWER: &str = "WHISTLEBLOWER";

const SECTORS: &[&str] = &[
    "bank",
    "payment_institution",
    "crypto_asset_service_provider",
    "trust_office",
    "notary",
    "accountant",
    "tax_adviser",
    "lawyer",
    "insurer",
    "exporter",
    "shipping_company",
    "other",
];
const SUPERVISORS: &[&str] = &["dnb", "afm", "bft", "dfei", "douane", "other"];
const SUBJECT_KINDS: &[&str] = &["person", "entity", "vessel", "aircraft", "crypto_wallet"];
const IDENTIFIER_KINDS: &[&str] = &[
    "passport",
    "national_id",
    "tax_id",
    "vat",
    "inn",
    "ogrn",
    "kpp",
    "okpo",
    "kvk",
    "registration",
    "lei",
    "bic",
    "duns",
    "imo",
    "mmsi",
    "call_sign",
    "aircraft_registration",
    "crypto_address",
    "other",
];
const ROLES: &[&str] = &[
    "customer",
    "counterparty",
    "ubo",
    "director",
    "shareholder",
    "consignee",
    "consignor",
    "end_user",
    "shipowner",
    "ship_manager",
    "operator",
    "beneficiary",
    "listed_person",
    "other",
];
const MATCH_STATUSES: &[&str] = &["confirmed", "potential"];
const EXPOSURE_RULES: &[&str] = &["ofac_50", "eu_ownership", "eu_control"];
const ASSET_CATEGORIES: &[&str] = &["funds", "economic_resources"];
const ASSET_KINDS: &[&str] = &[
    "bank_account",
    "securities",
    "real_estate",
    "vessel",
    "aircraft",
    "vehicle",
    "crypto_assets",
    "cash",
    "precious_metals",
    "artwork",
    "company_shares",
    "other",
];
const VALUATION_BASES: &[&str] = &[
    "at_freeze",
    "at_notification",
    "reference_date",
    "market",
    "book",
    "nominal",
    "estimate",
];
const OUTCOMES: &[&str] = &["BLOCKED", "REJECTED", "EXECUTED", "SUSPENDED"];
const VESSEL_EVENT_TYPES: &[&str] = &[
    "ais_gap",
    "ship_to_ship_transfer",
    "encounter",
    "loitering",
    "spoofing",
    "flag_change",
    "port_call",
    "other",
];
const LINK_RELATIONS: &[&str] = &["supplements", "supersedes"];

const REPORTER: &[Node] = &[
    must("name", Text),
    field("kvk", Text),
    field("lei", Text),
    must("sector", Choice("sector", SECTORS)),
    field("supervisor", Choice("supervisor", SUPERVISORS)),
];

/// The envelope's fields in the order the form shows them; `report_type`
/// is not among them (it is chosen before the form opens).
const ENVELOPE: &[Node] = &[
    must("detected_at", DateTime),
    Node::Object {
        key: "narrative",
        required: true,
        children: &[must("reason", Long), field("action_taken", Long)],
    },
    Node::Object {
        key: "reporter",
        required: false,
        children: REPORTER,
    },
    field("regimes", Lines),
    Node::Rows {
        key: "legal_basis",
        item: &[must("instrument", Text), field("article", Text)],
    },
    field("indicators", Lines),
    Node::Rows {
        key: "attachments",
        item: &[
            must("file_name", Text),
            must("media_type", Text),
            must("size", Count),
            must("sha256", Text),
        ],
    },
    Node::Rows {
        key: "links",
        item: &[
            must("relation", Choice("relation", LINK_RELATIONS)),
            must("report_id", Text),
        ],
    },
];

const SUBJECT: &[Node] = &[
    must("kind", Choice("subject_kind", SUBJECT_KINDS)),
    must("names", Lines),
    Node::Rows {
        key: "identifiers",
        item: &[
            must("kind", Choice("identifier_kind", IDENTIFIER_KINDS)),
            must("value", Text),
            field("country", Text),
        ],
    },
    field("birth_date", Text),
    field("nationality", Lines),
    field("roles", Several("role", ROLES)),
    Node::Object {
        key: "list_match",
        required: false,
        children: &[
            must("list", Text),
            must("entry_id", Text),
            must("status", Choice("match_status", MATCH_STATUSES)),
            field("score", Number),
            Node::Object {
                key: "exposure",
                required: false,
                children: &[
                    must("rule", Choice("exposure_rule", EXPOSURE_RULES)),
                    must("explanation", Long),
                    field("listed", Lines),
                ],
            },
        ],
    },
];

const ASSET: &[Node] = &[
    must("category", Choice("asset_category", ASSET_CATEGORIES)),
    must("kind", Choice("asset_kind", ASSET_KINDS)),
    field("description", Text),
    field("quantity", Number),
    field("currency", Text),
    field("value", Number),
    field(
        "valuation_basis",
        Choice("valuation_basis", VALUATION_BASES),
    ),
    field("valuation_date", Date),
    field("frozen_at", Date),
    field("location", Text),
    field("account", Text),
    field("iban", Text),
    field("bic", Text),
    field("wallet", Text),
];

const PARTY: &[Node] = &[
    must("name", Text),
    field("account", Text),
    field("iban", Text),
    field("bic", Text),
    field("country", Text),
];

const TRANSACTION: &[Node] = &[
    must("date", Date),
    must("amount", Number),
    must("currency", Text),
    Node::Object {
        key: "from",
        required: true,
        children: PARTY,
    },
    Node::Object {
        key: "to",
        required: true,
        children: PARTY,
    },
    must("outcome", Choice("outcome", OUTCOMES)),
];

const GOODS: &[Node] = &[
    must("hs_code", Text),
    must("description", Text),
    field("value", Number),
    field("currency", Text),
    field("origin", Text),
    field("destination", Text),
    field("end_user", Text),
    must("no_russia_clause_present", YesNo),
];

const VESSEL_EVENT: &[Node] = &[
    must(
        "event_type",
        Choice("vessel_event_type", VESSEL_EVENT_TYPES),
    ),
    must("start", DateTime),
    field("end", DateTime),
    Node::Object {
        key: "position",
        required: false,
        children: &[must("lat", Number), must("lon", Number)],
    },
    Node::Object {
        key: "counterpart",
        required: false,
        children: &[field("name", Text), field("imo", Text), field("mmsi", Text)],
    },
    field("metrics", Metrics),
];

/// The whole report: the envelope, then the repeatable parts.
pub const REPORT: &[Node] = &[
    Node::Object {
        key: "envelope",
        required: true,
        children: ENVELOPE,
    },
    Node::Rows {
        key: "subjects",
        item: SUBJECT,
    },
    Node::Rows {
        key: "assets",
        item: ASSET,
    },
    Node::Rows {
        key: "transactions",
        item: TRANSACTION,
    },
    Node::Rows {
        key: "goods",
        item: GOODS,
    },
    Node::Rows {
        key: "vessel_events",
        item: VESSEL_EVENT,
    },
];

/// The parts a type cannot do without start with one row open; the others
/// start closed, with a button to add a row.
pub fn opened_rows(report_type: &str) -> &'static [&'static str] {
    match report_type {
        "ASSET_FREEZE" | "CONFIRMED_HIT" | "LISTED_PERSON_SELF_REPORT" => &["subjects", "assets"],
        "FROZEN_ASSETS_PERIODIC" | "LICENCE_REQUEST" => &["assets"],
        "POTENTIAL_HIT" => &["subjects"],
        "ATTEMPTED_TRANSACTION" | "PRE_LISTING_MOVEMENT" => &["subjects", "transactions"],
        "SUSPECTED_CIRCUMVENTION" => &["subjects", "goods"],
        "NO_RUSSIA_CLAUSE_BREACH" => &["goods"],
        "VESSEL_EVENT" => &["subjects", "vessel_events"],
        _ => &[],
    }
}

pub fn is_report_type(value: &str) -> bool {
    REPORT_TYPES.contains(&value)
}

/// Every message key the description needs: field labels and option
/// labels (for the catalogue test).
pub fn label_keys() -> Vec<String> {
    let mut keys = Vec::new();
    collect_keys(REPORT, "", &mut keys);
    for report_type in REPORT_TYPES {
        keys.push(format!("reports.type.{report_type}"));
        keys.push(format!("reports.type_hint.{report_type}"));
    }
    keys.sort();
    keys.dedup();
    keys
}

fn collect_keys(nodes: &[Node], path: &str, keys: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Field { key, input, .. } => {
                keys.push(label_key(path, key));
                if let Choice(name, values) | Several(name, values) = input {
                    keys.extend(values.iter().map(|v| option_key(name, v)));
                }
            }
            Node::Object { key, children, .. } => {
                keys.push(label_key(path, key));
                collect_keys(children, &join(path, key), keys);
            }
            Node::Rows { key, item } => {
                keys.push(label_key(path, key));
                keys.push(format!("{}.row", label_key(path, key)));
                collect_keys(item, &join(path, key), keys);
            }
        }
    }
}

/// `subjects.list_match` from path `subjects` and key `list_match`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The catalogue key of a field's or group's label.
pub fn label_key(path: &str, key: &str) -> String {
    format!("reports.field.{}", join(path, key))
}

pub fn option_key(name: &str, value: &str) -> String {
    format!("reports.option.{name}.{value}")
}
