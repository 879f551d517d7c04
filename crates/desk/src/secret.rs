//! Passwords (argon2id) and bearer tokens (API keys, sessions).
//!
//! Tokens are 256 random bits, so a plain SHA-256 of the token is what the
//! store keeps: it cannot be brute-forced, and looking a token up costs one
//! hash instead of an argon2 run per request. Passwords are low-entropy and
//! get argon2id with a per-password salt.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

use crate::DeskError;

/// The shortest password accepted (NIST SP 800-63B asks for at least 8).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer inputs only cost hashing time.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// API keys read `mpk_<prefix>_<secret>`: the prefix finds the row, the
/// secret proves possession.
pub const API_KEY_MARK: &str = "mpk_";

pub fn hash_password(password: &str) -> Result<String, DeskError> {
    check_password_policy(password)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| DeskError::Internal(format!("hashing a password: {e}")))
}

/// Constant-time through argon2's own comparison; a stored hash that does
/// not parse counts as a mismatch.
pub fn verify_password(password: &str, stored: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

pub fn check_password_policy(password: &str) -> Result<(), DeskError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(DeskError::invalid(
            "password",
            format!("must be at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(DeskError::invalid(
            "password",
            format!("must be at most {MAX_PASSWORD_BYTES} bytes"),
        ));
    }
    Ok(())
}

/// 32 random bytes as lower-case hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// A new API key: `(prefix, full key shown once to its creator)`.
pub fn new_api_key() -> (String, String) {
    let mut prefix_bytes = [0u8; 6];
    OsRng.fill_bytes(&mut prefix_bytes);
    let prefix = format!("{API_KEY_MARK}{}", hex::encode(prefix_bytes));
    let key = format!("{prefix}_{}", random_token());
    (prefix, key)
}

/// Splits a presented key into its prefix and the whole key, or `None`
/// when it is not shaped like one of ours.
pub fn api_key_prefix(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(API_KEY_MARK)?;
    let (prefix_hex, secret) = rest.split_once('_')?;
    let shaped = prefix_hex.len() == 12
        && secret.len() == 64
        && prefix_hex
            .bytes()
            .chain(secret.bytes())
            .all(|b| b.is_ascii_hexdigit());
    shaped.then(|| &key[..API_KEY_MARK.len() + prefix_hex.len()])
}

/// Compares two digests without an early exit, so timing does not reveal
/// how much of a guessed key was right.
pub fn digests_equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("correct horse battery").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse battery!", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(hash_password("short").is_err());
    }

    #[test]
    fn api_keys_parse_back_to_their_prefix() {
        let (prefix, key) = new_api_key();
        assert_eq!(api_key_prefix(&key), Some(prefix.as_str()));
        assert_eq!(api_key_prefix("mpk_zz_00"), None);
        assert_eq!(api_key_prefix("Bearer x"), None);
    }

    #[test]
    fn digest_comparison() {
        assert!(digests_equal("abc", "abc"));
        assert!(!digests_equal("abc", "abd"));
        assert!(!digests_equal("abc", "abcd"));
    }
}
