//! The words that signal reported speech, and the function words the
//! patterns skip or stop at. Every list is general English, never a phrase
//! from a particular article.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: the cue table is looked up once per word of every article, and
/// its keys are short and fixed, so a cheap hash beats SipHash's
/// flood resistance here.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The cue words, and a bit set of their (length, first byte, last byte)
/// shapes that turns most words away before any hashing.
struct Table {
    words: HashMap<&'static str, Cue, BuildHasherDefault<Fnv>>,
    shapes: Vec<u64>,
}

fn shape(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let (first, last) = (*b.first()?, *b.last()?);
    Some((b.len().min(15) << 10) | (usize::from(first & 31) << 5) | usize::from(last & 31))
}

/// How a cue verb takes its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A clause follows or precedes: "X said (that) ...", "..., X said".
    Say,
    /// A listener comes first, then the clause: "X told Reuters (that) ...".
    Tell,
    /// The content is an object phrase: "X accused Y of ...", "X called
    /// for ...".
    Object,
    /// Evidence speaks: "the poll found ...". Only a document-like subject
    /// makes it a claim.
    Evidence,
}

/// A cue word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// How it takes its content.
    pub class: Class,
    /// Whether it is also a common noun ("claims", "reports") and so needs a
    /// subject that is not a determiner.
    pub noun_too: bool,
    /// A participle ("saying", "adding") that continues the previous
    /// speaker's attribution.
    pub participle: bool,
    /// The particle that must follow ("out" in "pointed out", "for" in
    /// "called for"), if any.
    pub particle: Option<&'static str>,
}

const SAY: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "add",
    "adds",
    "added",
    "adding",
    "note",
    "notes",
    "noted",
    "noting",
    "announce",
    "announces",
    "announced",
    "announcing",
    "claim",
    "claimed",
    "claiming",
    "warn",
    "warns",
    "warned",
    "warning",
    "deny",
    "denies",
    "denied",
    "denying",
    "confirm",
    "confirms",
    "confirmed",
    "confirming",
    "report",
    "reported",
    "argue",
    "argues",
    "argued",
    "arguing",
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "suggest",
    "suggests",
    "suggested",
    "suggesting",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "explain",
    "explains",
    "explained",
    "explaining",
    "acknowledge",
    "acknowledges",
    "acknowledged",
    "acknowledging",
    "admit",
    "admits",
    "admitted",
    "admitting",
    "stated",
    "declare",
    "declares",
    "declared",
    "declaring",
    "predict",
    "predicts",
    "predicted",
    "predicting",
    "estimate",
    "estimates",
    "estimated",
    "write",
    "writes",
    "wrote",
    "writing",
    "assert",
    "asserts",
    "asserted",
    "asserting",
    "maintain",
    "maintains",
    "maintained",
    "contend",
    "contends",
    "contended",
    "allege",
    "alleges",
    "alleged",
    "alleging",
    "stress",
    "stresses",
    "stressed",
    "stressing",
    "emphasize",
    "emphasizes",
    "emphasized",
    "emphasised",
    "reveal",
    "reveals",
    "revealed",
    "disclose",
    "discloses",
    "disclosed",
    "indicate",
    "indicates",
    "indicated",
    "concede",
    "concedes",
    "conceded",
    "conceding",
    "complain",
    "complains",
    "complained",
    "complaining",
    "charge",
    "charged",
    "agree",
    "agrees",
    "agreed",
    "recall",
    "recalls",
    "recalled",
    "recalling",
    "reply",
    "replies",
    "replied",
    "respond",
    "responds",
    "responded",
    "counter",
    "countered",
    "promise",
    "promises",
    "promised",
    "promising",
    "pledge",
    "pledges",
    "pledged",
    "pledging",
    "vow",
    "vows",
    "vowed",
    "vowing",
    "conclude",
    "concludes",
    "concluded",
    "observe",
    "observes",
    "observed",
    "remark",
    "remarked",
    "tweet",
    "tweets",
    "tweeted",
    "hint",
    "hinted",
    "speculate",
    "speculated",
    "reiterate",
    "reiterated",
    "reiterating",
    "boast",
    "boasted",
    "brag",
    "bragged",
    "caution",
    "cautioned",
    "cautioning",
    "feel",
    "feels",
    "felt",
    "know",
    "knows",
    "expect",
    "expects",
    "hope",
    "hopes",
    "hoped",
    "fear",
    "fears",
    "feared",
    "worry",
    "worries",
    "worried",
    "signal",
    "signaled",
    "signalled",
    "announces",
    "acknowledges",
    "testify",
    "testified",
    "testifies",
    "guess",
    "guessed",
    "imply",
    "implied",
    "implies",
    "projected",
    "forecast",
    "reckon",
    "reckons",
    "figure",
    "figures",
    "figured",
    "assume",
    "assumed",
    "doubt",
    "doubts",
    "doubted",
    "wonder",
    "wondered",
    "wonders",
    "contending",
    "lament",
    "lamented",
    "joked",
    "quipped",
    "mused",
    "shouted",
    "yelled",
    "whispered",
    "announce",
    "proclaimed",
    "proclaims",
    "swore",
    "swears",
    "understand",
    "understands",
    "realize",
    "realized",
    "realizes",
    "recognize",
    "recognized",
    "recognizes",
    "agreeing",
    "learned",
    "recounted",
    "stating",
    "believing",
    "expecting",
    "hints",
];

