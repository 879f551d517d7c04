//! Decoding whole streams, from a buffer or a reader, on one thread or on
//! as many threads as the current rayon pool has.
//!
//! The parallel path cuts the input at line ends into chunks of about
//! `chunk_bytes` and parses them on helper threads (tag block, checksums,
//! dearmouring and decoding single-sentence messages: the expensive part,
//! which depends on the line alone), while the calling thread applies the
//! stream state to the parsed lines in file order: line numbers, `$PGHP`
//! times, tag-block groups and multi-sentence reassembly. The calling
//! thread parses as well whenever the next chunk is not ready
//! ([`super::ordered`]). The fragments of a message may therefore fall in
//! different chunks (or be interleaved with other messages across a chunk
//! border): they are joined in the sequential step, by the same
//! [`Decoder`], so the parallel path yields exactly the messages, errors
//! and [`super::Stats`] of the sequential one. Lines are split at `\n`; a
//! `\r` before it is trimmed as any other white space.

use super::line::{self, Parsed};
use super::ordered::Shared;
use super::{AisMessage, Decoder, MAX_LINE_BYTES};
use crate::DecodeError;
use std::io::{ErrorKind, Read};

/// Chunk size for the parallel path: large enough that handing a chunk
/// over costs nothing next to parsing it (about 3 400 lines of a
/// tag-blocked feed), small enough that a region has many, so the threads
/// rarely wait for one another at its end.
pub const DEFAULT_CHUNK_BYTES: usize = 1 << 18;

/// How a stream is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every line parsed and applied on the calling thread.
    Sequential,
    /// Lines parsed in chunks of about `chunk_bytes` on as many threads as
    /// the rayon pool has (the calling thread one of them), then applied in
    /// order on the calling thread.
    Parallel { chunk_bytes: usize },
}

impl Mode {
    pub fn parallel() -> Self {
        Mode::Parallel {
            chunk_bytes: DEFAULT_CHUNK_BYTES,
        }
    }
}

/// Decodes `input`, a whole stream or a part of one ending at a line end,
/// handing `sink` every message and every error in stream order.
pub fn decode_buffer(
    decoder: &mut Decoder,
    input: &[u8],
    mode: Mode,
    sink: impl FnMut(Result<AisMessage, DecodeError>),
) {
    let mut run = Run::new(decoder, mode, sink);
    run.region(input);
}

/// Decodes everything `reader` yields, block by block, so memory stays
/// bounded however long the stream. A line longer than
/// [`MAX_LINE_BYTES`] is reported as too long without being held whole.
/// In parallel mode each block is parsed on every thread of the pool and
/// applied in order before the next is read.
pub fn decode_reader(
    decoder: &mut Decoder,
    mut reader: impl Read,
    mode: Mode,
    sink: impl FnMut(Result<AisMessage, DecodeError>),
) -> std::io::Result<()> {
    let block = match mode {
        Mode::Sequential => 1 << 20,
        Mode::Parallel { chunk_bytes } => {
            chunk_bytes.clamp(1, 1 << 24) * rayon::current_num_threads() * 16
        }
    };
    let mut run = Run::new(decoder, mode, sink);
    let mut buf: Vec<u8> = Vec::with_capacity(block + MAX_LINE_BYTES);
    // Bytes so far of an over-long line being skipped.
    let mut overlong: Option<usize> = None;
    loop {
        let eof = fill(&mut reader, &mut buf, block)?;
        if let Some(len) = overlong {
            let Some(i) = memchr::memchr(b'\n', &buf) else {
                overlong = Some(len + buf.len());
                buf.clear();
                if eof {
                    run.apply(line::too_long(len));
                    return Ok(());
                }
                continue;
            };
            run.apply(line::too_long(len + i));
            buf.drain(..=i);
            overlong = None;
        }
        let end = if eof {
            buf.len()
        } else {
            memchr::memrchr(b'\n', &buf).map_or(0, |i| i + 1)
        };
        run.region(&buf[..end]);
        buf.drain(..end);
        if eof {
            return Ok(());
        }
        if buf.len() > MAX_LINE_BYTES {
            overlong = Some(buf.len());
            buf.clear();
        }
    }
}

