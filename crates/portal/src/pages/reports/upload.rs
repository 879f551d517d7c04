//! `/reports/upload`: a report as an XML file (`report.xsd`) or a
//! frozen-assets return as CSV. The file is read and checked as the API
//! would; problems are told by line and column of the file, a clean file
//! is filed and its acknowledgement shown.

use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use meldpunt_desk::{Channel, Desk, DeskError, IssueView, Payload, Principal, Submission};
use meldpunt_reports::messages::localise;
use meldpunt_reports::returns_csv::CsvError;
use meldpunt_reports::xml::XmlError;
use meldpunt_reports::{returns_csv, xml};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::view::{acknowledgement, language, localised};
use crate::pages::{errors, to_html, Page};
use crate::state::PortalState;

fn guard<'a>(
    state: &'a PortalState,
    page: &'a Page,
) -> Result<(&'a Desk, &'a Principal), Response> {
    let by = page.require(|role| role.files_reports())?;
    Ok((state.desk(page)?, by))
}

pub async fn show(State(state): State<Arc<PortalState>>, page: Page) -> Response {
    if let Err(response) = guard(&state, &page) {
        return response;
    }
    let main = html! {
        h1 { (page.t("reports.upload.title")) }
        (form(&page))
    };
    to_html(page.render(page.t("reports.upload.title"), main)).into_response()
}

fn form(page: &Page) -> Markup {
    html! {
        form method="post" action="/reports/upload" enctype="multipart/form-data" class="stack" {
            (page.csrf_field())
            div class="field" {
                label for="report-file" { (page.t("reports.upload.file")) }
                p class="hint" id="report-file-hint" { (page.t("reports.upload.file_hint")) }
                input type="file" id="report-file" name="file" accept=".xml,.csv,application/xml,text/csv" aria-describedby="report-file-hint";
            }
            fieldset class="group" {
                legend { (page.t("reports.upload.csv_only")) }
                div class="field" {
                    label for="csv-detected-at" { (page.t("reports.upload.reference")) }
                    p class="hint" id="csv-detected-at-hint" { (page.t("reports.hint.datetime")) }
                    input type="text" id="csv-detected-at" name="detected_at" aria-describedby="csv-detected-at-hint";
                }
                div class="field" {
                    label for="csv-regimes" { (page.t("reports.upload.regimes")) }
                    p class="hint" id="csv-regimes-hint" { (page.t("reports.upload.regimes_hint")) }
                    input type="text" id="csv-regimes" name="regimes" aria-describedby="csv-regimes-hint";
                }
            }
            button type="submit" class="primary" { (page.t("reports.upload.send")) }
        }
    }
}

#[derive(Default)]
struct Upload {
    file_name: String,
    bytes: Vec<u8>,
    detected_at: String,
    regimes: String,
}

async fn read(mut multipart: Multipart) -> Result<Upload, &'static str> {
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(|_| "error.bad_form")? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "file" => {
                upload.file_name = field.file_name().unwrap_or("upload").to_string();
                upload.bytes = field.bytes().await.map_err(|_| "error.bad_form")?.to_vec();
            }
            "detected_at" => {
                upload.detected_at = field.text().await.map_err(|_| "error.bad_form")?
            }
            "regimes" => upload.regimes = field.text().await.map_err(|_| "error.bad_form")?,
            _ => {}
        }
    }
    if upload.bytes.is_empty() {
        return Err("reports.upload.no_file");
    }
    Ok(upload)
}

/// What the file became: a payload to file, or the problems found, each
/// with where in the file it is.
enum Read {
    Ready(Channel, Payload),
    Problems(Vec<String>),
}