const TELL: &[&str] = &[
    "tell",
    "tells",
    "told",
    "telling",
    "assure",
    "assures",
    "assured",
    "inform",
    "informs",
    "informed",
    "remind",
    "reminds",
    "reminded",
    "reminding",
    "advise",
    "advised",
    "advises",
    "convince",
    "convinced",
    "persuade",
    "persuaded",
];

const OBJECT: &[&str] = &[
    "accuse",
    "accuses",
    "accused",
    "accusing",
    "criticize",
    "criticizes",
    "criticized",
    "criticised",
    "criticizing",
    "praise",
    "praises",
    "praised",
    "praising",
    "blame",
    "blames",
    "blamed",
    "blaming",
    "urge",
    "urges",
    "urged",
    "urging",
    "endorse",
    "endorses",
    "endorsed",
    "endorsing",
    "denounce",
    "denounces",
    "denounced",
    "condemn",
    "condemns",
    "condemned",
    "condemning",
    "defend",
    "defends",
    "defended",
    "defending",
    "dismiss",
    "dismisses",
    "dismissed",
    "dismissing",
    "reject",
    "rejects",
    "rejected",
    "rejecting",
    "cite",
    "cites",
    "cited",
    "citing",
    "tout",
    "touts",
    "touted",
    "touting",
    "demand",
    "demands",
    "demanded",
    "demanding",
    "propose",
    "proposes",
    "proposed",
    "proposing",
    "describe",
    "describes",
    "described",
    "describing",
    "question",
    "questioned",
    "questions",
    "mock",
    "mocked",
    "mocks",
    "slam",
    "slammed",
    "slams",
    "backed",
    "back",
    "backs",
    "support",
    "supports",
    "supported",
    "supporting",
    "oppose",
    "opposes",
    "opposed",
    "opposing",
    "favor",
    "favors",
    "favored",
    "favour",
    "favours",
    "favoured",
    "highlight",
    "highlighted",
    "highlights",
    "deride",
    "derided",
    "derides",
    "applaud",
    "applauded",
    "hail",
    "hailed",
    "decry",
    "decried",
    "lambaste",
    "lambasted",
    "chide",
    "chided",
    "chides",
    "fault",
    "faulted",
    "faults",
    "ask",
    "asks",
    "asked",
    "asking",
    "call",
    "calls",
    "called",
    "calling",
    "attack",
    "attacks",
    "attacked",
    "attacking",
    "blast",
    "blasts",
    "blasted",
    "blasting",
    "denouncing",
    "questioning",
    "challenge",
    "challenges",
    "challenged",
    "challenging",
    "mention",
    "mentions",
    "mentioned",
    "mentioning",
    "discuss",
    "discusses",
    "discussed",
    "discussing",
    "ordered",
    "express",
    "expressed",
    "expressing",
    "portray",
    "portrays",
    "portrayed",
    "portraying",
    "likened",
    "characterize",
    "characterized",
    "characterizes",
    "labeled",
    "dubbed",
    "invoked",
    "invoking",
    "recommend",
    "recommends",
    "recommended",
    "echoed",
    "echoing",
    "outlined",
    "deemed",
    "quoting",
    "sees",
    "highlighting",
    "referenced",
    "mocking",
    "retweeted",
    "thanked",
    "thanking",
    "bemoaned",
    "assailed",
    "encouraged",
    "requested",
    "listed",
];

