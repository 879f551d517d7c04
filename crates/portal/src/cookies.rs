//! Reading the `Cookie` header and writing `Set-Cookie`. Every cookie the
//! portal sets uses the `__Host-` prefix, so it is `Secure`, host-only and
//! `Path=/`: a sibling subdomain cannot plant or overwrite it.

use axum::http::{header, HeaderMap};

pub const YEAR: u64 = 365 * 24 * 3600;

/// The value of the first cookie called `name`.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"'))
}

/// A `Set-Cookie` value: `Secure; Path=/; SameSite=Strict`, `HttpOnly`
/// when scripts have no business reading it.
pub fn set_cookie(name: &str, value: &str, max_age: u64, http_only: bool) -> String {
    let http_only = if http_only { "; HttpOnly" } else { "" };
    format!("{name}={value}; Max-Age={max_age}; Path=/; Secure{http_only}; SameSite=Strict")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn finds_a_cookie_among_several_headers() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("a=1; b=2"));
        headers.append(header::COOKIE, HeaderValue::from_static("c=\"3\""));
        assert_eq!(get(&headers, "b"), Some("2"));
        assert_eq!(get(&headers, "c"), Some("3"));
        assert_eq!(get(&headers, "d"), None);
    }

    #[test]
    fn host_prefix_attributes() {
        let c = set_cookie("__Host-x", "v", 60, true);
        assert_eq!(
            c,
            "__Host-x=v; Max-Age=60; Path=/; Secure; HttpOnly; SameSite=Strict"
        );
    }
}
