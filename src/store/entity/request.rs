use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "requests")]
pub struct Model {
    /// Assigned under the ingest lock, ascending.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    /// The automatic title, from the feedback that started it.
    pub title: String,
    pub pm_title: Option<String>,
    pub status: String,
    pub status_before_merge: Option<String>,
    pub merged_into: Option<i64>,
    /// The release it is planned into, if scheduled.
    pub release_id: Option<i64>,
    /// NOW, NEXT or LATER while unscheduled.
    pub lane: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
