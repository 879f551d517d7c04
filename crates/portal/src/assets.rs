//! CSS and script compiled into the binary and served under `/assets/`.
//! Names carry a content hash (`app.1a2b3c4d5e.css`), so a file can be
//! cached for a year and a new build still reaches every browser at once.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const FILES: [Asset; 2] = [
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../assets/app.css"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/app.js"),
    },
];

struct Hashed {
    asset: &'static Asset,
    hash: String,
    url_name: String,
}

static HASHED: LazyLock<Vec<Hashed>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|asset| {
            let hash = hex::encode(&Sha256::digest(asset.body)[..5]);
            let url_name = match asset.name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                None => format!("{}.{hash}", asset.name),
            };
            Hashed {
                asset,
                hash,
                url_name,
            }
        })
        .collect()
});

/// The URL of an asset by its plain name, e.g. `url("app.css")`.
pub fn url(name: &str) -> String {
    HASHED
        .iter()
        .find(|h| h.asset.name == name)
        .map(|h| format!("/assets/{}", h.url_name))
        .unwrap_or_else(|| format!("/assets/{name}"))
}

/// `GET /assets/{file}`: hashed names are immutable; plain names are
/// revalidated by ETag.
pub async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let found = HASHED
        .iter()
        .find(|h| h.url_name == file || h.asset.name == file);
    let Some(hashed) = found else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", hashed.hash);
    let cache = if hashed.url_name == file {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        hashed.asset.body.into_response()
    };
    let out = response.headers_mut();
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(hashed.asset.content_type),
    );
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        out.insert(header::ETAG, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CSS custom property `--name: #rrggbb`.
    fn colour(css: &str, name: &str) -> [f64; 3] {
        let start = css.find(&format!("--{name}: #")).expect(name) + name.len() + 5;
        let hex = &css[start..start + 6];
        [0, 2, 4].map(|i| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0)
    }

    fn luminance(rgb: [f64; 3]) -> f64 {
        let c = rgb.map(|x| {
            if x <= 0.03928 {
                x / 12.92
            } else {
                ((x + 0.055) / 1.055).powf(2.4)
            }
        });
        0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    }

    fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn text_colours_meet_wcag_aa() {
        let css = std::str::from_utf8(FILES[0].body).unwrap();
        let white = [1.0; 3];
        let pairs = [
            ("ink", "paper"),
            ("muted", "paper"),
            ("muted", "tint"),
            ("ink", "tint"),
            ("brand", "paper"),
            ("brand", "match-bg"),
            ("danger", "paper"),
            ("match", "match-bg"),
            ("ink", "match-bg"),
        ];
        for (fg, bg) in pairs {
            let ratio = contrast(colour(css, fg), colour(css, bg));
            assert!(ratio >= 4.5, "{fg} on {bg}: {ratio:.2}");
        }
        // White header text on the brand colour; borders of form controls (3:1).
        assert!(contrast(white, colour(css, "brand")) >= 4.5);
        assert!(contrast(colour(css, "line"), colour(css, "paper")) >= 3.0);
    }

    #[test]
    fn urls_carry_the_content_hash() {
        let css = url("app.css");
        assert!(
            css.starts_with("/assets/app.") && css.ends_with(".css"),
            "{css}"
        );
        assert_eq!(css.len(), "/assets/app..css".len() + 10);
    }
}
