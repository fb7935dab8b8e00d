//! Ingest with matching through a real store, `origin` latency, and how
//! well the stored groups match the truth, in release mode.
//!
//! Generates 100,000 statements: 25,000 made-up utterances (sentences of
//! made-up words, numbers and English function words, by made-up speakers)
//! each printed several times with the edits outlets make (cuts at either
//! end, bracketed insertions, elisions, changed numbers and words, another
//! spelling of the speaker's name, a paraphrase) and the patterns real
//! coverage shows, a few percent each:
//!
//! * the same words with a wrong speaker guess (the agency, or a headline
//!   fragment, as the speaker);
//! * a short fragment (5-8 words) of a longer quote;
//! * two consecutive statements by one speaker printed as one quote;
//! * quote marks and boundaries drifting: `''` as closing marks, a hard
//!   line break inside the quote, a trailing clause cut;
//! * the statement quoted again word for word 2-4 months later;
//!
//! and look-alikes that must stay apart: a 5-7 word slogan inside another
//! longer quote months later, a stock phrase (6-7 words) inside another
//! person's quote the same week, the same line by the same speaker inside
//! a longer passage two months later.
//!
//! The statements are stored as articles of [`PER_ARTICLE`] in date
//! order, in batches of 64, each batch matched as ingest matches it, with
//! the binary's allocator. Reports ingest throughput for the first 10k
//! statements and from 10k to 100k (a quadratic step would show as a
//! collapse), `origin` latency at 10k and 100k (the time of
//! [`quotetrail::follow::query::find_words`], what `origin` runs to find
//! the statement), and, per case, the share of versions that joined their
//! utterance or stayed apart from it.
//!
//! Run: `cargo bench --bench follow` (plain `main`, no harness).

use std::collections::HashMap;
use std::time::Instant;

use quotetrail::follow::Version;
use quotetrail::follow::query::find_words;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use quotetrail_store::{GroupId, Id, Kind, Store};

const UTTERANCES: usize = 25_000;
const TOTAL: usize = 100_000;
const QUERIES: usize = 200;

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

/// Agencies, taken for the speaker by a wrong guess.
const AGENCIES: &[&str] = &["AFP", "Reuters", "Associated Press", "Xinhua", "Anadolu"];

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
    /// The same words, the agency or a headline fragment as the speaker.
    WrongSpeaker,
    /// 5-8 words of the quote.
    Fragment,
    /// This statement and the one its speaker made before it, as one
    /// quote: joins either.
    Combined,
    /// `''` as the closing quote marks.
    ClosingMarks,
    /// A hard line break inside the quote.
    LineBreak,
    /// The last clause cut, the attribution run in.
    ClauseCut,
    /// The same words 2-4 months later.
    Requote,
    /// Decoy: a 5-7 word run of the quote inside another longer quote,
    /// months later.
    Slogan,
    /// Decoy: the quote's stock phrase inside another person's quote, the
    /// same week.
    StockPhrase,
    /// Decoy: the whole quote, same speaker, inside a longer passage two
    /// months later.
    LineInPassage,
}

impl Edit {
    /// Must stay apart from its utterance.
    fn decoy(self) -> bool {
        matches!(self, Edit::Slogan | Edit::StockPhrase | Edit::LineInPassage)
    }
}

struct Item {
    version: Version,
    utterance: usize,
    /// For [`Edit::Combined`]: the statement printed before this one,
    /// which the combined version may join instead.
    previous: Option<usize>,
    edit: Edit,
    day: i32,
}

