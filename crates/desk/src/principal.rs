//! Who is asking: a signed-in user, an organisation's API key, or an
//! anonymous whistleblower, with the role that decides what they may do.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The roles of issue #4. A reporter-admin is a reporter who also manages
/// their own organisation's users and API keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Reporter,
    ReporterAdmin,
    Analyst,
    AuthorityViewer,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Reporter,
        Role::ReporterAdmin,
        Role::Analyst,
        Role::AuthorityViewer,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reporter => "reporter",
            Role::ReporterAdmin => "reporter_admin",
            Role::Analyst => "analyst",
            Role::AuthorityViewer => "authority_viewer",
            Role::Admin => "admin",
        }
    }

    /// Roles that file reports on behalf of their organisation.
    pub fn files_reports(self) -> bool {
        matches!(self, Role::Reporter | Role::ReporterAdmin)
    }

    /// Roles at the reporting point itself, who see every report.
    pub fn sees_all_reports(self) -> bool {
        matches!(self, Role::Analyst | Role::Admin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == text)
            .ok_or_else(|| {
                format!("unknown role '{text}'; expected reporter, reporter_admin, analyst, authority_viewer or admin")
            })
    }
}

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Credential {
    User {
        user_id: String,
    },
    ApiKey {
        key_id: String,
    },
    /// Only for whistleblower reports; no identity is kept.
    Anonymous,
    /// Someone at the server's console (`meldpunt` subcommands), acting as
    /// an administrator.
    Operator {
        name: String,
    },
}

/// An authenticated caller. Every desk operation takes one and checks it
/// first; there is no way to reach the store around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub credential: Credential,
    pub org_id: String,
    pub role: Role,
    /// For authority viewers: the authority code whose routed reports they see.
    pub authority: Option<String>,
}

impl Principal {
    /// What the audit log records as the actor.
    pub fn actor(&self) -> String {
        match &self.credential {
            Credential::User { user_id } => format!("user:{user_id}"),
            Credential::ApiKey { key_id } => format!("api_key:{key_id}"),
            Credential::Anonymous => "anonymous".to_string(),
            Credential::Operator { name } => format!("operator:{name}"),
        }
    }

    /// An administrator at the console, for set-up commands.
    pub fn operator(name: &str) -> Principal {
        Principal {
            credential: Credential::Operator {
                name: name.to_string(),
            },
            org_id: crate::REPORTING_POINT_ORG.to_string(),
            role: Role::Admin,
            authority: None,
        }
    }

    pub fn user_id(&self) -> Option<&str> {
        match &self.credential {
            Credential::User { user_id } => Some(user_id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_text() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
    }
}
