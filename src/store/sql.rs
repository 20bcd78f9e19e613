//! A small builder for the hand-written SQL of hot paths (multi-row inserts, row-value lookups),
//! emitting `?` or `$n` placeholders for the backend.

use sea_orm::{DbBackend, Statement, Value};

pub struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            text: String::with_capacity(256),
            values: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder bound to `value`.
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => {
                self.text.push('$');
                self.text.push_str(&self.values.len().to_string());
            }
            _ => self.text.push('?'),
        }
        self
    }

    /// Appends `(v1, v2, ...)` for a list of values.
    pub fn bind_list<V: Into<Value>>(&mut self, values: impl IntoIterator<Item = V>) -> &mut Self {
        self.push("(");
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(v);
        }
        self.push(")")
    }

    /// Appends `column = ANY(ARRAY(SELECT unnest($n::bigint[])))` on PostgreSQL (one text
    /// parameter, `{1,2,3}`), or `column IN (?, ?, ...)` on SQLite. One statement text for any
    /// number of ids, so PostgreSQL's cached generic plan is the one for an array of keys (an
    /// index probe per key) whatever the table's statistics say, rather than one plan per list
    /// length.
    ///
    /// The list is turned into an array once per execution (an InitPlan), not in the
    /// condition: `column = ANY($n::bigint[])` with a text parameter, in a generic plan that
    /// chose to read the table, parsed the whole list again for every row. Measured on 10,000
    /// accounts with 10,000 ids (the release benchmark's database): 5.9 s, against 15 ms now.
    pub fn any_id(&mut self, column: &str, ids: &[i64]) -> &mut Self {
        self.push(column);
        match self.backend {
            DbBackend::Postgres => {
                let mut list = String::with_capacity(ids.len() * 8 + 2);
                list.push('{');
                for (i, id) in ids.iter().enumerate() {
                    if i > 0 {
                        list.push(',');
                    }
                    list.push_str(&id.to_string());
                }
                list.push('}');
                self.push(" = ANY(ARRAY(SELECT unnest(")
                    .bind(list)
                    .push("::bigint[])))")
            }
            _ => self.push(" IN ").bind_list(ids.iter().copied()),
        }
    }

    pub fn len_values(&self) -> usize {
        self.values.len()
    }

    pub fn build(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}

/// Parameters per statement we stay under (SQLite allows 32,766; PostgreSQL 65,535).
pub const MAX_PARAMS: usize = 30_000;
