//! Identities across a store's names: which aliases name one person or
//! organisation, built incrementally from the pairwise rules of
//! [`super`] (strong evidence merges at once, weak evidence only when one
//! identity alone fits), with every merge's evidence kept.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{Evidence, NameInfo, Rule, Strength, initials, normalize, same_speaker, skeleton};

/// One merge between two aliases, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Merge {
    /// One alias, as given.
    pub a: String,
    /// The other alias, as given.
    pub b: String,
    /// Why they are one.
    pub evidence: Evidence,
}

/// One resolved identity: every alias that names it and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Identity {
    /// The fullest name among the aliases.
    pub canonical: String,
    /// Every alias, as given, in the order first seen.
    pub aliases: Vec<String>,
    /// The merges that joined them.
    pub merges: Vec<Merge>,
}

/// The result of [`Identities::resolve`].
#[derive(Clone, Debug, Default)]
pub struct IdentityMap {
    /// The identities, in the order their first alias was added.
    pub identities: Vec<Identity>,
    of: HashMap<String, usize>,
}

impl IdentityMap {
    /// The identity an alias (as given to [`Identities::add`]) belongs to.
    pub fn identity_of(&self, alias: &str) -> Option<&Identity> {
        self.of
            .get(alias.trim())
            .and_then(|&i| self.identities.get(i))
    }
}

/// Posting lists longer than this are not scanned for candidates: a token
/// that common ("Mohamed") is matched through the other tokens of a name.
const NAME_POSTING_CAP: usize = 4096;

/// Builds speaker identities from names, incrementally.
///
/// Strong evidence merges at once (union-find); weak evidence is kept and
/// applied by [`Identities::resolve`], which merges a bare surname into a
/// full name only when exactly one identity carries that surname, or when
/// matched statements ([`Identities::link_statement`]) single one out. So a
/// bare "Doe" never joins "Jane Doe" once a "John Doe" is also known, unless
/// Doe's words were matched to one of them.
#[derive(Clone, Debug, Default)]
pub struct Identities {
    names: Vec<NameInfo>,
    by_alias: HashMap<String, usize>,
    index: HashMap<String, Vec<usize>>,
    parent: Vec<usize>,
    strong: Vec<(usize, usize, Evidence)>,
    weak: Vec<(usize, usize, Evidence)>,
    links: HashSet<(usize, usize)>,
}

impl Identities {
    /// An empty builder.
    pub fn new() -> Identities {
        Identities::default()
    }

    /// Adds an alias, merging it with every known alias that strong evidence
    /// ties it to. Returns its alias number, or `None` for a name with no
    /// name in it (a bare role such as "a spokesman").
    pub fn add(&mut self, alias: &str) -> Option<usize> {
        let alias = alias.trim();
        if let Some(&i) = self.by_alias.get(alias) {
            return Some(i);
        }
        let info = NameInfo::parse(alias);
        if !info.has_content() {
            return None;
        }
        let me = self.names.len();
        let keys = index_keys(&info);
        let mut seen = HashSet::new();
        let mut new_strong = Vec::new();
        for key in &keys {
            let Some(list) = self.index.get(key) else {
                continue;
            };
            if list.len() > NAME_POSTING_CAP {
                continue;
            }
            for &other in list {
                if !seen.insert(other) {
                    continue;
                }
                if let Some(ev) = same_speaker(&info, &self.names[other]) {
                    match ev.strength {
                        Strength::Strong => {
                            new_strong.push(other);
                            self.strong.push((me, other, ev));
                        }
                        Strength::Weak => self.weak.push((me, other, ev)),
                    }
                }
            }
        }
        self.names.push(info);
        self.parent.push(me);
        self.by_alias.insert(alias.to_owned(), me);
        for key in keys {
            self.index.entry(key).or_default().push(me);
        }
        for other in new_strong {
            union(&mut self.parent, me, other);
        }
        Some(me)
    }

    /// Records that statements by `a` and by `b` were matched as one
    /// utterance: corroboration for weak name evidence between them.
    pub fn link_statement(&mut self, a: &str, b: &str) {
        if let (Some(x), Some(y)) = (self.add(a), self.add(b))
            && x != y
        {
            self.links.insert((x.min(y), x.max(y)));
        }
    }

