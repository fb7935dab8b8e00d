//! Throughput and latency of the follow matcher, in release mode.
//!
//! Generates 100,000 statements: 25,000 made-up utterances (sentences of
//! made-up words, numbers and English function words, by made-up speakers)
//! each printed several times with the edits outlets make (cuts at either
//! end, bracketed insertions, elisions, changed numbers and words, another
//! spelling of the speaker's name, a paraphrase), plus decoys that must stay
//! apart (the same words by someone else, or by the same speaker months
//! later). Versions are inserted in date order, as an ingest would.
//!
//! Reports insert throughput and query latency at 10k and 100k statements
//! (a quadratic step would show as a collapse between the two) and how well
//! the groups match the generator's truth.
//!
//! The store run (ingest with matching through a real store, with the
//! binary's allocator) comes first and is scored against the truth the
//! same way; `--store-only` stops after it.
//!
//! Run: `cargo bench --bench follow` (plain `main`, no harness).

use std::collections::HashMap;
use std::time::Instant;

use quotetrail::follow::{GroupId, Matcher, Version};

/// The binary's allocator, so the store figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use quotetrail_store::{Id, Kind};

const UTTERANCES: usize = 25_000;
const TOTAL: usize = 100_000;
const QUERIES: usize = 1_000;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "te", "su", "no", "ba", "di", "fo", "ge", "ha", "ji", "ku", "le", "ma",
    "ne", "po", "ri", "sa", "to", "vu", "we", "ya", "zo", "an", "el", "in", "or", "ul", "ta", "mo",
    "ke", "li", "du",
];

const FUNCTION: &[&str] = &[
    "the", "of", "to", "and", "in", "that", "we", "for", "with", "on", "is", "they", "this", "our",
    "are", "have", "by", "from", "a", "it", "was", "all", "their", "there",
];

fn word(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// What the generator did to make a version, so quality can be scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Edit {
    Original,
    Copy,
    CutEnd,
    CutStart,
    Bracket,
    Number,
    Reword,
    Ellipsis,
    NameVariant,
    Paraphrase,
    /// Decoy: same words, another speaker.
    OtherSpeaker,
    /// Decoy: same words and speaker, months later.
    MonthsLater,
}

impl Edit {
    fn decoy(self) -> bool {
        matches!(self, Edit::OtherSpeaker | Edit::MonthsLater)
    }
}

struct Item {
    version: Version,
    utterance: usize,
    edit: Edit,
    day: i32,
}

fn date(day: i32) -> String {
    // Days after 2012-01-01 as an ISO date (30-day months are enough here
    // as long as they're valid dates: day 1..=28).
    let y = 2012 + day / 336;
    let m = 1 + (day % 336) / 28;
    let d = 1 + day % 28;
    format!("{y:04}-{m:02}-{d:02}")
}

fn variant_name(name: &str, rng: &mut Rng) -> String {
    let (given, surname) = name.split_once(' ').unwrap_or(("", name));
    let s = if rng.chance(0.5) && surname.ends_with(['a', 'e', 'i', 'o', 'u']) {
        format!("{surname}h")
    } else {
        // Double the consonant after the first vowel: "Kalomi" -> "Kallomi".
        let chars: Vec<char> = surname.chars().collect();
        let at = chars
            .iter()
            .skip(1)
            .position(|c| "aeiou".contains(*c))
            .map_or(1, |p| p + 2);
        let mut out: String = chars[..at.min(chars.len())].iter().collect();
        if let Some(&c) = chars.get(at) {
            out.push(c);
        }
        out.extend(&chars[at.min(chars.len())..]);
        out
    };
    format!("{given} {s}").trim().to_owned()
}

