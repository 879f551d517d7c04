//! `/screen/upload`: screen a customer file (CSV or FtM JSON lines, read
//! by the screening crate's own reader) and see the hits per record as a
//! table, or download them as CSV. The file is screened and forgotten:
//! nothing of it is kept on the server.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use maud::{html, Markup};
use meldpunt_screening::query_file::{read_queries_from, QueryRow, RowError, CSV_COLUMNS};
use meldpunt_screening::{Hit, ScreenOptions};

use super::{csrf_field, errors, hits, percent, to_html, Page};
use crate::csrf::CsrfToken;
use crate::i18n::Lang;
use crate::state::PortalState;

/// One screened record and its hits, best first.
pub struct Screened {
    pub row: QueryRow,
    pub hits: Vec<Hit>,
}

pub async fn show(page: Page, Extension(token): Extension<CsrfToken>) -> Response {
    let lang = page.lang;
    let main = html! {
        h1 { (lang.t("upload.title")) }
        (form(lang, &token))
    };
    to_html(page.render(lang.t("upload.title"), main)).into_response()
}

fn form(lang: Lang, token: &CsrfToken) -> Markup {
    let t = |key| lang.t(key);
    html! {
        p { (t("upload.intro")) }
        p id="file-hint" class="hint" {
            (t("upload.columns")) " " code { (CSV_COLUMNS.join(",")) }
        }
        form method="post" action="/screen/upload" enctype="multipart/form-data" class="stack" {
            (csrf_field(token))
            div class="field" {
                label for="file" { (t("upload.file")) }
                input type="file" id="file" name="file" required
                    accept=".csv,.jsonl,.ndjson,.json,text/csv,application/json"
                    aria-describedby="file-hint";
            }
            div class="button-row" {
                button type="submit" name="format" value="html" data-busy-text=(t("form.busy")) { (t("upload.submit")) }
                button type="submit" name="format" value="csv" class="secondary" { (t("upload.download")) }
            }
        }
    }
}

/// What the multipart form carried.
struct Upload {
    file_name: String,
    bytes: Vec<u8>,
    csv: bool,
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, &'static str> {
    let mut upload = Upload {
        file_name: String::new(),
        bytes: Vec::new(),
        csv: false,
    };
    let mut has_file = false;
    while let Some(field) = multipart.next_field().await.map_err(|_| "error.bad_form")? {
        match field.name() {
            Some("format") => {
                upload.csv = field.text().await.map_err(|_| "error.bad_form")? == "csv"
            }
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or("upload").to_string();
                upload.bytes = field
                    .bytes()
                    .await
                    .map_err(|_| "error.too_large_body")?
                    .to_vec();
                has_file = true;
            }
            _ => {}
        }
    }
    if !has_file || upload.bytes.is_empty() {
        return Err("upload.error_no_file");
    }
    Ok(upload)
}

pub async fn submit(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Extension(token): Extension<CsrfToken>,
    multipart: Multipart,
) -> Response {
    let lang = page.lang;
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(key) => return errors::bad_request(lang, lang.t(key)),
    };
    let parsed = read_queries_from(Cursor::new(&upload.bytes), Path::new(&upload.file_name));
    let (rows, row_errors) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let detail = format!("{} {e}", lang.t("upload.error_unreadable"));
            return errors::bad_request(lang, &detail);
        }
    };
    if rows.len() > state.limits.upload_rows {
        let max = state.limits.upload_rows.to_string();
        return errors::bad_request(lang, &lang.tf("upload.error_too_many", &[("max", &max)]));
    }
    let Some(screened) = screen_rows(&state, rows).await else {
        return errors::internal(lang);
    };
    if upload.csv {
        return csv_response(lang, &screened, &upload.file_name);
    }
    let main = html! {
        h1 { (lang.t("upload.title")) }
        (results(lang, &upload.file_name, &screened, &row_errors))
        h2 { (lang.t("upload.again")) }
        (form(lang, &token))
    };
    to_html(page.render(lang.t("upload.results"), main)).into_response()
}

