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
//! How many repeats make furniture grows with the corpus ([`threshold_at`]), for a sentence of
//! [`super::text::LONG_SENTENCE`] content words or more. A help desk's footer recurs in
//! proportion to the tickets that help desk sends: in a corpus of a few hundred items a template
//! may come back three or four times in all, and a rule that waits for six repeats learns it
//! only after it has joined unrelated needs. Two repeats cannot tell it from a need two
//! customers put in the same words, so a shorter sentence ("Why?", "Weekly report as PDF")
//! always waits for the most repeats, and an item keeps a sentence that only the fewer repeats
//! would drop while the rest of it says less (see `Lexical::terms_without_recurring`).
//!
//! The counts live in a count-min sketch of fixed size, so memory is bounded whatever the
//! corpus (collisions can only overcount, and two rows keep that rare). It is updated in the
//! order items enter the index, which is the clustering log's order, so every instance that
//! replays the log holds the same counts and decides the same way.

use super::text::is_long_sentence;

/// Cells per row (2^20): 2 MiB a row with 16-bit counters.
const WIDTH_BITS: u32 = 20;
const ROWS: usize = 2;

/// Repeats that make a sentence furniture in a young corpus.
const FIRST_THRESHOLD: u16 = 2;

/// Items a corpus grows by before one more repeat is asked.
const ITEMS_PER_STEP: u64 = 1000;

/// The repeats that make a sentence furniture once `items` items were counted, for a sketch
/// made with `threshold` (the most ever asked; 0 is off): [`FIRST_THRESHOLD`] in a young
/// corpus, one more every [`ITEMS_PER_STEP`] items, up to `threshold`.
pub fn threshold_at(threshold: u16, items: u64) -> u16 {
    if threshold <= FIRST_THRESHOLD {
        return threshold;
    }
    let grown = u64::from(FIRST_THRESHOLD) + items / ITEMS_PER_STEP;
    threshold.min(u16::try_from(grown).unwrap_or(u16::MAX))
}

#[derive(Clone, Debug)]
pub struct Recurring {
    /// Allocated on first use (most engines in tests never see a thousand items).
    cells: Vec<u16>,
    /// The most repeats ever asked ([`threshold_at`]).
    threshold: u16,
    /// Items counted ([`Self::observe_item`]).
    items: u64,
    /// Changes whenever a verdict may have: a sentence reached the threshold, or the threshold
    /// grew, since this sketch was made or loaded.
    learned: u64,
}

impl Recurring {
    /// Sentences seen in `threshold` items or more are boilerplate (fewer while the corpus
    /// is young: [`threshold_at`]); 0 turns learning off.
    pub fn new(threshold: u16) -> Self {
        Recurring {
            cells: Vec::new(),
            threshold,
            items: 0,
            learned: 0,
        }
    }

    /// The repeats that make a sentence boilerplate now.
    pub fn threshold(&self) -> u16 {
        threshold_at(self.threshold, self.items)
    }

    /// Items counted so far.
    pub fn items(&self) -> u64 {
        self.items
    }

    /// Counts one more item, holding the sentences with these keys (each once).
    pub fn observe_item(&mut self, keys: &[u64]) {
        if self.threshold == 0 {
            return;
        }
        let before = self.threshold();
        self.items += 1;
        if self.threshold() != before {
            self.learned += 1;
        }
        for &k in keys {
            self.observe(k);
        }
    }

