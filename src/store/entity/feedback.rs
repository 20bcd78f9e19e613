use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback")]
pub struct Model {
    /// Assigned by the ingest writer, ascending in commit order.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    pub source: String,
    pub source_ref: String,
    pub account_id: i64,
    pub contact_id: Option<i64>,
    pub title: String,
    pub body: String,
    pub importance: Option<String>,
    pub occurred_at: i64,
    pub received_at: i64,
    /// The request it is in now (after merges).
    pub request_id: Option<i64>,
    /// The request it was assigned to, or a PM moved it to (merges do not change it).
    pub home_request_id: Option<i64>,
    /// The request chosen at ingest (never changes; replayed by other instances).
    pub assigned_request_id: Option<i64>,
    pub moved_by_pm: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
