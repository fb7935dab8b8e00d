//! Tests of the group state codec: round trips, sizes, and bytes that
//! are not a state.

use super::*;

fn id(n: u8) -> Id {
    Id::of_body("appearance", &[n])
}

/// A one-statement group as the matcher founds it: reference, longest
/// version and founder are one appearance.
fn singleton(words: usize) -> (GroupId, Id, GroupState) {
    let founder = id(1);
    let summary = MemberSummary {
        quote: true,
        day: Some(20_400),
        words: words as u32,
        seq: 0,
    };
    let st = GroupState {
        reference: founder,
        longest: founder,
        size: 1,
        has_quote: true,
        day_min: Some(20_400),
        day_max: Some(20_400),
        speakers: vec!["Ted Cruz".into()],
        outlets: vec!["breitbart".into()],
        wires: Vec::new(),
        names: vec!["cruz".into(), "texas".into()],
        reference_summary: summary,
        longest_summary: summary,
        reference_keys: (0..words as u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect(),
        longest_keys: Vec::new(),
    };
    (GroupId::founded_by(&founder), founder, st)
}

/// A grown group: the reference joined later, the longest version is
/// the founder, and the extremes of every field.
fn grown() -> (GroupId, Id, GroupState) {
    let founder = id(1);
    let st = GroupState {
        reference: id(2),
        longest: founder,
        size: u32::MAX,
        has_quote: true,
        day_min: Some(i32::MIN),
        day_max: Some(i32::MAX),
        speakers: vec!["A".into(), "Bé".into()],
        outlets: vec!["x".repeat(300)],
        wires: vec![String::new(), "AP".into()],
        names: vec!["n".into(); 48],
        reference_summary: MemberSummary {
            quote: false,
            day: Some(-5),
            words: 12,
            seq: u32::MAX,
        },
        longest_summary: MemberSummary {
            quote: true,
            day: None,
            words: u32::MAX,
            seq: 0,
        },
        reference_keys: vec![0, u64::MAX, 7],
        longest_keys: vec![1, 2, 3, 4, 5],
    };
    (GroupId::founded_by(&founder), founder, st)
}

#[test]
fn a_singleton_round_trips_and_writes_its_id_and_summary_nowhere() {
    let (group, founder, st) = singleton(30);
    let bytes = st.encode(&group);
    assert_eq!(GroupState::decode(&bytes, Some(&founder)), Some(st.clone()));
    // The id is the record's founder: without it there is no state.
    assert_eq!(GroupState::decode(&bytes, None), None);
    assert!(!bytes.windows(32).any(|w| w == founder.as_bytes()));
    // Its bound: 8 bytes a word key and each string with a one-byte
    // length, plus 20 bytes for the rest: format, flags and size, 3;
    // the day (3 bytes up to 2^20 days since 1970) and its span of 0,
    // 4; the summary (tag, day, words up to 16,383, seq), 7; four list
    // counts, 4; the key count, 2 up to 16,383 words. Format 1 wrote
    // 139 bytes besides the keys and strings, and 3 more a string.
    let strings: usize = [&st.speakers, &st.outlets, &st.wires, &st.names]
        .iter()
        .flat_map(|l| l.iter())
        .map(|s| 1 + s.len())
        .sum();
    assert!(
        bytes.len() <= 30 * 8 + strings + 20,
        "{} bytes",
        bytes.len()
    );
    // Here words and the key count take a byte each.
    assert_eq!(bytes.len(), 30 * 8 + strings + 18);
}

#[test]
fn a_grown_state_round_trips_exactly() {
    let (group, founder, st) = grown();
    let bytes = st.encode(&group);
    assert_eq!(GroupState::decode(&bytes, Some(&founder)), Some(st.clone()));
    // Neither reference nor longest founded this group: both ids are
    // written, and no founder is needed.
    let elsewhere = GroupId::founded_by(&id(9));
    let bytes = st.encode(&elsewhere);
    assert_eq!(GroupState::decode(&bytes, None), Some(st.clone()));
    // One version as reference and longest, but with the summary it
    // had before a merge (another arrival order): kept exactly.
    let mut merged = st.clone();
    merged.longest = merged.reference;
    merged.longest_keys.clear();
    let bytes = merged.encode(&group);
    assert_eq!(GroupState::decode(&bytes, Some(&founder)), Some(merged));
    // A state with no dates, or one of them only.
    for days in [(None, None), (Some(3), None), (None, Some(-3))] {
        let mut st = st.clone();
        (st.day_min, st.day_max) = days;
        let bytes = st.encode(&group);
        assert_eq!(GroupState::decode(&bytes, Some(&founder)), Some(st));
    }
}

#[test]
fn summaries_round_trip_and_old_ones_are_refused() {
    let (_, _, st) = grown();
    for s in [st.reference_summary, st.longest_summary] {
        let bytes = s.encode();
        assert_eq!(MemberSummary::decode(&bytes), Some(s));
        for cut in 0..bytes.len() {
            assert_eq!(MemberSummary::decode(&bytes[..cut]), None);
        }
    }
    let small = MemberSummary {
        quote: true,
        day: Some(20_400),
        words: 25,
        seq: 3,
    };
    assert_eq!(small.encode().len(), 6);
    // Format 1: quote byte, day tag and i32, words and seq as u32.
    let mut old = vec![1, 1];
    old.extend(20_400i32.to_le_bytes());
    old.extend(25u32.to_le_bytes());
    old.extend(3u32.to_le_bytes());
    assert_eq!(MemberSummary::decode(&old), None);
    assert_eq!(MemberSummary::decode(&[]), None);
}

#[test]
fn garbage_and_cut_states_decode_as_none() {
    let (group, founder, st) = grown();
    let bytes = st.encode(&group);
    for cut in 0..bytes.len() {
        assert_eq!(GroupState::decode(&bytes[..cut], Some(&founder)), None);
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(GroupState::decode(&longer, Some(&founder)), None);
    // Format 1, and other formats.
    let (group, founder, st) = singleton(5);
    let mut old = st.encode(&group);
    old[0] = 1;
    assert_eq!(GroupState::decode(&old, Some(&founder)), None);
    assert_eq!(GroupState::decode(&[], None), None);
    assert_eq!(GroupState::decode(&[1, 2, 3], None), None);
    // Flags no encoder sets.
    for extra in [0x20, LONGEST_IS_FOUNDER] {
        let mut odd = st.encode(&group);
        odd[1] |= extra;
        assert_eq!(GroupState::decode(&odd, Some(&founder)), None);
    }
    // A date span past the end of time.
    let mut w = Writer::default();
    w.u8(STATE_FORMAT);
    w.u8(HAS_DAYS);
    w.varint(1);
    w.signed(i64::from(i32::MAX));
    w.signed(i64::MAX);
    assert_eq!(GroupState::decode(&w.0, None), None);
    // Huge counts and overlong varints are refused without allocating.
    let mut huge = vec![STATE_FORMAT, 0];
    huge.extend([0xff; 10]);
    assert_eq!(GroupState::decode(&huge, None), None);
    // Pseudo-random bytes after a valid header never panic.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    for len in 0..400 {
        let mut b = vec![STATE_FORMAT];
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            b.push(x as u8);
        }
        let _ = GroupState::decode(&b, Some(&founder));
    }
}
