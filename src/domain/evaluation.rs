//! External clustering metrics from (true label, predicted cluster) pairs.
//!
//! All pair counts come from the contingency table (O(n log n)), never from
//! enumerating pairs.

use std::collections::BTreeMap;

/// Summary of all metrics.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    pub pairwise_precision: f64,
    pub pairwise_recall: f64,
    pub pairwise_f1: f64,
    pub ari: f64,
    pub homogeneity: f64,
    pub completeness: f64,
    pub v_measure: f64,
    pub n_items: usize,
    pub n_labels: usize,
    pub n_clusters: usize,
}

struct Table {
    n: f64,
    cells: Vec<f64>,
    rows: Vec<f64>, // per true label
    cols: Vec<f64>, // per predicted cluster
}

fn table<L: Ord, C: Ord>(pairs: &[(L, C)]) -> Table {
    let mut cells: BTreeMap<(&L, &C), u64> = BTreeMap::new();
    let mut rows: BTreeMap<&L, u64> = BTreeMap::new();
    let mut cols: BTreeMap<&C, u64> = BTreeMap::new();
    for (l, c) in pairs {
        *cells.entry((l, c)).or_default() += 1;
        *rows.entry(l).or_default() += 1;
        *cols.entry(c).or_default() += 1;
    }
    Table {
        n: pairs.len() as f64,
        cells: cells.values().map(|&v| v as f64).collect(),
        rows: rows.values().map(|&v| v as f64).collect(),
        cols: cols.values().map(|&v| v as f64).collect(),
    }
}

fn comb2(x: f64) -> f64 {
    x * (x - 1.0) / 2.0
}

