//! Tidying the raw word diff before its hunks are explained.

use std::ops::Range;

use super::{Run, Side, push_run};

/// Makes the diff read as an editor would: a stretch only one version has
/// slides to the text's start or end when it can reach it (a cut, not a
/// hole in the middle), and punctuation alone, or a word or two between
/// larger changes, does not hold two changes apart.
pub(super) fn tidy(a: &Side<'_>, b: &Side<'_>, mut runs: Vec<Run>) -> Vec<Run> {
    let slid = slide(a, b, &mut runs, true);
    if !(slid && runs.len() <= 3) {
        slide(a, b, &mut runs, false);
    }
    let n = runs.len();
    let words = |r: &Run| a.word_count(r.ra.clone()).max(b.word_count(r.rb.clone()));
    let weak: Vec<bool> = (0..n)
        .map(|k| {
            if !runs[k].equal || k == 0 || k + 1 >= n {
                return false;
            }
            // One or two shared words between two larger changes are a
            // chance match, not an anchor.
            let w = a.word_count(runs[k].ra.clone());
            w == 0 || (w <= 2 && 2 * w <= words(&runs[k - 1]) && 2 * w <= words(&runs[k + 1]))
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for (mut r, weak) in runs.into_iter().zip(weak) {
        if weak {
            r.equal = false;
        }
        push_run(&mut out, r);
    }
    out
}

/// Slides the first change left to the start (`left`) or the last one
/// right to the end, when it is on one side only and the words it would
/// pass are the same ones it holds. Returns whether it moved.
fn slide(a: &Side<'_>, b: &Side<'_>, runs: &mut Vec<Run>, left: bool) -> bool {
    let n = runs.len();
    if n < 2 {
        return false;
    }
    let (eq, ch) = if left { (0, 1) } else { (n - 1, n - 2) };
    if !runs[eq].equal || runs[ch].equal {
        return false;
    }
    let on_a = runs[ch].rb.is_empty();
    if !on_a && !runs[ch].ra.is_empty() {
        return false;
    }
    let side = if on_a { a } else { b };
    let (h, e) = if on_a {
        (runs[ch].ra.clone(), runs[eq].ra.clone())
    } else {
        (runs[ch].rb.clone(), runs[eq].rb.clone())
    };
    let key = |i: usize| side.toks[i].key.as_str();
    let mut k = 0;
    let found = loop {
        if k >= e.len() {
            break None;
        }
        let same = if left {
            key(h.start - 1 - k) == key(h.end - 1 - k)
        } else {
            key(h.start + k) == key(h.end + k)
        };
        if !same {
            break None;
        }
        k += 1;
        let rest = if left {
            e.start..h.start - k
        } else {
            h.end + k..e.end
        };
        if !side.has_words(rest) {
            break Some(k);
        }
    };
    let Some(k) = found else {
        return false;
    };
    let shift = |r: &mut Range<usize>, by: isize| {
        r.start = r.start.wrapping_add_signed(by);
        r.end = r.end.wrapping_add_signed(by);
    };
    let by = if left { -(k as isize) } else { k as isize };
    shift(&mut runs[ch].ra, by);
    shift(&mut runs[ch].rb, by);
    if left {
        runs[eq].ra.end -= k;
        runs[eq].rb.end -= k;
        let (ra, rb) = (
            runs[ch].ra.end..runs[ch].ra.end + k,
            runs[ch].rb.end..runs[ch].rb.end + k,
        );
        match runs.get_mut(ch + 1) {
            Some(next) => {
                next.ra.start = ra.start;
                next.rb.start = rb.start;
            }
            None => runs.push(Run {
                equal: true,
                ra,
                rb,
            }),
        }
    } else {
        runs[eq].ra.start += k;
        runs[eq].rb.start += k;
        let (ra, rb) = (
            runs[ch].ra.start - k..runs[ch].ra.start,
            runs[ch].rb.start - k..runs[ch].rb.start,
        );
        if ch > 0 {
            runs[ch - 1].ra.end = ra.end;
            runs[ch - 1].rb.end = rb.end;
        } else {
            runs.insert(
                0,
                Run {
                    equal: true,
                    ra,
                    rb,
                },
            );
        }
    }
    runs.retain(|r| !(r.ra.is_empty() && r.rb.is_empty()));
    true
}
