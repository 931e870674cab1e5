//! Report stage: turns documents into output. The library never prints; these functions write to a
//! `Write` the CLI hands them, one module per format.

pub mod explain;
pub mod html;
pub mod human;
pub mod json;
pub mod rules;
pub mod sqlite;
pub mod stream;

pub use human::{render_diagnostic, HumanOptions};
