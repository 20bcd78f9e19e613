//! The items a PM moved, by request: consolidation asks of every request it looks at whether a
//! PM moved an item into it, once a step. Without this index that question read every item of
//! the request, so a step's cost grew with the corpus. Partial: only moved items are in it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "CREATE INDEX feedback_moved_by_pm ON feedback (request_id) WHERE moved_by_pm";

sql_migration!(UP, "DROP INDEX feedback_moved_by_pm");
