//! The acronym rules: an organisation written as its initials, or as the
//! initials of its name in another language, in another word order.

use super::{Evidence, NameInfo, Rule, Strength};
use crate::follow::lexicon::{is_acronym_skip, without_elision};

/// Whether `a` and `b` name one organisation, one of them (or both) as an
/// acronym.
pub(super) fn acronym_match(a: &NameInfo, b: &NameInfo) -> Option<Evidence> {
    let letters = |n: &NameInfo| -> String {
        n.tokens
            .concat()
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect()
    };
    let sorted = |s: &str| -> Vec<char> {
        let mut v: Vec<char> = s.chars().collect();
        v.sort_unstable();
        v
    };
    if a.acronym && b.acronym {
        let (la, lb) = (letters(a), letters(b));
        if la == lb {
            return Some(Evidence::new(
                Rule::Exact,
                Strength::Strong,
                1.0,
                vec![(la, lb)],
            ));
        }
        if la.chars().count() >= 3 && sorted(&la) == sorted(&lb) {
            return Some(Evidence::new(
                Rule::AcronymPermuted,
                Strength::Strong,
                0.8,
                vec![(la, lb)],
            ));
        }
        return None;
    }
    let (acr, full, acr_is_a) = if a.acronym {
        (a, b, true)
    } else {
        (b, a, false)
    };
    if full.tokens.len() < 2 {
        return None;
    }
    let acr_letters = letters(acr);
    let pair = |initials: String| {
        if acr_is_a {
            vec![(acr_letters.clone(), initials)]
        } else {
            vec![(initials, acr_letters.clone())]
        }
    };
    let mut permuted = None;
    for skip in [true, false] {
        let init = initials(&full.tokens, skip);
        if init.chars().count() < 2 {
            continue;
        }
        if init == acr_letters {
            return Some(Evidence::new(
                Rule::AcronymInitials,
                Strength::Strong,
                0.95,
                pair(init),
            ));
        }
        if permuted.is_none() && init.chars().count() >= 3 && sorted(&init) == sorted(&acr_letters)
        {
            permuted = Some(Evidence::new(
                Rule::AcronymPermuted,
                Strength::Strong,
                0.85,
                pair(init),
            ));
        }
    }
    permuted
}

/// The initials of a full name: each word's first letter (each part of a
/// hyphenated word, an elided article dropped), skipping function words if
/// `skip`.
pub(super) fn initials(tokens: &[String], skip: bool) -> String {
    let mut out = String::new();
    for t in tokens {
        for part in t.split('-') {
            let part = without_elision(part);
            if part.is_empty() || (skip && is_acronym_skip(part)) {
                continue;
            }
            if let Some(c) = part.chars().next() {
                out.push(c);
            }
        }
    }
    out
}
