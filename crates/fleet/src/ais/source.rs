//! [`Source`]: the receiver or feed a message came from, held inline when
//! short (as station and feed names are), so decoding a message allocates
//! nothing for it.

use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Bytes held without an allocation; with the length byte and the enum tag
/// the type is as large as a `String` (and `Option<Source>` as well).
const INLINE: usize = 22;

/// A receiver or feed identifier (tag block `s:`, USCG station). Reads as a
/// `&str` through `Deref`; compares, hashes and serialises as its text.
#[derive(Clone)]
pub struct Source(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Source {
    pub fn new(text: &str) -> Self {
        if text.len() > INLINE {
            return Self(Repr::Heap(text.into()));
        }
        let mut bytes = [0; INLINE];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Self(Repr::Inline {
            len: text.len() as u8,
            bytes,
        })
    }

    /// From bytes that hold UTF-8 (`None` otherwise). ASCII, which source
    /// names nearly always are, is checked a word at a time.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if !bytes.is_ascii() {
            return std::str::from_utf8(bytes).ok().map(Self::new);
        }
        if bytes.len() > INLINE {
            return std::str::from_utf8(bytes).ok().map(Self::new);
        }
        let mut inline = [0; INLINE];
        inline[..bytes.len()].copy_from_slice(bytes);
        Some(Self(Repr::Inline {
            len: bytes.len() as u8,
            bytes: inline,
        }))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // The bytes were copied whole from a `&str`, so they are UTF-8;
            // the fallback is never taken.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Heap(text) => text,
        }
    }
}

impl Deref for Source {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Source {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Source {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Source {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl From<String> for Source {
    fn from(text: String) -> Self {
        if text.len() > INLINE {
            return Self(Repr::Heap(text.into_boxed_str()));
        }
        Self::new(&text)
    }
}

impl From<Source> for String {
    fn from(source: Source) -> Self {
        source.as_str().to_string()
    }
}

impl PartialEq for Source {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Source {}

impl PartialEq<str> for Source {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Source {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Source {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl Hash for Source {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_texts_read_back() {
        let long = "x".repeat(INLINE + 1);
        for text in ["", "r003669946", "é-ü", &"y".repeat(INLINE), &long] {
            let s = Source::new(text);
            assert_eq!(s.as_str(), text);
            assert_eq!(Source::from(text.to_string()), s);
            assert_eq!(Source::from_bytes(text.as_bytes()), Some(s.clone()));
            assert_eq!(format!("{s:?}"), format!("{text:?}"));
        }
        assert_eq!(Source::from_bytes(b"\xff"), None);
        assert_eq!(
            std::mem::size_of::<Option<Source>>(),
            std::mem::size_of::<String>()
        );
    }
}
