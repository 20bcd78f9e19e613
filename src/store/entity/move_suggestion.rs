use sea_orm::entity::prelude::*;

/// An item that may belong in another request, for a PM to decide.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "move_suggestions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub feedback_id: i64,
    /// The request the item was in when suggested.
    pub from_request_id: i64,
    pub target_request_id: i64,
    pub similarity: f64,
    pub status: String,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
