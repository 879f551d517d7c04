//! The streaming reader: XML events to the JSON value the validator takes.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use serde_json::{Map, Number, Value};

use super::locate::{Cursor, Locations};
use super::spec::{Field, Node, METRIC, METRIC_KEY, REPORT, ROOT};
use super::{XmlError, MAX_BYTES, MAX_DEPTH, MAX_ELEMENTS, NAMESPACE};

/// An open element and what it has collected so far.
enum Frame {
    Object(&'static [Field], Map<String, Value>),
    List(&'static str, &'static Node, Vec<Value>),
    Leaf(&'static Node, String),
    Metrics(Map<String, Value>),
    Metric(String, String),
}

struct Open {
    name: String,
    /// The JSON Pointer of the value this element becomes.
    pointer: String,
    frame: Frame,
}

pub(super) struct Reader<'a> {
    input: &'a [u8],
    origin: &'a str,
    stack: Vec<Open>,
    root: Option<Value>,
    cursor: Cursor,
    locations: Locations,
    elements: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(input: &'a [u8], origin: &'a str) -> Self {
        Reader {
            input,
            origin,
            stack: Vec::new(),
            root: None,
            cursor: Cursor::new(),
            locations: Locations::default(),
            elements: 0,
        }
    }

    pub(super) fn run(mut self) -> Result<(Value, Locations), XmlError> {
        if self.input.len() > MAX_BYTES {
            return Err(self.error(0, "xml_too_large", format!("{} bytes", self.input.len())));
        }
        let text = match std::str::from_utf8(self.input) {
            Ok(text) => text,
            Err(e) => return Err(self.error(e.valid_up_to(), "xml_not_utf8", String::new())),
        };
        let mut reader = NsReader::from_str(text);
        reader.config_mut().check_end_names = true;
        loop {
            let offset = to_usize(reader.buffer_position());
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = to_usize(reader.error_position());
                    return Err(self.error(at, "xml_syntax", e.to_string()));
                }
            };
            match event {
                Event::Start(e) => self.start(&reader, &e, offset)?,
                Event::Empty(e) => {
                    self.start(&reader, &e, offset)?;
                    self.end(offset)?;
                }
                Event::End(_) => self.end(offset)?,
                Event::Text(t) => {
                    let text = t
                        .unescape()
                        .map_err(|e| self.error(offset, "xml_syntax", e.to_string()))?;
                    self.text(&text, offset)?;
                }
                Event::CData(c) => {
                    let raw = String::from_utf8_lossy(&c.into_inner()).into_owned();
                    self.text(&raw, offset)?;
                }
                Event::DocType(_) => return Err(self.error(offset, "xml_doctype", String::new())),
                Event::PI(_) => {
                    return Err(self.error(offset, "xml_processing_instruction", String::new()))
                }
                Event::Decl(d) => self.declaration(&d, offset)?,
                Event::Comment(_) => {}
                Event::Eof => return self.finish(offset),
            }
        }
    }

    fn declaration(
        &self,
        decl: &quick_xml::events::BytesDecl<'_>,
        offset: usize,
    ) -> Result<(), XmlError> {
        if let Some(Ok(encoding)) = decl.encoding() {
            if !encoding.eq_ignore_ascii_case(b"utf-8") {
                let named = String::from_utf8_lossy(&encoding).into_owned();
                return Err(self.error(offset, "xml_encoding", named));
            }
        }
        Ok(())
    }

    fn start(
        &mut self,
        reader: &NsReader<&[u8]>,
        e: &BytesStart<'_>,
        offset: usize,
    ) -> Result<(), XmlError> {
        let (ns, _) = reader.resolve_element(e.name());
        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        self.elements += 1;
        if self.elements > MAX_ELEMENTS {
            let detail = format!("limit {MAX_ELEMENTS}");
            return Err(self.error_in(offset, "xml_too_many_elements", &name, detail));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error_in(offset, "xml_too_deep", &name, format!("limit {MAX_DEPTH}")));
        }
        if !matches!(ns, ResolveResult::Bound(n) if n.as_ref() == NAMESPACE.as_bytes()) {
            return Err(self.error_in(
                offset,
                "xml_namespace",
                &name,
                format!("expected {NAMESPACE}"),
            ));
        }
        let frame = self.child_frame(&name, offset)?;
        let key = self.attributes(reader, e, &name, offset)?;
        let frame = match (frame, key) {
            (Frame::Metric(_, text), Some(key)) => Frame::Metric(key, text),
            (Frame::Metric(..), None) => {
                return Err(self.error_in(
                    offset,
                    "xml_missing_attribute",
                    &name,
                    METRIC_KEY.into(),
                ))
            }
            (frame, _) => frame,
        };
        let pointer = self.child_pointer(&frame, &name);
        let at = self.cursor.at(self.input, offset);
        self.locations.record(pointer.clone(), at);
        self.stack.push(Open {
            name,
            pointer,
            frame,
        });
        Ok(())
    }

    /// The pointer of a child about to open: its key or index in the parent.
    fn child_pointer(&self, frame: &Frame, name: &str) -> String {
        let Some(parent) = self.stack.last() else {
            return String::new();
        };
        let token = match (&parent.frame, frame) {
            (Frame::List(_, _, items), _) => items.len().to_string(),
            (_, Frame::Metric(key, _)) => crate::escape_pointer_token(key),
            _ => crate::escape_pointer_token(name),
        };
        format!("{}/{token}", parent.pointer)
    }

    /// The frame for a child `name` of the innermost open element.
    fn child_frame(&self, name: &str, offset: usize) -> Result<Frame, XmlError> {
        let Some(parent) = self.stack.last() else {
            if self.root.is_some() {
                return Err(self.error_in(
                    offset,
                    "xml_syntax",
                    name,
                    "a second root element".into(),
                ));
            }
            if name != ROOT {
                return Err(self.error_in(
                    offset,
                    "xml_unknown_element",
                    name,
                    format!("the root must be <{ROOT}>"),
                ));
            }
            return Ok(Frame::Object(REPORT, Map::new()));
        };
        let node = match &parent.frame {
            Frame::Object(fields, map) => {
                let Some(f) = fields.iter().find(|f| f.name == name) else {
                    return Err(self.error_in(offset, "xml_unknown_element", name, String::new()));
                };
                if map.contains_key(name) {
                    return Err(self.error_in(
                        offset,
                        "xml_duplicate_element",
                        name,
                        String::new(),
                    ));
                }
                &f.node
            }
            Frame::List(item, node, _) if *item == name => *node,
            Frame::Metrics(_) if name == METRIC => {
                return Ok(Frame::Metric(String::new(), String::new()))
            }
            _ => return Err(self.error_in(offset, "xml_unknown_element", name, String::new())),
        };
        Ok(match node {
            Node::Object(fields) => Frame::Object(fields, Map::new()),
            Node::List(item, inner) => Frame::List(item, inner, Vec::new()),
            Node::Metrics => Frame::Metrics(Map::new()),
            leaf => Frame::Leaf(leaf, String::new()),
        })
    }

    /// Namespace declarations pass; the metric key is returned; nothing else is allowed.
    fn attributes(
        &self,
        reader: &NsReader<&[u8]>,
        e: &BytesStart<'_>,
        name: &str,
        offset: usize,
    ) -> Result<Option<String>, XmlError> {
        let mut key = None;
        for attribute in e.attributes() {
            let attribute = attribute
                .map_err(|err| self.error_in(offset, "xml_syntax", name, err.to_string()))?;
            let qname = attribute.key;
            if qname.as_namespace_binding().is_some() {
                continue;
            }
            let (ns, local) = reader.resolve_attribute(qname);
            if is_schema_location(&ns, local.as_ref()) {
                continue;
            }
            if name == METRIC
                && local.as_ref() == METRIC_KEY.as_bytes()
                && ns == ResolveResult::Unbound
            {
                let value = attribute
                    .unescape_value()
                    .map_err(|err| self.error_in(offset, "xml_syntax", name, err.to_string()))?;
                key = Some(value.into_owned());
                continue;
            }
            let shown = String::from_utf8_lossy(qname.as_ref()).into_owned();
            return Err(self.error_in(offset, "xml_unknown_attribute", name, shown));
        }
        Ok(key)
    }

    fn text(&mut self, text: &str, offset: usize) -> Result<(), XmlError> {
        match self.stack.last_mut() {
            Some(Open {
                frame: Frame::Leaf(_, buf) | Frame::Metric(_, buf),
                ..
            }) => {
                buf.push_str(text);
                Ok(())
            }
            _ if text.trim().is_empty() => Ok(()),
            _ => Err(self.error(offset, "xml_unexpected_text", String::new())),
        }
    }

    fn end(&mut self, offset: usize) -> Result<(), XmlError> {
        let Some(open) = self.stack.pop() else {
            return Err(self.error(
                offset,
                "xml_syntax",
                "an end tag without a start tag".into(),
            ));
        };
        let value = match open.frame {
            Frame::Object(_, map) | Frame::Metrics(map) => Value::Object(map),
            Frame::List(_, _, items) => Value::Array(items),
            Frame::Leaf(node, text) => leaf(node, text),
            Frame::Metric(key, text) => {
                let value = leaf(&Node::Number, text);
                return self.insert_metric(key, value, &open.name, offset);
            }
        };
        match self.stack.last_mut().map(|o| &mut o.frame) {
            None => self.root = Some(value),
            Some(Frame::Object(_, map)) => {
                map.insert(open.name, value);
            }
            Some(Frame::List(_, _, items)) => items.push(value),
            // child_frame only opens elements their parent can hold.
            Some(_) => {}
        }
        Ok(())
    }

    fn insert_metric(
        &mut self,
        key: String,
        value: Value,
        name: &str,
        offset: usize,
    ) -> Result<(), XmlError> {
        let duplicate = match self.stack.last_mut().map(|o| &mut o.frame) {
            Some(Frame::Metrics(map)) => map.insert(key.clone(), value).is_some(),
            _ => false,
        };
        if duplicate {
            return Err(self.error_in(
                offset,
                "xml_duplicate_element",
                name,
                format!("metric {key:?}"),
            ));
        }
        Ok(())
    }

    fn finish(self, offset: usize) -> Result<(Value, Locations), XmlError> {
        if !self.stack.is_empty() {
            return Err(self.error(offset, "xml_truncated", String::new()));
        }
        match self.root {
            Some(root) => Ok((root, self.locations)),
            None => Err(self.error(offset, "xml_empty", String::new())),
        }
    }

    /// An error at `offset` inside the currently open elements.
    fn error(&self, offset: usize, code: &'static str, detail: String) -> XmlError {
        let path = self.path();
        XmlError::new(self.origin, self.input, offset, code, path, detail)
    }

    /// An error about the element `name` about to be opened.
    fn error_in(&self, offset: usize, code: &'static str, name: &str, detail: String) -> XmlError {
        let path = format!("{}/{name}", self.path());
        XmlError::new(self.origin, self.input, offset, code, path, detail)
    }

    fn path(&self) -> String {
        self.stack.iter().map(|o| format!("/{}", o.name)).collect()
    }
}

