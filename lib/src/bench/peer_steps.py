#!/usr/bin/python3
"""The peer's side of `npm run bench -- --peer`: one step of ../shared/peer/peer.py's pipeline per process, timed
in-process around the step's own calls (prep and imports excluded, except where a step says otherwise), printing one
JSON object on stdout. It imports peer.py (prep_frame, make_kmeans, k_distance, knee_eps, lean_dbscan, build_ae,
train_mlp, ...) so that the work is the peer's own code, with the peer's settings (sklearn/numpy 2 threads, torch 1).

Usage: /usr/bin/python3 peer_steps.py STEP --peer-dir DIR --data FILE --work DIR [--labels FILE] [--idx FILE]
STEP: prep | kmeans | kmeans-seeds | silhouette | gmm | ward | dbscan | dbscan-full | ae | mlp
"""
import argparse
import json
import os
import statistics
import sys
import time


def peak_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return None


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("step")
    ap.add_argument("--peer-dir", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--labels")
    ap.add_argument("--idx")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--n-seeds", type=int, default=5)
    a = ap.parse_args()
    t_proc = time.perf_counter()
    sys.path.insert(0, a.peer_dir)
    import numpy as np
    from threadpoolctl import threadpool_limits
    import peer  # noqa: E402  (the reference pipeline)

    out = {"step": a.step}
    with threadpool_limits(limits=a.threads):
        t0 = time.perf_counter()
        X, info = peer.prep_frame(a.data)
        out["prep_s"] = time.perf_counter() - t0
    n, d = X.shape
    out["shape"] = [n, d]
    labels = np.loadtxt(a.labels, dtype=np.int64) if a.labels else None
    idx = np.loadtxt(a.idx, dtype=np.int64) if a.idx else None
    seed = a.seed

    def save_labels(name, lab):
        path = os.path.join(a.work, name)
        np.savetxt(path, lab, fmt="%d")
        return path

    if a.step == "prep":
        out["columns"] = info["columns"]
        out["fingerprint"] = {"sum": float(X.sum()), "sum_sq": float((X ** 2).sum()), "abs_sum": float(np.abs(X).sum()),
                              "row0": [round(float(v), 10) for v in X[0]],
                              "row_last": [round(float(v), 10) for v in X[-1]]}
        out["time_s"] = out["prep_s"]
    elif a.step == "kmeans":
        per_k = []
        with threadpool_limits(limits=a.threads):
            t0 = time.perf_counter()
            for k in range(2, 11):
                t1 = time.perf_counter()
                km = peer.make_kmeans(k, seed, "lloyd").fit(X)
                per_k.append({"k": k, "inertia": float(km.inertia_), "n_iter": int(km.n_iter_),
                              "s": time.perf_counter() - t1})
            out["time_s"] = time.perf_counter() - t0
        out["per_k"] = per_k
    elif a.step == "kmeans-seeds":
        seeds = list(range(a.n_seeds))
        with threadpool_limits(limits=a.threads):
            t0 = time.perf_counter()
            out["inertia"] = {str(k): [float(peer.make_kmeans(k, s, "lloyd").fit(X).inertia_) for s in seeds]
                              for k in range(2, 11)}
            out["time_s"] = time.perf_counter() - t0
        out["seeds"] = seeds
    elif a.step == "silhouette":
        from sklearn.metrics import silhouette_score, davies_bouldin_score, calinski_harabasz_score
        with threadpool_limits(limits=a.threads):
            rss0 = rss_mb()
            t0 = time.perf_counter()
            s = float(silhouette_score(X, labels))
            out["time_s"] = time.perf_counter() - t0
            out["extra_mb"] = peak_mb() - rss0
            out["silhouette"] = s
            out["davies_bouldin"] = float(davies_bouldin_score(X, labels))
            out["calinski_harabasz"] = float(calinski_harabasz_score(X, labels))
    elif a.step == "gmm":
        from sklearn.mixture import GaussianMixture
        per_k = []
        with threadpool_limits(limits=a.threads):
            t0 = time.perf_counter()
            for k in range(2, 9):
                t1 = time.perf_counter()
                g = GaussianMixture(n_components=k, covariance_type="full", n_init=1, random_state=seed).fit(X)
                s = time.perf_counter() - t1
                per_k.append({"k": k, "lower_bound": float(g.lower_bound_), "n_iter": int(g.n_iter_),
                              "converged": bool(g.converged_), "s": s})
            out["time_s"] = time.perf_counter() - t0
        out["per_k"] = per_k
    elif a.step == "ward":
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.cluster._agglomerative import _hc_cut
        Xs = np.ascontiguousarray(X[idx])
        with threadpool_limits(limits=a.threads):
            t0 = time.perf_counter()
            ag = AgglomerativeClustering(n_clusters=4, linkage="ward").fit(Xs)
            out["time_s"] = time.perf_counter() - t0
        out["n"] = int(len(Xs))
        out["labels"] = {str(k): save_labels(f"ward-peer-k{k}.txt", _hc_cut(k, ag.children_, len(Xs)))
                         for k in range(2, 9)}
    elif a.step in ("dbscan", "dbscan-full"):
        from sklearn.cluster import DBSCAN
        Xs = np.ascontiguousarray(X[idx]) if a.step == "dbscan" else X
        ms = 2 * d
        with threadpool_limits(limits=a.threads):
            t0 = time.perf_counter()
            kd = peer.k_distance(Xs, ms)
            eps, knee = peer.knee_eps(kd)
            out["kdist_s"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            if a.step == "dbscan":
                db = DBSCAN(eps=eps, min_samples=ms).fit(Xs)
                lab, n_core = db.labels_, int(len(db.core_sample_indices_))
                out["impl"] = "sklearn DBSCAN"
            else:
                lab, counts = peer.lean_dbscan(Xs, eps, ms)
                n_core = int((counts >= ms).sum())
                out["impl"] = "peer.lean_dbscan (sklearn DBSCAN needs ~8 GB of neighbourhoods here)"
            out["fit_s"] = time.perf_counter() - t1
            out["time_s"] = time.perf_counter() - t0
        out.update({"n": int(len(Xs)), "min_samples": ms, "eps": eps, "knee_index": knee, "n_core": n_core,
                    "n_clusters": int(lab.max() + 1), "n_noise": int((lab == -1).sum()),
                    "labels_file": save_labels(f"{a.step}-peer.txt", lab)})
    elif a.step == "ae":
        t0 = time.perf_counter()
        import torch
        torch.set_num_threads(1)
        X32 = np.ascontiguousarray(X, dtype=np.float32)
        torch.manual_seed(seed)
        enc, dec = peer.build_ae(d)
        model = torch.nn.Sequential(enc, dec)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        gen = torch.Generator().manual_seed(seed)
        Xt = torch.from_numpy(X32)
        epochs, bs, losses, ep_s = 5, 256, [], []
        for _ in range(epochs):
            t1 = time.perf_counter()
            model.train()
            perm = torch.randperm(n, generator=gen)
            tot = 0.0
            for s in range(0, n, bs):
                xb = Xt[perm[s:s + bs]]
                opt.zero_grad()
                loss = torch.nn.functional.mse_loss(model(xb), xb)
                loss.backward()
                opt.step()
                tot += loss.item() * len(xb)
            losses.append(tot / n)
            ep_s.append(time.perf_counter() - t1)
        out["time_s"] = time.perf_counter() - t0
        out["epoch_s"] = ep_s
        out["epoch_median_s"] = statistics.median(ep_s)
        out["losses"] = losses
        out["torch_threads"] = 1
    elif a.step == "mlp":
        import torch
        from sklearn.model_selection import train_test_split, StratifiedKFold
        from sklearn.metrics import accuracy_score
        k = int(labels.max() + 1)
        y = labels
        with threadpool_limits(limits=a.threads):
            # as peer.py's step_mlp: torch's thread count is set INSIDE the limits (threadpoolctl resets OpenMP's)
            torch.set_num_threads(1)
            t0 = time.perf_counter()
            Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
            model, inf = peer.train_mlp(Xtr, ytr, k, seed)
            acc = float(accuracy_score(yte, peer.mlp_predict_proba(model, Xte).argmax(1)))
            out["split_s"] = time.perf_counter() - t0
            accs, eps_run = [], []
            for tr, te in StratifiedKFold(n_splits=5, shuffle=True, random_state=seed).split(X, y):
                m, fi = peer.train_mlp(X[tr], y[tr], k, seed)
                accs.append(float(accuracy_score(y[te], peer.mlp_predict_proba(m, X[te]).argmax(1))))
                eps_run.append(fi["epochs_run"])
            out["time_s"] = time.perf_counter() - t0
        out.update({"accuracy": acc, "epochs_run": inf["epochs_run"], "cv_accuracies": accs,
                    "cv_mean": float(np.mean(accs)), "cv_epochs_run": eps_run, "torch_threads": 1})
    else:
        raise SystemExit(f"unknown step {a.step}")
    out["process_s"] = time.perf_counter() - t_proc
    out["peak_rss_mb"] = peak_mb()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