/// Verbs that take their content after a particle.
const PARTICLE: &[(&str, &str)] = &[
    ("point", "out"),
    ("points", "out"),
    ("pointed", "out"),
    ("pointing", "out"),
    ("call", "for"),
    ("calls", "for"),
    ("called", "for"),
    ("calling", "for"),
    ("push", "for"),
    ("pushed", "for"),
    ("pushes", "for"),
    ("pushing", "for"),
    ("talk", "about"),
    ("talks", "about"),
    ("talked", "about"),
    ("talking", "about"),
    ("spoke", "about"),
    ("speak", "about"),
    ("speaks", "about"),
    ("speaking", "about"),
    ("wrote", "about"),
    ("write", "about"),
    ("writes", "about"),
    ("joked", "about"),
    ("complained", "about"),
    ("complain", "about"),
    ("complains", "about"),
    ("warned", "about"),
    ("warned", "of"),
    ("warns", "of"),
    ("warned", "against"),
    ("argued", "for"),
    ("argued", "against"),
    ("argues", "for"),
    ("advocated", "for"),
    ("spoke", "of"),
    ("speaks", "of"),
    ("boasted", "about"),
    ("bragged", "about"),
    ("lashed", "out"),
    ("refer", "to"),
    ("refers", "to"),
    ("referred", "to"),
    ("referring", "to"),
    ("point", "to"),
    ("points", "to"),
    ("pointed", "to"),
    ("pointing", "to"),
    ("focus", "on"),
    ("focused", "on"),
    ("focuses", "on"),
    ("focusing", "on"),
    ("call", "on"),
    ("calls", "on"),
    ("called", "on"),
    ("calling", "on"),
    ("asked", "about"),
    ("asks", "about"),
    ("ask", "about"),
    ("voted", "for"),
    ("voted", "against"),
    ("vote", "for"),
    ("vote", "against"),
    ("votes", "for"),
    ("railed", "against"),
    ("rails", "against"),
    ("commented", "on"),
    ("comment", "on"),
    ("comments", "on"),
    ("spoke", "out"),
    ("speaks", "out"),
    ("hoping", "to"),
    // A refusal to speak and a seeming are reported as what was refused
    // or seemed; an attempt ("sought to") is an act, not a statement.
    ("declined", "to"),
    ("declines", "to"),
    ("refused", "to"),
    ("refuses", "to"),
    ("seemed", "to"),
    ("seems", "to"),
    ("appeared", "to"),
    ("appears", "to"),
];

const EVIDENCE: &[&str] = &[
    "show",
    "shows",
    "showed",
    "shown",
    "showing",
    "find",
    "finds",
    "found",
    "indicates",
    "suggests",
    "reveals",
    "says",
    "said",
];

/// Nouns ambiguous with a cue verb: only a real subject before them makes
/// them cues.
const NOUN_TOO: &[&str] = &[
    "claims",
    "report",
    "reports",
    "charge",
    "charges",
    "question",
    "questions",
    "support",
    "back",
    "demand",
    "demands",
    "fear",
    "fears",
    "hope",
    "hopes",
    "worry",
    "worries",
    "promise",
    "promises",
    "pledge",
    "pledges",
    "note",
    "notes",
    "figure",
    "figures",
    "doubt",
    "doubts",
    "estimate",
    "estimates",
    "vow",
    "vows",
    "remark",
    "tweet",
    "tweets",
    "signal",
    "favor",
    "favour",
    "praise",
    "blame",
    "counter",
    "reply",
    "replies",
    "caution",
    "guess",
    "stress",
    "call",
    "calls",
    "push",
    "talk",
    "talks",
    "highlight",
    "highlights",
    "slam",
    "slams",
    "hint",
    "forecast",
    "show",
    "shows",
    "find",
    "finds",
    "attack",
    "attacks",
    "blast",
    "challenge",
    "challenges",
    "mention",
    "cite",
    "tout",
];

