use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub external_id: String,
    pub name: String,
    /// Minor units; `None` on a placeholder.
    pub arr: Option<i64>,
    /// Explicit tier; `None` derives it from ARR.
    pub tier: Option<String>,
    pub segment: String,
    pub seats: Option<i32>,
    /// `YYYY-MM-DD`.
    pub renewal_date: Option<String>,
    pub health: Option<i32>,
    pub csm_email: String,
    pub placeholder: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
