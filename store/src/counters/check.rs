//! `verify`'s side of the counters: each stored counter must hold what a
//! walk over the objects counts, and each name counted must have one.

use super::{Recount, Spellings, decode_spellings, decode_totals, parse_key, sum};
use crate::keys::Keyspace;
use crate::verify::{Problem, ProblemKind, VerifyReport};

/// `verify`'s check of the stored counters against what its walk counted,
/// once the walk is complete: each counter must hold what was counted, and
/// each name counted must have a counter.
pub(crate) fn verify(
    stored: &[(Vec<u8>, Vec<u8>)],
    mut counted: Recount,
    report: &mut VerifyReport,
) {
    for (key, value) in stored {
        verify_counter(key, value, report, &mut counted);
    }
    report_missing(counted, report);
}

/// Checks one stored counter. A name counter is taken out of `counted`,
/// so what is left at the end has no counter.
fn verify_counter(key: &[u8], value: &[u8], report: &mut VerifyReport, counted: &mut Recount) {
    let problem = |kind: ProblemKind, detail: String| Problem {
        kind,
        object: None,
        id: None,
        keyspace: Keyspace::Counter.name(),
        detail,
    };
    match parse_key(key) {
        None => report.problems.push(problem(
            ProblemKind::UnknownKey,
            "malformed counter key".into(),
        )),
        Some(None) => {
            counted.seen_totals = true;
            let want = crate::Totals {
                articles: report.articles,
                statements: report.statements,
                appearances: report.appearances,
            };
            match decode_totals(value) {
                None => report.problems.push(problem(
                    ProblemKind::Corrupt,
                    "the totals do not decode".into(),
                )),
                Some(have) if have != want => report.problems.push(problem(
                    ProblemKind::StaleIndexEntry,
                    format!(
                        "the totals say {} articles, {} statements, {} appearances; \
                         the store holds {}, {}, {}",
                        have.articles,
                        have.statements,
                        have.appearances,
                        want.articles,
                        want.statements,
                        want.appearances
                    ),
                )),
                Some(_) => {}
            }
        }
        Some(Some((field, name))) => {
            let want = counted.names.remove(key).unwrap_or_default();
            match decode_spellings(value) {
                None => report.problems.push(problem(
                    ProblemKind::Corrupt,
                    format!(
                        "the {} counter of \"{name}\" does not decode",
                        field.as_str()
                    ),
                )),
                Some(have) if have != want => report.problems.push(problem(
                    ProblemKind::StaleIndexEntry,
                    format!(
                        "the {} counter of \"{name}\" says {}; the store holds {}",
                        field.as_str(),
                        describe(&have),
                        describe(&want)
                    ),
                )),
                Some(_) => {}
            }
        }
    }
}

/// Reports the names `verify` counted that have no counter, and missing
/// totals.
fn report_missing(counted: Recount, report: &mut VerifyReport) {
    let missing = |detail: String| Problem {
        kind: ProblemKind::MissingIndexEntry,
        object: None,
        id: None,
        keyspace: Keyspace::Counter.name(),
        detail,
    };
    if !counted.seen_totals && report.articles > 0 {
        report
            .problems
            .push(missing("the totals are not stored".into()));
    }
    for (key, want) in counted.names {
        let Some(Some((field, name))) = parse_key(&key) else {
            continue;
        };
        report.problems.push(missing(format!(
            "no {} counter for \"{name}\" ({})",
            field.as_str(),
            describe(&want)
        )));
    }
}

fn describe(spellings: &Spellings) -> String {
    let tally = sum(spellings);
    let names: Vec<&str> = spellings.keys().map(String::as_str).collect();
    format!(
        "{} statements, {} appearances (as {})",
        tally.statements,
        tally.appearances,
        names.join(", ")
    )
}
