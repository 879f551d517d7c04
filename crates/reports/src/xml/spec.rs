//! The XML vocabulary as data: one element per JSON field, a wrapper element
//! with repeated item elements per JSON array. The reader, the writer and the
//! XSD test all use this table, so they cannot drift apart.

/// What an element holds.
#[derive(Debug)]
pub(crate) enum Node {
    /// Text, kept as a JSON string (enums, dates and identifiers included).
    Text,
    /// A JSON number; text that is not a number stays a string so that the
    /// validator reports it at its JSON Pointer.
    Number,
    /// `true`/`false` (or `1`/`0`).
    Bool,
    Object(&'static [Field]),
    /// A wrapper whose children are all `item` elements.
    List(&'static str, &'static Node),
    /// `<metric name="…">number</metric>` children, a JSON object of numbers.
    Metrics,
}

#[derive(Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub node: Node,
}

const fn field(name: &'static str, node: Node) -> Field {
    Field { name, node }
}

const fn text(name: &'static str) -> Field {
    field(name, Node::Text)
}

const fn number(name: &'static str) -> Field {
    field(name, Node::Number)
}

/// The metric element inside `<metrics>` and its key attribute.
pub(crate) const METRIC: &str = "metric";
pub(crate) const METRIC_KEY: &str = "name";

pub(crate) const ROOT: &str = "report";

pub(crate) const REPORT: &[Field] = &[
    field("envelope", Node::Object(ENVELOPE)),
    field("subjects", Node::List("subject", &Node::Object(SUBJECT))),
    field("assets", Node::List("asset", &Node::Object(ASSET))),
    field(
        "transactions",
        Node::List("transaction", &Node::Object(TRANSACTION)),
    ),
    field("goods", Node::List("item", &Node::Object(GOODS))),
    field(
        "vessel_events",
        Node::List("vessel_event", &Node::Object(VESSEL_EVENT)),
    ),
];

const ENVELOPE: &[Field] = &[
    text("report_type"),
    field(
        "legal_basis",
        Node::List("basis", &Node::Object(LEGAL_BASIS)),
    ),
    field("regimes", Node::List("regime", &Node::Text)),
    field("reporter", Node::Object(REPORTER)),
    text("detected_at"),
    field("narrative", Node::Object(NARRATIVE)),
    field("indicators", Node::List("indicator", &Node::Text)),
    field(
        "attachments",
        Node::List("attachment", &Node::Object(ATTACHMENT)),
    ),
    field("links", Node::List("link", &Node::Object(LINK))),
];

const LEGAL_BASIS: &[Field] = &[text("instrument"), text("article")];

const REPORTER: &[Field] = &[
    text("name"),
    text("kvk"),
    text("lei"),
    text("sector"),
    text("supervisor"),
];

const NARRATIVE: &[Field] = &[text("reason"), text("action_taken")];

const ATTACHMENT: &[Field] = &[
    text("file_name"),
    text("media_type"),
    number("size"),
    text("sha256"),
];

const LINK: &[Field] = &[text("relation"), text("report_id")];

const SUBJECT: &[Field] = &[
    text("kind"),
    field("names", Node::List("name", &Node::Text)),
    field(
        "identifiers",
        Node::List("identifier", &Node::Object(IDENTIFIER)),
    ),
    text("birth_date"),
    field("nationality", Node::List("country", &Node::Text)),
    field("roles", Node::List("role", &Node::Text)),
    field("list_match", Node::Object(LIST_MATCH)),
];

const IDENTIFIER: &[Field] = &[text("kind"), text("value"), text("country")];

const LIST_MATCH: &[Field] = &[
    text("list"),
    text("entry_id"),
    text("status"),
    number("score"),
    field("exposure", Node::Object(EXPOSURE)),
];

const EXPOSURE: &[Field] = &[
    text("rule"),
    text("explanation"),
    field("listed", Node::List("entry_id", &Node::Text)),
];

const ASSET: &[Field] = &[
    text("category"),
    text("kind"),
    text("description"),
    number("quantity"),
    text("currency"),
    number("value"),
    text("valuation_basis"),
    text("valuation_date"),
    text("frozen_at"),
    text("location"),
    text("account"),
    text("iban"),
    text("bic"),
    text("wallet"),
];

const TRANSACTION: &[Field] = &[
    text("date"),
    number("amount"),
    text("currency"),
    field("from", Node::Object(PARTY)),
    field("to", Node::Object(PARTY)),
    text("outcome"),
];

const PARTY: &[Field] = &[
    text("name"),
    text("account"),
    text("iban"),
    text("bic"),
    text("country"),
];

const GOODS: &[Field] = &[
    text("hs_code"),
    text("description"),
    number("value"),
    text("currency"),
    text("origin"),
    text("destination"),
    text("end_user"),
    field("no_russia_clause_present", Node::Bool),
];

const VESSEL_EVENT: &[Field] = &[
    text("event_type"),
    text("start"),
    text("end"),
    field("position", Node::Object(POSITION)),
    field("counterpart", Node::Object(VESSEL_REF)),
    field("metrics", Node::Metrics),
];

const POSITION: &[Field] = &[number("lat"), number("lon")];

const VESSEL_REF: &[Field] = &[text("name"), text("imo"), text("mmsi")];

/// Every element name the reader accepts.
pub(crate) fn element_names() -> std::collections::BTreeSet<&'static str> {
    let mut names = std::collections::BTreeSet::from([ROOT, METRIC]);
    collect_fields(REPORT, &mut names);
    names
}

fn collect_fields(fields: &'static [Field], names: &mut std::collections::BTreeSet<&'static str>) {
    for f in fields {
        names.insert(f.name);
        collect_node(&f.node, names);
    }
}

fn collect_node(node: &'static Node, names: &mut std::collections::BTreeSet<&'static str>) {
    match node {
        Node::Object(fields) => collect_fields(fields, names),
        Node::List(item, inner) => {
            names.insert(item);
            collect_node(inner, names);
        }
        Node::Text | Node::Number | Node::Bool | Node::Metrics => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{Field, Node, REPORT};

    /// The deepest nesting a valid document has, the root being level 1.
    fn depth() -> usize {
        1 + fields_depth(REPORT)
    }

    fn fields_depth(fields: &'static [Field]) -> usize {
        fields
            .iter()
            .map(|f| 1 + node_depth(&f.node))
            .max()
            .unwrap_or(0)
    }

    fn node_depth(node: &'static Node) -> usize {
        match node {
            Node::Object(fields) => fields_depth(fields),
            Node::List(_, inner) => 1 + node_depth(inner),
            Node::Metrics => 1,
            Node::Text | Node::Number | Node::Bool => 0,
        }
    }

    #[test]
    fn the_depth_limit_leaves_room_for_every_valid_document() {
        // report/subjects/subject/list_match/exposure/listed/entry_id
        assert_eq!(depth(), 7);
        assert!(crate::xml::MAX_DEPTH > depth());
    }
}
