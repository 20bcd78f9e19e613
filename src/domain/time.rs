//! Time as Sift keeps it: microseconds since the epoch, UTC.

use chrono::{DateTime, TimeZone, Utc};

/// Microseconds since the epoch, the stored form of every timestamp.
pub fn to_micros(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

/// The instant `us` microseconds after the epoch (the epoch itself for one out of range).
pub fn from_micros(us: i64) -> DateTime<Utc> {
    Utc.timestamp_micros(us).single().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micros_round_trip() {
        let t = Utc
            .timestamp_micros(1_764_633_600_123_456)
            .single()
            .unwrap();
        assert_eq!(from_micros(to_micros(t)), t);
        assert_eq!(from_micros(i64::MAX), DateTime::<Utc>::default());
    }
}
