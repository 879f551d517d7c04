//! Screening throughput over every shared list: builds one Screener from
//! OFAC SDN and consolidated, UN, EU and OpenSanctions (zala, t1),
//! screens synthetic customer records in parallel (rayon, all cores) and
//! reports queries per second, peak RSS and index recall against
//! exhaustive scoring on a sample.
//!
//! `cargo run --release -p meldpunt-screening --example bench_screen --
//!  [queries=100000] [candidates=N] [recall=200] [seed=1]`
//! (`RAYON_NUM_THREADS=1` for one core).

use meldpunt_model::{Entity, Name, NameKind, Schema};
use meldpunt_screening::{ListEntry, PreparedEntity, ScoringConfig, ScreenOptions, Screener};
use meldpunt_sources::{plan_inputs, read_input, ReadOptions, Record, SourceError};
use rayon::prelude::*;
use std::time::Instant;

const LISTS: [(&str, &str); 6] = [
    ("lists/ofac/sdn-2021-07", "ofac-sdn"),
    ("lists/ofac/consolidated-2025-12", "ofac-cons"),
    ("lists/un/consolidated-2026-02-27.xml", "un"),
    ("lists/eu/data/consolidated", "eu"),
    ("lists/opensanctions/zala.entities.ftm.json", "zala"),
    ("lists/opensanctions/t1.entities.ftm.json", "t1"),
];

/// Hand-written name pools in several scripts.
const GIVEN: &[&str] = &[
    "John",
    "Mary",
    "Peter",
    "Anna",
    "Jan",
    "Pieter",
    "Sanne",
    "Emma",
    "Lucas",
    "Sophie",
    "Ahmed",
    "Fatima",
    "Omar",
    "Layla",
    "Yusuf",
    "Maria",
    "Jose",
    "Carmen",
    "Luis",
    "Ana",
    "Wei",
    "Li",
    "Hiroshi",
    "Yuki",
    "Olga",
    "Ivan",
    "Dmitri",
    "Elena",
    "Sergei",
    "Natalia",
    "Hans",
    "Greta",
    "Klaus",
    "Ingrid",
    "Pierre",
    "Claire",
    "Marco",
    "Giulia",
    "Kwame",
    "Ama",
    "Raj",
    "Priya",
    "Mehmet",
    "Ayse",
    "Andrzej",
    "Katarzyna",
    "Noah",
    "Mila",
    "Daan",
    "Julia",
    "Thomas",
    "Lotte",
    "Иван",
    "Ольга",
    "Алексей",
    "Мария",
    "Дмитрий",
    "Анна",
    "محمد",
    "فاطمة",
    "علي",
    "مريم",
    "Γιώργος",
    "Μαρία",
    "伟",
    "芳",
    "Ngozi",
    "Chinedu",
    "Aigerim",
    "Nurlan",
    "Tran",
    "Minh",
];
const FAMILY: &[&str] = &[
    "Smith",
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "de Boer",
    "Johnson",
    "Brown",
    "Garcia",
    "Martinez",
    "Rodriguez",
    "Lopez",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Dubois",
    "Lefebvre",
    "Rossi",
    "Russo",
    "Ferrari",
    "Kowalski",
    "Nowak",
    "Wiśniewski",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Haddad",
    "Khalil",
    "Nasser",
    "Mansour",
    "Sato",
    "Suzuki",
    "Takahashi",
    "Wang",
    "Zhang",
    "Chen",
    "Liu",
    "Nguyen",
    "Pham",
    "Okafor",
    "Mensah",
    "Patel",
    "Sharma",
    "Singh",
    "Ivanov",
    "Petrova",
    "Smirnov",
    "Kuznetsova",
    "Иванов",
    "Петрова",
    "Смирнов",
    "Кузнецова",
    "Соколов",
    "حسن",
    "الخطيب",
    "عبد الله",
    "Παπαδόπουλος",
    "Οικονόμου",
    "王",
    "李",
    "Tanaka",
    "Novak",
    "Horvat",
    "Andersen",
    "Nielsen",
    "O'Brien",
    "MacDonald",
    "Silva",
    "Santos",
    "Oliveira",
    "Costa",
];
const COMPANY_WORDS: &[&str] = &[
    "Global",
    "Trading",
    "Holland",
    "Alpha",
    "Star",
    "Blue",
    "Ocean",
    "Green",
    "Delta",
    "Nova",
    "Tech",
    "Logistics",
    "Energy",
    "Capital",
    "Agro",
    "Metal",
    "Fresh",
    "Bright",
    "Nord",
    "Sun",
];
const COMPANY_FORMS: &[&str] = &["B.V.", "N.V.", "LLC", "Ltd", "GmbH", "S.A.", "OOO", "Inc."];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