fn generate() -> Vec<Item> {
    let mut rng = Rng(0x5eed_f011_u64 | 1);
    let vocab: Vec<String> = {
        let mut seen = std::collections::HashSet::new();
        let mut v = Vec::new();
        while v.len() < 8_000 {
            let w = word(&mut rng);
            if seen.insert(w.clone()) {
                v.push(w);
            }
        }
        v
    };
    let given: Vec<String> = (0..300).map(|_| capitalise(&word(&mut rng))).collect();
    let family: Vec<String> = (0..2_000)
        .map(|_| {
            capitalise(&format!(
                "{}{}",
                word(&mut rng),
                SYLLABLES[rng.below(SYLLABLES.len())]
            ))
        })
        .collect();
    let people: Vec<String> = (0..4_000)
        .map(|_| {
            format!(
                "{} {}",
                given[rng.below(given.len())],
                family[rng.below(family.len())]
            )
        })
        .collect();
    let content = |rng: &mut Rng| -> String {
        let r = (rng.unit().powf(1.5) * vocab.len() as f64) as usize;
        vocab[r.min(vocab.len() - 1)].clone()
    };
    let mut items = Vec::with_capacity(TOTAL);
    let per = TOTAL / UTTERANCES;
    for u in 0..UTTERANCES {
        let len = 10 + rng.below(21);
        let words: Vec<String> = (0..len)
            .map(|_| {
                if rng.chance(0.35) {
                    FUNCTION[rng.below(FUNCTION.len())].to_owned()
                } else if rng.chance(0.05) {
                    (2 + rng.below(5_000)).to_string()
                } else {
                    content(&mut rng)
                }
            })
            .collect();
        let speaker = people[rng.below(people.len())].clone();
        let day = rng.below(700) as i32;
        for k in 0..per {
            let edit = if k == 0 {
                Edit::Original
            } else {
                let r = rng.unit();
                match r {
                    r if r < 0.05 => Edit::OtherSpeaker,
                    r if r < 0.08 => Edit::MonthsLater,
                    r if r < 0.20 => Edit::Copy,
                    r if r < 0.32 => Edit::CutEnd,
                    r if r < 0.42 => Edit::CutStart,
                    r if r < 0.52 => Edit::Bracket,
                    r if r < 0.62 => Edit::Number,
                    r if r < 0.74 => Edit::Reword,
                    r if r < 0.84 => Edit::Ellipsis,
                    r if r < 0.92 => Edit::NameVariant,
                    _ => Edit::Paraphrase,
                }
            };
            let mut w = words.clone();
            let mut who = speaker.clone();
            let mut kind = Kind::Quote;
            let mut d = day + rng.below(5) as i32;
            match edit {
                Edit::Original | Edit::Copy => {}
                Edit::CutEnd => w.truncate((len as f64 * (0.55 + 0.35 * rng.unit())) as usize),
                Edit::CutStart => {
                    w.drain(..(len as f64 * (0.1 + 0.3 * rng.unit())) as usize);
                }
                Edit::Bracket => {
                    let at = rng.below(w.len());
                    w.insert(at, format!("[the {}]", content(&mut rng)));
                }
                Edit::Number => match w
                    .iter()
                    .position(|x| x.starts_with(|c: char| c.is_ascii_digit()))
                {
                    Some(i) => w[i] = (2 + rng.below(5_000)).to_string(),
                    None => {
                        let at = rng.below(w.len());
                        w.insert(at, (2 + rng.below(90)).to_string());
                    }
                },
                Edit::Reword => {
                    for _ in 0..1 + rng.below(2) {
                        let at = rng.below(w.len());
                        w[at] = content(&mut rng);
                    }
                }
                Edit::Ellipsis => {
                    let n = 3 + rng.below(4);
                    if w.len() > n + 4 {
                        let at = 2 + rng.below(w.len() - n - 3);
                        w.splice(at..at + n, ["...".to_owned()]);
                    }
                }
                Edit::NameVariant => who = variant_name(&speaker, &mut rng),
                Edit::Paraphrase => {
                    kind = Kind::Claim;
                    w[0] = "they".to_owned();
                    w.insert(0, "said".to_owned());
                }
                Edit::OtherSpeaker => who = people[rng.below(people.len())].clone(),
                Edit::MonthsLater => d = day + 150 + rng.below(150) as i32,
            }
            let n = items.len();
            let mut v = Version::new(
                Id::of_fields("bench", &[&n.to_string()]),
                kind,
                &w.join(" "),
            );
            v.speaker = Some(who);
            v.date = Some(date(d));
            items.push(Item {
                version: v,
                utterance: u,
                edit,
                day: d,
            });
        }
    }
    // Date order, as an ingest of a news archive would see them.
    items.sort_by_key(|it| it.day);
    items
}

fn percentile(mut xs: Vec<f64>, p: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(((xs.len() as f64 - 1.0) * p) as usize)
        .copied()
        .unwrap_or(0.0)
}

/// Query latency over `QUERIES` windows of 8-12 words cut from inserted
/// texts.
fn measure_queries(m: &Matcher, items: &[Item], upto: usize, rng: &mut Rng) -> (f64, f64, f64) {
    let mut lat = Vec::with_capacity(QUERIES);
    let mut found = 0;
    for _ in 0..QUERIES {
        let it = &items[rng.below(upto)];
        let words: Vec<&str> = it.version.text.split(' ').collect();
        let n = (8 + rng.below(5)).min(words.len());
        let at = rng.below(words.len() - n + 1);
        let q = words[at..at + n].join(" ");
        let t = Instant::now();
        let hits = m.query(&q);
        lat.push(t.elapsed().as_secs_f64() * 1e3);
        if hits
            .iter()
            .any(|(g, _)| Some(*g) == m.group_of(&it.version.id))
        {
            found += 1;
        }
    }
    (
        percentile(lat.clone(), 0.5),
        percentile(lat, 0.95),
        found as f64 / QUERIES as f64,
    )
}