const PARTICIPLE: &[&str] = &[
    "saying",
    "adding",
    "noting",
    "arguing",
    "warning",
    "claiming",
    "insisting",
    "suggesting",
    "explaining",
    "acknowledging",
    "admitting",
    "declaring",
    "predicting",
    "asserting",
    "alleging",
    "stressing",
    "conceding",
    "complaining",
    "recalling",
    "promising",
    "pledging",
    "vowing",
    "cautioning",
    "reiterating",
    "calling",
    "accusing",
    "urging",
    "citing",
    "denying",
    "confirming",
    "writing",
    "telling",
    "reminding",
    "criticizing",
    "praising",
    "blaming",
    "describing",
    "dismissing",
    "rejecting",
    "defending",
    "touting",
    "demanding",
    "proposing",
    "asking",
    "contending",
    "agreeing",
    "announcing",
    "pointing",
    "referring",
    "speaking",
    "talking",
    "stating",
    "highlighting",
    "mocking",
    "thanking",
];

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m: HashMap<&'static str, Cue, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut put = |w: &'static str, class: Class, particle: Option<&'static str>| {
            m.entry(w).or_insert(Cue {
                class,
                noun_too: NOUN_TOO.contains(&w),
                participle: PARTICIPLE.contains(&w),
                particle,
            });
        };
        for &(w, p) in PARTICLE {
            put(w, Class::Object, Some(p));
        }
        for &w in TELL {
            put(w, Class::Tell, None);
        }
        for &w in OBJECT {
            put(w, Class::Object, None);
        }
        for &w in SAY {
            put(w, Class::Say, None);
        }
        for &w in EVIDENCE {
            put(w, Class::Evidence, None);
        }
        let mut shapes = vec![0u64; (16 << 10) / 64];
        for w in m.keys() {
            if let Some(k) = shape(w) {
                shapes[k / 64] |= 1 << (k % 64);
            }
        }
        Table { words: m, shapes }
    })
}

/// The cue a lowercase word is, if any. Particle verbs ("pointed out")
/// are returned with their particle; the caller checks it follows.
pub fn cue(lower: &str) -> Option<Cue> {
    if lower.len() < 3 || lower.len() > 14 {
        return None;
    }
    let t = table();
    let k = shape(lower)?;
    if t.shapes
        .get(k / 64)
        .is_none_or(|bits| bits & (1 << (k % 64)) == 0)
    {
        return None;
    }
    t.words.get(lower).copied()
}

/// The second reading of a particle verb that also stands alone ("warned
/// of" vs "warned"), so a missing particle falls back to it.
pub fn cue_without_particle(lower: &str) -> Option<Cue> {
    let c = cue(lower)?;
    if c.particle.is_none() {
        return Some(c);
    }
    let class = if SAY.contains(&lower) {
        Class::Say
    } else if OBJECT.contains(&lower) {
        Class::Object
    } else {
        return None;
    };
    Some(Cue {
        class,
        particle: None,
        ..c
    })
}

/// The particles a particle verb may take ("warned" takes "about", "of" or
/// "against").
pub fn particles(lower: &str) -> impl Iterator<Item = &'static str> + '_ {
    PARTICLE
        .iter()
        .filter(move |(w, _)| *w == lower)
        .map(|(_, p)| *p)
}

/// Subject pronouns, which name a speaker on their own.
pub fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she"
            | "they"
            | "we"
            | "i"
            | "it"
            | "you"
            | "who"
            | "both"
            | "many"
            | "some"
            | "others"
            | "most"
            | "few"
            | "several"
            | "one"
            | "all"
    )
}

/// Quantities that stand for people on their own ("two said", "most
/// believe").
pub fn is_quantity(w: &str) -> bool {
    matches!(
        w,
        "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "dozens"
            | "hundreds"
            | "thousands"
            | "millions"
            | "half"
            | "third"
            | "quarter"
            | "majority"
            | "minority"
            | "another"
            | "each"
            | "none"
            | "neither"
            | "either"
            | "many"
            | "most"
            | "some"
            | "few"
            | "several"
            | "others"
            | "both"
            | "all"
    )
}

/// Determiners and possessives that open a noun phrase.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "some"
            | "many"
            | "several"
            | "other"
            | "another"
            | "each"
            | "every"
            | "no"
            | "both"
            | "most"
            | "few"
            | "two"
            | "three"
            | "four"
            | "five"
            | "all"
            | "any"
            | "such"
    )
}

/// Articles and possessives: a word after them is a noun ("the report",
/// "his claims").
pub fn is_article(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "such"
            | "every"
            | "no"
    )
}

/// Auxiliaries and adverbs between a subject and its verb ("has also
/// said", "repeatedly claimed").
pub fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "also"
            | "would"
            | "will"
            | "could"
            | "may"
            | "might"
            | "did"
            | "does"
            | "do"
            | "not"
            | "never"
            | "previously"
            | "later"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "again"
            | "recently"
            | "once"
            | "often"
            | "then"
            | "reportedly"
            | "initially"
            | "first"
            | "further"
            | "separately"
            | "earlier"
            | "already"
            | "still"
            | "now"
            | "just"
            | "even"
            | "long"
            | "flatly"
            | "openly"
            | "quickly"
            | "immediately"
            | "frequently"
            | "always"
            | "apparently"
            | "clearly"
            | "explicitly"
            | "can"
            | "should"
            | "must"
            | "to"
            | "yet"
            | "finally"
            | "ultimately"
            | "subsequently"
            | "strongly"
            | "firmly"
            | "widely"
            | "generally"
            | "personally"
            | "directly"
    )
}

