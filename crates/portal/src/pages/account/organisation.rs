//! `/organisation`: a reporter-admin approves, disables and adds the
//! organisation's users and manages its API keys. A new key is shown once.

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use maud::{html, Markup};
use meldpunt_desk::{ApiKeyView, Desk, NewUser, Principal, Role, UserView};
use serde::Deserialize;

use crate::pages::fields::{error_summary, input_field, problem_for, text_field, Problem};
use crate::pages::{answer, errors, read_form, role_name, see_other, Page};
use crate::state::PortalState;

fn is_org_admin(role: Role) -> bool {
    role == Role::ReporterAdmin
}

pub async fn show(State(state): State<Arc<PortalState>>, page: Page) -> Response {
    render(&state, &page, &[], None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct NewUserForm {
    #[serde(default, rename = "new-email")]
    email: String,
    #[serde(default, rename = "new-display_name")]
    display_name: String,
    #[serde(default, rename = "new-password")]
    password: String,
    #[serde(default)]
    role: String,
}

pub async fn add_user(
    State(state): State<Arc<PortalState>>,
    page: Page,
    form: Result<Form<NewUserForm>, FormRejection>,
) -> Response {
    let (desk, by, form) = match guard_form(&state, &page, form) {
        Ok(checked) => checked,
        Err(response) => return response,
    };
    let role = if form.role == "reporter_admin" {
        Role::ReporterAdmin
    } else {
        Role::Reporter
    };
    let new = NewUser {
        org_id: by.org_id.clone(),
        email: form.email,
        display_name: form.display_name,
        password: form.password,
        role,
    };
    match desk.create_user(by, new).await {
        Ok(_) => see_other("/organisation"),
        Err(meldpunt_desk::DeskError::Invalid { field, message }) => {
            let problem = Problem {
                field: format!("new-{field}"),
                message,
            };
            render(&state, &page, &[problem], None).await
        }
        Err(meldpunt_desk::DeskError::Conflict(message)) => {
            let problem = Problem {
                field: "new-email".to_string(),
                message,
            };
            render(&state, &page, &[problem], None).await
        }
        Err(e) => errors::from_desk(page.lang, &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    status: String,
}

pub async fn set_status(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Path(user_id): Path<String>,
    form: Result<Form<StatusForm>, FormRejection>,
) -> Response {
    let (desk, by, form) = match guard_form(&state, &page, form) {
        Ok(checked) => checked,
        Err(response) => return response,
    };
    match desk.set_user_status(by, &user_id, &form.status).await {
        Ok(_) => see_other("/organisation"),
        Err(e) => errors::from_desk(page.lang, &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct KeyForm {
    #[serde(default, rename = "key-label")]
    label: String,
}

pub async fn create_key(
    State(state): State<Arc<PortalState>>,
    page: Page,
    form: Result<Form<KeyForm>, FormRejection>,
) -> Response {
    let (desk, by, form) = match guard_form(&state, &page, form) {
        Ok(checked) => checked,
        Err(response) => return response,
    };
    match desk.create_api_key(by, &form.label).await {
        Ok((_, key)) => render(&state, &page, &[], Some(&key)).await,
        Err(meldpunt_desk::DeskError::Invalid { message, .. }) => {
            let problem = Problem {
                field: "key-label".to_string(),
                message,
            };
            render(&state, &page, &[problem], None).await
        }
        Err(e) => errors::from_desk(page.lang, &e),
    }
}

pub async fn revoke_key(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Path(key_id): Path<String>,
) -> Response {
    let (desk, by) = match guard(&state, &page) {
        Ok(pair) => pair,
        Err(response) => return response,
    };
    match desk.revoke_api_key(by, &key_id).await {
        Ok(()) => see_other("/organisation"),
        Err(e) => errors::from_desk(page.lang, &e),
    }
}

/// [`guard`], then the form, or the page saying it could not be read.
fn guard_form<'a, T>(
    state: &'a PortalState,
    page: &'a Page,
    form: Result<Form<T>, FormRejection>,
) -> Result<(&'a Desk, &'a Principal, T), Response> {
    let (desk, by) = guard(state, page)?;
    Ok((desk, by, read_form(page, form)?))
}

fn guard<'a>(
    state: &'a PortalState,
    page: &'a Page,
) -> Result<(&'a Desk, &'a Principal), Response> {
    let by = page.require(is_org_admin)?;
    Ok((state.desk(page)?, by))
}

async fn render(
    state: &PortalState,
    page: &Page,
    problems: &[Problem],
    new_key: Option<&str>,
) -> Response {
    let (desk, by) = match guard(state, page) {
        Ok(pair) => pair,
        Err(response) => return response,
    };
    let users = match desk.users_of_org(by, &by.org_id).await {
        Ok(users) => users,
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    let keys = match desk.api_keys(by).await {
        Ok(keys) => keys,
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    let main = html! {
        h1 { (page.t("organisation.title")) }
        (error_summary(page.t("form.error_title"), problems))
        (users_section(page, by, &users, problems))
        (keys_section(page, &keys, new_key, problems))
    };
    answer(
        page,
        page.t("organisation.title"),
        main,
        !problems.is_empty(),
    )
}

fn users_section(page: &Page, by: &Principal, users: &[UserView], problems: &[Problem]) -> Markup {
    html! {
        section aria-labelledby="users-heading" {
            h2 id="users-heading" { (page.t("organisation.users")) }
            div class="table-wrap" {
                table {
                    caption class="visually-hidden" { (page.t("organisation.users")) }
                    thead { tr {
                        th scope="col" { (page.t("organisation.name")) }
                        th scope="col" { (page.t("organisation.email")) }
                        th scope="col" { (page.t("organisation.role")) }
                        th scope="col" { (page.t("organisation.status")) }
                        th scope="col" { (page.t("organisation.action")) }
                    } }
                    tbody {
                        @for user in users {
                            tr {
                                th scope="row" { (user.display_name) }
                                td { (user.email) }
                                td { (user.role.parse::<Role>().map(|r| role_name(page.lang, r)).unwrap_or(&user.role)) }
                                td { (status_name(page, &user.status)) }
                                td { (status_button(page, by, user)) }
                            }
                        }
                    }
                }
            }
            h3 { (page.t("organisation.add_user")) }
            form method="post" action="/organisation/users" class="stack" novalidate {
                (page.csrf_field())
                (text_field("new-display_name", page.t("organisation.name"), None, "", problem_for(problems, "new-display_name"), true))
                (input_field("email", "new-email", page.t("organisation.email"), None, "", problem_for(problems, "new-email"), true))
                (input_field("password", "new-password", page.t("organisation.password"), Some(page.t("organisation.password_hint")), "", problem_for(problems, "new-password"), true))
                div class="field" {
                    label for="new-role" { (page.t("organisation.role")) }
                    select id="new-role" name="role" {
                        option value="reporter" { (role_name(page.lang, Role::Reporter)) }
                        option value="reporter_admin" { (role_name(page.lang, Role::ReporterAdmin)) }
                    }
                }
                button type="submit" { (page.t("organisation.add_user")) }
            }
        }
    }
}

fn status_name(page: &Page, status: &str) -> &'static str {
    match status {
        "active" => page.t("organisation.active"),
        "pending" => page.t("organisation.pending"),
        _ => page.t("organisation.disabled"),
    }
}

fn status_button(page: &Page, by: &Principal, user: &UserView) -> Markup {
    if by.user_id() == Some(user.id.as_str()) {
        return html! { (page.t("organisation.you")) };
    }
    let (status, label) = if user.status == "active" {
        ("disabled", page.t("organisation.disable"))
    } else {
        ("active", page.t("organisation.approve"))
    };
    html! {
        form method="post" action=(format!("/organisation/users/{}/status", user.id)) class="inline-form" {
            (page.csrf_field())
            input type="hidden" name="status" value=(status);
            button type="submit" class="secondary" aria-label=(format!("{label}: {}", user.email)) { (label) }
        }
    }
}

fn keys_section(
    page: &Page,
    keys: &[ApiKeyView],
    new_key: Option<&str>,
    problems: &[Problem],
) -> Markup {
    html! {
        section aria-labelledby="keys-heading" {
            h2 id="keys-heading" { (page.t("organisation.keys")) }
            @if let Some(key) = new_key {
                div class="notice" role="status" {
                    p { (page.t("organisation.key_once")) }
                    p { code class="secret" { (key) } }
                }
            }
            div class="table-wrap" {
                table {
                    caption class="visually-hidden" { (page.t("organisation.keys")) }
                    thead { tr {
                        th scope="col" { (page.t("organisation.label")) }
                        th scope="col" { (page.t("organisation.prefix")) }
                        th scope="col" { (page.t("organisation.created")) }
                        th scope="col" { (page.t("organisation.action")) }
                    } }
                    tbody {
                        @for key in keys {
                            tr {
                                th scope="row" { (key.label) }
                                td { code { (key.prefix) } }
                                td { (key.created_at) }
                                td {
                                    @if let Some(at) = &key.revoked_at {
                                        (page.tf("organisation.revoked_at", &[("at", at)]))
                                    } @else {
                                        form method="post" action=(format!("/organisation/keys/{}/revoke", key.id)) class="inline-form" {
                                            (page.csrf_field())
                                            button type="submit" class="secondary" aria-label=(format!("{}: {}", page.t("organisation.revoke"), key.label)) { (page.t("organisation.revoke")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form method="post" action="/organisation/keys" class="stack" novalidate {
                (page.csrf_field())
                (text_field("key-label", page.t("organisation.label"), Some(page.t("organisation.label_hint")), "", problem_for(problems, "key-label"), true))
                button type="submit" { (page.t("organisation.create_key")) }
            }
        }
    }
}
