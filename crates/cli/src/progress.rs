//! Progress for long work: a live bar on a terminal, plain log lines
//! otherwise (CI logs and pipes must stay readable). Shared by reference
//! across threads (screening runs on all cores).

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Progress {
    bar: Option<ProgressBar>,
    label: String,
    unit: &'static str,
    count: AtomicU64,
    started: Instant,
    last_log: Mutex<Instant>,
}

const LOG_EVERY: Duration = Duration::from_secs(5);

impl Progress {
    /// A counter of `unit`s (e.g. "entities", "records").
    pub fn new(label: &str, unit: &'static str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            let template =
                format!("{{spinner}} {{msg}}: {{pos}} {unit} ({{per_sec}}, {{elapsed}})");
            let style = ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.set_message(label.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Progress {
            bar,
            label: label.to_string(),
            unit,
            count: AtomicU64::new(0),
            started: Instant::now(),
            last_log: Mutex::new(Instant::now()),
        }
    }

    pub fn inc(&self) {
        let count = self.count.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.bar {
            Some(bar) => bar.inc(1),
            None => self.maybe_log(count),
        }
    }

    fn maybe_log(&self, count: u64) {
        let Ok(mut last) = self.last_log.try_lock() else {
            return;
        };
        if last.elapsed() >= LOG_EVERY {
            *last = Instant::now();
            let rate = count as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
            eprintln!("{}: {count} {} so far ({rate:.0}/s)", self.label, self.unit);
        }
    }

    pub fn finish(self) -> (u64, Duration) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        (self.count.load(Ordering::Relaxed), self.started.elapsed())
    }
}