    fn index(key: u64, row: usize) -> usize {
        let mut z = key ^ (row as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        row << WIDTH_BITS | (z as usize & ((1 << WIDTH_BITS) - 1))
    }

    /// Counts one more item holding the sentence with this key.
    fn observe(&mut self, key: u64) {
        if self.threshold == 0 {
            return;
        }
        if self.cells.is_empty() {
            self.cells = vec![0; ROWS << WIDTH_BITS];
        }
        // Conservative update: only the cells at the key's count grow, so a cell shared with
        // other keys overcounts less (a count-min sketch's estimate stays an upper bound).
        let count = self.count(key);
        let was = self.is_recurring_at(key, count);
        for row in 0..ROWS {
            let c = &mut self.cells[Self::index(key, row)];
            if *c == count {
                *c = c.saturating_add(1);
            }
        }
        if !was && self.is_recurring(key) {
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
        self.is_recurring_at(key, self.count(key))
    }

    /// [`Self::is_recurring`] for a sentence whose [`Self::count`] was read already.
    pub fn is_recurring_at(&self, key: u64, count: u16) -> bool {
        self.threshold > 0 && count >= self.threshold_of(key)
    }

    /// Whether the sentence with this key is boilerplate by the most repeats ever asked, not
    /// only by a young corpus's fewer.
    pub fn is_settled(&self, key: u64) -> bool {
        self.is_settled_at(self.count(key))
    }

    /// [`Self::is_settled`] for a sentence seen in `count` items.
    pub fn is_settled_at(&self, count: u16) -> bool {
        self.threshold > 0 && count >= self.threshold
    }

    /// The repeats that make the sentence with this key boilerplate now: [`Self::threshold`]
    /// for a long sentence, the most ever asked for a short one.
    pub fn threshold_of(&self, key: u64) -> u16 {
        if is_long_sentence(key) {
            self.threshold()
        } else {
            self.threshold
        }
    }

    /// The counters, for a snapshot of the index (empty until first use).
    pub fn cells(&self) -> &[u16] {
        &self.cells
    }

    /// Counters from [`Self::cells`] after [`Self::items`] items; `None` when they are not of
    /// the sketch's size.
    pub fn from_cells(threshold: u16, items: u64, cells: Vec<u16>) -> Option<Self> {
        (cells.is_empty() || cells.len() == ROWS << WIDTH_BITS).then_some(Recurring {
            cells,
            threshold,
            items,
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
        // Keys of long sentences are odd (`text::is_long_sentence`).
        let (long, short) = (43, 42);
        let mut r = Recurring::new(3);
        assert!(!r.is_recurring(long));
        r.observe_item(&[long, short]);
        assert_eq!(r.count(long), 1);
        assert!(!r.is_recurring(long));
        assert_eq!(r.learned(), 0);
        r.observe_item(&[long, short, 9]);
        assert!(r.is_recurring(long), "a young corpus asks two repeats");
        assert_eq!(r.learned(), 1, "the sentence became boilerplate");
        assert!(
            !r.is_recurring(short),
            "a short sentence waits for the most"
        );
        r.observe_item(&[long, short]);
        assert_eq!(r.learned(), 2, "once each");
        assert!(r.is_recurring(short));
        assert_eq!(r.count(7), 0);
        assert!(!r.is_recurring(9));
    }

    #[test]
    fn a_growing_corpus_asks_more_repeats() {
        assert_eq!(threshold_at(6, 0), 2);
        assert_eq!(threshold_at(6, 999), 2);
        assert_eq!(threshold_at(6, 1000), 3);
        assert_eq!(threshold_at(6, 3999), 5);
        assert_eq!(threshold_at(6, 1_000_000), 6, "never more than asked");
        assert_eq!(threshold_at(1, 5), 1);
        assert_eq!(threshold_at(0, 5000), 0, "off stays off");
        let long = 43;
        let mut r = Recurring::new(4);
        for _ in 0..2 {
            r.observe_item(&[long]);
        }
        assert!(r.is_recurring(long));
        let learned = r.learned();
        for i in 0..ITEMS_PER_STEP {
            r.observe_item(&[1000 + 2 * i + 1]);
        }
        assert_eq!(r.threshold(), 3);
        assert!(
            !r.is_recurring(long),
            "two repeats in a thousand items is not furniture"
        );
        assert!(r.learned() > learned, "the verdicts changed");
        r.observe_item(&[long]);
        assert!(r.is_recurring(long));
        let again = Recurring::from_cells(4, r.items(), r.cells().to_vec()).unwrap();
        assert_eq!(again.threshold(), 3, "a snapshot keeps the corpus's size");
        assert!(again.is_recurring(long));
    }

    #[test]
    fn off_at_zero() {
        let mut r = Recurring::new(0);
        for _ in 0..10 {
            r.observe_item(&[1]);
        }
        assert!(!r.is_recurring(1));
        assert_eq!(r.heap_bytes(), 0);
    }
}
