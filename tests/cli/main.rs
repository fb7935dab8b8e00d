//! Integration tests: each runs the real `quotetrail` binary in a fresh
//! temporary directory with a hermetic environment (no `QUOTETRAIL_STORE`,
//! no `NO_COLOR`), on fixtures written for these tests: the demo corpus in
//! `src/demo/corpus/` and texts generated here.

// Reading articles: files, directories, stdin, sidecars, JSONL, idempotence.
mod ingest;
// Every kind of bad input: one clear line, the batch goes on, exit 1.
mod bad_input;
// `extract` output, including the fields the evaluation scripts read.
mod extract;
// Reading the store back: statements, show, speakers/outlets/wires.
mod query;
// Kept counts, `stats`, and listings that stop at their limit.
mod counters;
// Streams, colour, JSON envelopes, broken pipes, exit codes.
mod output;
// The shape of every --json record, read back strictly.
mod json_schema;
// The store under stress: a second process, kill -9, export/import, verify.
mod store;
// `verify` since the last clean check, and `--full`.
mod verify;
// `compact`: the same statements in fresh files, the old store kept.
mod compact;
// The built-in demo.
mod demo;
// Inputs written to hang, exhaust or crash a batch.
mod hostile;
// Saved web pages and WARC archives.
mod web;
// Following a statement across outlets: origin, compare, audit, groups.
mod follow;
// `audit` and `groups`: errors, bounds, what counts as a credit or a variant.
mod audit;
// `report`: the HTML page's structure (snapshot) and hostile text.
mod report;
// `serve` on loopback: search, group pages, headers, JSON.
mod serve;
// The everyday questions: text, dates, names, CSV, walks, delete.
mod everyday;
// Languages: French rules, unattributed others, --lang, across languages.
mod languages;

// Beyond one machine: `keys` for joins elsewhere, `merge` of stores.
mod spread;
// `reextract` after a rule change; `verify` counting older extractors' records.
mod reextract;

mod util;
