//! `DeskPortal`: the portal in front of the API with a reporting point on
//! a fresh store (SQLite or PostgreSQL), the desk tests' cast (two
//! reporting organisations, the reporting point, two authorities, one user
//! per role) and a fixed clock. `Browser` is one browser: a cookie jar and
//! the last page's CSRF token.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use meldpunt_desk::{Desk, Principal};
use meldpunt_portal::{app, PortalState};
use meldpunt_reports::RuleTable;
use meldpunt_screening::ScoringConfig;
use meldpunt_store::Store;
use meldpunt_web::{router, AppState, DatasetInfo};
use tower::ServiceExt;

use super::cast::{cast_list, fixed_now, standard_cast, PASSWORD};
use super::Page;

/// Runs each case once on SQLite and once on PostgreSQL; a case is
/// `async fn case(portal: DeskPortal)` at the test file's root.
#[macro_export]
macro_rules! portal_on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    $crate::common::harness::on_sqlite(|store| async move {
                        super::$case($crate::common::desk_portal::DeskPortal::new(store).await).await
                    }).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    $crate::common::harness::on_postgres(|store| async move {
                        super::$case($crate::common::desk_portal::DeskPortal::new(store).await).await
                    }).await;
                }
            )*
        }
    };
}

#[allow(unused_imports)]
pub use super::cast::{
    ADMIN, ANALYST, BANK_ADMIN, BANK_REPORTER, DNB_VIEWER, FIOD_VIEWER, OTHER_ADMIN, OTHER_REPORTER,
};

pub struct DeskPortal {
    router: Router,
    pub desk: Desk,
    pub bank_org: String,
    pub other_org: String,
}

impl DeskPortal {
    pub async fn new(store: Store) -> DeskPortal {
        let entries = cast_list();
        let dataset = DatasetInfo {
            name: "eu_fsf".to_string(),
            version_id: "42".to_string(),
            published: None,
            entity_count: 2,
            imported_at: None,
        };
        let state = AppState::new(entries, ScoringConfig::default(), vec![dataset]);
        let desk = Desk::open(
            store,
            Some(state.lists_in_use()),
            RuleTable::builtin().clone(),
        )
        .await
        .expect("open desk")
        .with_clock(fixed_now);
        let orgs = standard_cast(&desk).await;
        let state = state.with_desk(desk.clone());
        let portal = PortalState::from_app(&state);
        DeskPortal {
            router: app(portal, router(state)),
            desk,
            bank_org: orgs.bank,
            other_org: orgs.other,
        }
    }

    /// The whole app (portal in front of the API), e.g. to serve on a port.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// A new browser with an empty cookie jar.
    pub fn browser(&self) -> Browser {
        Browser {
            router: self.router.clone(),
            cookies: Arc::new(Mutex::new(BTreeMap::new())),
            token: Arc::new(Mutex::new(None)),
        }
    }

    /// A browser signed in as `email` (password `cast::PASSWORD`).
    pub async fn signed_in(&self, email: &str) -> Browser {
        let browser = self.browser();
        let page = browser.login(email, PASSWORD).await;
        assert_eq!(page.status, 303, "sign-in of {email}: {}", page.body);
        browser
    }

    /// The principal of a cast member, for calling the desk directly.
    pub async fn principal(&self, email: &str) -> Principal {
        let session = self
            .desk
            .login(email, PASSWORD, None)
            .await
            .expect("cast member signs in");
        session.principal
    }
}

/// One browser: cookies as the server set them, and the CSRF token of the
/// last page that had a form.
#[derive(Clone)]
pub struct Browser {
    router: Router,
    cookies: Arc<Mutex<BTreeMap<String, String>>>,
    token: Arc<Mutex<Option<String>>>,
}

impl Browser {
    pub async fn get(&self, uri: &str) -> Page {
        let request = Request::get(uri)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty());
        self.send(request).await
    }

    /// Signs in through the form.
    pub async fn login(&self, email: &str, password: &str) -> Page {
        self.get("/login").await;
        self.post_form("/login", &[("email", email), ("password", password)])
            .await
    }

    /// POSTs a form with the CSRF token of the last page that had one
    /// (opening `uri` first when no page has been seen).
    pub async fn post_form(&self, uri: &str, fields: &[(&str, &str)]) -> Page {
        if self.token().is_none() {
            self.get(uri).await;
        }
        let token = self.token().unwrap_or_default();
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(uri, &all).await
    }

    /// POSTs a form exactly as given: no CSRF token is added.
    pub async fn post_raw(&self, uri: &str, fields: &[(&str, &str)]) -> Page {
        let body = serde_urlencoded::to_string(fields).expect("encodable");
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .body(Body::from(body));
        self.send(request).await
    }

    /// POSTs a multipart form: the CSRF token, the given text fields and
    /// one file.
    pub async fn post_multipart(
        &self,
        uri: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &str, &[u8]),
    ) -> Page {
        let (field_name, file_name, content_type, content) = file;
        let boundary = "----meldpunt-portal-test";
        let token = self.token().unwrap_or_default();
        let mut body: Vec<u8> = Vec::new();
        let mut text = |name: &str, value: &str| {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        };
        text("csrf", &token);
        for (name, value) in fields {
            text(name, value);
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field_name}\"; \
                 filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post(uri)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::ACCEPT, "text/html")
            .body(Body::from(body));
        self.send(request).await
    }

    /// The current value of a cookie in the jar.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().ok()?.get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        if let Ok(mut jar) = self.cookies.lock() {
            jar.insert(name.to_string(), value.to_string());
        }
    }

    /// The CSRF token of the last page that had a form.
    pub fn token(&self) -> Option<String> {
        self.token.lock().ok()?.clone()
    }

    pub async fn send(&self, request: Result<Request<Body>, axum::http::Error>) -> Page {
        let mut request = request.expect("valid test request");
        let jar = self.cookie_header();
        if !jar.is_empty() {
            if let Ok(value) = jar.parse() {
                request.headers_mut().insert(header::COOKIE, value);
            }
        }
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let page = super::read_page(response).await;
        self.remember(&page);
        page
    }

    fn cookie_header(&self) -> String {
        let Ok(jar) = self.cookies.lock() else {
            return String::new();
        };
        jar.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn remember(&self, page: &Page) {
        if let Ok(mut jar) = self.cookies.lock() {
            for set in page.set_cookies() {
                let Some((name, rest)) = set.split_once('=') else {
                    continue;
                };
                let value = rest.split(';').next().unwrap_or_default();
                if set.contains("Max-Age=0") || value.is_empty() {
                    jar.remove(name);
                } else {
                    jar.insert(name.to_string(), value.to_string());
                }
            }
        }
        if page.body.contains("name=\"csrf\" value=\"") {
            if let Ok(mut token) = self.token.lock() {
                *token = Some(page.csrf_token());
            }
        }
    }
}