/// `xsi:schemaLocation` only points validating tools at the XSD; reporters'
/// tools add it, and it changes nothing in the report.
fn is_schema_location(ns: &ResolveResult<'_>, local: &[u8]) -> bool {
    const XSI: &[u8] = b"http://www.w3.org/2001/XMLSchema-instance";
    matches!(ns, ResolveResult::Bound(n) if n.as_ref() == XSI)
        && matches!(local, b"schemaLocation" | b"noNamespaceSchemaLocation")
}

fn to_usize(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// Typed leaves; text that does not fit the type is kept as a string so the
/// validator reports it with its JSON Pointer.
fn leaf(node: &Node, text: String) -> Value {
    match node {
        Node::Number => number(text.trim()).unwrap_or(Value::String(text)),
        Node::Bool => match text.trim() {
            "true" | "1" => Value::Bool(true),
            "false" | "0" => Value::Bool(false),
            _ => Value::String(text),
        },
        _ => Value::String(text),
    }
}

fn number(text: &str) -> Option<Value> {
    if let Ok(n) = text.parse::<u64>() {
        return Some(Value::Number(n.into()));
    }
    if let Ok(n) = text.parse::<i64>() {
        return Some(Value::Number(n.into()));
    }
    // Rust also reads "inf" and "NaN", which JSON cannot hold; from_f64 drops them.
    text.parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map(Value::Number)
}
