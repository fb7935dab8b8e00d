//! Grouping versions of one utterance (in progress).

/// Placeholder.
pub struct Matcher;
/// Placeholder.
pub struct MatchConfig;
/// Placeholder.
pub struct GroupAssignment;
/// Placeholder.
pub type GroupId = u32;