fn date(day: i32) -> String {
    // Days after 2012-01-01 as an ISO date (28-day months are enough here
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

/// The utterances, as the generator keeps them.
struct Utterance {
    words: Vec<String>,
    speaker: String,
    day: i32,
}

fn generate() -> (Vec<Item>, Vec<Utterance>) {
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
    let sentence = |rng: &mut Rng, len: usize| -> Vec<String> {
        (0..len)
            .map(|_| {
                if rng.chance(0.35) {
                    FUNCTION[rng.below(FUNCTION.len())].to_owned()
                } else if rng.chance(0.05) {
                    (2 + rng.below(5_000)).to_string()
                } else {
                    content(rng)
                }
            })
            .collect()
    };
    // Stock phrases: 6-7 words, the common ones, in many people's quotes.
    let stock_phrases: Vec<Vec<String>> = (0..150)
        .map(|_| {
            (0..6 + rng.below(2))
                .map(|i| {
                    if i % 2 == 1 {
                        FUNCTION[rng.below(FUNCTION.len())].to_owned()
                    } else {
                        vocab[rng.below(300)].clone()
                    }
                })
                .collect()
        })
        .collect();
    let mut utterances: Vec<Utterance> = Vec::with_capacity(UTTERANCES);
    let mut items = Vec::with_capacity(TOTAL);
    let per = TOTAL / UTTERANCES;
    for u in 0..UTTERANCES {
        let len = 10 + rng.below(21);
        let mut words = sentence(&mut rng, len);
        // One in eight goes on from its speaker's previous statement, the
        // same day; one outlet prints the two as one quote.
        let sequel = u > 0 && rng.chance(0.125);
        let (speaker, day) = if sequel {
            let p = &utterances[u - 1];
            (p.speaker.clone(), p.day)
        } else {
            (
                people[rng.below(people.len())].clone(),
                rng.below(700) as i32,
            )
        };
        // One in ten holds a stock phrase.
        let stock = rng.chance(0.1).then(|| {
            let phrase = &stock_phrases[rng.below(stock_phrases.len())];
            let at = rng.below(words.len() + 1);
            words.splice(at..at, phrase.iter().cloned());
            (at, at + phrase.len())
        });
        let len = words.len();
        for k in 0..per {
            let edit = if k == 0 {
                Edit::Original
            } else if k == 1 && sequel {
                Edit::Combined
            } else if k == 1 && stock.is_some() {
                Edit::StockPhrase
            } else {
                let r = rng.unit();
                match r {
                    r if r < 0.03 => Edit::WrongSpeaker,
                    r if r < 0.06 => Edit::Fragment,
                    r if r < 0.07 => Edit::ClosingMarks,
                    r if r < 0.08 => Edit::LineBreak,
                    r if r < 0.09 => Edit::ClauseCut,
                    r if r < 0.12 => Edit::Requote,
                    r if r < 0.15 => Edit::Slogan,
                    r if r < 0.18 => Edit::LineInPassage,
                    r if r < 0.27 => Edit::Copy,
                    r if r < 0.37 => Edit::CutEnd,
                    r if r < 0.45 => Edit::CutStart,
                    r if r < 0.53 => Edit::Bracket,
                    r if r < 0.61 => Edit::Number,
                    r if r < 0.71 => Edit::Reword,
                    r if r < 0.80 => Edit::Ellipsis,
                    r if r < 0.90 => Edit::NameVariant,
                    _ => Edit::Paraphrase,
                }
            };
            let mut w = words.clone();
            let mut who = speaker.clone();
            let mut kind = Kind::Quote;
            let mut d = day + rng.below(5) as i32;
            let mut previous = None;
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
                Edit::WrongSpeaker => {
                    who = if rng.chance(0.5) {
                        AGENCIES[rng.below(AGENCIES.len())].to_owned()
                    } else {
                        // A headline fragment: a few of the quote's words,
                        // capitalised.
                        let at = rng.below(len - 3);
                        w[at..at + 2 + rng.below(2)]
                            .iter()
                            .map(|x| capitalise(x))
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                }
                Edit::Fragment => {
                    let n = 5 + rng.below(4);
                    let at = rng.below(len - n + 1);
                    w = w[at..at + n].to_vec();
                }
                Edit::Combined => {
                    previous = Some(u - 1);
                    let mut both = utterances[u - 1].words.clone();
                    both.extend(w);
                    w = both;
                }
                Edit::ClosingMarks => {
                    if let Some(last) = w.last_mut() {
                        last.push_str("''");
                    }
                }
                Edit::LineBreak => {
                    let at = 1 + rng.below(len - 1);
                    w[at].insert(0, '\n');
                }
                Edit::ClauseCut => {
                    w.truncate(len - (3 + rng.below(4)).min(len / 3));
                    if let Some(last) = w.last_mut() {
                        last.push(',');
                    }
                    w.extend(["he".to_owned(), "said".to_owned()]);
                }
                Edit::Requote => d = day + 60 + rng.below(61) as i32,
                Edit::Slogan => {
                    let n = 5 + rng.below(3);
                    let at = rng.below(len - n + 1);
                    let n_other = 8 + rng.below(10);
                    let mut other = sentence(&mut rng, n_other);
                    let into = rng.below(other.len() + 1);
                    other.splice(into..into, w[at..at + n].iter().cloned());
                    w = other;
                    d = day + 60 + rng.below(200) as i32;
                }
                Edit::StockPhrase => {
                    let (a, b) = stock.unwrap_or((0, 0));
                    let n_other = 8 + rng.below(10);
                    let mut other = sentence(&mut rng, n_other);
                    let into = rng.below(other.len() + 1);
                    other.splice(into..into, w[a..b].iter().cloned());
                    w = other;
                    who = people[rng.below(people.len())].clone();
                }
                Edit::LineInPassage => {
                    // Enough new words that the passage is not the line
                    // quoted again (less than 85% the same).
                    let extra = (len / 2).max(6) + rng.below(6);
                    let before = rng.below(extra + 1);
                    let mut passage = sentence(&mut rng, before);
                    passage.extend(w);
                    passage.extend(sentence(&mut rng, extra - before));
                    w = passage;
                    d = day + 55 + rng.below(15) as i32;
                }
            }
            let n = items.len();
            let text = w.join(" ").replace(" \n", "\n");
            let mut v = Version::new(Id::of_fields("bench", &[&n.to_string()]), kind, &text);
            v.speaker = Some(who);
            v.date = Some(date(d));
            items.push(Item {
                version: v,
                utterance: u,
                previous,
                edit,
                day: d,
            });
        }
        utterances.push(Utterance {
            words,
            speaker,
            day,
        });
    }
    // Date order, as an ingest of a news archive would see them.
    items.sort_by_key(|it| it.day);
    (items, utterances)
}

fn percentile(mut xs: Vec<f64>, p: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(((xs.len() as f64 - 1.0) * p) as usize)
        .copied()
        .unwrap_or(0.0)
}

/// Statements per generated article.
const PER_ARTICLE: usize = 20;

type Records = (
    quotetrail_store::Article,
    Vec<(quotetrail_store::Statement, quotetrail_store::Appearance)>,
);

/// The items as articles of [`PER_ARTICLE`] statements, in date order, each
/// body the statements' texts one per line.
fn articles(items: &[Item]) -> Vec<Records> {
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

/// `origin` latency over [`QUERIES`] windows of 8-12 words cut from the
/// first `upto` statements: the time of `find_words`, and how often the
/// statement's own group comes first.
fn origin(
    store: &Store,
    items: &[Item],
    ids: &[Id],
    upto: usize,
    rng: &mut Rng,
) -> (f64, f64, f64) {
    let mut lat = Vec::with_capacity(QUERIES);
    let mut first = 0;
    for _ in 0..QUERIES {
        let i = rng.below(upto);
        let words: Vec<&str> = items[i].version.text.split_whitespace().collect();
        let n = (8 + rng.below(5)).min(words.len());
        let at = rng.below(words.len() - n + 1);
        let q = words[at..at + n].join(" ");
        let t = Instant::now();
        let found = find_words(store, &q).expect("find words");
        lat.push(t.elapsed().as_secs_f64() * 1e3);
        let own = store.group_of(&ids[i]).expect("group of");
        if found.hits.first().map(|h| h.group) == own {
            first += 1;
        }
    }
    (
        percentile(lat.clone(), 0.5),
        percentile(lat, 0.95),
        first as f64 / QUERIES as f64,
    )
}

fn main() {
    // The binary turns transparent huge pages off (`src/main.rs`); the
    // bench does too, so its figures stay the binary's.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integers only, no pointers.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    let t = Instant::now();
    let (items, utterances) = generate();
    println!(
        "generated {} statements ({UTTERANCES} utterances) in {:.1}s",
        items.len(),
        t.elapsed().as_secs_f64()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("store");
    let arts = articles(&items);
    let ids: Vec<Id> = arts
        .iter()
        .flat_map(|(_, found)| found.iter().map(|(_, ap)| ap.id()))
        .collect();
    let mut matcher = quotetrail::follow::StoreMatcher::new(&store);
    let mut rng = Rng(7);
    let mut ingest = |range: std::ops::Range<usize>| {
        let t = Instant::now();
        let mut n = 0;
        let mut matching = 0.0;
        for batch in arts[range].chunks(64) {
            store
                .put_articles(batch.iter().map(|(a, f)| (a, f.as_slice())))
                .expect("put");
            let m = Instant::now();
            quotetrail::follow::match_stored(
                &mut matcher,
                batch.iter().map(|(a, f)| (a, f.as_slice())),
            )
            .expect("match");
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
    let first = (10_000 / PER_ARTICLE).min(arts.len());
    let rate_10k = ingest(0..first);
    let upto = (first * PER_ARTICLE).min(items.len());
    let (p50, p95, hit) = origin(&store, &items, &ids, upto, &mut rng);
    println!(
        "at  10k: ingest with matching {rate_10k:>7.0} statements/s | origin p50 {p50:.2} ms, p95 {p95:.2} ms, own group first {:.1}%",
        hit * 100.0
    );
    let rate_rest = ingest(first..arts.len());
    let (p50, p95, hit) = origin(&store, &items, &ids, items.len(), &mut rng);
    println!(
        "10k..100k: ingest with matching {rate_rest:>7.0} statements/s | at 100k origin p50 {p50:.2} ms, p95 {p95:.2} ms, own group first {:.1}%",
        hit * 100.0
    );
    let placed: Vec<Option<GroupId>> = ids
        .iter()
        .map(|id| store.group_of(id).expect("group of"))
        .collect();
    println!(
        "{} groups (truth: {UTTERANCES} utterances plus decoys); {} of {} statements not grouped",
        store.groups().count(),
        placed.iter().filter(|g| g.is_none()).count(),
        placed.len()
    );
    quality(&items, &ids, &placed);
    combined_found(&store, &items, &ids, &utterances);
    let report = store.verify().expect("verify");
    println!(
        "verify: {}",
        if report.is_clean() {
            "clean"
        } else {
            "FOUND PROBLEMS"
        }
    );
}

/// Quality against the generator's truth: an utterance's home group is
/// the one most of its plain versions landed in; prints, per case, how
/// many versions joined it (a combined version: its own or the previous
/// statement's) or, for look-alikes, stayed out of it.
fn quality(items: &[Item], ids: &[Id], groups: &[Option<GroupId>]) {
    let mut votes: HashMap<usize, HashMap<Option<GroupId>, usize>> = HashMap::new();
    for (it, g) in items.iter().zip(groups) {
        if !it.edit.decoy() && it.edit != Edit::Combined {
            *votes
                .entry(it.utterance)
                .or_default()
                .entry(*g)
                .or_default() += 1;
        }
    }
    let home: HashMap<usize, Option<GroupId>> = votes
        .into_iter()
        .map(|(u, v)| {
            let best = v
                .into_iter()
                .max_by_key(|&(g, n)| (n, std::cmp::Reverse(g)))
                .and_then(|x| x.0);
            (u, best)
        })
        .collect();
    let home_of = |u: usize| home.get(&u).copied().flatten();
    // Per case: right, all, and of the misses, how many founded a group.
    let mut by_edit: std::collections::BTreeMap<Edit, (usize, usize, usize)> = Default::default();
    for ((it, g), id) in items.iter().zip(groups).zip(ids) {
        let own = home_of(it.utterance);
        let ok = if it.edit.decoy() {
            g.is_some() && *g != own
        } else {
            g.is_some() && (*g == own || it.previous.is_some_and(|p| *g == home_of(p)))
        };
        let e = by_edit.entry(it.edit).or_default();
        e.0 += usize::from(ok);
        e.1 += 1;
        e.2 += usize::from(!ok && *g == Some(GroupId::founded_by(id)));
    }
    let total: usize = by_edit.values().map(|e| e.1).sum();
    for (edit, (ok, n, alone)) in by_edit {
        let what = if edit.decoy() {
            "stays apart"
        } else {
            "joins its utterance"
        };
        let misses = if ok < n && !edit.decoy() {
            format!(
                "; of the misses, {alone} alone, {} elsewhere",
                n - ok - alone
            )
        } else {
            String::new()
        };
        println!(
            "  {:<13} {what:<19} {:>6.2}% of {n:>5} ({:.1}% of statements{misses})",
            format!("{edit:?}"),
            ok as f64 * 100.0 / n as f64,
            n as f64 * 100.0 / total as f64
        );
    }
}

/// For every combined version (two statements printed as one quote): does
/// `find_words` on each statement as the others printed it list the
/// combined version, in the first group found or beside it?
fn combined_found(store: &Store, items: &[Item], ids: &[Id], utterances: &[Utterance]) {
    let (mut ok, mut n) = (0, 0);
    let mut lat = Vec::new();
    for (it, id) in items.iter().zip(ids) {
        let Some(prev) = it.previous else {
            continue;
        };
        let group = store.group_of(id).expect("group of");
        for half in [prev, it.utterance] {
            let text = utterances[half].words.join(" ");
            let t = Instant::now();
            let found = find_words(store, &text).expect("find words");
            lat.push(t.elapsed().as_secs_f64() * 1e3);
            let listed = found.hits.first().is_some_and(|h| Some(h.group) == group)
                || found.also.iter().any(|(a, _)| a == id);
            ok += usize::from(listed);
            n += 1;
        }
    }
    println!(
        "  Combined      each half lists it  {:>6.2}% of {n:>5} halves (find_words p50 {:.2} ms)",
        ok as f64 * 100.0 / n.max(1) as f64,
        percentile(lat, 0.5)
    );
}
