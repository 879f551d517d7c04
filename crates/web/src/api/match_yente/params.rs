//! yente's `/match` query parameters. Parsed by hand because list
//! parameters repeat (`?include_dataset=a&include_dataset=b`), which
//! axum's `Query` does not read into a list.

use meldpunt_screening::{algorithm_version, ALGORITHM_VERSION};
use utoipa::IntoParams;

use crate::error::ApiError;

/// yente's algorithm names; all are served by Meldpunt's one algorithm,
/// which the response reports.
const YENTE_ALGORITHMS: [&str; 9] = [
    "best",
    "default",
    "logic-v1",
    "logic-v2",
    "regression-v1",
    "regression-v2",
    "name-based",
    "name-qualified",
    "er-unstable",
];

#[derive(Debug, Clone, Default, PartialEq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchParams {
    /// yente's names (`logic-v1`, `best`…) and Meldpunt's
    /// (`meldpunt`, `meldpunt-match-3`) are accepted; the response reports
    /// the algorithm used.
    pub algorithm: Option<String>,
    /// Score at or above which a result is a `match`.
    pub threshold: Option<f32>,
    /// Deprecated in yente: results scoring below it are not returned.
    pub cutoff: Option<f32>,
    pub limit: Option<usize>,
    /// Only results from these sources.
    pub include_dataset: Vec<String>,
    pub exclude_dataset: Vec<String>,
    /// Leave out results of these FtM schemata.
    pub exclude_schema: Vec<String>,
    /// Accepted and ignored: Meldpunt's lists carry no topics.
    pub topics: Vec<String>,
    /// Accepted and ignored: every loaded entity is screened.
    pub changed_since: Option<String>,
    pub exclude_entity_ids: Vec<String>,
}

impl MatchParams {
    pub fn parse(raw: Option<&str>) -> Result<MatchParams, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|e| ApiError::bad_request(format!("invalid query string: {e}")))?;
        let mut params = MatchParams::default();
        for (key, value) in pairs {
            params.set(&key, value)?;
        }
        Ok(params)
    }

    /// Unknown parameters are ignored, as FastAPI (yente) ignores them.
    fn set(&mut self, key: &str, value: String) -> Result<(), ApiError> {
        match key {
            "algorithm" => self.algorithm = Some(value),
            "threshold" => self.threshold = Some(number(key, &value)?),
            "cutoff" => self.cutoff = Some(number(key, &value)?),
            "limit" => self.limit = Some(number(key, &value)?),
            "include_dataset" => self.include_dataset.push(value),
            "exclude_dataset" => self.exclude_dataset.push(value),
            "exclude_schema" => self.exclude_schema.push(value),
            "topics" => self.topics.push(value),
            "changed_since" => self.changed_since = Some(value),
            "exclude_entity_ids" => self.exclude_entity_ids.push(value),
            _ => {}
        }
        Ok(())
    }

    /// The parameters given that Meldpunt accepts but does not apply.
    pub fn ignored(&self) -> Vec<String> {
        let mut ignored = Vec::new();
        if !self.topics.is_empty() {
            ignored.push("topics".to_string());
        }
        if self.changed_since.is_some() {
            ignored.push("changed_since".to_string());
        }
        ignored
    }
}

fn number<T: std::str::FromStr>(key: &str, value: &str) -> Result<T, ApiError> {
    value.trim().parse().map_err(|_| {
        ApiError::bad_request(format!("query parameter {key}: invalid number '{value}'"))
    })
}

/// Checks the requested algorithm name and returns it (or `default`).
pub fn requested_algorithm(name: Option<&str>) -> Result<String, ApiError> {
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("default");
    let ours = ["meldpunt", ALGORITHM_VERSION, algorithm_version().as_str()].contains(&name);
    if ours || YENTE_ALGORITHMS.contains(&name) {
        Ok(name.to_string())
    } else {
        Err(ApiError::bad_request(format!("Invalid algorithm: {name}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_repeated_parameters() {
        let params = MatchParams::parse(Some(
            "include_dataset=a&include_dataset=b&threshold=0.8&limit=3&topics=sanction&x=1",
        ))
        .unwrap();
        assert_eq!(params.include_dataset, ["a", "b"]);
        assert_eq!(params.threshold, Some(0.8));
        assert_eq!(params.limit, Some(3));
        assert_eq!(params.ignored(), ["topics"]);
    }

    #[test]
    fn rejects_bad_numbers_and_algorithms() {
        assert!(MatchParams::parse(Some("limit=many")).is_err());
        assert!(MatchParams::parse(Some("threshold=-x")).is_err());
        assert!(requested_algorithm(Some("logic-v2")).is_ok());
        assert!(requested_algorithm(Some("meldpunt")).is_ok());
        assert!(requested_algorithm(Some("magic")).is_err());
    }
}
