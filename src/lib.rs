//! imr-audit: audits California workers' compensation Independent Medical Review (IMR) final
//! determination letters for internal consistency against the treatment guidelines they cite.
//!
//! The pipeline, one module per stage (see `docs/ARCHITECTURE.md`):
//! [`source`] (read) -> [`text`] and [`letter`] (segment) -> [`extract`] (findings, with [`context`]) ->
//! [`evaluate`] (rules from [`rules`]) -> [`report`].

pub mod allocator;
pub mod batch;
pub mod check;
pub mod context;
pub mod diagnostic;
pub mod evaluate;
pub mod extract;
pub mod fingerprint;
pub mod letter;
pub mod panic;
pub mod pattern;
pub mod pdf;
pub mod report;
pub mod rules;
pub mod ruletest;
pub mod source;
pub mod span;
pub mod text;
pub mod words;