fn load_lists() -> Vec<ListEntry> {
    let mut out = Vec::new();
    for (relative, source) in LISTS {
        let Some(path) = meldpunt_testkit::shared_file(relative) else {
            eprintln!("missing {relative}");
            continue;
        };
        let inputs = match plan_inputs(&[path], None) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{relative}: {e}");
                continue;
            }
        };
        let options = ReadOptions::default();
        let before = out.len();
        for input in &inputs {
            let mut push = |record: Record| -> Result<(), SourceError> {
                if !record.deleted {
                    out.push(ListEntry {
                        entity: record.entity,
                        source: source.to_string(),
                        version_id: format!("{source}-bench"),
                    });
                }
                Ok(())
            };
            if let Err(e) = read_input(input, &options, &mut push) {
                eprintln!("{relative}: {e}");
            }
        }
        eprintln!("{source:>14}: {} entities", out.len() - before);
    }
    out
}

fn typo(name: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    if letters.len() < 4 {
        return name.to_string();
    }
    let i = letters[rng.below(letters.len())];
    match rng.below(3) {
        0 => {
            chars.remove(i);
        }
        1 => chars[i] = if chars[i] == 'e' { 'a' } else { 'e' },
        _ => {
            if i + 1 < chars.len() {
                chars.swap(i, i + 1);
            }
        }
    }
    chars.into_iter().collect()
}

/// A synthetic customer: mostly random people and companies from the
/// pools, about 1% a perturbed list name.
fn customer(k: usize, lists: &[ListEntry], rng: &mut Rng, listed: bool) -> Entity {
    if listed {
        let entity = &lists[rng.below(lists.len())].entity;
        let name = entity
            .names
            .iter()
            .find(|n| n.kind == NameKind::Primary)
            .or(entity.names.first())
            .map_or("", |n| n.value.as_str());
        let mut q = Entity::new(format!("c{k}"), entity.schema);
        let text = match rng.below(3) {
            0 => name.to_string(),
            1 => typo(name, rng),
            _ => {
                let mut words: Vec<&str> = name.split_whitespace().collect();
                words.rotate_left(1);
                words.join(" ")
            }
        };
        q.add_name(Name::new(&text, NameKind::Primary));
        return q;
    }
    if rng.below(5) == 0 {
        let mut q = Entity::new(format!("c{k}"), Schema::Company);
        let name = format!(
            "{} {} {}",
            rng.pick(COMPANY_WORDS),
            rng.pick(COMPANY_WORDS),
            rng.pick(COMPANY_FORMS)
        );
        q.add_name(Name::new(&name, NameKind::Primary));
        return q;
    }
    let mut q = Entity::new(format!("c{k}"), Schema::Person);
    let name = if rng.below(4) == 0 {
        format!(
            "{} {} {}",
            rng.pick(GIVEN),
            rng.pick(GIVEN),
            rng.pick(FAMILY)
        )
    } else {
        format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY))
    };
    q.add_name(Name::new(&name, NameKind::Primary));
    q
}

fn vm_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn arg(name: &str, default: usize) -> usize {
    std::env::args()
        .skip(1)
        .filter_map(|a| {
            a.split_once('=')
                .filter(|(k, _)| *k == name)
                .and_then(|(_, v)| v.parse().ok())
        })
        .next()
        .unwrap_or(default)
}

