//! Integration tests of the store through its public API: other processes
//! holding or crashing on a store, and a model-based property test.

mod common;
mod model;
mod process;
