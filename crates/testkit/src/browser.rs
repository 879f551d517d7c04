//! Headless Chromium for browser tests, driven over WebDriver by
//! fantoccini. Needs Debian's `chromium` and `chromium-driver` packages
//! (`/usr/bin/chromium`, `/usr/bin/chromedriver`; override with
//! `MELDPUNT_CHROMIUM` and `MELDPUNT_CHROMEDRIVER`). When they are missing
//! the test is skipped with a note, except under CI, where it fails.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use fantoccini;
use fantoccini::{Client, ClientBuilder};
use serde_json::json;

use crate::in_ci;

/// A running chromedriver with one browser session. The driver process
/// is killed when this is dropped; call [`Browser::close`] first to end
/// the session cleanly.
pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Browser {
    /// Ends the browser session; the driver stops on drop.
    pub async fn close(self) {
        if let Err(e) = self.client.clone().close().await {
            eprintln!("closing the browser session: {e}");
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn program(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default))
}

/// Starts chromedriver on a free port and opens a headless Chromium
/// session with a fixed window size (so screenshots are comparable).
/// `None` (with a note) when Chromium or chromedriver is not installed,
/// outside CI; under CI every failure panics.
pub async fn start() -> Option<Browser> {
    let chromium = program("MELDPUNT_CHROMIUM", "/usr/bin/chromium");
    let driver = program("MELDPUNT_CHROMEDRIVER", "/usr/bin/chromedriver");
    for path in [&chromium, &driver] {
        if !path.exists() {
            let message = format!(
                "{} is missing (apt-get install chromium chromium-driver)",
                path.display()
            );
            if in_ci() {
                panic!("{message}");
            }
            eprintln!("skipping browser test: {message}");
            return None;
        }
    }
    match launch(&chromium, &driver).await {
        Ok(browser) => Some(browser),
        Err(message) => panic!("starting headless Chromium: {message}"),
    }
}

async fn launch(chromium: &Path, driver: &Path) -> Result<Browser, String> {
    let port = free_port().map_err(|e| format!("no free port: {e}"))?;
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", driver.display()))?;
    // Owned from here on, so an early return still kills the driver.
    let mut browser_driver = DriverGuard(Some(child));
    wait_for_port(port, Duration::from_secs(20)).await?;
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": chromium.to_string_lossy(),
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1024",
                "--lang=en-GB",
            ],
        }
    });
    let capabilities = match capabilities {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    // Ignored when a provider is already installed (another test did it).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = ClientBuilder::rustls()
        .map_err(|e| format!("WebDriver client: {e}"))?
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .map_err(|e| format!("connecting to chromedriver: {e}"))?;
    let driver = browser_driver.0.take().ok_or("driver lost")?;
    Ok(Browser { client, driver })
}

struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(child) = self.0.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

async fn wait_for_port(port: u16, timeout: Duration) -> Result<(), String> {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!(
        "chromedriver did not listen on port {port} within {timeout:?}"
    ))
}

/// Where browser tests save screenshots: `target/screenshots/` of the
/// workspace (created on first use).
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("screenshots");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
    }
    std::fs::canonicalize(&dir).unwrap_or(dir)
}

/// Saves a PNG of the current page as `target/screenshots/{name}.png`.
pub async fn screenshot(client: &Client, name: &str) -> Result<PathBuf, String> {
    let png = client
        .screenshot()
        .await
        .map_err(|e| format!("screenshot {name}: {e}"))?;
    let path = screenshot_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).map_err(|e| format!("writing {}: {e}", path.display()))?;
    Ok(path)
}
