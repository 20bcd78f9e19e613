//! sea-orm entities. Timestamps are microseconds since the Unix epoch (UTC).

pub mod account;
pub mod contact;
pub mod feedback;
