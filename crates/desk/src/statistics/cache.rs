//! What statistics have read from each filed report. A filed report never
//! changes, so its facts are read once per process; only the registered
//! sector of its organisation (which an administrator may correct) is
//! applied at every use.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use meldpunt_store::ReportRow;

use super::facts::{self, ReportFacts};

/// Beyond this many reports the cache starts afresh rather than grow
/// without bound (a few hundred bytes per report).
const MAX_REPORTS: usize = 1_000_000;

/// The facts of one report, with the sector the report itself declares.
#[derive(Debug)]
pub(crate) struct CachedFacts {
    /// `None` when the stored body no longer reads as a report.
    pub facts: Option<ReportFacts>,
}

#[derive(Debug, Default)]
pub struct FactsCache {
    by_report: Mutex<HashMap<String, Arc<CachedFacts>>>,
}

impl FactsCache {
    /// The cached facts of `ids`, in order; `None` where not read yet.
    pub(crate) fn get_all(&self, ids: &[String]) -> Vec<Option<Arc<CachedFacts>>> {
        match self.by_report.lock() {
            Ok(map) => ids.iter().map(|id| map.get(id).cloned()).collect(),
            Err(_) => vec![None; ids.len()],
        }
    }

    /// Reads the facts of `rows` and keeps them.
    pub(crate) fn read(&self, rows: &[ReportRow]) -> Vec<(String, Arc<CachedFacts>)> {
        let read: Vec<(String, Arc<CachedFacts>)> = rows
            .iter()
            .map(|row| {
                let cached = CachedFacts {
                    facts: facts::facts(row, &Default::default()),
                };
                (row.id.clone(), Arc::new(cached))
            })
            .collect();
        if let Ok(mut map) = self.by_report.lock() {
            if map.len() + read.len() > MAX_REPORTS {
                map.clear();
            }
            for (id, cached) in &read {
                map.insert(id.clone(), cached.clone());
            }
        }
        read
    }
}
