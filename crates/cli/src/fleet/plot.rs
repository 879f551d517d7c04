//! `meldpunt fleet track-plot`: a track as hand-written SVG — positions as
//! polylines in an equirectangular projection fitted to the bounding box,
//! silent stretches dashed, event positions marked, title and time labels.

use anyhow::{bail, Context};
use std::collections::BTreeMap;
use std::fmt::Write as _;

use meldpunt_fleet::detect::Event;
use meldpunt_fleet::geo::GeoPoint;
use meldpunt_fleet::track::Position;
use meldpunt_store::Store;

use super::{event_id, format_time, kind_name, position, TrackPlotArgs};

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 650.0;
const MARGIN: f64 = 60.0;
const COLOURS: [&str; 6] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf",
];

pub async fn run(store: &Store, args: TrackPlotArgs) -> anyhow::Result<()> {
    let config = args.scope.detect_config()?;
    let gap_s = config.resampling.max_gap_s;
    let (title, tracks, marks) = match (&args.event, args.mmsi) {
        (Some(id), _) => {
            let events = super::detect::events(store, &args.scope, None).await?;
            let Some(event) = events.into_iter().find(|e| &event_id(e) == id) else {
                bail!(
                    "no event {id} (run meldpunt fleet detect with the same options to list them)"
                );
            };
            let pad = ((event.end - event.start) / 2).max(6 * 3600);
            let mut tracks = BTreeMap::new();
            for mmsi in event.vessels.iter().filter_map(|v| v.mmsi) {
                let rows = store
                    .positions(
                        Some(i64::from(mmsi)),
                        Some(event.start - pad),
                        Some(event.end + pad),
                    )
                    .await?;
                tracks.insert(mmsi, rows.iter().filter_map(position).collect::<Vec<_>>());
            }
            let title = format!("{} {} — {}", kind_name(&event), id, vessels_label(&event));
            (title, tracks, marks_of(&[event]))
        }
        (None, Some(mmsi)) => {
            let (since, until) = args.scope.window()?;
            let rows = store.positions(Some(i64::from(mmsi)), since, until).await?;
            let track: Vec<Position> = rows.iter().filter_map(position).collect();
            let events: Vec<Event> =
                super::detect::events(store, &args.scope, Some(i64::from(mmsi)))
                    .await?
                    .into_iter()
                    .filter(|e| e.involves_mmsi(mmsi))
                    .collect();
            let title = format!(
                "MMSI {mmsi} — {} positions, {} events",
                track.len(),
                events.len()
            );
            (title, BTreeMap::from([(mmsi, track)]), marks_of(&events))
        }
        (None, None) => bail!("give --event ID or --mmsi M"),
    };
    if tracks.values().all(Vec::is_empty) {
        bail!("no stored positions to plot");
    }
    let svg = render(&title, &tracks, &marks, gap_s);
    std::fs::write(&args.output, svg)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    println!(
        "{}: {} track(s), {} positions, {} marked event positions",
        args.output.display(),
        tracks.len(),
        tracks.values().map(Vec::len).sum::<usize>(),
        marks.len()
    );
    Ok(())
}

