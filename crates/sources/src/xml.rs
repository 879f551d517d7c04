//! Streaming XML shared by the XML readers: the document is read event by
//! event, and each record element (a `sanctionEntity`, an `INDIVIDUAL`…) is
//! built into a small owned tree and handed to the format's mapper, so memory
//! holds one record at a time.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::BufReader;
use std::path::Path;

use crate::{Location, SourceError};

/// One element of a record, with local (namespace-free) names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
    /// Byte offset of the element's start tag in the file.
    pub offset: u64,
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Trimmed text of a direct child, `None` when absent or blank.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }

    /// Trimmed text of every direct child with this name.
    pub fn texts<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.children_named(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }

    /// Trimmed text of this node, `None` when blank.
    pub fn own_text(&self) -> Option<&str> {
        Some(self.text.trim()).filter(|t| !t.is_empty())
    }
}

/// What the reader reports besides records.
pub struct RootInfo {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

const MAX_DEPTH: usize = 64;
const MAX_TEXT: usize = 1 << 20;

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_string(),
        None => name.into_owned(),
    }
}

fn attributes(
    path: &Path,
    start: &BytesStart<'_>,
    offset: u64,
) -> Result<Vec<(String, String)>, SourceError> {
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| {
            SourceError::parse(
                Location::byte(path, offset),
                format!("malformed attribute: {e}"),
            )
        })?;
        let key = local(attr.key.as_ref());
        let value = attr
            .unescape_value()
            .map_err(|e| xml_error(path, offset, e))?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(attrs)
}

fn xml_error(path: &Path, offset: u64, error: quick_xml::Error) -> SourceError {
    let message = error.to_string();
    if message.contains("utf-8") || message.contains("UTF-8") || message.contains("Utf8") {
        SourceError::Encoding {
            location: Location::byte(path, offset),
        }
    } else if message.contains("unclosed")
        || message.contains("Unexpected EOF")
        || message.contains("end of")
    {
        SourceError::Truncated {
            location: Location::byte(path, offset),
            message,
        }
    } else {
        SourceError::parse(
            Location::byte(path, offset),
            format!("malformed XML: {message}"),
        )
    }
}

/// Streams `path`, calling `on_root` once with the document element and
/// `on_record` for every element named one of `record_names` (at any depth).
pub fn stream_records(
    path: &Path,
    record_names: &[&str],
    on_root: &mut dyn FnMut(&RootInfo) -> Result<(), SourceError>,
    on_record: &mut dyn FnMut(Node) -> Result<(), SourceError>,
) -> Result<(), SourceError> {
    let file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut reader = Reader::from_reader(BufReader::with_capacity(256 * 1024, file));
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut buffer = Vec::new();
    // Open elements of the record being built; empty outside records.
    let mut stack: Vec<Node> = Vec::new();
    let mut depth: usize = 0;
    let mut seen_root = false;
    loop {
        let offset = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|e| xml_error(path, reader.error_position(), e))?;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = local(start.local_name().as_ref());
                if !seen_root {
                    seen_root = true;
                    on_root(&RootInfo {
                        name: name.clone(),
                        attrs: attributes(path, start, offset)?,
                    })?;
                    if !is_empty {
                        depth += 1;
                    }
                    continue;
                }
                if stack.is_empty() && !record_names.contains(&name.as_str()) {
                    if !is_empty {
                        depth += 1;
                    }
                    continue;
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(SourceError::parse(
                        Location::byte(path, offset),
                        "XML nested too deeply",
                    ));
                }
                let node = Node {
                    name,
                    attrs: attributes(path, start, offset)?,
                    offset,
                    ..Node::default()
                };
                if is_empty {
                    close_node(node, &mut stack, on_record)?;
                } else {
                    stack.push(node);
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if let Some(node) = stack.pop() {
                    close_node(node, &mut stack, on_record)?;
                }
            }
            Event::Text(text) => {
                if let Some(node) = stack.last_mut() {
                    let text = text.unescape().map_err(|e| xml_error(path, offset, e))?;
                    push_text(path, offset, node, &text)?;
                }
            }
            Event::CData(data) => {
                if let Some(node) = stack.last_mut() {
                    let text = std::str::from_utf8(&data).map_err(|_| SourceError::Encoding {
                        location: Location::byte(path, offset),
                    })?;
                    push_text(path, offset, node, text)?;
                }
            }
            Event::Eof => {
                if depth > 0 || !stack.is_empty() {
                    return Err(SourceError::Truncated {
                        location: Location::byte(path, reader.buffer_position()),
                        message: format!("{} element(s) still open", depth.max(stack.len())),
                    });
                }
                if !seen_root {
                    return Err(SourceError::Empty {
                        path: path.to_path_buf(),
                    });
                }
                return Ok(());
            }
            _ => {}
        }
        buffer.clear();
    }
}

fn push_text(path: &Path, offset: u64, node: &mut Node, text: &str) -> Result<(), SourceError> {
    if node.text.len() + text.len() > MAX_TEXT {
        return Err(SourceError::parse(
            Location::byte(path, offset),
            "text content larger than 1 MiB",
        ));
    }
    node.text.push_str(text);
    Ok(())
}

fn close_node(
    node: Node,
    stack: &mut [Node],
    on_record: &mut dyn FnMut(Node) -> Result<(), SourceError>,
) -> Result<(), SourceError> {
    match stack.last_mut() {
        Some(parent) => {
            parent.children.push(node);
            Ok(())
        }
        None => on_record(node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn records(xml: &[u8]) -> Result<Vec<Node>, SourceError> {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(xml).unwrap();
        let mut out = Vec::new();
        stream_records(file.path(), &["R"], &mut |_| Ok(()), &mut |n| {
            out.push(n);
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn builds_record_trees() {
        let nodes =
            records(b"<root a='1'><x/><R id='1'><N>Jos &amp; co</N><E/></R><R id='2'/></root>")
                .unwrap();
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].attr("id"), Some("1"));
        assert_eq!(nodes[0].child_text("N"), Some("Jos & co"));
        assert!(nodes[0].child("E").is_some());
    }

    #[test]
    fn truncated_document_is_an_error() {
        let err = records(b"<root><R id='1'><N>Jos</N></R><R id='2'><N>Ha").unwrap_err();
        assert!(matches!(err, SourceError::Truncated { .. }), "{err}");
    }

    #[test]
    fn invalid_utf8_is_an_encoding_error() {
        let err = records(b"<root><R id='1'><N>Jos\xe9</N></R></root>").unwrap_err();
        assert!(matches!(err, SourceError::Encoding { .. }), "{err}");
    }
}
