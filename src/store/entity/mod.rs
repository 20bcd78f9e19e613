//! sea-orm entities. Timestamps are microseconds since the Unix epoch (UTC).

pub mod account;
pub mod cluster_event;
pub mod contact;
pub mod feedback;
pub mod merge_suggestion;
pub mod move_suggestion;
pub mod notification;
pub mod release;
pub mod request;