fn main() {
    // The binary turns transparent huge pages off (`src/main.rs`); the
    // bench does too, so its store figures stay the binary's.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integers only, no pointers.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    let t = Instant::now();
    let items = generate();
    println!(
        "generated {} statements ({UTTERANCES} utterances) in {:.1}s",
        items.len(),
        t.elapsed().as_secs_f64()
    );
    store_bench(&items);
    if std::env::args().any(|a| a == "--store-only") {
        return;
    }
    let mut rng = Rng(42);
    let mut m = Matcher::default();
    let mut groups: Vec<GroupId> = Vec::with_capacity(items.len());
    let checkpoint = |m: &mut Matcher, groups: &mut Vec<GroupId>, range: std::ops::Range<usize>| {
        let t = Instant::now();
        for it in &items[range.clone()] {
            groups.push(m.insert(it.version.clone()).group);
        }
        let secs = t.elapsed().as_secs_f64();
        range.len() as f64 / secs
    };
    let first = 10_000.min(items.len());
    let rate_10k = checkpoint(&mut m, &mut groups, 0..first);
    let (p50_10k, p95_10k, hit_10k) = measure_queries(&m, &items, first, &mut rng);
    println!(
        "at  10k: insert {rate_10k:>8.0} statements/s | query p50 {p50_10k:.3} ms, p95 {p95_10k:.3} ms, finds own group {:.1}%",
        hit_10k * 100.0
    );
    let mut windows = Vec::new();
    let mut at = first;
    for end in [50_000, 90_000, items.len()] {
        let end = end.min(items.len());
        if end > at {
            windows.push((at, end, checkpoint(&mut m, &mut groups, at..end)));
            at = end;
        }
    }
    let (p50, p95, hit) = measure_queries(&m, &items, items.len(), &mut rng);
    for (a, b, rate) in &windows {
        println!(
            "insert {:>3}k..{:>3}k: {rate:>8.0} statements/s",
            a / 1000,
            b / 1000
        );
    }
    println!(
        "at 100k: query p50 {p50:.3} ms, p95 {p95:.3} ms, finds own group {:.1}%",
        hit * 100.0
    );

    println!(
        "groups: {} (truth: {} utterances plus decoys)",
        m.group_count(),
        UTTERANCES
    );
    quality(&items, &groups);
}

/// Quality against the generator's truth: the utterance's home group is
/// the one most of its non-decoy versions landed in; prints, per edit, how
/// many versions joined it (or, for decoys, stayed out).
fn quality<G: Copy + Eq + std::hash::Hash + Ord>(items: &[Item], groups: &[G]) {
    let mut votes: HashMap<usize, HashMap<G, usize>> = HashMap::new();
    for (it, g) in items.iter().zip(groups) {
        if !it.edit.decoy() {
            *votes
                .entry(it.utterance)
                .or_default()
                .entry(*g)
                .or_default() += 1;
        }
    }
    let home: HashMap<usize, G> = votes
        .into_iter()
        .map(|(u, v)| {
            (
                u,
                v.into_iter()
                    .max_by_key(|&(g, n)| (n, std::cmp::Reverse(g)))
                    .map(|x| x.0)
                    .unwrap(),
            )
        })
        .collect();
    let mut by_edit: std::collections::BTreeMap<Edit, (usize, usize)> = Default::default();
    for (it, g) in items.iter().zip(groups) {
        let ok = if it.edit.decoy() {
            home[&it.utterance] != *g
        } else {
            home[&it.utterance] == *g
        };
        let e = by_edit.entry(it.edit).or_default();
        e.0 += usize::from(ok);
        e.1 += 1;
    }
    for (edit, (ok, n)) in by_edit {
        let what = if edit.decoy() {
            "kept apart"
        } else {
            "joined its utterance"
        };
        println!(
            "  {:<13} {what:<21} {:>6.2}% of {n}",
            format!("{edit:?}"),
            ok as f64 * 100.0 / n as f64
        );
    }
}

/// Statements per generated article in the store bench.
const PER_ARTICLE: usize = 20;