/// Words that end a subject scan: the clause boundary lies at them.
pub fn is_boundary(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "and"
            | "but"
            | "or"
            | "when"
            | "if"
            | "because"
            | "as"
            | "while"
            | "than"
            | "so"
            | "after"
            | "before"
            | "since"
            | "where"
            | "what"
            | "whom"
            | "whose"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "being"
            | "to"
            | "not"
            | "also"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "by"
            | "with"
            | "although"
            | "though"
            | "until"
            | "unless"
            | "whether"
            | "how"
            | "why"
            | "once"
            | "yet"
            | "nor"
            | "then"
            | "into"
            | "about"
            | "over"
            | "under"
            | "against"
            | "during"
            | "through"
            | "like"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "did"
            | "does"
            | "do"
            | "there"
            | "here"
            | "this"
            | "these"
            | "those"
            | "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "on"
            | "last"
            | "even"
            | "just"
            | "only"
            | "still"
    )
}

/// Prepositions allowed inside a subject ("the head of the delegation in
/// Bamako").
pub fn is_np_preposition(w: &str) -> bool {
    matches!(w, "of" | "for" | "in" | "at" | "from")
}

/// Time words that stand next to a cue verb without being content
/// ("said Tuesday", "told reporters yesterday").
pub fn is_time(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "yesterday"
            | "today"
            | "tonight"
            | "earlier"
            | "later"
            | "recently"
            | "previously"
            | "also"
            | "again"
            | "then"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "afterward"
            | "afterwards"
            | "separately"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "overnight"
            | "late"
            | "once"
            | "week"
            | "month"
            | "year"
            | "weekend"
            | "friday's"
    )
}

/// Words that open an adjunct after a cue ("said in a statement", "told
/// reporters on Tuesday").
pub fn is_adjunct_start(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "via"
            | "through"
            | "from"
            | "with"
            | "last"
            | "this"
            | "next"
            | "earlier"
            | "late"
            | "while"
            | "when"
    )
}

/// Listeners that follow "told" without being capitalized.
pub fn is_listener(w: &str) -> bool {
    matches!(
        w,
        "reporters"
            | "journalists"
            | "supporters"
            | "lawmakers"
            | "voters"
            | "viewers"
            | "listeners"
            | "members"
            | "students"
            | "officials"
            | "the"
            | "a"
            | "an"
            | "me"
            | "us"
            | "him"
            | "her"
            | "them"
            | "you"
            | "his"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "crowds"
            | "audiences"
            | "delegates"
            | "donors"
            | "investors"
            | "analysts"
            | "workers"
            | "residents"
            | "parliament"
            | "congress"
            | "police"
            | "investigators"
            | "prosecutors"
            | "senators"
            | "colleagues"
            | "guests"
            | "attendees"
            | "participants"
            | "fans"
            | "followers"
            | "readers"
            | "interviewers"
            | "everyone"
            | "anyone"
            | "people"
    )
}

/// Document-like subjects that can "show" or "find" something.
pub fn is_evidence_noun(w: &str) -> bool {
    matches!(
        w,
        "poll"
            | "polls"
            | "survey"
            | "surveys"
            | "study"
            | "studies"
            | "report"
            | "reports"
            | "analysis"
            | "analyses"
            | "data"
            | "research"
            | "results"
            | "figures"
            | "numbers"
            | "records"
            | "documents"
            | "review"
            | "investigation"
            | "audit"
            | "estimates"
            | "census"
            | "tally"
            | "count"
            | "statistics"
            | "evidence"
            | "memo"
            | "filing"
            | "filings"
            | "letter"
            | "statement"
            | "email"
            | "emails"
            | "findings"
            | "probe"
            | "inquiry"
            | "assessment"
            | "models"
            | "model"
            | "projections"
            | "forecast"
            | "average"
            | "index"
            | "reporting"
            | "footage"
            | "video"
            | "photos"
            | "images"
            | "cables"
            | "transcripts"
            | "logs"
    )
}
