//! Adding a version to its group: the state's names, dates and size, and
//! the reference and longest version chosen again as members arrive.

use quotetrail_store::{GroupId, Id, Kind};

use super::{GroupState, MAX_NAMES, MemberSummary, Result, StoreMatcher};
use crate::follow::Version;

impl StoreMatcher<'_> {
    /// Adds a version to its group, keeping the reference the earliest
    /// complete version (see [`crate::follow::matching`]).
    pub(super) fn add_member(
        &mut self,
        group: GroupId,
        created: bool,
        v: &Version,
        keys: Vec<u64>,
        day: Option<i32>,
    ) -> Result<()> {
        let quote = v.kind == Kind::Quote;
        let words = keys.len() as u32;
        if created {
            let summary = MemberSummary {
                quote,
                day,
                words,
                seq: 0,
            };
            let mut st = GroupState {
                reference: v.id,
                longest: v.id,
                size: 0,
                has_quote: quote,
                reference_summary: summary,
                longest_summary: summary,
                reference_keys: keys,
                ..GroupState::default()
            };
            note(&mut st, v, day);
            self.finish_member(group, v.id, summary, st);
            return Ok(());
        }
        if self.state(&group)?.is_none() {
            return Ok(());
        }
        // Taken out and put back by `finish_member`: no copy of the keys.
        let Some(mut st) = self.groups.remove(&group) else {
            return Ok(());
        };
        let summary = MemberSummary {
            quote,
            day,
            words,
            seq: st.size,
        };
        note(&mut st, v, day);
        let quote_arrived = quote && !st.has_quote;
        st.has_quote |= quote;
        let has_quote = st.has_quote;
        let eligible = |q: bool| !has_quote || q;
        let mut my_keys = Some(keys);
        if eligible(quote)
            && (!eligible(st.longest_summary.quote)
                || words > st.longest_summary.words
                || quote_arrived)
        {
            st.longest = v.id;
            st.longest_summary = summary;
            st.longest_keys = my_keys.clone().unwrap_or_default();
        }
        let max_len = st.longest_summary.words as f32;
        let complete = |s: &MemberSummary| eligible(s.quote) && s.words as f32 >= 0.8 * max_len;
        if !complete(&st.reference_summary) {
            // The reference is no longer complete: choose again among the
            // members (stored and from this pass, and this one).
            let mut all = self.store_members(&group)?;
            all.extend(self.pending.get(&group).cloned().unwrap_or_default());
            all.push((v.id, summary));
            if let Some((id, s)) = all
                .into_iter()
                .filter(|(_, s)| complete(s))
                .min_by_key(|(_, s)| s.rank())
            {
                st.reference_keys = if id == v.id {
                    my_keys.take().unwrap_or_default()
                } else {
                    self.keys_of(&id)?
                };
                st.reference = id;
                st.reference_summary = s;
            }
        } else if complete(&summary) && summary.rank() < st.reference_summary.rank() {
            st.reference = v.id;
            st.reference_summary = summary;
            st.reference_keys = my_keys.take().unwrap_or_default();
        }
        if st.longest == st.reference {
            st.longest_keys.clear();
        } else if st.longest_keys.is_empty() {
            st.longest_keys = self.keys_of(&st.longest)?;
        }
        self.finish_member(group, v.id, summary, st);
        Ok(())
    }

    fn finish_member(
        &mut self,
        group: GroupId,
        id: Id,
        summary: MemberSummary,
        mut st: GroupState,
    ) {
        st.size += 1;
        self.groups.insert(group, st);
        self.dirty_groups.insert(group);
        self.pending.entry(group).or_default().push((id, summary));
        self.assigned.insert(id, group);
    }
}

/// Adds a version's names and date to a group state.
fn note(st: &mut GroupState, v: &Version, day: Option<i32>) {
    if let Some(d) = day {
        st.day_min = Some(st.day_min.map_or(d, |x| x.min(d)));
        st.day_max = Some(st.day_max.map_or(d, |x| x.max(d)));
    }
    for (list, name) in [
        (&mut st.speakers, &v.speaker),
        (&mut st.outlets, &v.outlet),
        (&mut st.wires, &v.wire),
    ] {
        if let Some(n) = name
            && list.len() < MAX_NAMES
            && !list.contains(n)
        {
            list.push(n.clone());
        }
    }
}
