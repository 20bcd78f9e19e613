//! Boilerplate learned from the corpus: sentences that recur across many items.
//!
//! The line rules of [`super::boilerplate`] know the shape of ticket furniture; the next
//! help desk's footer or the next company's pleasantry they will not know. What they miss
//! shows itself by recurring: a need is put in the customer's own words, while "Looking
//! forward to hearing from you." or a footer arrives verbatim in item after item. So every
//! sentence of every item is counted (by its content terms, so case, spacing, punctuation,
//! stop words and digits do not matter), and a sentence seen in [`Recurring::threshold`]
//! items or more stops counting for similarity.
//!
//! The counts live in a count-min sketch of fixed size, so memory is bounded whatever the
//! corpus (collisions can only overcount, and two rows keep that rare). It is updated in the
//! order items enter the index, which is the clustering log's order, so every instance that
//! replays the log holds the same counts and decides the same way.

/// Cells per row (2^20): 2 MiB a row with 16-bit counters.
const WIDTH_BITS: u32 = 20;
const ROWS: usize = 2;

#[derive(Clone, Debug)]
pub struct Recurring {
    /// Allocated on first use (most engines in tests never see a thousand items).
    cells: Vec<u16>,
    threshold: u16,
    /// Sentences that reached the threshold since this sketch was made or loaded.
    learned: u64,
}

impl Recurring {
    /// Sentences seen in `threshold` items or more are boilerplate; 0 turns learning off.
    pub fn new(threshold: u16) -> Self {
        Recurring {
            cells: Vec::new(),
            threshold,
            learned: 0,
        }
    }

    pub fn threshold(&self) -> u16 {
        self.threshold
    }

    fn index(key: u64, row: usize) -> usize {
        let mut z = key ^ (row as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        row << WIDTH_BITS | (z as usize & ((1 << WIDTH_BITS) - 1))
    }

    /// Counts one more item holding the sentence with this key.
    pub fn observe(&mut self, key: u64) {
        if self.threshold == 0 {
            return;
        }
        if self.cells.is_empty() {
            self.cells = vec![0; ROWS << WIDTH_BITS];
        }
        let mut least = u16::MAX;
        for row in 0..ROWS {
            let c = &mut self.cells[Self::index(key, row)];
            *c = c.saturating_add(1);
            least = least.min(*c);
        }
        if least == self.threshold {
            self.learned += 1;
        }
    }

    /// Changes whenever a sentence becomes boilerplate: what was made from the verdicts (a
    /// title without furniture) is current while this is.
    pub fn learned(&self) -> u64 {
        self.learned
    }

    /// Items seen holding the sentence (an upper bound; exact unless two keys collide in
    /// every row).
    pub fn count(&self, key: u64) -> u16 {
        if self.cells.is_empty() {
            return 0;
        }
        (0..ROWS)
            .map(|row| self.cells[Self::index(key, row)])
            .min()
            .unwrap_or(0)
    }

    pub fn is_recurring(&self, key: u64) -> bool {
        self.threshold > 0 && self.count(key) >= self.threshold
    }

    /// The counters, for a snapshot of the index (empty until first use).
    pub fn cells(&self) -> &[u16] {
        &self.cells
    }

    /// Counters from [`Self::cells`]; `None` when they are not of the sketch's size.
    pub fn from_cells(threshold: u16, cells: Vec<u16>) -> Option<Self> {
        (cells.is_empty() || cells.len() == ROWS << WIDTH_BITS).then_some(Recurring {
            cells,
            threshold,
            learned: 0,
        })
    }

    pub fn heap_bytes(&self) -> usize {
        self.cells.capacity() * 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_up_to_the_threshold() {
        let mut r = Recurring::new(3);
        assert!(!r.is_recurring(42));
        r.observe(42);
        r.observe(42);
        assert_eq!(r.count(42), 2);
        assert!(!r.is_recurring(42));
        assert_eq!(r.learned(), 0);
        r.observe(42);
        assert!(r.is_recurring(42));
        assert_eq!(r.learned(), 1, "the sentence became boilerplate");
        r.observe(42);
        assert_eq!(r.learned(), 1, "once");
        assert_eq!(r.count(7), 0);
    }

    #[test]
    fn off_at_zero() {
        let mut r = Recurring::new(0);
        for _ in 0..10 {
            r.observe(1);
        }
        assert!(!r.is_recurring(1));
        assert_eq!(r.heap_bytes(), 0);
    }
}
