#!/usr/bin/env python3
"""Offline lexical baselines for a labelled set: what classical clustering of TF-IDF vectors
scores in pairwise F1, told things Sift is not (the true number of labels; every threshold,
judged by the labels). Not part of Sift; needs scikit-learn and scipy
(`pip install scikit-learn scipy`).

    python3 scripts/lexical-baselines.py /work/shared/data/banking77.jsonl

English: word unigrams and bigrams, English stop words, sublinear tf, terms in 2+ items.
Chinese (a file name with "zh"): character unigrams and bigrams.
"""
import json
import sys
from collections import Counter

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer


def pairwise_f1(labels, clusters):
    pairs = lambda counts: sum(v * (v - 1) / 2 for v in counts.values())
    tp = pairs(Counter(zip(labels, clusters)))
    p, r = tp / pairs(Counter(clusters)), tp / pairs(Counter(labels))
    return round(2 * p * r / (p + r), 3), round(p, 3), round(r, 3), len(set(clusters))


rows = [json.loads(line) for line in open(sys.argv[1])]
texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
if "zh" in sys.argv[1]:
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 2))
else:
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2, ngram_range=(1, 2))
X = vec.fit_transform(texts)
k = len(set(labels))
for seed in range(3):
    found = KMeans(k, n_init=1, random_state=seed).fit(X).labels_
    print(f"k-means, k = {k} (the labels'), seed {seed}: F1, P, R, clusters", pairwise_f1(labels, found))
# A tiny constant term keeps an item with no term off the zero vector.
dense = np.hstack([X.toarray(), np.full((X.shape[0], 1), 1e-3)])
tree = linkage(pdist(dense, "cosine"), "average")
for t in [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97]:
    print(f"average linkage, cosine distance {t}:", pairwise_f1(labels, fcluster(tree, t, "distance")), flush=True)
