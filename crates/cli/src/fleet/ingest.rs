//! `meldpunt fleet ingest FILE…`: decode AIS files and store their
//! positions and static identities, one transaction per file.

use anyhow::{bail, Context};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use meldpunt_fleet::ais::bits::trim_text;
use meldpunt_fleet::ais::marinecadastre;
use meldpunt_fleet::ais::message::StaticDataReport;
use meldpunt_fleet::ais::{mid, AisMessage, Decoder, Message};
use meldpunt_fleet::track::Position;
use meldpunt_store::{FleetIngest, IdentityRow, IngestCounts, NewIngest, PositionRow, Store};

use super::{position_row, IngestArgs};
use crate::progress::Progress;

/// Errors shown per file; the rest are counted.
const SHOWN_ERRORS: usize = 5;
/// Positions buffered before a multi-row insert.
const FLUSH_ROWS: usize = 10_000;
/// Lines looked at to tell NMEA from MarineCadastre CSV.
const SNIFF_LINES: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Nmea,
    MarineCadastre,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Nmea => "nmea",
            Format::MarineCadastre => "marinecadastre",
        }
    }
}

pub async fn run(store: &Store, args: IngestArgs) -> anyhow::Result<()> {
    for path in &args.files {
        ingest_file(store, path).await?;
    }
    Ok(())
}

/// The key an identity is stored under, and its seen span.
type IdentityKey = (
    i64,
    Option<i64>,
    String,
    String,
    String,
    Option<i64>,
    String,
);

#[derive(Default)]
struct Collected {
    counts: IngestCounts,
    /// Sentences or rows that were AIS; zero means the file is not AIS.
    ais_lines: u64,
    errors: Vec<String>,
    pending: Vec<PositionRow>,
    identities: HashMap<IdentityKey, (Option<i64>, Option<i64>)>,
}

impl Collected {
    fn error(&mut self, text: String) {
        self.counts.errors += 1;
        if self.errors.len() < SHOWN_ERRORS {
            self.errors.push(text);
        }
    }

    fn position(&mut self, p: &Position) {
        self.counts.positions += 1;
        self.pending.push(position_row(p));
    }

    #[allow(clippy::too_many_arguments)]
    fn identity(
        &mut self,
        mmsi: u32,
        imo: Option<u32>,
        name: &str,
        call_sign: &str,
        ship_type: Option<u8>,
        source: &str,
        time: Option<i64>,
    ) {
        let name = trim_text(name).trim().to_string();
        let call_sign = trim_text(call_sign).trim().to_string();
        if name.is_empty() && call_sign.is_empty() && imo.is_none() && ship_type.is_none() {
            return;
        }
        let flag = mid::flag_state(mmsi)
            .map(str::to_lowercase)
            .unwrap_or_default();
        let key = (
            i64::from(mmsi),
            imo.filter(|i| *i != 0).map(i64::from),
            name,
            call_sign,
            flag,
            ship_type.filter(|t| *t != 0).map(i64::from),
            source.to_string(),
        );
        let span = self.identities.entry(key).or_insert((None, None));
        if let Some(t) = time {
            span.0 = Some(span.0.map_or(t, |f| f.min(t)));
            span.1 = Some(span.1.map_or(t, |l| l.max(t)));
        }
    }

    fn message(&mut self, m: &AisMessage) {
        self.counts.messages += 1;
        if let Some(p) = Position::from_ais(m) {
            self.position(&p);
        }
        let time = m.received_at;
        match &m.message {
            Message::StaticVoyage(s) => self.identity(
                s.mmsi,
                s.imo,
                &s.name,
                &s.call_sign,
                Some(s.ship_type),
                "ais:5",
                time,
            ),
            Message::ClassBExtended(s) => self.identity(
                s.position.mmsi,
                None,
                &s.name,
                "",
                Some(s.ship_type),
                "ais:19",
                time,
            ),
            Message::StaticDataReport(StaticDataReport::A { mmsi, name, .. }) => {
                self.identity(*mmsi, None, name, "", None, "ais:24", time)
            }
            Message::StaticDataReport(StaticDataReport::B {
                mmsi,
                ship_type,
                call_sign,
                ..
            }) => self.identity(*mmsi, None, "", call_sign, Some(*ship_type), "ais:24", time),
            _ => {}
        }
    }

    async fn flush(&mut self, ingest: &mut FleetIngest) -> anyhow::Result<()> {
        if !self.pending.is_empty() {
            ingest.add_positions(&self.pending).await?;
            self.pending.clear();
        }
        Ok(())
    }
}

