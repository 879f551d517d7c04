//! Synthetic customers: mostly random people and companies from name
//! pools in several scripts, about 1% a perturbed list name. Customer
//! `k` depends only on the seed and `k`, so that a million of them are
//! made inside the worker threads instead of being held in memory.

use meldpunt_model::{Entity, Name, NameKind, Schema};
pub use meldpunt_testkit::sample::{typo, Rng};

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

/// What customers are drawn from: list names (for listed customers)
/// and, with `pool=wide`, person name parts from the shared name groups
/// (every spelling of 125,188 groups, in several scripts), so that most
/// customers bring words no earlier customer had, as a bank's customer
/// base does; the hand-written pools otherwise.
pub struct Pools {
    pub listed: Vec<(Schema, String)>,
    pub wide: Vec<String>,
}

/// Every spelling in the shared name groups (`a, b, c => QID` lines).
pub fn wide_pool() -> Vec<String> {
    let Some(path) = meldpunt_testkit::shared_file("names/person_name_groups.txt") else {
        eprintln!("missing names/person_name_groups.txt: pool=wide uses the hand-written pools");
        return Vec::new();
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| line.split("=>").next())
        .flat_map(|names| names.split(','))
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.contains(' '))
        .map(str::to_string)
        .collect()
}

/// A part from the wide pool: its position is log-uniform, so a few
/// parts are common and most are rare (a Zipf-like head and tail).
fn wide_part<'a>(pool: &'a [String], rng: &mut Rng) -> &'a str {
    let unit = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let k = (pool.len() as f64).powf(unit) as usize;
    pool.get(k.saturating_sub(1)).map_or("", |s| s.as_str())
}

/// The primary name of each list entity, for listed customers.
pub fn list_names(entities: impl Iterator<Item = Entity>) -> Vec<(Schema, String)> {
    entities
        .map(|entity| {
            let name = entity
                .names
                .iter()
                .find(|n| n.kind == NameKind::Primary)
                .or(entity.names.first())
                .map_or(String::new(), |n| n.value.clone());
            (entity.schema, name)
        })
        .collect()
}

/// Customer `k` of a run: a perturbed list name when `listed`.
pub fn customer_at(k: usize, seed: u64, pools: &Pools, listed: Option<bool>) -> Entity {
    let mut rng = Rng::new((seed.max(1) ^ 0x9e37_79b9_7f4a_7c15).wrapping_mul(k as u64 * 2 + 1));
    for _ in 0..4 {
        rng.next_u64();
    }
    let listed = listed.unwrap_or_else(|| rng.below(100) == 0);
    customer(k, pools, &mut rng, listed)
}

fn customer(k: usize, pools: &Pools, rng: &mut Rng, listed: bool) -> Entity {
    let names = &pools.listed;
    if listed {
        let (schema, name) = names
            .get(rng.below(names.len()))
            .map_or((Schema::Person, ""), |(s, n)| (*s, n.as_str()));
        let mut q = Entity::new(format!("c{k}"), schema);
        let text = match rng.below(3) {
            0 => name.to_string(),
            1 => typo(name, rng),
            _ => {
                let mut words: Vec<&str> = name.split_whitespace().collect();
                // A list entity without a name gives an empty one.
                if !words.is_empty() {
                    words.rotate_left(1);
                }
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
    let wide = &pools.wide;
    let name = if !wide.is_empty() {
        let parts = 2 + usize::from(rng.below(4) == 0);
        let words: Vec<&str> = (0..parts).map(|_| wide_part(wide, rng)).collect();
        words.join(" ")
    } else if rng.below(4) == 0 {
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
