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

/// The contingency table's cells: items per (label, cluster) met in `pairs`.
fn cells<L: Ord, C: Ord>(pairs: &[(L, C)]) -> BTreeMap<(&L, &C), u64> {
    let mut cells: BTreeMap<(&L, &C), u64> = BTreeMap::new();
    for (l, c) in pairs {
        *cells.entry((l, c)).or_default() += 1;
    }
    cells
}

fn table<L: Ord, C: Ord>(pairs: &[(L, C)]) -> Table {
    let cells = cells(pairs);
    let mut rows: BTreeMap<&L, u64> = BTreeMap::new();
    let mut cols: BTreeMap<&C, u64> = BTreeMap::new();
    for (&(l, c), &n) in &cells {
        *rows.entry(l).or_default() += n;
        *cols.entry(c).or_default() += n;
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

/// How one label's items are spread over the clusters: which clusters hold them, largest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread<K, O> {
    /// The label (or cluster) spread.
    pub key: K,
    /// Its items.
    pub items: usize,
    /// Where they are, as (cluster or label, items), most items first; ties in key order.
    pub parts: Vec<(O, usize)>,
}

/// Per label, the clusters its items sit in (a label split over several clusters lowers
/// recall); per cluster, the labels it holds (a cluster holding several lowers precision).
#[derive(Clone, Debug, PartialEq)]
pub struct Spreads<L, C> {
    pub by_label: Vec<Spread<L, C>>,
    pub by_cluster: Vec<Spread<C, L>>,
}

/// The [`Spreads`] of `pairs`; both lists are ordered by size, largest first, ties in key order.
pub fn spreads<L: Ord + Clone, C: Ord + Clone>(pairs: &[(L, C)]) -> Spreads<L, C> {
    fn ordered<K: Ord + Clone, O: Ord + Clone>(
        cells: &BTreeMap<K, BTreeMap<O, usize>>,
    ) -> Vec<Spread<K, O>> {
        let mut out: Vec<Spread<K, O>> = cells
            .iter()
            .map(|(key, parts)| {
                let mut parts: Vec<(O, usize)> =
                    parts.iter().map(|(o, &n)| (o.clone(), n)).collect();
                parts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                Spread {
                    key: key.clone(),
                    items: parts.iter().map(|p| p.1).sum(),
                    parts,
                }
            })
            .collect();
        out.sort_by(|a, b| b.items.cmp(&a.items).then_with(|| a.key.cmp(&b.key)));
        out
    }
    // The contingency table's cells, read both ways.
    let mut by_label: BTreeMap<L, BTreeMap<C, usize>> = BTreeMap::new();
    let mut by_cluster: BTreeMap<C, BTreeMap<L, usize>> = BTreeMap::new();
    for ((label, cluster), n) in cells(pairs) {
        let n = n as usize;
        by_label
            .entry(label.clone())
            .or_default()
            .insert(cluster.clone(), n);
        by_cluster
            .entry(cluster.clone())
            .or_default()
            .insert(label.clone(), n);
    }
    Spreads {
        by_label: ordered(&by_label),
        by_cluster: ordered(&by_cluster),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_list_each_labels_clusters_and_each_clusters_labels_largest_first() {
        // Label b is split 3 / 1 over clusters 2 and 3; cluster 2 holds a and b.
        let pairs = [
            ('a', 1),
            ('a', 2),
            ('b', 2),
            ('b', 2),
            ('b', 3),
            ('b', 2),
            ('a', 1),
        ];
        let Spreads {
            by_label,
            by_cluster,
        } = spreads(&pairs);
        assert_eq!(
            by_label,
            vec![
                Spread {
                    key: 'b',
                    items: 4,
                    parts: vec![(2, 3), (3, 1)]
                },
                Spread {
                    key: 'a',
                    items: 3,
                    parts: vec![(1, 2), (2, 1)]
                },
            ]
        );
        assert_eq!(
            by_cluster,
            vec![
                Spread {
                    key: 2,
                    items: 4,
                    parts: vec![('b', 3), ('a', 1)]
                },
                Spread {
                    key: 1,
                    items: 2,
                    parts: vec![('a', 2)]
                },
                Spread {
                    key: 3,
                    items: 1,
                    parts: vec![('b', 1)]
                },
            ]
        );
    }

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
