//! Progress for long work: a live bar on a terminal, plain log lines
//! otherwise (CI logs and pipes must stay readable).

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

pub struct Progress {
    bar: Option<ProgressBar>,
    label: String,
    count: u64,
    started: Instant,
    last_log: Instant,
}

const LOG_EVERY: Duration = Duration::from_secs(5);

impl Progress {
    pub fn new(label: &str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            let style = ProgressStyle::with_template(
                "{spinner} {msg}: {pos} entities ({per_sec}, {elapsed})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.set_message(label.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Progress {
            bar,
            label: label.to_string(),
            count: 0,
            started: Instant::now(),
            last_log: Instant::now(),
        }
    }

    pub fn inc(&mut self) {
        self.count += 1;
        match &self.bar {
            Some(bar) => bar.inc(1),
            None if self.last_log.elapsed() >= LOG_EVERY => {
                self.last_log = Instant::now();
                eprintln!(
                    "{}: {} entities so far ({:.0}/s)",
                    self.label,
                    self.count,
                    self.rate()
                );
            }
            None => {}
        }
    }

    pub fn rate(&self) -> f64 {
        self.count as f64 / self.started.elapsed().as_secs_f64().max(1e-9)
    }

    pub fn finish(self) -> (u64, Duration) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        (self.count, self.started.elapsed())
    }
}