fn main() {
    let count = arg("queries", 100_000).min(1_000_000);
    let candidates = arg("candidates", ScreenOptions::default().candidates);
    let samples = arg("recall", 200);
    let seed = arg("seed", 1) as u64;

    let start = Instant::now();
    let lists = load_lists();
    let read = start.elapsed();
    let rss_lists = vm_kb("VmRSS:");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ seed.max(1));
    let customers: Vec<Entity> = (0..count)
        .map(|k| {
            let listed = rng.below(100) == 0;
            customer(k, &lists, &mut rng, listed)
        })
        .collect();
    let recall_queries: Vec<Entity> = (0..samples)
        .map(|k| customer(k, &lists, &mut rng, k % 2 == 0))
        .collect();
    let start = Instant::now();
    let screener = Screener::new(lists, ScoringConfig::default());
    let build = start.elapsed();
    let rss_built = vm_kb("VmRSS:");
    println!(
        "{} entities ({} indexed words); read {read:.1?}, build {build:.1?}; RSS {} MB with lists, {} MB after build",
        screener.len(),
        screener.index().word_count(),
        rss_lists / 1024,
        rss_built / 1024
    );

    let options = ScreenOptions {
        candidates,
        ..ScreenOptions::default()
    };
    stages(&screener, &customers, &options);
    let start = Instant::now();
    let hits: usize = customers
        .par_iter()
        .map(|q| screener.screen(q, &options).len())
        .sum();
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "{count} queries on {} threads, K={candidates}: {:.0} queries/s ({:.1} µs/query/thread), {hits} hits",
        rayon::current_num_threads(),
        count as f64 / elapsed,
        elapsed * 1e6 * rayon::current_num_threads() as f64 / count.max(1) as f64,
    );

    // Recall against exhaustive scoring, as tests/recall.rs measures it:
    // of the hits a caller is shown (at or above the threshold and the
    // 10th best exhaustive score), the share the index retrieves.
    let threshold = screener.config().threshold;
    let start = Instant::now();
    let prepared: Vec<PreparedEntity> = recall_queries.iter().map(PreparedEntity::new).collect();
    let results: Vec<(usize, usize, usize)> = prepared
        .par_iter()
        .map(|q| {
            let mut exhaustive: Vec<(usize, f32)> = screener
                .score_exhaustive(q)
                .into_iter()
                .filter(|(_, s)| s.score >= threshold)
                .map(|(i, s)| (i, s.score))
                .collect();
            exhaustive.sort_by(|a, b| b.1.total_cmp(&a.1));
            let tenth = exhaustive.get(9).map_or(threshold, |e| e.1);
            let retrieved: Vec<u32> = screener
                .candidates(q, candidates)
                .into_iter()
                .map(|c| c.entity)
                .collect();
            let shown: Vec<usize> = exhaustive
                .iter()
                .filter(|e| e.1 >= tenth)
                .map(|e| e.0)
                .collect();
            let found = shown
                .iter()
                .filter(|i| retrieved.contains(&(**i as u32)))
                .count();
            (shown.len(), found, screener.len())
        })
        .collect();
    let exhaustive_time = start.elapsed().as_secs_f64();
    let shown: usize = results.iter().map(|r| r.0).sum();
    let found: usize = results.iter().map(|r| r.1).sum();
    let pairs: usize = results.iter().map(|r| r.2).sum();
    println!(
        "recall at K={candidates}: {:.4} ({found}/{shown}) on {samples} queries; exhaustive {:.2} µs per entity score per thread",
        if shown == 0 { 1.0 } else { found as f64 / shown as f64 },
        exhaustive_time * 1e6 * rayon::current_num_threads() as f64 / pairs.max(1) as f64
    );
    println!("peak RSS (VmHWM) {} MB", vm_kb("VmHWM:") / 1024);
}

/// Time per stage on one thread over a slice of the customers: query
/// preparation, candidate retrieval, scoring (the rest of a screen).
fn stages(screener: &Screener, customers: &[Entity], options: &ScreenOptions) {
    let sample = &customers[..customers.len().min(2000)];
    let start = Instant::now();
    let prepared: Vec<PreparedEntity> = sample.iter().map(PreparedEntity::new).collect();
    let prepare = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let retrieved: usize = prepared
        .iter()
        .map(|q| screener.candidates(q, options.candidates).len())
        .sum();
    let retrieve = start.elapsed().as_secs_f64();
    let start = Instant::now();
    for q in &prepared {
        std::hint::black_box(screener.screen_prepared(q, options));
    }
    let screen = start.elapsed().as_secs_f64();
    let per = |t: f64| t * 1e6 / sample.len().max(1) as f64;
    println!(
        "stages (1 thread, {} queries): prepare {:.1} µs, retrieve {:.1} µs ({:.0} candidates), score {:.1} µs per query",
        sample.len(),
        per(prepare),
        per(retrieve),
        retrieved as f64 / sample.len().max(1) as f64,
        per(screen - retrieve)
    );
}