async fn ingest_file(store: &Store, path: &Path) -> anyhow::Result<()> {
    let shown = path.display().to_string();
    let format = sniff(path).with_context(|| format!("{shown}: cannot read"))?;
    let sha256 = sha256_file(path).with_context(|| format!("{shown}: cannot read"))?;
    let mut ingest = store
        .begin_fleet_ingest(NewIngest {
            file: shown.clone(),
            sha256,
            format: format.name().to_string(),
        })
        .await?;
    let progress = Progress::new(&format!("ingest {shown}"), "lines");
    let mut collected = Collected::default();
    let outcome = match format {
        Format::Nmea => read_nmea(path, &mut collected, &mut ingest, &progress).await,
        Format::MarineCadastre => {
            read_marinecadastre(path, &mut collected, &mut ingest, &progress).await
        }
    };
    progress.finish();
    outcome.with_context(|| format!("{shown}: ingest failed"))?;
    if collected.ais_lines == 0 {
        // Dropping the ingest rolls it back: nothing is stored.
        bail!(
            "{shown}: not AIS data: no AIVDM/AIVDO sentence or MarineCadastre row in {} lines",
            collected.counts.errors + collected.counts.messages
        );
    }
    collected.flush(&mut ingest).await?;
    let identities = std::mem::take(&mut collected.identities);
    let mut identities: Vec<_> = identities.into_iter().collect();
    identities.sort_by(|a, b| a.0.cmp(&b.0));
    for ((mmsi, imo, name, call_sign, flag, ship_type, source), (first, last)) in identities {
        let row = IdentityRow {
            mmsi,
            imo,
            name,
            call_sign,
            flag,
            ship_type,
            source,
            first_seen: first,
            last_seen: last,
        };
        ingest.upsert_identity(&row).await?;
    }
    let done = ingest.commit(collected.counts).await?;
    println!(
        "{shown}: {} ({}), {} messages, {} positions ({} new), {} identities, {} invalid lines",
        format.name(),
        &done.sha256[..12.min(done.sha256.len())],
        done.messages,
        done.positions,
        done.new_positions,
        done.identities,
        done.errors
    );
    for error in &collected.errors {
        println!("  {error}");
    }
    if done.errors > collected.errors.len() as u64 {
        println!(
            "  … and {} more invalid lines",
            done.errors - collected.errors.len() as u64
        );
    }
    Ok(())
}

/// MarineCadastre when the first non-empty line is its CSV header;
/// otherwise NMEA (the decoder then tells whether it is AIS at all).
fn sniff(path: &Path) -> std::io::Result<Format> {
    let mut reader = BufReader::new(File::open(path)?);
    let mut line = Vec::new();
    for _ in 0..SNIFF_LINES {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            continue;
        }
        let header = text.to_ascii_uppercase();
        if header.starts_with("MMSI,") && header.contains("BASEDATETIME") {
            return Ok(Format::MarineCadastre);
        }
        return Ok(Format::Nmea);
    }
    Ok(Format::Nmea)
}

fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

async fn read_nmea(
    path: &Path,
    collected: &mut Collected,
    ingest: &mut FleetIngest,
    progress: &Progress,
) -> anyhow::Result<()> {
    let mut reader = BufReader::new(File::open(path)?);
    let mut decoder = Decoder::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        progress.inc();
        match decoder.decode_bytes(&line) {
            Ok(Some(message)) => collected.message(&message),
            Ok(None) => {}
            Err(error) => collected.error(error.to_string()),
        }
        if collected.pending.len() >= FLUSH_ROWS {
            collected.flush(ingest).await?;
        }
    }
    let stats = decoder.finish();
    collected.ais_lines = stats.ais_sentences;
    Ok(())
}

async fn read_marinecadastre(
    path: &Path,
    collected: &mut Collected,
    ingest: &mut FleetIngest,
    progress: &Progress,
) -> anyhow::Result<()> {
    let reader = marinecadastre::Reader::open(path)?;
    for record in reader {
        progress.inc();
        match record {
            Ok(record) => {
                collected.ais_lines += 1;
                collected.counts.messages += 1;
                if let Some(p) = Position::from_record(&record) {
                    collected.position(&p);
                }
                if let Some(s) = &record.static_data {
                    collected.identity(
                        s.mmsi,
                        s.imo,
                        &s.name,
                        &s.call_sign,
                        Some(s.ship_type),
                        "marinecadastre",
                        Some(record.received_at),
                    );
                }
            }
            Err(error) => collected.error(error.to_string()),
        }
        if collected.pending.len() >= FLUSH_ROWS {
            collected.flush(ingest).await?;
        }
    }
    Ok(())
}