fn vessels_label(event: &Event) -> String {
    event
        .vessels
        .iter()
        .map(|v| match (v.mmsi, v.imo) {
            (Some(m), Some(i)) => format!("MMSI {m} / IMO {i:07}"),
            (Some(m), None) => format!("MMSI {m}"),
            (None, Some(i)) => format!("IMO {i:07}"),
            (None, None) => "unknown".into(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Marked points: each event's positions, with its kind as the label.
fn marks_of(events: &[Event]) -> Vec<(GeoPoint, String)> {
    events
        .iter()
        .flat_map(|e| {
            let label = format!("{} {}", kind_name(e), format_time(e.start));
            e.positions.iter().map(move |p| (*p, label.clone()))
        })
        .filter(|(p, _)| p.is_valid())
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Equirectangular projection (longitude scaled by the cosine of the mean
/// latitude) fitted to the bounding box of everything drawn.
struct Projection {
    lat_max: f64,
    lon_min: f64,
    x_scale: f64,
    scale: f64,
    x0: f64,
    y0: f64,
}

impl Projection {
    fn fit(points: &[GeoPoint]) -> Projection {
        let (mut lat_min, mut lat_max) = (f64::MAX, f64::MIN);
        let (mut lon_min, mut lon_max) = (f64::MAX, f64::MIN);
        for p in points {
            lat_min = lat_min.min(p.lat);
            lat_max = lat_max.max(p.lat);
            lon_min = lon_min.min(p.lon);
            lon_max = lon_max.max(p.lon);
        }
        // A single point or a straight meridian still gets a box.
        let pad = 0.01;
        let (lat_min, lat_max) = (lat_min - pad, lat_max + pad);
        let (lon_min, lon_max) = (lon_min - pad, lon_max + pad);
        let x_scale = ((lat_min + lat_max) / 2.0).to_radians().cos().max(0.05);
        let w = (lon_max - lon_min) * x_scale;
        let h = lat_max - lat_min;
        let scale = ((WIDTH - 2.0 * MARGIN) / w).min((HEIGHT - 2.0 * MARGIN) / h);
        Projection {
            lat_max,
            lon_min,
            x_scale,
            scale,
            x0: MARGIN + ((WIDTH - 2.0 * MARGIN) - w * scale) / 2.0,
            y0: MARGIN + ((HEIGHT - 2.0 * MARGIN) - h * scale) / 2.0,
        }
    }

    fn xy(&self, p: GeoPoint) -> (f64, f64) {
        (
            self.x0 + (p.lon - self.lon_min) * self.x_scale * self.scale,
            self.y0 + (self.lat_max - p.lat) * self.scale,
        )
    }
}

pub fn render(
    title: &str,
    tracks: &BTreeMap<u32, Vec<Position>>,
    marks: &[(GeoPoint, String)],
    gap_s: i64,
) -> String {
    let mut points: Vec<GeoPoint> = tracks.values().flatten().map(Position::point).collect();
    points.extend(marks.iter().map(|(p, _)| *p));
    let proj = Projection::fit(&points);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(svg, r#"<title>{}</title>"#, escape(title));
    let _ = writeln!(
        svg,
        r##"<rect width="100%" height="100%" fill="#f7fbff"/>"##
    );
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="24" text-anchor="middle" font-size="16" font-weight="bold">{}</text>"#,
        WIDTH / 2.0,
        escape(title)
    );
    let times = tracks.values().flatten().map(|p| p.time);
    if let (Some(first), Some(last)) = (times.clone().min(), times.max()) {
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="44" text-anchor="middle">{} – {}; dashed: no position for over {} min</text>"#,
            WIDTH / 2.0,
            format_time(first),
            format_time(last),
            gap_s / 60
        );
    }
    for (i, (mmsi, track)) in tracks.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let _ = writeln!(svg, r#"<g class="track" data-mmsi="{mmsi}">"#);
        let mut run: Vec<(f64, f64)> = Vec::new();
        let flush = |svg: &mut String, run: &mut Vec<(f64, f64)>| {
            if !run.is_empty() {
                let pts: Vec<String> = run.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
                let _ = writeln!(
                    svg,
                    r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="1.6"/>"#,
                    pts.join(" ")
                );
                run.clear();
            }
        };
        for (k, p) in track.iter().enumerate() {
            let xy = proj.xy(p.point());
            if let Some(prev) = k.checked_sub(1).and_then(|j| track.get(j)) {
                if p.time - prev.time > gap_s {
                    flush(&mut svg, &mut run);
                    let (x1, y1) = proj.xy(prev.point());
                    let _ = writeln!(
                        svg,
                        r#"<line class="gap" x1="{x1:.1}" y1="{y1:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="1.6" stroke-dasharray="6 4"><title>{} min without position</title></line>"#,
                        xy.0,
                        xy.1,
                        (p.time - prev.time) / 60
                    );
                }
            }
            run.push(xy);
        }
        flush(&mut svg, &mut run);
        if let (Some(first), Some(last)) = (track.first(), track.last()) {
            for (p, anchor) in [(first, "start"), (last, "end")] {
                let (x, y) = proj.xy(p.point());
                let _ = writeln!(
                    svg,
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="{colour}"/><text x="{x:.1}" y="{:.1}" text-anchor="{anchor}" fill="{colour}">{} {}</text>"#,
                    y - 6.0,
                    mmsi,
                    format_time(p.time)
                );
            }
        }
        let _ = writeln!(svg, "</g>");
    }
    for (p, label) in marks {
        let (x, y) = proj.xy(*p);
        let _ = writeln!(
            svg,
            r##"<circle class="event" cx="{x:.1}" cy="{y:.1}" r="7" fill="none" stroke="#d62728" stroke-width="2.5"><title>{}</title></circle>"##,
            escape(label)
        );
    }
    svg.push_str("</svg>\n");
    svg
}
