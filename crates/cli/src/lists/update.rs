//! `lists update`: fetch the official lists with conditional requests
//! (ETag / Last-Modified), verify and import whatever changed, and report
//! what changed against the previous version.
//!
//! A multi-file source (OFAC's CSV set) is refetched whole when any of its
//! files changed, because the files only make sense together. Validators are
//! saved only after the import commits, so a failed import retries next run.

use anyhow::{bail, Context};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

use meldpunt_sources::{plan_inputs, Format, ReadOptions};
use meldpunt_store::Store;

use super::import::{import_input, print_result, ImportResult};
use super::UpdateArgs;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateConfig {
    #[serde(rename = "source")]
    pub sources: Vec<SourceConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    pub name: String,
    /// A reader format name (un, ofac-csv…); detected from content when absent.
    #[serde(default)]
    pub format: Option<String>,
    pub urls: Vec<String>,
    /// Local file names, one per URL, that let detection and the OFAC reader
    /// recognise the files (default: the URL's last path segment).
    #[serde(default)]
    pub files: Vec<String>,
}

/// The official publication addresses; override with --config.
const DEFAULT_CONFIG: &str = r#"
[[source]]
name = "ofac-sdn"
format = "ofac-csv"
urls = [
  "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
  "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV",
  "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV",
  "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV",
]
files = ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"]

[[source]]
name = "un-sc"
format = "un"
urls = ["https://scsanctions.un.org/resources/xml/en/consolidated.xml"]
files = ["consolidated.xml"]

[[source]]
name = "eu-fsf"
format = "eu-fsf"
urls = ["https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"]
files = ["eu-fsf.xml"]

[[source]]
name = "uk-fcdo"
format = "uk"
urls = ["https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"]
files = ["UK-Sanctions-List.xml"]
"#;

const MAX_DOWNLOAD: u64 = 512 * 1024 * 1024;

pub async fn run(store: &Store, args: UpdateArgs) -> anyhow::Result<()> {
    let config = load_config(args.config.as_deref())?;
    let client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(30))
        .timeout(Duration::from_secs(600))
        .user_agent(concat!("meldpunt/", env!("CARGO_PKG_VERSION")))
        .build()?;
    let mut failures = 0;
    for source in config
        .sources
        .iter()
        .filter(|s| args.source.is_empty() || args.source.contains(&s.name))
    {
        if let Err(error) = update_source(store, &client, source).await {
            failures += 1;
            eprintln!("{}: update failed: {error:#}", source.name);
        }
    }
    if failures > 0 {
        bail!("{failures} source(s) failed to update");
    }
    Ok(())
}

pub fn load_config(path: Option<&Path>) -> anyhow::Result<UpdateConfig> {
    let (text, origin) = match path {
        Some(path) => (
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
            path.display().to_string(),
        ),
        None => (
            DEFAULT_CONFIG.to_string(),
            "built-in configuration".to_string(),
        ),
    };
    let config: UpdateConfig =
        toml::from_str(&text).with_context(|| format!("{origin}: invalid update configuration"))?;
    for source in &config.sources {
        if source.urls.is_empty() {
            bail!("{origin}: source '{}' has no urls", source.name);
        }
        if !source.files.is_empty() && source.files.len() != source.urls.len() {
            bail!(
                "{origin}: source '{}' names {} files for {} urls",
                source.name,
                source.files.len(),
                source.urls.len()
            );
        }
        if let Some(format) = &source.format {
            if Format::parse(format).is_none() {
                bail!(
                    "{origin}: source '{}' has unknown format '{format}'",
                    source.name
                );
            }
        }
    }
    Ok(config)
}

