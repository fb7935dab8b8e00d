//! Turning report data into pages people read.
//!
//! The terminal renderers still live beside their commands in `cli/`; this
//! module holds the HTML one, shared by `quotetrail report` (one
//! self-contained file) and `quotetrail serve` (the same views over HTTP),
//! so a report and a served page can never drift apart.
//!
//! Everything rendered here comes from articles, which are untrusted: the
//! templates escape every interpolation (maud does so unless told not to,
//! and nothing here tells it not to), and a URL becomes a link only when it
//! is `http` or `https` ([`html::safe_href`]).

pub mod html;
