use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub account_id: i64,
    pub external_id: Option<String>,
    /// Lower case.
    pub email: Option<String>,
    pub name: String,
    pub locale: String,
    pub opted_out: bool,
    pub channel: Option<String>,
    pub placeholder: bool,
    /// Personal data erased (ForgetContact); the row stays for anonymous counts.
    pub forgotten: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
