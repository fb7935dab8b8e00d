//! The words the English claim rules (`extract/claims/`) read: the cue
//! table (which words signal reported speech, and how each takes its
//! content) and the closed classes the patterns skip or stop at. All of it
//! is data in `lexicon/<lang>/`; this module only gives the table its
//! types.

use super::words::{WordList, WordMap, pairs};

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

impl Class {
    /// The classes in the order a word's readings are tried: a word listed
    /// under several takes the first.
    const PRECEDENCE: [Class; 4] = [Class::Tell, Class::Object, Class::Say, Class::Evidence];

    /// The class a `claim_cues.txt` line names; any other name is a
    /// mistake in the data, caught by the tests.
    fn named(name: &str) -> Class {
        match name {
            "say" => Class::Say,
            "tell" => Class::Tell,
            "object" => Class::Object,
            "evidence" => Class::Evidence,
            _ => panic!("claim_cues.txt: unknown class {name:?}"),
        }
    }
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

/// What the table holds for one cue word.
#[derive(Debug)]
pub struct CueEntry {
    /// The word's reading.
    pub cue: Cue,
    /// Its reading when the particle it wants does not follow: `say` if it
    /// is listed so, else `object`, else none.
    pub alone: Option<Class>,
    /// Every particle it takes, in file order.
    pub particles: Vec<&'static str>,
}

/// The word lists of one language's claim rules. A language leaves empty
/// the lists its rules do not read: the English rules (`extract/claims/`)
/// read all but `infinitive_openers`, the French ones (`rules/fr/`) only
/// that.
#[derive(Debug, Default)]
pub struct ClaimWords {
    /// Cue words, from `claim_cues.txt`, `claim_particles.txt`,
    /// `claim_nouns.txt` and `claim_participles.txt`.
    pub cues: WordMap<CueEntry>,
    /// Subject pronouns and quantifiers that name a speaker on their own.
    pub subject_pronouns: WordList,
    /// Quantities that stand for people ("two said").
    pub quantities: WordList,
    /// Determiners and possessives that open a noun phrase.
    pub determiners: WordList,
    /// Articles and possessives: a noun follows.
    pub articles: WordList,
    /// Prepositions allowed inside a speaker's phrase.
    pub np_prepositions: WordList,
    /// Time words that stand next to a cue without being content.
    pub time_words: WordList,
    /// Words that open an adjunct after a cue.
    pub adjunct_starts: WordList,
    /// Listeners that follow "told" without a capital.
    pub listeners: WordList,
    /// Document-like subjects that can "show" or "find".
    pub evidence_nouns: WordList,
    /// Words between "be" and a passive participle ("is not widely").
    pub hedges: WordList,
    /// Words that open the question in "Asked whether ...".
    pub question_openers: WordList,
    /// Nouns of saying that take a "that" clause ("the claim that").
    pub speech_nouns: WordList,
    /// Refusals before "to" and a cue ("declined to say").
    pub refusals: WordList,
    /// Prepositions that make a following cue word a noun ("in alleged").
    pub noun_prepositions: WordList,
    /// Connectives at the start of a lead-in ("But in 2008, ...").
    pub lead_connectives: WordList,
    /// Words that open a short lead-in ("In 2008, ...").
    pub lead_openers: WordList,
    /// Headline kickers and labels before a colon ("The Latest:").
    pub headline_labels: WordList,
    /// Words that open an infinitive complement (French: "n'avoir").
    pub infinitive_openers: WordList,
}

impl ClaimWords {
    /// Builds the cue table from its four files: particle verbs first,
    /// then each class in [`Class::PRECEDENCE`]; a word keeps its first
    /// reading.
    pub fn cue_table(
        cues_txt: &'static str,
        particles_txt: &'static str,
        nouns_txt: &'static str,
        participles_txt: &'static str,
    ) -> WordMap<CueEntry> {
        let nouns = WordList::parse(nouns_txt);
        let participles = WordList::parse(participles_txt);
        let listed: Vec<(&'static str, Class)> =
            pairs(cues_txt).map(|(w, c)| (w, Class::named(c))).collect();
        let has = |w: &str, class: Class| listed.iter().any(|&(x, c)| x == w && c == class);
        let entry = |w: &'static str, class: Class, particle: Option<&'static str>| {
            let cue = Cue {
                class,
                noun_too: nouns.contains_lower(w),
                participle: participles.contains_lower(w),
                particle,
            };
            let alone = [Class::Say, Class::Object].into_iter().find(|&c| has(w, c));
            let particles = pairs(particles_txt)
                .filter(|&(v, _)| v == w)
                .map(|(_, p)| p);
            (
                w,
                CueEntry {
                    cue,
                    alone,
                    particles: particles.collect(),
                },
            )
        };
        let by_particle = pairs(particles_txt).map(|(w, p)| entry(w, Class::Object, Some(p)));
        let by_class = Class::PRECEDENCE.into_iter().flat_map(|class| {
            listed
                .iter()
                .filter(move |&&(_, c)| c == class)
                .map(move |&(w, _)| (w, class))
        });
        let by_class: Vec<_> = by_class.map(|(w, c)| entry(w, c, None)).collect();
        WordMap::from_entries(by_particle.chain(by_class))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_added_to_the_files_is_a_cue() {
        let t = ClaimWords::cue_table(
            "# cues\nproclaimed say\nwarned say\nwarned object\n",
            "warned of\n",
            "",
            "",
        );
        let proclaimed = t.get("proclaimed").unwrap();
        assert_eq!(proclaimed.cue.class, Class::Say);
        let warned = t.get("warned").unwrap();
        assert_eq!(warned.cue.particle, Some("of"));
        assert_eq!(warned.alone, Some(Class::Say));
        assert!(t.get("proclaims").is_none());
    }
}