/// Pairwise (precision, recall, F1): a pair is positive when both items share a
/// predicted cluster, correct when they also share a label.
pub fn pairwise<L: Ord, C: Ord>(pairs: &[(L, C)]) -> (f64, f64, f64) {
    let t = table(pairs);
    let tp: f64 = t.cells.iter().map(|&x| comb2(x)).sum();
    let pred: f64 = t.cols.iter().map(|&x| comb2(x)).sum();
    let truth: f64 = t.rows.iter().map(|&x| comb2(x)).sum();
    let p = if pred > 0.0 { tp / pred } else { 1.0 };
    let r = if truth > 0.0 { tp / truth } else { 1.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Adjusted Rand index (Hubert & Arabie).
pub fn adjusted_rand_index<L: Ord, C: Ord>(pairs: &[(L, C)]) -> f64 {
    let t = table(pairs);
    if t.n < 2.0 {
        return 1.0;
    }
    let index: f64 = t.cells.iter().map(|&x| comb2(x)).sum();
    let a: f64 = t.rows.iter().map(|&x| comb2(x)).sum();
    let b: f64 = t.cols.iter().map(|&x| comb2(x)).sum();
    let expected = a * b / comb2(t.n);
    let max = (a + b) / 2.0;
    if (max - expected).abs() < 1e-12 {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

/// (homogeneity, completeness, V-measure with beta = 1).
pub fn v_measure<L: Ord, C: Ord>(pairs: &[(L, C)]) -> (f64, f64, f64) {
    let t = table(pairs);
    if t.n == 0.0 {
        return (1.0, 1.0, 1.0);
    }
    let n = t.n;
    let ent = |v: &[f64]| -> f64 {
        v.iter()
            .filter(|&&x| x > 0.0)
            .map(|&x| -(x / n) * (x / n).ln())
            .sum()
    };
    let h_c = ent(&t.rows);
    let h_k = ent(&t.cols);
    // Mutual information from the cells.
    let mut mi = 0.0;
    {
        // Recompute with row/col membership.
        let mut cells: BTreeMap<(&L, &C), f64> = BTreeMap::new();
        let mut rows: BTreeMap<&L, f64> = BTreeMap::new();
        let mut cols: BTreeMap<&C, f64> = BTreeMap::new();
        for (l, c) in pairs {
            *cells.entry((l, c)).or_default() += 1.0;
            *rows.entry(l).or_default() += 1.0;
            *cols.entry(c).or_default() += 1.0;
        }
        for ((l, c), &nij) in &cells {
            mi += (nij / n) * ((n * nij) / (rows[l] * cols[c])).ln();
        }
    }
    // H(C|K) = H(C) - MI, H(K|C) = H(K) - MI.
    let hom = if h_c == 0.0 {
        1.0
    } else {
        1.0 - (h_c - mi) / h_c
    };
    let com = if h_k == 0.0 {
        1.0
    } else {
        1.0 - (h_k - mi) / h_k
    };
    let v = if hom + com == 0.0 {
        0.0
    } else {
        2.0 * hom * com / (hom + com)
    };
    (hom, com, v)
}

/// All metrics at once.
pub fn score<L: Ord, C: Ord>(pairs: &[(L, C)]) -> Scores {
    let (p, r, f) = pairwise(pairs);
    let (h, c, v) = v_measure(pairs);
    let t = table(pairs);
    Scores {
        pairwise_precision: p,
        pairwise_recall: r,
        pairwise_f1: f,
        ari: adjusted_rand_index(pairs),
        homogeneity: h,
        completeness: c,
        v_measure: v,
        n_items: pairs.len(),
        n_labels: t.rows.len(),
        n_clusters: t.cols.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    // labels: a a a b b b ; clusters: 1 1 2 2 2 2
    fn sample() -> Vec<(char, u32)> {
        vec![('a', 1), ('a', 1), ('a', 2), ('b', 2), ('b', 2), ('b', 2)]
    }

    #[test]
    fn pairwise_hand_computed() {
        // Cells: (a,1)=2 (a,2)=1 (b,2)=3. TP = 1 + 0 + 3 = 4.
        // Predicted pairs: C(2,2)+C(4,2) = 1+6 = 7. True pairs: 3+3 = 6.
        let (p, r, f) = pairwise(&sample());
        assert!(close(p, 4.0 / 7.0));
        assert!(close(r, 4.0 / 6.0));
        assert!(close(
            f,
            2.0 * (4.0 / 7.0) * (4.0 / 6.0) / (4.0 / 7.0 + 4.0 / 6.0)
        ));
    }

    #[test]
    fn ari_hand_computed() {
        // index=4, a=6, b=7, C(6,2)=15, expected=42/15=2.8, max=6.5
        let ari = adjusted_rand_index(&sample());
        assert!(close(ari, (4.0 - 2.8) / (6.5 - 2.8)));
    }

    #[test]
    fn perfect_and_trivial() {
        let perfect = vec![(1, 10), (1, 10), (2, 20), (2, 20)];
        let s = score(&perfect);
        assert!(close(s.pairwise_f1, 1.0));
        assert!(close(s.ari, 1.0));
        assert!(close(s.v_measure, 1.0));
        // All singletons: homogeneity 1, recall 0.
        let single = vec![(1, 1), (1, 2), (2, 3), (2, 4)];
        let s = score(&single);
        assert!(close(s.homogeneity, 1.0));
        assert!(close(s.pairwise_recall, 0.0));
        assert_eq!(s.n_clusters, 4);
        assert_eq!(s.n_labels, 2);
    }

    #[test]
    fn v_measure_hand_computed() {
        // Two labels of 2, one cluster: H(C)=ln2, H(K)=0, MI=0.
        let one = vec![(1, 0), (1, 0), (2, 0), (2, 0)];
        let (h, c, v) = v_measure(&one);
        assert!(close(h, 0.0));
        assert!(close(c, 1.0));
        assert!(close(v, 0.0));
        // sample(): H(C)=ln2; H(K) = -(1/3 ln 1/3 + 2/3 ln 2/3)
        // MI = 2/6 ln(6*2/(3*2)) + 1/6 ln(6*1/(3*4)) + 3/6 ln(6*3/(3*4))
        let n = 6.0f64;
        let hc = 2.0f64.ln();
        let hk = -((1.0 / 3.0) * (1.0f64 / 3.0).ln() + (2.0 / 3.0) * (2.0f64 / 3.0).ln());
        let mi = (2.0 / n) * (2.0f64).ln() + (1.0 / n) * (0.5f64).ln() + (3.0 / n) * (1.5f64).ln();
        let (h, c, _) = v_measure(&sample());
        assert!(close(h, mi / hc));
        assert!(close(c, mi / hk));
    }
}
