#!/usr/bin/env python3
"""Writes the scikit-learn reference results used by the plaintext-twin tests.

Run from the repository root with the Debian scikit-learn (apt-get install python3-sklearn):

    /usr/bin/python3 tools/reference/make_reference.py

Output: tests/PrivClust.Core.Tests/Reference/*.json (schema in docs/plaintext-twins.md).

Choices (all deliberate, see docs/plaintext-twins.md):
- Every input value is rounded to 4 decimals before clustering, so Python and C# parse the very same
  doubles from the JSON text (json writes the shortest round-trip repr of each float).
- k-means: KMeans(init=C, n_init=1, algorithm="lloyd", tol=0, max_iter=300). tol=0 leaves only
  sklearn's "strict convergence" (labels unchanged) as the stopping rule, which is the twin's rule.
  Initial centroids are data rows, so no cluster is empty in the first assignment; the script checks
  that no cluster is ever empty (sklearn relocates empty clusters, the twin keeps them in place).
- mean-shift: MeanShift(bandwidth=R, seeds=S, bin_seeding=False) with the defaults
  cluster_all=True, max_iter=300.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans, MeanShift
from sklearn.datasets import make_blobs

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "PrivClust.Core.Tests", "Reference")
MALL = os.path.join(ROOT, "data", "mall_customers.csv")


def rows(a):
    """A 2-D numpy array as a list of lists of Python floats (round-trip exact in JSON)."""
    return [[float(v) for v in r] for r in np.asarray(a, dtype=np.float64)]


def write(name, obj):
    obj = {"name": name, "sklearn_version": sklearn.__version__, **obj}
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    print(f"{name}: {os.path.getsize(os.path.join(OUT, name + '.json'))} bytes")


def lloyd_keep_empty(X, C, max_iter):
    """Plain Lloyd used only to assert that sklearn never met an empty cluster."""
    labels_old = None
    for _ in range(max_iter):
        labels = np.argmin(((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2), axis=1)
        counts = np.bincount(labels, minlength=len(C))
        if (counts == 0).any():
            return True
        if labels_old is not None and (labels == labels_old).all():
            break
        C = np.array([X[labels == j].mean(axis=0) for j in range(len(C))])
        labels_old = labels
    return False


def kmeans_case(name, X, init, max_iter=300, columns=None):
    X = np.round(np.asarray(X, dtype=np.float64), 4)
    init = np.round(np.asarray(init, dtype=np.float64), 4)
    if lloyd_keep_empty(X, init.copy(), max_iter):
        sys.exit(f"{name}: an empty cluster occurs; choose another init")
    km = KMeans(n_clusters=len(init), init=init, n_init=1, algorithm="lloyd", tol=0.0,
                max_iter=max_iter).fit(X)
    write(name, {
        "algorithm": "kmeans",
        "params": {"k": len(init), "max_iter": max_iter, "tol": 0.0, "n_init": 1,
                   "sklearn_algorithm": "lloyd"},
        "n": X.shape[0], "d": X.shape[1],
        "columns": columns or [f"x{j}" for j in range(X.shape[1])],
        "column_std": [float(s) for s in X.std(axis=0)],
        "data": rows(X),
        "init": rows(init),
        "centroids": rows(km.cluster_centers_),
        "labels": [int(v) for v in km.labels_],
        "n_iter": int(km.n_iter_),
        "inertia": float(km.inertia_),
    })


def meanshift_case(name, X, seeds, bandwidth, max_iter=300):
    X = np.round(np.asarray(X, dtype=np.float64), 4)
    seeds = np.round(np.asarray(seeds, dtype=np.float64), 4)
    ms = MeanShift(bandwidth=bandwidth, seeds=seeds, bin_seeding=False, max_iter=max_iter).fit(X)
    write(name, {
        "algorithm": "meanshift",
        "params": {"bandwidth": bandwidth, "max_iter": max_iter, "bin_seeding": False,
                   "cluster_all": True},
        "n": X.shape[0], "d": X.shape[1],
        "column_std": [float(s) for s in X.std(axis=0)],
        "data": rows(X),
        "seeds": rows(seeds),
        "centroids": rows(ms.cluster_centers_),
        "labels": [int(v) for v in ms.labels_],
        "n_iter": int(ms.n_iter_),
    })


def main():
    os.makedirs(OUT, exist_ok=True)

    # (a) Mall Customers, income and spending score, k = 5, init = the first 5 rows (all distinct).
    cols = ["Annual Income (k$)", "Spending Score (1-100)"]
    raw = np.genfromtxt(MALL, delimiter=",", names=True, dtype=None, encoding="utf-8")
    mall = np.column_stack([raw["Annual_Income_k"], raw["Spending_Score_1100"]]).astype(np.float64)
    assert mall.shape == (200, 2)
    kmeans_case("kmeans_mall_k5", mall, mall[:5], columns=cols)
    # Same, stopped after 2 iterations (not converged: sklearn re-assigns to the final centroids).
    kmeans_case("kmeans_mall_k5_maxiter2", mall, mall[:5], max_iter=2, columns=cols)

    # (b) Synthetic blobs; init = k rows drawn without replacement by a fixed generator.
    for d, n, k, seed in [(2, 200, 4, 1), (3, 1000, 5, 2), (5, 3000, 6, 3), (8, 10000, 8, 4)]:
        X, _ = make_blobs(n_samples=n, n_features=d, centers=k + 1, cluster_std=2.0,
                          random_state=seed)
        X = np.round(X, 4)
        idx = np.random.default_rng(seed).choice(n, size=k, replace=False)
        kmeans_case(f"kmeans_blobs_d{d}_n{n}_k{k}", X, X[idx])
        if d == 3:  # the same stopped early, before convergence
            kmeans_case(f"kmeans_blobs_d{d}_n{n}_k{k}_maxiter5", X, X[idx], max_iter=5)

    # (c) The mean-shift seed's setting: [0,1]^2, 8 centres, small std, n = 200, R = 0.1,
    # 8 seeds chosen as data rows by a fixed generator.
    X, _ = make_blobs(n_samples=200, n_features=2, centers=8, cluster_std=0.03,
                      center_box=(0.1, 0.9), random_state=7)
    X = np.round(np.clip(X, 0.0, 1.0), 4)
    idx = np.random.default_rng(7).choice(200, size=8, replace=False)
    meanshift_case("meanshift_unit_square_r0.1", X, X[idx], 0.1)
    # Same data, more seeds (every 10th row) so that merging drops many near-duplicates.
    meanshift_case("meanshift_unit_square_r0.1_20seeds", X, X[::10], 0.1)
    # Same data, plus a seed far from every point: sklearn drops it (empty window).
    meanshift_case("meanshift_unit_square_dropped_seed", X, np.vstack([X[idx], [[3.0, 3.0]]]), 0.1)
    # Same data, max_iter = 1: seeds stop before converging.
    meanshift_case("meanshift_unit_square_maxiter1", X, X[idx], 0.1, max_iter=1)
    # 3-d blobs, larger bandwidth.
    X3, _ = make_blobs(n_samples=600, n_features=3, centers=5, cluster_std=0.6, random_state=11)
    X3 = np.round(X3, 4)
    meanshift_case("meanshift_blobs_d3_r1.5", X3, X3[::25], 1.5)


if __name__ == "__main__":
    main()