/// A decode in progress: the decoder and the sink.
struct Run<'d, S> {
    decoder: &'d mut Decoder,
    mode: Mode,
    sink: S,
    /// Emptied chunk vectors, reused so their pages stay mapped: fresh
    /// megabyte-sized vectors per chunk cost a page fault every 4 KiB.
    spare: Vec<Vec<Parsed>>,
}

impl<'d, S: FnMut(Result<AisMessage, DecodeError>)> Run<'d, S> {
    fn new(decoder: &'d mut Decoder, mode: Mode, sink: S) -> Self {
        Self {
            decoder,
            mode,
            sink,
            spare: Vec::new(),
        }
    }

    /// Decodes a run of whole lines (the last may lack its `\n` at the
    /// end of the stream).
    fn region(&mut self, region: &[u8]) {
        let Mode::Parallel { chunk_bytes } = self.mode else {
            for l in lines(region) {
                self.apply(line::parse_bytes(l));
            }
            return;
        };
        let chunks = chunks(region, chunk_bytes);
        let helpers = rayon::current_num_threads()
            .saturating_sub(1)
            .min(chunks.len().saturating_sub(1));
        let shared = Shared::new(&chunks, std::mem::take(&mut self.spare));
        // Helpers parse; the calling thread applies in order and parses
        // whenever the next chunk is not ready, so the sink needs no `Send`.
        std::thread::scope(|scope| {
            for _ in 0..helpers {
                scope.spawn(|| shared.help());
            }
            for i in 0..chunks.len() {
                // `None`: a helper panicked, and the scope rethrows.
                let Some(mut parsed) = shared.in_order(i) else {
                    break;
                };
                for p in parsed.drain(..) {
                    self.apply(p);
                }
                shared.recycle(parsed);
            }
        });
        self.spare = shared.into_spare();
    }

    fn apply(&mut self, parsed: Parsed) {
        self.decoder.apply_to(parsed, &mut self.sink);
    }
}

/// Appends up to `block` bytes from `reader`; true at end of input.
fn fill(reader: &mut impl Read, buf: &mut Vec<u8>, block: usize) -> std::io::Result<bool> {
    let start = buf.len();
    buf.resize(start + block, 0);
    let mut filled = start;
    let result = loop {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break Ok(true),
            Ok(n) => {
                filled += n;
                if filled == buf.len() {
                    break Ok(false);
                }
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => break Err(e),
        }
    };
    buf.truncate(filled);
    result
}

/// The lines of `input` without their `\n`; text after the last `\n` is a
/// line when it is not empty (as `str::lines` has it).
pub fn lines(input: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = input;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match memchr::memchr(b'\n', rest) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        rest = next;
        Some(line)
    })
}

/// Cuts `input` after the first `\n` at or past every `chunk_bytes`, so
/// each chunk holds whole lines and the chunks' lines, in order, are
/// exactly the lines of `input`.
pub fn chunks(input: &[u8], chunk_bytes: usize) -> Vec<&[u8]> {
    let step = chunk_bytes.max(1);
    let mut out = Vec::with_capacity(input.len() / step + 1);
    let mut rest = input;
    while !rest.is_empty() {
        let from = step.min(rest.len()) - 1;
        let cut = memchr::memchr(b'\n', &rest[from..]).map_or(rest.len(), |i| from + i + 1);
        let (chunk, next) = rest.split_at(cut);
        out.push(chunk);
        rest = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_match_str_lines() {
        for text in ["", "\n", "a", "a\n", "a\n\nb", "a\r\nb\r\n", "\n\nx\n"] {
            let ours: Vec<&[u8]> = lines(text.as_bytes()).collect();
            let std: Vec<&[u8]> = text.split_terminator('\n').map(str::as_bytes).collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn chunks_hold_whole_lines() {
        let text = b"ab\ncde\n\nfghij\nk";
        for size in 1..=text.len() + 1 {
            let parts = chunks(text, size);
            assert_eq!(parts.concat(), text.to_vec(), "size {size}");
            for p in &parts[..parts.len() - 1] {
                assert_eq!(p.last(), Some(&b'\n'), "size {size}: {parts:?}");
            }
            let joined: Vec<&[u8]> = parts.iter().flat_map(|p| lines(p)).collect();
            assert_eq!(joined, lines(text).collect::<Vec<_>>(), "size {size}");
        }
    }
}
