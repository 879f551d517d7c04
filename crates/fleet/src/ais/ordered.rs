//! Parsing a region's chunks on several threads while the calling thread
//! applies them in order. The calling thread parses too: whenever the next
//! chunk in order is not ready, it takes the next unclaimed chunk itself
//! instead of waiting, and only waits when every chunk is claimed. On a
//! machine whose cores other processes also use, a helper thread may not
//! run for a while; the caller then does the work instead of sleeping,
//! which is what made a pool that parses while the caller only applies
//! slower than one thread (the README has the numbers).

use super::line::{self, Parsed};
use super::stream::lines;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// The chunks of one region and their parsed lines, shared by the calling
/// thread and its helpers.
pub(crate) struct Shared<'a> {
    chunks: &'a [&'a [u8]],
    /// The lowest chunk no thread has claimed yet.
    next: AtomicUsize,
    slots: Vec<Mutex<Option<Vec<Parsed>>>>,
    /// Emptied vectors of parsed lines, reused so their pages stay mapped.
    spare: Mutex<Vec<Vec<Parsed>>>,
    signal: Mutex<()>,
    filled: Condvar,
    /// A helper panicked; the caller stops waiting (the scope rethrows).
    failed: AtomicBool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<'a> Shared<'a> {
    pub fn new(chunks: &'a [&'a [u8]], spare: Vec<Vec<Parsed>>) -> Self {
        Self {
            chunks,
            next: AtomicUsize::new(0),
            slots: chunks.iter().map(|_| Mutex::new(None)).collect(),
            spare: Mutex::new(spare),
            signal: Mutex::new(()),
            filled: Condvar::new(),
            failed: AtomicBool::new(false),
        }
    }

    pub fn into_spare(self) -> Vec<Vec<Parsed>> {
        self.spare
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn claim(&self) -> Option<usize> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        (i < self.chunks.len()).then_some(i)
    }

    fn parse(&self, i: usize) -> Vec<Parsed> {
        let mut parsed = lock(&self.spare).pop().unwrap_or_default();
        parsed.extend(lines(self.chunks[i]).map(line::parse_bytes));
        parsed
    }

    /// A helper thread's work: claim and parse chunks until none is left.
    pub fn help(&self) {
        // Marks the region failed if parsing panics, so the caller does
        // not wait for a chunk that will never come.
        struct OnPanic<'s, 'a>(&'s Shared<'a>);
        impl Drop for OnPanic<'_, '_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.failed.store(true, Ordering::Release);
                    let _signal = lock(&self.0.signal);
                    self.0.filled.notify_all();
                }
            }
        }
        let _guard = OnPanic(self);
        while let Some(i) = self.claim() {
            let parsed = self.parse(i);
            *lock(&self.slots[i]) = Some(parsed);
            let _signal = lock(&self.signal);
            self.filled.notify_all();
        }
    }

    /// The caller's side: chunk `i`'s parsed lines, parsing later chunks
    /// (or `i` itself) while it is not ready. `None` if a helper failed.
    pub fn in_order(&self, i: usize) -> Option<Vec<Parsed>> {
        loop {
            if let Some(parsed) = lock(&self.slots[i]).take() {
                return Some(parsed);
            }
            // Every chunk before `i` is applied, so if `i` is unclaimed it
            // is the one `claim` hands out.
            if let Some(j) = self.claim() {
                let parsed = self.parse(j);
                if j == i {
                    return Some(parsed);
                }
                *lock(&self.slots[j]) = Some(parsed);
                continue;
            }
            let signal = lock(&self.signal);
            if self.failed.load(Ordering::Acquire) {
                return None;
            }
            if lock(&self.slots[i]).is_some() {
                continue;
            }
            // The timeout only guards against a missed wake-up.
            drop(
                self.filled
                    .wait_timeout(signal, Duration::from_millis(10))
                    .unwrap_or_else(PoisonError::into_inner),
            );
        }
    }

    /// Hands back an applied (emptied) vector for reuse.
    pub fn recycle(&self, parsed: Vec<Parsed>) {
        lock(&self.spare).push(parsed);
    }
}
