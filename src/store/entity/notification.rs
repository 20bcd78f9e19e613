use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    /// Assigned under the ingest lock, so ascending in commit order: the stream's cursor.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    #[sea_orm(unique)]
    pub dedupe_key: String,
    /// SHIPPED, PLANNED or IN_PROGRESS.
    pub trigger_kind: String,
    pub release_id: Option<i64>,
    pub request_id: i64,
    pub account_id: i64,
    pub contact_id: Option<i64>,
    /// EMAIL, IN_APP or CSM_TASK.
    pub channel: String,
    pub recipient: String,
    /// PENDING, FAILED (to be retried), DELIVERED, DEAD or SUPPRESSED.
    pub status: String,
    pub suppressed_reason: Option<String>,
    /// Failed attempts so far.
    pub attempts: i32,
    pub last_error: String,
    pub next_attempt_at: i64,
    /// Handed to a consumer until then.
    pub lease_until: i64,
    /// Who holds (or last held) the lease: a named stream consumer, `stream:<id>` for an
    /// anonymous stream, `claim:<id>` for one ListPendingNotifications call.
    pub lease_owner: String,
    /// JSON: release, request title, note, the requester's quotes.
    pub payload: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
