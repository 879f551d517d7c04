//! Failed sign-ins, counted per account and per client address in a
//! sliding window, so password guessing is slowed without locking an
//! account out for good (which would let anyone lock anyone out).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per account in [`WINDOW`].
pub const ACCOUNT_FAILURES: usize = 5;
/// Failures allowed per client address in [`WINDOW`]: higher, because
/// many people share an office's address.
pub const ADDRESS_FAILURES: usize = 20;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Keys tracked at most; the oldest are forgotten first, so a flood of
/// invented addresses cannot exhaust memory.
const MAX_KEYS: usize = 100_000;

#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// `Some(wait)` when `account` or `address` is over its limit.
    pub fn check(&self, account: &str, address: Option<&str>, now: Instant) -> Option<Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let mut wait = None;
        for (key, limit) in keys(account, address) {
            if let Some(times) = failures.get_mut(&key) {
                prune(times, now);
                if times.len() >= limit {
                    let oldest = times.front().copied().unwrap_or(now);
                    let until = (oldest + WINDOW).saturating_duration_since(now);
                    wait = Some(wait.map_or(until, |w: Duration| w.max(until)));
                }
            }
        }
        wait
    }

    pub fn record_failure(&self, account: &str, address: Option<&str>, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if failures.len() >= MAX_KEYS {
            failures.retain(|_, times| {
                prune(times, now);
                !times.is_empty()
            });
        }
        if failures.len() >= MAX_KEYS {
            failures.clear();
        }
        for (key, _) in keys(account, address) {
            failures.entry(key).or_default().push_back(now);
        }
    }

    /// A successful sign-in clears the account's count, not the address's.
    pub fn record_success(&self, account: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.remove(&format!("account:{account}"));
    }
}

fn keys(account: &str, address: Option<&str>) -> Vec<(String, usize)> {
    let mut keys = vec![(format!("account:{account}"), ACCOUNT_FAILURES)];
    if let Some(address) = address {
        keys.push((format!("address:{address}"), ADDRESS_FAILURES));
    }
    keys
}

fn prune(times: &mut VecDeque<Instant>, now: Instant) {
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_block_the_account_for_the_window() {
        let limiter = LoginLimiter::default();
        let start = Instant::now();
        for _ in 0..ACCOUNT_FAILURES {
            assert_eq!(limiter.check("a@x.nl", None, start), None);
            limiter.record_failure("a@x.nl", None, start);
        }
        let wait = limiter.check("a@x.nl", None, start);
        assert_eq!(wait, Some(WINDOW));
        assert_eq!(
            limiter.check("b@x.nl", None, start),
            None,
            "other accounts unaffected"
        );
        assert_eq!(
            limiter.check("a@x.nl", None, start + WINDOW),
            None,
            "window slides"
        );
    }

    #[test]
    fn an_address_trying_many_accounts_is_blocked() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for i in 0..ADDRESS_FAILURES {
            limiter.record_failure(&format!("user{i}@x.nl"), Some("192.0.2.1"), now);
        }
        assert!(limiter
            .check("fresh@x.nl", Some("192.0.2.1"), now)
            .is_some());
        assert!(limiter
            .check("fresh@x.nl", Some("192.0.2.2"), now)
            .is_none());
    }

    #[test]
    fn success_clears_the_account() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for _ in 0..ACCOUNT_FAILURES {
            limiter.record_failure("a@x.nl", None, now);
        }
        limiter.record_success("a@x.nl");
        assert_eq!(limiter.check("a@x.nl", None, now), None);
    }
}
