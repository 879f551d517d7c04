//! Store URLs: which backend a URL selects, and how to print it safely.

/// The backend a store URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

/// `postgres://` and `postgresql://` select PostgreSQL; `sqlite:` URLs and
/// anything without a scheme (a file path) select SQLite.
pub(crate) fn backend_of(url: &str) -> Option<Backend> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
        Some(Backend::Postgres)
    } else if lower.starts_with("sqlite:") || !lower.contains("://") {
        Some(Backend::Sqlite)
    } else {
        None
    }
}

/// The URL with the password (in the authority or a `password=` query
/// parameter) replaced by `***`, so errors and logs never leak it.
pub fn redact_url(url: &str) -> String {
    let masked = match url.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
            let (authority, tail) = rest.split_at(authority_end);
            match authority.rsplit_once('@') {
                Some((userinfo, host)) => match userinfo.split_once(':') {
                    Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
                    None => url.to_string(),
                },
                None => url.to_string(),
            }
        }
        None => url.to_string(),
    };
    mask_password_parameter(&masked)
}

fn mask_password_parameter(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => pair.to_string(),
        })
        .collect();
    format!("{base}?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_backend_by_scheme() {
        assert_eq!(backend_of("postgres://h/db"), Some(Backend::Postgres));
        assert_eq!(backend_of("postgresql://h/db"), Some(Backend::Postgres));
        assert_eq!(backend_of("sqlite://data/m.db"), Some(Backend::Sqlite));
        assert_eq!(backend_of("sqlite::memory:"), Some(Backend::Sqlite));
        assert_eq!(backend_of("data/meldpunt.db"), Some(Backend::Sqlite));
        assert_eq!(backend_of("mysql://h/db"), None);
    }

    #[test]
    fn masks_passwords() {
        assert_eq!(
            redact_url("postgres://user:secret@host:5432/db"),
            "postgres://user:***@host:5432/db"
        );
        assert_eq!(
            redact_url("postgres://user@host/db?password=secret&sslmode=require"),
            "postgres://user@host/db?password=***&sslmode=require"
        );
        assert_eq!(redact_url("sqlite://a.db"), "sqlite://a.db");
    }
}
