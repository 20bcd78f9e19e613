//! The time services read. The system clock in production; in tests a clock that can be moved
//! forward, so lease and retry tests jump past a deadline instead of sleeping until it.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};

/// Wall-clock time plus an offset that only tests move (zero and fixed for the system clock).
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Microseconds added to the system time; `None` for the system clock.
    offset_us: Option<Arc<AtomicI64>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock that reads the system time until [`Clock::advance`] moves it ahead. Time keeps
    /// flowing, so timeouts and the wall clock a test compares with still agree.
    pub fn adjustable() -> Self {
        Self {
            offset_us: Some(Arc::new(AtomicI64::new(0))),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        let now = Utc::now();
        match &self.offset_us {
            None => now,
            Some(o) => now + chrono::Duration::microseconds(o.load(Ordering::Relaxed)),
        }
    }

    /// Sets an adjustable clock (and every clone of it) to read `at` now, in the past or the
    /// future; time keeps flowing from there. The demo replays its year of history this way.
    /// False (and nothing changes) for the system clock, which cannot be set.
    pub fn set(&self, at: DateTime<Utc>) -> bool {
        let Some(offset) = &self.offset_us else {
            return false;
        };
        let by = (at - Utc::now()).num_microseconds().unwrap_or(i64::MAX);
        offset.store(by, Ordering::Relaxed);
        true
    }

    /// Back to the system time (offset zero); nothing for the system clock.
    pub fn reset(&self) {
        if let Some(o) = &self.offset_us {
            o.store(0, Ordering::Relaxed);
        }
    }

    /// Moves an adjustable clock (and every clone of it) ahead by `by`; the system clock cannot
    /// be moved, and panics.
    pub fn advance(&self, by: std::time::Duration) {
        let offset = self
            .offset_us
            .as_ref()
            .expect("only an adjustable clock can be advanced");
        offset.fetch_add(
            i64::try_from(by.as_micros()).unwrap_or(i64::MAX),
            Ordering::Relaxed,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_adjustable_clock_moves_with_its_clones() {
        let clock = Clock::adjustable();
        let other = clock.clone();
        let before = other.now();
        clock.advance(std::time::Duration::from_secs(60));
        let jumped = other.now() - before;
        assert!(jumped >= chrono::Duration::seconds(60), "{jumped}");
        assert!(jumped < chrono::Duration::seconds(70), "{jumped}");
    }

    #[test]
    fn an_adjustable_clock_can_be_set_back_and_reset() {
        let clock = Clock::adjustable();
        let other = clock.clone();
        let year_ago = Utc::now() - chrono::Duration::days(365);
        assert!(clock.set(year_ago));
        let d = other.now() - year_ago;
        assert!(
            d >= chrono::Duration::zero() && d < chrono::Duration::seconds(5),
            "{d}"
        );
        clock.reset();
        assert!((other.now() - Utc::now()).num_seconds().abs() < 5);
        assert!(
            !Clock::system().set(year_ago),
            "the system clock is not set"
        );
    }

    #[test]
    fn the_system_clock_reads_the_system_time() {
        let d = Clock::system().now() - Utc::now();
        assert!(d.num_seconds().abs() < 5);
    }
}
