//! `check --format sqlite -o results.db`: documents, items and diagnostics as tables, so analysts can
//! query a run with SQL. Rows are inserted as documents finish, in one transaction.

use crate::batch::RunSummary;
use crate::check::{Document, Status};
use crate::fingerprint;
use crate::rules::{RuleBase, Truth};
use rusqlite::{params, Connection};
use std::path::Path;

const SCHEMA: &str = "
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    status TEXT NOT NULL,          -- checked | rejected
    layout TEXT,
    encoding TEXT NOT NULL,
    as_of TEXT,                    -- the date whose guideline editions applied
    as_of_source TEXT
);
CREATE TABLE items (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    item_index INTEGER NOT NULL,
    service TEXT NOT NULL,
    category TEXT,
    rules TEXT NOT NULL,           -- applicable rule ids, space-separated
    decision TEXT,                 -- upheld | overturned | NULL
    verdict TEXT NOT NULL,         -- consistent | inconsistent | indeterminate | not-covered
    outcome TEXT,                  -- supported | not-supported | unknown | NULL
    PRIMARY KEY (document_id, item_index)
);
CREATE TABLE diagnostics (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    item_index INTEGER,            -- NULL for a diagnostic about the letter as a whole
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    help TEXT,
    byte_offset INTEGER,
    byte_length INTEGER,
    fingerprint TEXT NOT NULL
);
CREATE TABLE disparities (
    id INTEGER PRIMARY KEY,
    category TEXT NOT NULL,
    criteria TEXT NOT NULL,        -- JSON
    items TEXT NOT NULL            -- JSON
);
CREATE TABLE summary (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
";

/// A SQLite output being written.
pub struct SqliteWriter<'a> {
    connection: Connection,
    rules: &'a RuleBase,
    next_id: i64,
}

fn sql(e: rusqlite::Error) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

impl<'a> SqliteWriter<'a> {
    /// Creates the database at `path` (which must not hold another database).
    pub fn create(path: &Path, rules: &'a RuleBase) -> std::io::Result<Self> {
        let connection = Connection::open(path).map_err(sql)?;
        connection.execute_batch(SCHEMA).map_err(sql)?;
        connection.execute_batch("BEGIN").map_err(sql)?;
        Ok(SqliteWriter {
            connection,
            rules,
            next_id: 1,
        })
    }

    pub fn document(&mut self, document: &Document) -> std::io::Result<()> {
        let id = self.next_id;
        self.next_id += 1;
        let c = &self.connection;
        c.execute(
            "INSERT INTO documents (id, path, status, layout, encoding, as_of, as_of_source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                document.source.name,
                if document.status == Status::Accepted { "checked" } else { "rejected" },
                document.determination.as_ref().map(|d| d.layout.name()),
                document.source.encoding.name(),
                document.as_of.and_then(|a| a.date).map(|d| d.to_string()),
                document.as_of.map(|a| serde_json::to_value(a.source).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()),
            ],
        )
        .map_err(sql)?;
        if let Some(determination) = &document.determination {
            for (item, evaluation) in determination.items.iter().zip(&document.items) {
                let rules: Vec<&str> = evaluation
                    .rules
                    .iter()
                    .map(|r| self.rules.rules[r.rule].id.as_str())
                    .collect();
                c.execute(
                    "INSERT INTO items (document_id, item_index, service, category, rules, decision, verdict, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        id,
                        item.index as i64,
                        item.service.value,
                        evaluation.rules.first().map(|r| self.rules.rules[r.rule].category.as_str()),
                        rules.join(" "),
                        item.decision.as_ref().map(|d| d.value.name()),
                        evaluation.verdict.name(),
                        evaluation.outcome.map(|o| match o {
                            Truth::Met => "supported",
                            Truth::NotMet => "not-supported",
                            Truth::Unknown => "unknown",
                        }),
                    ],
                )
                .map_err(sql)?;
            }
        }
        for (item, d) in crate::batch::diagnostics_of(document) {
            let label = d.labels.first();
            c.execute(
                "INSERT INTO diagnostics (document_id, item_index, code, severity, message, help, byte_offset, byte_length, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    item.map(|i| i as i64),
                    d.code.name(),
                    d.severity.name(),
                    d.message,
                    d.help,
                    label.map(|l| l.span.offset as i64),
                    label.map(|l| l.span.length as i64),
                    fingerprint::of(document, item, d),
                ],
            )
            .map_err(sql)?;
        }
        Ok(())
    }

    pub fn finish(self, run: &RunSummary) -> std::io::Result<()> {
        let c = &self.connection;
        for d in &run.disparities {
            let criteria = serde_json::to_string(
                &d.criteria
                    .iter()
                    .map(|(id, t)| (id, t.name()))
                    .collect::<Vec<_>>(),
            )
            .unwrap_or_default();
            let items = serde_json::to_string(&d.items).unwrap_or_default();
            c.execute(
                "INSERT INTO disparities (category, criteria, items) VALUES (?1, ?2, ?3)",
                params![d.category, criteria, items],
            )
            .map_err(sql)?;
        }
        let t = &run.totals;
        let rows = [
            ("inputs", t.inputs),
            ("checked", t.checked),
            ("rejected", t.rejected),
            ("items", t.items),
            ("errors", t.errors),
            ("warnings", t.warnings),
            ("advice", t.advice),
            ("suppressed", run.suppressed),
            ("disparities", run.disparities.len()),
        ];
        for (key, value) in rows {
            c.execute(
                "INSERT INTO summary (key, value) VALUES (?1, ?2)",
                params![key, value as i64],
            )
            .map_err(sql)?;
        }
        c.execute_batch("COMMIT").map_err(sql)?;
        Ok(())
    }
}
