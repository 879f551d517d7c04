//! Where in the document each JSON value came from, so a business-rule issue
//! (a JSON Pointer) can be shown to an XML uploader as a line and column.

use std::collections::BTreeMap;

/// Start positions (one-based line and column) of elements, by JSON Pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locations {
    starts: BTreeMap<String, (usize, usize)>,
}

impl Locations {
    pub(super) fn record(&mut self, pointer: String, at: (usize, usize)) {
        self.starts.insert(pointer, at);
    }

    /// The element a pointer names, or its nearest present ancestor: a
    /// missing field is reported at its parent element.
    pub fn get(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut pointer = pointer;
        loop {
            if let Some(at) = self.starts.get(pointer) {
                return Some(*at);
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }
}

/// Turns increasing byte offsets into lines and columns in one pass over
/// the input, instead of rescanning from the start for every element.
#[derive(Debug)]
pub(super) struct Cursor {
    offset: usize,
    line: usize,
    column: usize,
}

impl Cursor {
    pub(super) fn new() -> Self {
        Cursor {
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    pub(super) fn at(&mut self, input: &[u8], offset: usize) -> (usize, usize) {
        let end = offset.min(input.len());
        for &b in input.get(self.offset..end).unwrap_or_default() {
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not UTF-8 continuation bytes.
                self.column += 1;
            }
        }
        self.offset = self.offset.max(end);
        (self.line, self.column)
    }
}