enum Fetched {
    NotModified,
    Saved {
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

async fn update_source(
    store: &Store,
    client: &reqwest::Client,
    source: &SourceConfig,
) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let paths: Vec<PathBuf> = (0..source.urls.len())
        .map(|i| dir.path().join(local_name(source, i)))
        .collect();
    let mut results = Vec::new();
    for (url, path) in source.urls.iter().zip(&paths) {
        results.push(fetch(store, client, url, path, true).await?);
    }
    if results.iter().all(|r| matches!(r, Fetched::NotModified)) {
        println!("{}: not modified since the last update", source.name);
        return Ok(());
    }
    for (index, result) in results.iter_mut().enumerate() {
        if matches!(result, Fetched::NotModified) {
            *result = fetch(store, client, &source.urls[index], &paths[index], false).await?;
        }
    }
    let format = source.format.as_deref().and_then(Format::parse);
    let inputs = plan_inputs(&paths[..1], format)?;
    let [input] = <[_; 1]>::try_from(inputs)
        .map_err(|_| anyhow::anyhow!("{}: downloaded files do not form one source", source.name))?;
    let previous = store.latest_version(&source.name).await?;
    let result = import_input(store, input, &source.name, &ReadOptions::default()).await?;
    print_result(&result, false);
    if let (ImportResult::Imported { version, .. }, Some(previous)) = (&result, previous) {
        let diff = store.diff_versions(previous.id, version.id).await?;
        println!(
            "  changes since version {}: added {}, removed {}, changed {}",
            previous.id,
            diff.added.len(),
            diff.removed.len(),
            diff.changed.len()
        );
    }
    for ((url, path), fetched) in source.urls.iter().zip(&paths).zip(results) {
        if let Fetched::Saved {
            etag,
            last_modified,
        } = fetched
        {
            let sha256 = meldpunt_sources::digest_files(std::slice::from_ref(path))?
                .pop()
                .map(|d| d.sha256)
                .unwrap_or_default();
            store
                .set_fetch_state(url, etag.as_deref(), last_modified.as_deref(), &sha256)
                .await?;
        }
    }
    Ok(())
}

fn local_name(source: &SourceConfig, index: usize) -> String {
    if let Some(name) = source.files.get(index) {
        return name.clone();
    }
    let url = &source.urls[index];
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or("download").trim();
    if last.is_empty() {
        format!("download-{index}")
    } else {
        last.to_string()
    }
}

async fn fetch(
    store: &Store,
    client: &reqwest::Client,
    url: &str,
    path: &Path,
    conditional: bool,
) -> anyhow::Result<Fetched> {
    let mut request = client.get(url);
    if conditional {
        if let Some(state) = store.fetch_state(url).await? {
            if let Some(etag) = state.etag {
                request = request.header(reqwest::header::IF_NONE_MATCH, etag);
            }
            if let Some(modified) = state.last_modified {
                request = request.header(reqwest::header::IF_MODIFIED_SINCE, modified);
            }
        }
    }
    let mut response = request.send().await.with_context(|| format!("GET {url}"))?;
    let status = response.status();
    if status == reqwest::StatusCode::NOT_MODIFIED {
        return Ok(Fetched::NotModified);
    }
    if !status.is_success() {
        bail!("GET {url}: HTTP {status}");
    }
    let header = |name: reqwest::header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let etag = header(reqwest::header::ETAG);
    let last_modified = header(reqwest::header::LAST_MODIFIED);
    let mut file = tokio::fs::File::create(path).await?;
    let mut size = 0u64;
    while let Some(chunk) = response
        .chunk()
        .await
        .with_context(|| format!("GET {url}: reading body"))?
    {
        size += chunk.len() as u64;
        if size > MAX_DOWNLOAD {
            bail!(
                "GET {url}: larger than {} MiB; refusing",
                MAX_DOWNLOAD >> 20
            );
        }
        tokio::io::AsyncWriteExt::write_all(&mut file, &chunk).await?;
    }
    tokio::io::AsyncWriteExt::flush(&mut file).await?;
    Ok(Fetched::Saved {
        etag,
        last_modified,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_config_is_valid() {
        let config = load_config(None).unwrap();
        assert!(config.sources.iter().any(|s| s.name == "un-sc"));
        assert_eq!(config.sources[0].files.len(), 4);
    }
}
