//! Speaker, wire and quote-or-paraphrase: the differences beside the words.

use quotetrail_store::Kind;

use super::{Flag, FlagKind, Severity, flag};
use crate::follow::Version;
use crate::follow::names::{self, NameInfo, Rule, Strength};
use crate::follow::tokens::fold;

/// How the evidence that two names are one reads to people.
pub(super) fn evidence_words(rule: Rule, strength: Strength) -> String {
    let how = match rule {
        Rule::Exact => "the same name",
        Rule::TokenVariant => "the same name, spelled another way",
        Rule::Subset => "the same surname, the other names shortened or left out",
        Rule::SurnameOnly => "the surname alone in one version",
        Rule::GivenNameOnly => "the given name alone in one version",
        Rule::AcronymInitials => "an acronym of the full name",
        Rule::AcronymPermuted => "an acronym with the initials in another order",
        Rule::RoleApposition => "a close name and the same role",
        Rule::UniqueFullName => "the only full name that fits",
        Rule::SharedStatement => "a close name and the same statements elsewhere",
    };
    match strength {
        Strength::Strong => how.to_owned(),
        Strength::Weak => format!("{how}; weak evidence"),
    }
}

/// A name as printed, compared without case but with its accents: a
/// name printed without them ("Calderon" for "Calderón") is a visible
/// variant worth a cosmetic flag.
fn printed_form(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Speaker, wire and quote-or-paraphrase.
pub(super) fn attribution_flags(a: &Version, b: &Version, flags: &mut Vec<Flag>) {
    match (a.speaker.as_deref(), b.speaker.as_deref()) {
        (Some(sa), Some(sb)) => {
            let (na, nb) = (NameInfo::parse(sa), NameInfo::parse(sb));
            if na.tokens != nb.tokens {
                match names::same_speaker(&na, &nb) {
                    Some(ev) => {
                        let severity = if ev.strength == Strength::Strong {
                            Severity::Cosmetic
                        } else {
                            Severity::Minor
                        };
                        let kind =
                            if matches!(ev.rule, Rule::AcronymInitials | Rule::AcronymPermuted) {
                                FlagKind::OrgNameVariant
                            } else {
                                FlagKind::SpeakerNameVariant
                            };
                        flags.push(flag(
                            kind,
                            severity,
                            format!(
                                "same speaker named another way: {}",
                                evidence_words(ev.rule, ev.strength)
                            ),
                            Some(sa.to_owned()),
                            Some(sb.to_owned()),
                            None,
                        ));
                    }
                    None => flags.push(flag(
                        FlagKind::DifferentSpeaker,
                        Severity::Critical,
                        "attributed to someone else".to_owned(),
                        Some(sa.to_owned()),
                        Some(sb.to_owned()),
                        None,
                    )),
                }
            } else if let (Some(ma), Some(mb)) = (
                a.speaker_mention.as_deref().or(Some(sa)),
                b.speaker_mention.as_deref().or(Some(sb)),
            ) && printed_form(ma) != printed_form(mb)
            {
                flags.push(flag(
                    FlagKind::SpeakerNameVariant,
                    Severity::Cosmetic,
                    "same speaker, mentioned another way".to_owned(),
                    Some(ma.to_owned()),
                    Some(mb.to_owned()),
                    None,
                ));
            }
        }
        (Some(s), None) | (None, Some(s)) => flags.push(flag(
            FlagKind::DifferentSpeaker,
            Severity::Major,
            "attributed in one version only".to_owned(),
            a.speaker.is_some().then(|| s.to_owned()),
            b.speaker.is_some().then(|| s.to_owned()),
            None,
        )),
        (None, None) => {}
    }
    match (a.wire.as_deref(), b.wire.as_deref()) {
        (Some(wa), Some(wb)) if fold(wa) != fold(wb) && names::same_name(wa, wb).is_none() => {
            flags.push(flag(
                FlagKind::DifferentWire,
                Severity::Minor,
                "another agency credited".to_owned(),
                Some(wa.to_owned()),
                Some(wb.to_owned()),
                None,
            ));
        }
        (Some(w), None) | (None, Some(w)) => flags.push(flag(
            FlagKind::DifferentWire,
            Severity::Minor,
            "an agency credited in one version only".to_owned(),
            a.wire.is_some().then(|| w.to_owned()),
            b.wire.is_some().then(|| w.to_owned()),
            None,
        )),
        _ => {}
    }
    if a.kind != b.kind {
        let detail = if a.kind == Kind::Quote {
            "quoted in the version compared with, paraphrased here"
        } else {
            "paraphrased in the version compared with, quoted here"
        };
        flags.push(flag(
            FlagKind::QuoteVsParaphrase,
            Severity::Minor,
            detail.to_owned(),
            Some(a.kind.as_str().to_owned()),
            Some(b.kind.as_str().to_owned()),
            None,
        ));
    }
}
