use sea_orm::entity::prelude::*;

/// One change to the clustering, in commit order: `INGEST` (feedback ids a..=b), `MERGE`
/// (source a into target b), `UNMERGE` (request a; payload: the restored feedback ids), `MOVE`
/// (feedback a to request b), `FORBID` (never suggest a with b).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cluster_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    pub kind: String,
    pub a: i64,
    pub b: i64,
    pub payload: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