pub async fn submit(
    State(state): State<Arc<PortalState>>,
    page: Page,
    multipart: Multipart,
) -> Response {
    let (desk, by) = match guard(&state, &page) {
        Ok(pair) => pair,
        Err(response) => return response,
    };
    let upload = match read(multipart).await {
        Ok(upload) => upload,
        Err(key) => return problems_page(&page, &[page.t(key).to_string()]),
    };
    let reporter = match reporter_of(desk, by).await {
        Ok(reporter) => reporter,
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    let is_csv = upload.file_name.to_ascii_lowercase().ends_with(".csv");
    let outcome = if is_csv {
        check_csv(&page, desk, &upload, reporter)
    } else {
        check_xml(&page, desk, &upload, reporter)
    };
    let (channel, payload) = match outcome {
        Ok(Read::Ready(channel, payload)) => (channel, payload),
        Ok(Read::Problems(problems)) => return problems_page(&page, &problems),
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    let digest = hex::encode(Sha256::digest(&upload.bytes));
    let submission = Submission {
        channel,
        payload,
        // The same file uploaded twice is the same report: filed once.
        idempotency_key: Some(format!("upload:{digest}")),
        origin: upload.file_name.clone(),
    };
    match desk.submit(by, submission).await {
        Ok(ack) if ack.report_id.is_some() => {
            let main = acknowledgement(&page, &ack, true);
            to_html(page.render(page.t("reports.ack.title"), main)).into_response()
        }
        Ok(ack) => {
            let lines: Vec<String> = localised(&page, ack.errors).iter().map(plain).collect();
            problems_page(&page, &lines)
        }
        Err(DeskError::Malformed(detail)) => problems_page(&page, &[detail]),
        Err(e) => errors::from_desk(page.lang, &e),
    }
}

/// The reporter block the desk fills in on filing, so that checking before
/// filing sees the same report.
async fn reporter_of(desk: &Desk, by: &Principal) -> Result<Value, DeskError> {
    let org = desk.org(by, &by.org_id).await?;
    let mut reporter = json!({"name": org.name, "sector": org.sector});
    if let Some(kvk) = org.kvk {
        reporter["kvk"] = kvk.into();
    }
    if let Some(lei) = org.lei {
        reporter["lei"] = lei.into();
    }
    Ok(reporter)
}

fn plain(issue: &IssueView) -> String {
    format!("{}: {}", issue.pointer, issue.message)
}

/// A reading error as `file:line:column: message`, the message in the
/// page's language (the library words it in English).
fn xml_problem(page: &Page, e: &XmlError) -> String {
    let message = localise(e.code, &e.message, language(page));
    let at = match e.path.as_str() {
        "" => String::new(),
        path => format!(" {}", page.tf("reports.upload.at_path", &[("path", path)])),
    };
    format!("{}:{}:{}: {message}{at}", e.origin, e.line, e.column)
}

/// A reading error as `file:line: column c: message`.
fn csv_problem(page: &Page, e: &CsvError) -> String {
    let message = localise(e.code, &e.message, language(page));
    let line = format!("{}:{}", e.origin, e.line);
    match &e.column {
        Some(column) => format!("{line}: {}: {message}", in_column(page, column)),
        None => format!("{line}: {message}"),
    }
}

fn in_column(page: &Page, column: &str) -> String {
    page.tf("reports.upload.column", &[("column", column)])
}

fn check_xml(
    page: &Page,
    desk: &Desk,
    upload: &Upload,
    reporter: Value,
) -> Result<Read, DeskError> {
    let read = match xml::parse_located(&upload.bytes, &upload.file_name) {
        Ok(read) => read,
        Err(e) => return Ok(Read::Problems(vec![xml_problem(page, &e)])),
    };
    let mut json = read.json;
    let anonymous = json.pointer("/envelope/report_type") == Some(&json!("WHISTLEBLOWER"));
    if let Some(envelope) = json.get_mut("envelope").and_then(Value::as_object_mut) {
        if !anonymous && !envelope.contains_key("reporter") {
            envelope.insert("reporter".to_string(), reporter);
        }
    }
    let checked = desk.check(&Payload::Value(json), &upload.file_name)?;
    if checked.errors.is_empty() {
        return Ok(Read::Ready(
            Channel::Xml,
            Payload::Xml(upload.bytes.clone()),
        ));
    }
    let errors = localised(page, checked.errors);
    let located = errors
        .iter()
        .map(|issue| match read.locations.get(&issue.pointer) {
            Some((line, column)) => {
                format!("{}:{line}:{column}: {}", upload.file_name, issue.message)
            }
            None => format!("{}: {}", upload.file_name, plain(issue)),
        });
    Ok(Read::Problems(located.collect()))
}

fn check_csv(
    page: &Page,
    desk: &Desk,
    upload: &Upload,
    reporter: Value,
) -> Result<Read, DeskError> {
    let regimes: Vec<String> = upload
        .regimes
        .split(',')
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    let detected_at = match upload.detected_at.trim() {
        "" => desk.now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        given => given.to_string(),
    };
    let envelope = json!({"detected_at": detected_at, "regimes": regimes, "reporter": reporter});
    let read = match returns_csv::parse_return(&upload.bytes, &upload.file_name, &envelope) {
        Ok(read) => read,
        Err(e) => return Ok(Read::Problems(vec![csv_problem(page, &e)])),
    };
    let checked = desk.check(&Payload::Value(read.report.clone()), &upload.file_name)?;
    if checked.errors.is_empty() {
        let payload = Payload::Csv {
            bytes: upload.bytes.clone(),
            envelope,
        };
        return Ok(Read::Ready(Channel::Csv, payload));
    }
    let errors = localised(page, checked.errors);
    let located = errors
        .iter()
        .map(|issue| match read.locate(&issue.pointer) {
            Some((line, Some(column))) => {
                let column = in_column(page, column);
                format!("{}:{line}: {column}: {}", upload.file_name, issue.message)
            }
            Some((line, None)) => format!("{}:{line}: {}", upload.file_name, issue.message),
            None => format!("{}: {}", upload.file_name, plain(issue)),
        });
    Ok(Read::Problems(located.collect()))
}

fn problems_page(page: &Page, problems: &[String]) -> Response {
    let main = html! {
        h1 { (page.t("reports.upload.title")) }
        div class="error-summary" role="alert" tabindex="-1" data-autofocus {
            h2 { (page.t("reports.upload.problems")) }
            ul class="file-problems" { @for p in problems { li { code { (p) } } } }
        }
        (form(page))
    };
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        to_html(page.render(page.t("reports.upload.title"), main)),
    )
        .into_response()
}