    /// Resolves the identities: strong merges, then weak ones where they are
    /// unambiguous or corroborated.
    pub fn resolve(&self) -> IdentityMap {
        let mut parent = self.parent.clone();
        let mut merges: Vec<(usize, usize, Evidence)> = self.strong.clone();
        let mut linked_to: HashMap<usize, Vec<usize>> = HashMap::new();
        for &(x, y) in &self.links {
            linked_to.entry(x).or_default().push(y);
            linked_to.entry(y).or_default().push(x);
        }
        // Group weak edges by their shorter (bare) side.
        let mut by_bare: HashMap<usize, Vec<(usize, &Evidence)>> = HashMap::new();
        for (a, b, ev) in &self.weak {
            let (bare, full) =
                if self.names[*a].significant().len() <= self.names[*b].significant().len() {
                    (*a, *b)
                } else {
                    (*b, *a)
                };
            by_bare.entry(bare).or_default().push((full, ev));
        }
        let mut bares: Vec<usize> = by_bare.keys().copied().collect();
        bares.sort_unstable();
        for bare in bares {
            let edges = &by_bare[&bare];
            let own = root(&parent, bare);
            let mut roots: Vec<usize> = edges.iter().map(|(f, _)| root(&parent, *f)).collect();
            roots.sort_unstable();
            roots.dedup();
            roots.retain(|r| *r != own);
            if roots.is_empty() {
                continue;
            }
            // Identities that matched statements tie to this bare name.
            let linked_roots: Vec<usize> = roots
                .iter()
                .copied()
                .filter(|&r| {
                    linked_to
                        .get(&bare)
                        .is_some_and(|others| others.iter().any(|&o| root(&parent, o) == r))
                })
                .collect();
            let edge_into = |r: usize| edges.iter().find(|(f, _)| root(&parent, *f) == r);
            let chosen = match (linked_roots.as_slice(), roots.as_slice()) {
                ([r], _) => edge_into(*r).map(|(f, ev)| (*f, Rule::SharedStatement, (*ev).clone())),
                ([], [r]) => edge_into(*r)
                    .filter(|(_, ev)| ev.rule == Rule::SurnameOnly)
                    .map(|(f, ev)| (*f, Rule::UniqueFullName, (*ev).clone())),
                _ => None,
            };
            if let Some((full, rule, ev)) = chosen {
                union(&mut parent, bare, full);
                let ev = Evidence::new(rule, Strength::Strong, ev.score.max(0.7), ev.tokens);
                merges.push((bare, full, ev));
            }
        }
        // Collect identities in order of first alias.
        let mut slot_of_root: HashMap<usize, usize> = HashMap::new();
        let mut map = IdentityMap::default();
        let mut raw_of = Vec::with_capacity(self.names.len());
        for (i, info) in self.names.iter().enumerate() {
            let root = find(&mut parent, i);
            let slot = *slot_of_root.entry(root).or_insert_with(|| {
                map.identities.push(Identity {
                    canonical: info.display(),
                    aliases: Vec::new(),
                    merges: Vec::new(),
                });
                map.identities.len() - 1
            });
            let ident = &mut map.identities[slot];
            ident.aliases.push(info.raw.trim().to_owned());
            // The fullest name, a name before a description.
            let rank = |n: &NameInfo| (!n.description, n.significant().len());
            if !info.acronym && rank(info) > rank(&NameInfo::parse(&ident.canonical)) {
                ident.canonical = info.display();
            }
            map.of.insert(info.raw.trim().to_owned(), slot);
            raw_of.push(slot);
        }
        for (a, b, ev) in merges {
            let slot = raw_of[a];
            map.identities[slot].merges.push(Merge {
                a: self.names[a].raw.trim().to_owned(),
                b: self.names[b].raw.trim().to_owned(),
                evidence: ev,
            });
        }
        map
    }
}

/// Index keys that any name a rule could match shares with this one: the
/// consonant skeleton and the first three letters of each significant
/// token, and the sorted letters of its initials or acronym.
fn index_keys(info: &NameInfo) -> Vec<String> {
    let mut keys = Vec::new();
    for t in info.significant() {
        let n = normalize(t);
        if n.chars().count() > 1 {
            keys.push(format!("s:{}", skeleton(&n)));
            keys.push(format!("p:{}", n.chars().take(3).collect::<String>()));
        }
    }
    let sorted = |s: String| {
        let mut v: Vec<char> = s.chars().collect();
        v.sort_unstable();
        v.into_iter().collect::<String>()
    };
    if info.acronym {
        keys.push(format!("a:{}", sorted(info.tokens.concat())));
    } else if info.tokens.len() >= 2 {
        keys.push(format!("a:{}", sorted(initials(&info.tokens, true))));
        keys.push(format!("a:{}", sorted(initials(&info.tokens, false))));
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The root of `x` without path compression, for read-only passes.
fn root(parent: &[usize], mut x: usize) -> usize {
    while parent[x] != x {
        x = parent[x];
    }
    x
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The older alias stays the root, so identities keep first-seen order.
        let (keep, join) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[join] = keep;
    }
}
