//! quotetrail: find every quote and claim in news articles, attribute each to
//! its speaker, outlet and wire, and keep them in a content-addressed store.
//!
//! The binary is a thin shell over this library: [`extract`] finds statements
//! in text, [`input`] reads articles from files and streams, [`ingest`] puts
//! them in a [`quotetrail_store`] store, [`follow`] follows a statement
//! across outlets, [`text`] is the sentence splitter and word scanner they
//! share, and [`cli`] holds one module per
//! subcommand; [`render`] turns report data into HTML and [`serve`] shows
//! it in a browser.
#![forbid(unsafe_code)]

pub mod cli;
pub mod demo;
pub mod extract;
pub mod follow;
pub mod ingest;
pub mod input;
pub mod render;
pub mod serve;
pub mod text;
pub mod web;
