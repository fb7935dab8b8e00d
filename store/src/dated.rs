//! The articles a statement listing can draw on, in date order, so a
//! listing can go through them a day at a time and stop once it has
//! enough, instead of reading every matching statement to sort them.
//!
//! Every article has an entry in the day index (`day, article`), and every
//! name entry carries its article's day (`name, 0x00, day, article`; see
//! [`keys::Day`]). Both are therefore in date order as sled keeps them, and
//! a walk reads keys only: no article is read to learn its date, and a
//! walk that stops early reads no more. Every appearance of a statement
//! with a speaker, outlet or wire is in an article the name index lists
//! under that name, so walking the articles of one name in date order
//! meets each matching statement first in its earliest article.
//!
//! The day index is written with its article in one batch and removed with
//! it; `verify` checks it both ways ([`Store::verify_article_day`],
//! [`verify_day_entry`]).

use crate::error::Result;
use crate::id::Id;
use crate::keys::{self, DAY_LEN, Day, Keyspace};
use crate::query::StatementFilter;
use crate::record::Article;
use crate::store::Store;
use crate::verify::{Problem, ProblemKind, Walk, digest};

/// Articles in date order (undated last), each with its [`Day`]; see
/// [`Store::dated_articles`].
pub type DatedArticles<'a> = Box<dyn Iterator<Item = Result<(Day, Id)>> + 'a>;

impl Store {
    /// The articles that can hold statements matching `filter` and dated
    /// `since` or later, in date order, undated last, by id within a day:
    /// the entries of the most selective name index, or with no name the
    /// day index. Lazy: each step reads one key.
    pub fn dated_articles(
        &self,
        filter: &StatementFilter,
        since: Option<Day>,
    ) -> Result<DatedArticles<'_>> {
        let prefix = match self.name_prefix_for(filter)? {
            Some(prefix) => prefix,
            None => vec![Keyspace::ArticleByDay.tag()],
        };
        let key_len = prefix.len() + DAY_LEN + 32;
        let mut start = prefix.clone();
        start.extend_from_slice(&since.unwrap_or([0; DAY_LEN]));
        let entries = self.tree.range(start..);
        Ok(Box::new(
            entries
                .map(|entry| self.db(entry, || "scan a date-ordered index"))
                .take_while(move |entry| {
                    entry
                        .as_ref()
                        .map_or(true, |(key, _)| key.starts_with(&prefix))
                })
                .filter_map(move |entry| match entry {
                    Err(e) => Some(Err(e)),
                    // A malformed key is `verify`'s to report.
                    Ok((key, _)) if key.len() != key_len => None,
                    Ok((key, _)) => Some(Ok((keys::day_of(&key)?, keys::tail_id(&key)?))),
                }),
        ))
    }

    /// The articles of any of `filters` dated `since` or later, merged, a
    /// day at a time in date order (undated last), each day's in id order
    /// and each once. Lazy, like [`Store::dated_articles`].
    pub fn article_days(
        &self,
        filters: &[StatementFilter],
        since: Option<Day>,
    ) -> Result<ArticleDays<'_>> {
        let heads = filters
            .iter()
            .map(|f| Ok(self.dated_articles(f, since)?.peekable()))
            .collect::<Result<_>>()?;
        Ok(ArticleDays { heads })
    }

    /// The ids of the statements appearing in article `id`, in text order
    /// (a statement printed twice is there twice); empty for an article
    /// that is not stored.
    pub fn statement_ids_in(&self, article: &Id) -> Result<Vec<Id>> {
        self.statements_in_article(article)
    }

    /// Checks that the sound article `id` has its day-index entry, and
    /// notes the entry as expected for [`verify_day_entry`].
    pub(crate) fn verify_article_day(
        &self,
        id: &Id,
        article: &Article,
        walk: &mut Walk,
    ) -> Result<()> {
        let key = keys::day_entry(&keys::day_key(article.published.as_deref()), id);
        walk.expected_days.insert(digest(&key));
        if !self.db(self.tree.contains_key(key), || "read a day-index entry")? {
            walk.report.problems.push(Problem {
                kind: ProblemKind::MissingIndexEntry,
                object: Some(crate::ObjectKind::Article),
                id: Some(*id),
                keyspace: Keyspace::ArticleByDay.name(),
                detail: "the article is not listed under its day".into(),
            });
        }
        Ok(())
    }
}

/// Articles a day at a time; see [`Store::article_days`].
pub struct ArticleDays<'a> {
    heads: Vec<std::iter::Peekable<DatedArticles<'a>>>,
}

impl Iterator for ArticleDays<'_> {
    type Item = Result<(Day, Vec<Id>)>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut first: Option<Day> = None;
        for head in &mut self.heads {
            if matches!(head.peek(), Some(Err(_)))
                && let Some(Err(e)) = head.next()
            {
                return Some(Err(e));
            }
            if let Some(Ok((day, _))) = head.peek() {
                first = Some(first.map_or(*day, |f| f.min(*day)));
            }
        }
        let day = first?;
        let mut ids = Vec::new();
        for head in &mut self.heads {
            while let Some(Ok((d, id))) = head.peek() {
                if *d != day {
                    break;
                }
                ids.push(*id);
                head.next();
            }
        }
        ids.sort_unstable();
        ids.dedup();
        Some(Ok((day, ids)))
    }
}