async fn screen_rows(state: &Arc<PortalState>, rows: Vec<QueryRow>) -> Option<Vec<Screened>> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let options = ScreenOptions {
            limit: state.limits.hits_per_query,
            ..ScreenOptions::default()
        };
        rows.into_iter()
            .map(|row| {
                let hits = state.screener.screen(&row.entity, &options);
                Screened { row, hits }
            })
            .collect()
    })
    .await
    .ok()
}

fn query_name(row: &QueryRow) -> &str {
    row.entity
        .names
        .first()
        .map(|n| n.value.as_str())
        .unwrap_or("")
}

fn results(lang: Lang, file_name: &str, screened: &[Screened], row_errors: &[RowError]) -> Markup {
    let t = |key| lang.t(key);
    let with_hits = screened.iter().filter(|s| !s.hits.is_empty()).count();
    html! {
        section aria-labelledby="results-heading" {
            h2 id="results-heading" tabindex="-1" data-autofocus {
                (lang.tf("upload.summary", &[
                    ("file", file_name),
                    ("rows", &screened.len().to_string()),
                    ("hits", &with_hits.to_string()),
                ]))
            }
            div class="table-wrap" {
                table class="upload-results" {
                    caption class="visually-hidden" { (t("upload.results")) }
                    thead { tr {
                        th scope="col" class="num" { (t("upload.line")) }
                        th scope="col" { (t("upload.id")) }
                        th scope="col" { (t("upload.name")) }
                        th scope="col" class="num" { (t("upload.hits")) }
                        th scope="col" class="num" { (t("hit.score")) }
                        th scope="col" { (t("upload.best_hit")) }
                        th scope="col" { (t("upload.action")) }
                    } }
                    tbody {
                        @for s in screened { (result_row(lang, s)) }
                    }
                }
            }
            @if !row_errors.is_empty() {
                h3 { (t("upload.row_errors")) }
                ul {
                    @for e in row_errors {
                        li { (lang.tf("upload.row_error", &[("line", &e.line.to_string())])) " " (e.message) }
                    }
                }
            }
        }
    }
}

fn result_row(lang: Lang, s: &Screened) -> Markup {
    let name = query_name(&s.row);
    html! {
        tr class=[(!s.hits.is_empty()).then_some("has-hits")] {
            td class="num" { (s.row.line) }
            td { code { (s.row.id) } }
            th scope="row" { (name) }
            td class="num" { (s.hits.len()) }
            @if let Some(best) = s.hits.first() {
                td class="num score" { (percent(best.score)) }
                td { (best.caption) br; code { (best.source) " · " (best.entity_id) " · v" (best.version_id) } }
                td { a href=(hits::report_link(best, name)) { (lang.t("hit.report")) span class="visually-hidden" { ": " (best.caption) } } }
            } @else {
                td class="num" { "–" }
                td { (lang.t("upload.no_hit")) }
                td {}
            }
        }
    }
}

/// One CSV line per hit; a record without hits still gets a line, so the
/// download accounts for every record.
pub fn to_csv(screened: &[Screened]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "line",
        "id",
        "query_name",
        "hit_rank",
        "score",
        "is_match",
        "list",
        "list_version",
        "entry",
        "caption",
        "matched_name",
        "program",
        "listing_date",
        "algorithm_version",
    ])?;
    for s in screened {
        let (line, name) = (s.row.line.to_string(), query_name(&s.row));
        if s.hits.is_empty() {
            out.write_record([
                line.as_str(),
                &s.row.id,
                name,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ])?;
        }
        for (rank, h) in s.hits.iter().enumerate() {
            out.write_record([
                line.as_str(),
                &s.row.id,
                name,
                &(rank + 1).to_string(),
                &format!("{:.3}", h.score),
                if h.is_match { "true" } else { "false" },
                &h.source,
                &h.version_id,
                &h.entity_id,
                &h.caption,
                h.matched_name.as_deref().unwrap_or(""),
                h.program.as_deref().unwrap_or(""),
                h.listing_date.as_deref().unwrap_or(""),
                &h.algorithm_version,
            ])?;
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

fn csv_response(lang: Lang, screened: &[Screened], file_name: &str) -> Response {
    let Ok(body) = to_csv(screened) else {
        return errors::internal(lang);
    };
    let stem: String = Path::new(file_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("upload")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(60)
        .collect();
    let disposition = format!("attachment; filename=\"{stem}-hits.csv\"");
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