/// The items as articles of [`PER_ARTICLE`] statements, in date order, each
/// body the statements' texts one per line.
fn articles(
    items: &[Item],
) -> Vec<(
    quotetrail_store::Article,
    Vec<(quotetrail_store::Statement, quotetrail_store::Appearance)>,
)> {
    use quotetrail_store::{Appearance, Article, Statement};
    items
        .chunks(PER_ARTICLE)
        .enumerate()
        .map(|(n, chunk)| {
            let outlet = format!("Outlet {}", n % 50);
            let mut body = format!("Article {n}.\n");
            let mut spans = Vec::new();
            for it in chunk {
                let start = body.len();
                body.push_str(&it.version.text);
                spans.push((start, body.len()));
                body.push('\n');
            }
            let article = Article {
                outlet: Some(outlet.clone()),
                published: chunk.first().and_then(|it| it.version.date.clone()),
                body,
                ..Article::default()
            };
            let aid = article.id();
            let found = chunk
                .iter()
                .zip(spans)
                .map(|(it, (start, end))| {
                    let v = &it.version;
                    let st =
                        Statement::new(v.kind, &v.text, v.speaker.as_deref(), Some(&outlet), None);
                    let ap = Appearance {
                        statement: st.id(),
                        article: aid,
                        start,
                        end,
                        text: v.text.clone(),
                        speaker_mention: v.speaker.clone(),
                        wire_source: Default::default(),
                    };
                    (st, ap)
                })
                .collect();
            (article, found)
        })
        .collect()
}

/// Ingest with matching through the real store (articles written in
/// batches of 64, each batch then matched and its groups written), and
/// `origin` latency (find the group, load it with its diffs, propose the
/// origin) at 10k and 100k statements.
fn store_bench(items: &[Item]) {
    use quotetrail::follow::view::{find, load_group, propose_origin};
    use quotetrail::follow::{StoreMatcher, match_stored};
    let dir = tempfile::tempdir().expect("temp dir");
    let store = quotetrail_store::Store::open(dir.path()).expect("store");
    let arts = articles(items);
    let mut matcher = StoreMatcher::new(&store);
    let mut rng = Rng(7);
    let mut done = 0;
    let ingest = |range: std::ops::Range<usize>, matcher: &mut StoreMatcher<'_>| {
        let t = Instant::now();
        let mut n = 0;
        let mut matching = 0.0;
        for batch in arts[range].chunks(64) {
            store
                .put_articles(batch.iter().map(|(a, f)| (a, f.as_slice())))
                .expect("put");
            let m = Instant::now();
            match_stored(matcher, batch.iter().map(|(a, f)| (a, f.as_slice()))).expect("match");
            matching += m.elapsed().as_secs_f64();
            n += batch.iter().map(|(_, f)| f.len()).sum::<usize>();
        }
        let total = t.elapsed().as_secs_f64();
        println!(
            "  ({n} statements: storing {:.1}s, matching {matching:.1}s)",
            total - matching
        );
        n as f64 / total
    };
    let origin = |upto: usize, rng: &mut Rng| {
        let mut lat = Vec::with_capacity(200);
        for _ in 0..200 {
            let it = &items[rng.below(upto)];
            let words: Vec<&str> = it.version.text.split(' ').collect();
            let n = (8 + rng.below(5)).min(words.len());
            let at = rng.below(words.len() - n + 1);
            let q = words[at..at + n].join(" ");
            let t = Instant::now();
            if let Some((g, _)) = find(&store, &q).expect("find").first()
                && let Some(view) = load_group(&store, g).expect("load")
            {
                std::hint::black_box(propose_origin(&view));
            }
            lat.push(t.elapsed().as_secs_f64() * 1e3);
        }
        (percentile(lat.clone(), 0.5), percentile(lat, 0.95))
    };
    let first = (10_000 / PER_ARTICLE).min(arts.len());
    let rate_10k = ingest(0..first, &mut matcher);
    done += first * PER_ARTICLE;
    let (p50, p95) = origin(done.min(items.len()), &mut rng);
    println!(
        "store, at  10k: ingest with matching {rate_10k:>7.0} statements/s | origin p50 {p50:.2} ms, p95 {p95:.2} ms"
    );
    let rate_rest = ingest(first..arts.len(), &mut matcher);
    let (p50, p95) = origin(items.len(), &mut rng);
    println!(
        "store, 10k..100k: ingest with matching {rate_rest:>7.0} statements/s | at 100k origin p50 {p50:.2} ms, p95 {p95:.2} ms"
    );
    let groups = store.groups().count();
    let placed: Vec<Option<quotetrail_store::GroupId>> = arts
        .iter()
        .flat_map(|(_, found)| found.iter())
        .map(|(_, ap)| store.group_of(&ap.id()).expect("group of"))
        .collect();
    println!(
        "store: {} of {} statements not grouped",
        placed.iter().filter(|g| g.is_none()).count(),
        placed.len()
    );
    quality(items, &placed);
    let report = store.verify().expect("verify");
    println!(
        "store: {groups} groups, verify {}",
        if report.is_clean() {
            "clean"
        } else {
            "FOUND PROBLEMS"
        }
    );
}
