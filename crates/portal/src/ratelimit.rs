//! Login rate limiting, ready for the login handler: failed attempts are
//! counted per account and per client IP in a sliding window; once either
//! count reaches its limit, attempts are refused with 429 and
//! `Retry-After` until the oldest failure leaves the window. The IP limit
//! is higher because an office shares one address.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

use crate::i18n::Lang;
use crate::pages::errors;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitConfig {
    pub account_failures: usize,
    pub ip_failures: usize,
    pub window: Duration,
    /// Keys tracked at most; bounds memory under an address-spraying attack.
    pub max_keys: usize,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig {
            account_failures: 5,
            ip_failures: 20,
            window: Duration::from_secs(15 * 60),
            max_keys: 100_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Ip(IpAddr),
}

/// Refused: try again after `retry_after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limited {
    pub retry_after: Duration,
}

impl Limited {
    /// Whole seconds, rounded up, as `Retry-After` wants them.
    pub fn retry_after_secs(&self) -> u64 {
        let d = self.retry_after;
        d.as_secs() + u64::from(d.subsec_nanos() > 0)
    }

    /// The 429 page with `Retry-After`.
    pub fn response(&self, lang: Lang) -> Response {
        let secs = self.retry_after_secs();
        let mut response = errors::page(
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            "error.too_many_title",
            lang.tf(
                "error.too_many_body",
                &[("minutes", &secs.div_ceil(60).to_string())],
            ),
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        response
    }
}

#[derive(Debug, Default)]
pub struct LoginRateLimiter {
    config: RateLimitConfig,
    failures: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

impl LoginRateLimiter {
    pub fn new(config: RateLimitConfig) -> LoginRateLimiter {
        LoginRateLimiter {
            config,
            failures: Mutex::default(),
        }
    }

    /// Call before checking the password.
    pub fn check(&self, account: &str, ip: IpAddr, now: Instant) -> Result<(), Limited> {
        let mut map = self.lock();
        let keys = [
            (account_key(account), self.config.account_failures),
            (Key::Ip(ip), self.config.ip_failures),
        ];
        let mut wait = Duration::ZERO;
        for (key, limit) in keys {
            if let Some(times) = map.get_mut(&key) {
                expire(times, now, self.config.window);
                if times.len() >= limit {
                    let oldest = times[times.len() - limit];
                    wait = wait.max((oldest + self.config.window).saturating_duration_since(now));
                }
            }
        }
        if wait.is_zero() {
            Ok(())
        } else {
            Err(Limited { retry_after: wait })
        }
    }

    pub fn record_failure(&self, account: &str, ip: IpAddr, now: Instant) {
        let mut map = self.lock();
        if map.len() + 2 > self.config.max_keys {
            self.shrink(&mut map, now);
        }
        for key in [account_key(account), Key::Ip(ip)] {
            let times = map.entry(key).or_default();
            expire(times, now, self.config.window);
            times.push_back(now);
        }
    }

    /// A successful login clears the account's count, not the address's:
    /// an attacker with one valid account must not reset the IP limit.
    pub fn record_success(&self, account: &str) {
        self.lock().remove(&account_key(account));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, VecDeque<Instant>>> {
        // A panic elsewhere while holding the lock leaves counts that are
        // still valid, so a poisoned lock is used as it is.
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn shrink(&self, map: &mut HashMap<Key, VecDeque<Instant>>, now: Instant) {
        let window = self.config.window;
        map.retain(|_, times| {
            expire(times, now, window);
            !times.is_empty()
        });
        while map.len() + 2 > self.config.max_keys {
            let stalest = map
                .iter()
                .min_by_key(|(_, times)| times.back().copied())
                .map(|(k, _)| k.clone());
            match stalest {
                Some(key) => map.remove(&key),
                None => break,
            };
        }
    }
}

fn account_key(account: &str) -> Key {
    Key::Account(account.trim().to_lowercase())
}

fn expire(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([192, 0, 2, last])
    }

    fn limiter() -> LoginRateLimiter {
        LoginRateLimiter::new(RateLimitConfig::default())
    }

    #[test]
    fn five_failures_lock_the_account_for_the_rest_of_the_window() {
        let l = limiter();
        let t0 = Instant::now();
        for i in 0..5 {
            assert!(l.check("anna", ip(1), t0 + MIN * i).is_ok());
            l.record_failure("anna", ip(1), t0 + MIN * i);
        }
        let limited = l.check("anna", ip(1), t0 + MIN * 5).unwrap_err();
        // The first failure (t0) leaves the 15-minute window at t0 + 15 min.
        assert_eq!(limited.retry_after, MIN * 10);
        assert_eq!(limited.retry_after_secs(), 600);
        // From another address the account is still locked.
        assert!(l.check("Anna ", ip(2), t0 + MIN * 5).is_err());
        // Other accounts from the same address are not.
        assert!(l.check("bert", ip(1), t0 + MIN * 5).is_ok());
        // Sliding: after the first failure expires, one more try.
        assert!(l.check("anna", ip(1), t0 + MIN * 15).is_ok());
    }

    #[test]
    fn an_address_spraying_accounts_is_limited() {
        let l = limiter();
        let t0 = Instant::now();
        for i in 0..20 {
            l.record_failure(&format!("user{i}"), ip(9), t0);
        }
        let limited = l.check("someone-new", ip(9), t0 + MIN).unwrap_err();
        assert_eq!(limited.retry_after, MIN * 14);
        assert!(l.check("someone-new", ip(10), t0 + MIN).is_ok());
    }

    #[test]
    fn success_clears_the_account_but_not_the_address() {
        let l = LoginRateLimiter::new(RateLimitConfig {
            ip_failures: 5,
            ..RateLimitConfig::default()
        });
        let t0 = Instant::now();
        for _ in 0..5 {
            l.record_failure("anna", ip(1), t0);
        }
        l.record_success("anna");
        assert!(l.check("anna", ip(2), t0).is_ok());
        assert!(l.check("anna", ip(1), t0).is_err());
    }

    #[test]
    fn memory_stays_bounded() {
        let l = LoginRateLimiter::new(RateLimitConfig {
            max_keys: 10,
            ..RateLimitConfig::default()
        });
        let t0 = Instant::now();
        for i in 0..100u8 {
            l.record_failure(
                &format!("u{i}"),
                ip(i),
                t0 + Duration::from_millis(i.into()),
            );
        }
        assert!(l.lock().len() <= 10);
    }

    #[test]
    fn limited_response_has_retry_after() {
        let limited = Limited {
            retry_after: Duration::from_millis(1500),
        };
        let response = limited.response(Lang::Nl);
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    }
}