/// Checks a day-index entry against the articles the walk found sound
/// (they sort before the index): it must be one such an article implies.
/// An entry of a corrupt article is not judged again.
pub(crate) fn verify_day_entry(key: &[u8], value: &[u8], walk: &Walk) -> Option<Problem> {
    let article = keys::tail_id(key).filter(|_| key.len() == 1 + DAY_LEN + 32);
    let problem = |detail: &str| Problem {
        kind: ProblemKind::StaleIndexEntry,
        object: Some(crate::ObjectKind::Article),
        id: article,
        keyspace: Keyspace::ArticleByDay.name(),
        detail: detail.into(),
    };
    let Some(id) = article else {
        return Some(problem("malformed day-index key"));
    };
    if !value.is_empty() {
        return Some(problem("index entry has a value"));
    }
    if walk.expected_days.contains(&digest(key)) || walk.corrupt.contains(&id) {
        return None;
    }
    Some(problem(
        "no stored article with this id was published on this day",
    ))
}

#[cfg(test)]
mod tests {
    use crate::keys::{self, UNDATED};
    use crate::{ProblemKind, StatementFilter};

    #[test]
    fn the_articles_of_a_name_come_in_date_order() {
        let (_dir, store, _) = crate::store::fixtures::filled(0);
        let days = ["2024-03-05", "2024-03-01", "", "2023-12-31", "2024-03-01"];
        let mut ids = Vec::new();
        for (n, day) in days.iter().enumerate() {
            let (mut a, mut found) = crate::store::fixtures::article(n, "RFI", 1);
            a.published = Some(day.to_string()).filter(|d| !d.is_empty());
            for (_, ap) in &mut found {
                ap.article = a.id();
            }
            store.put_article(&a, &found).unwrap();
            ids.push(a.id());
        }
        let rfi = StatementFilter {
            outlet: Some("rfi".into()),
            ..Default::default()
        };
        for filter in [rfi, StatementFilter::default()] {
            let listed: Vec<_> = store
                .dated_articles(&filter, None)
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let got: Vec<&[u8]> = listed.iter().map(|(d, _)| d.as_slice()).collect();
            assert_eq!(
                got,
                [
                    b"20231231".as_slice(),
                    b"20240301",
                    b"20240301",
                    b"20240305",
                    &UNDATED
                ]
            );
            assert_eq!(listed[0].1, ids[3]);
            assert_eq!(listed[4].1, ids[2]);
            // From a day on: what is before it is not read.
            let since = keys::day_key(Some("2024-03-02"));
            let later: Vec<_> = store
                .dated_articles(&filter, Some(since))
                .unwrap()
                .map(|r| r.unwrap().1)
                .collect();
            assert_eq!(later, [ids[0], ids[2]]);
        }
        // A deleted article leaves its day.
        store.delete_article(&ids[3]).unwrap();
        let all = store
            .dated_articles(&StatementFilter::default(), None)
            .unwrap();
        assert_eq!(all.count(), 4);
        assert!(store.verify().unwrap().is_clean());
    }

    #[test]
    fn several_names_merge_a_day_at_a_time() {
        let (_dir, store, _) = crate::store::fixtures::filled(0);
        let mut ids = Vec::new();
        for (n, (outlet, day)) in [
            ("RFI", "2024-03-02"),
            ("AP", "2024-03-01"),
            ("RFI", "2024-03-01"),
            ("AP", "2024-03-03"),
        ]
        .into_iter()
        .enumerate()
        {
            let (mut a, mut found) = crate::store::fixtures::article(n, outlet, 1);
            a.published = Some(day.into());
            for (_, ap) in &mut found {
                ap.article = a.id();
            }
            store.put_article(&a, &found).unwrap();
            ids.push(a.id());
        }
        let by = |outlet: &str| StatementFilter {
            outlet: Some(outlet.into()),
            ..Default::default()
        };
        // Both fixtures' speakers are in every article: a second filter
        // that lists the same articles must not list them twice.
        let speaker = StatementFilter {
            speaker: Some("Awa Diallo".into()),
            ..Default::default()
        };
        let days: Vec<_> = store
            .article_days(&[by("ap"), by("rfi"), speaker], None)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut first = vec![ids[1], ids[2]];
        first.sort();
        assert_eq!(
            days,
            [
                (*b"20240301", first),
                (*b"20240302", vec![ids[0]]),
                (*b"20240303", vec![ids[3]]),
            ]
        );
    }

    #[test]
    fn verify_finds_a_missing_and_a_stale_day_entry() {
        let (_dir, store, found) = crate::store::fixtures::filled(2);
        let article = found[0].1.article;
        let day = keys::day_key(Some("2024-03-01"));
        let key = keys::day_entry(&day, &article);
        assert!(store.tree.remove(key).unwrap().is_some());
        let report = store.verify().unwrap();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        assert_eq!(report.problems[0].kind, ProblemKind::MissingIndexEntry);
        assert_eq!(report.problems[0].id, Some(article));
        // Under another day, it is stale.
        let wrong = keys::day_entry(&keys::day_key(Some("2024-03-02")), &article);
        store.tree.insert(key, &[][..]).unwrap();
        store.tree.insert(wrong, &[][..]).unwrap();
        let report = store.verify().unwrap();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        assert_eq!(report.problems[0].kind, ProblemKind::StaleIndexEntry);
        assert_eq!(report.problems[0].keyspace, "articles-by-day");
    }
}
