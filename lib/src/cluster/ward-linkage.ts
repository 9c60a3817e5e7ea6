/**
 * Exact Ward linkage by the nearest-neighbour chain algorithm (Murtagh 1983; Müllner 2011, "Modern hierarchical,
 * agglomerative clustering algorithms", arXiv:1109.2378), on cluster centroids and sizes, so no n×n matrix:
 * the Ward merge cost of clusters A, B is Δ(A, B) = |A||B| / (|A| + |B|) · ||c_A − c_B||² (the increase of the
 * within-cluster sum of squares), and merging updates the centroid to the weighted mean (the Lance–Williams
 * recurrence for Ward expressed on centroids). Ward is reducible, so the chain finds exactly the merges of the
 * classical greedy algorithm (up to ties).
 *
 * Heights follow scipy's `linkage(method='ward')`: height = sqrt(2·Δ), which for two single points is their
 * Euclidean distance. The merge list is scipy-like: rows (a, b, height, size) sorted by height, a < b, leaves
 * 0..n-1 and the cluster made at row i numbered n + i.
 *
 * Complexity: O(n²·d) time (each chain step scans the active clusters), O(n·d) memory.
 */
import { ValidationError } from '../core/errors';
import { createWardScan, wardScanAvailable, type WardScan } from './ward-scan-kernel';

/** A scipy-like linkage: (n − 1) merges. */
export interface WardLinkage {
  /** Number of leaves. */
  n: number;
  /** Merged cluster ids per merge: a[i] < b[i]; ids < n are leaves, id n + j is the cluster made at merge j. */
  a: Int32Array;
  b: Int32Array;
  /** Merge heights sqrt(2Δ), non-decreasing. */
  height: Float64Array;
  /** Number of leaves (or total leaf weight) under each merge. */
  size: Float64Array;
}

/**
 * The nearest-neighbour chain on centroids; fills the merge arrays (unsorted, in merge order) and returns their
 * number. Ties prefer the previous chain element (guarantees termination), then the first active cluster.
 */
type Chain = (cent: Float64Array, size: Float64Array, n: number, d: number, mA: Int32Array, mB: Int32Array, mD: Float64Array, mS: Float64Array) => number;

/** The chain with a scalar JavaScript scan (where WebAssembly SIMD is missing). O(n²·d). */
const chainScalar: Chain = (cent, size, n, d, mA, mB, mD, mS) => {
  // Active list with swap-removal; pos[i] = position of cluster i in the list (-1 when merged away).
  const active = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let i = 0; i < n; i++) { active[i] = i; pos[i] = i; }
  let nActive = n;
  let nMerges = 0;
  const chain = new Int32Array(n);
  let len = 0;
  const cost = (p: number, q: number): number => {
    const op = p * d, oq = q * d;
    let s = 0;
    for (let t = 0; t < d; t++) { const v = cent[op + t] - cent[oq + t]; s += v * v; }
    return ((size[p] * size[q]) / (size[p] + size[q])) * s;
  };
  while (nActive > 1) {
    if (len === 0) chain[len++] = active[0];
    const a = chain[len - 1];
    let best = -1;
    let bestCost = Infinity;
    if (len >= 2) { best = chain[len - 2]; bestCost = cost(a, best); }
    for (let r = 0; r < nActive; r++) {
      const q = active[r];
      if (q === a) continue;
      const c = cost(a, q);
      if (c < bestCost) { bestCost = c; best = q; }
    }
    if (len >= 2 && best === chain[len - 2]) {
      len -= 2;
      const keep = Math.min(a, best), drop = Math.max(a, best);
      const sk = size[keep], sd = size[drop], st = sk + sd;
      for (let t = 0; t < d; t++) cent[keep * d + t] = (sk * cent[keep * d + t] + sd * cent[drop * d + t]) / st;
      size[keep] = st;
      mA[nMerges] = a; mB[nMerges] = best; mD[nMerges] = Math.sqrt(2 * bestCost); mS[nMerges] = st;
      nMerges++;
      const p = pos[drop];
      const last = active[nActive - 1];
      active[p] = last; pos[last] = p; pos[drop] = -1;
      nActive--;
    } else {
      chain[len++] = best;
    }
  }
  return nMerges;
};

/**
 * The chain with the WebAssembly SIMD scan (ward-scan-kernel.ts): active centroids are kept contiguous in the
 * active list's order (a removed cluster's slot takes the last one's row), so each scan streams m·dp doubles.
 * Same decisions as the scalar chain up to the rounding of the two-lane sums.
 */
const chainSimd: Chain = (cent, size, n, d, mA, mB, mD, mS) => {
  const dp = Math.ceil(d / 4) * 4;
  const rb = dp * 8;
  const cOff = 0, wOff = n * rb, outOff = wOff + n * 8;
  const k = createWardScan(outOff + 16) as WardScan;
  const F = new Float64Array(k.memory.buffer);
  const W = wOff / 8;
  // slot r holds active cluster clusterAt[r]; slotOf[i] its slot (-1 when merged away)
  const clusterAt = new Int32Array(n);
  const slotOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    clusterAt[i] = i; slotOf[i] = i;
    F.set(cent.subarray(i * d, i * d + d), i * dp);
    F[W + i] = size[i];
  }
  let nActive = n;
  let nMerges = 0;
  const chain = new Int32Array(n);
  let len = 0;
  const costTo = (sa: number, sq: number): number => {
    k.scan(cOff + sq * rb, 1, dp, cOff + sa * rb, F[W + sa], wOff + sq * 8, -1, outOff);
    return F[outOff / 8];
  };
  while (nActive > 1) {
    if (len === 0) chain[len++] = clusterAt[0];
    const a = chain[len - 1];
    const sa = slotOf[a];
    const r = k.scan(cOff, nActive, dp, cOff + sa * rb, F[W + sa], wOff, sa, outOff);
    let best = clusterAt[r];
    let bestCost = F[outOff / 8];
    if (len >= 2) {
      const prev = chain[len - 2];
      const pc = costTo(sa, slotOf[prev]);
      if (pc <= bestCost) { best = prev; bestCost = pc; }
    }
    if (len >= 2 && best === chain[len - 2]) {
      len -= 2;
      const keep = Math.min(a, best), drop = Math.max(a, best);
      const sk = slotOf[keep], sd = slotOf[drop];
      const wk = F[W + sk], wd = F[W + sd], wt = wk + wd;
      for (let t = 0; t < d; t++) F[sk * dp + t] = (wk * F[sk * dp + t] + wd * F[sd * dp + t]) / wt;
      F[W + sk] = wt;
      mA[nMerges] = a; mB[nMerges] = best; mD[nMerges] = Math.sqrt(2 * bestCost); mS[nMerges] = wt;
      nMerges++;
      // Move the last slot into the dropped one.
      const last = nActive - 1;
      if (sd !== last) {
        F.copyWithin(sd * dp, last * dp, last * dp + dp);
        F[W + sd] = F[W + last];
        const moved = clusterAt[last];
        clusterAt[sd] = moved; slotOf[moved] = sd;
      }
      slotOf[drop] = -1;
      nActive--;
    } else {
      chain[len++] = best;
    }
  }
  return nMerges;
};

/**
 * Ward linkage of the rows of X (n×d, row-major), optionally weighted (a leaf of weight w acts as w coincident
 * points: the two-stage method passes micro-cluster centroids with their sizes).
 * @param weights optional positive leaf weights (default 1).
 */
export function wardLinkage(X: Float64Array, n: number, d: number, weights?: ArrayLike<number>): WardLinkage {
  if (n < 1) throw new ValidationError('Ward needs at least 1 row');
  const cent = Float64Array.from(X.subarray(0, n * d));
  const size = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    if (!(w > 0) || !Number.isFinite(w)) throw new ValidationError(`weights[${i}] is ${w}, expected a positive number`);
    size[i] = w;
  }
  const mA = new Int32Array(Math.max(0, n - 1));
  const mB = new Int32Array(Math.max(0, n - 1));
  const mD = new Float64Array(Math.max(0, n - 1));
  const mS = new Float64Array(Math.max(0, n - 1));
  const nMerges = (wardScanAvailable() ? chainSimd : chainScalar)(cent, size, n, d, mA, mB, mD, mS);
  // Sort merges by height (stable) and number clusters as scipy does (union–find over leaves).
  const order = Array.from({ length: nMerges }, (_, i) => i).sort((x, y) => mD[x] - mD[y] || x - y);
  const parent = new Int32Array(n);
  const clusterId = new Int32Array(n);
  for (let i = 0; i < n; i++) { parent[i] = i; clusterId[i] = i; }
  const find = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
  };
  const out: WardLinkage = { n, a: new Int32Array(nMerges), b: new Int32Array(nMerges), height: new Float64Array(nMerges), size: new Float64Array(nMerges) };
  for (let r = 0; r < nMerges; r++) {
    const m = order[r];
    const ra = find(mA[m]), rb = find(mB[m]);
    const ia = clusterId[ra], ib = clusterId[rb];
    out.a[r] = Math.min(ia, ib); out.b[r] = Math.max(ia, ib); out.height[r] = mD[m]; out.size[r] = mS[m];
    parent[rb] = ra;
    clusterId[ra] = n + r;
  }
  return out;
}

/**
 * Leaf labels after applying the first `nMerges` merges of a linkage: clusters numbered 0.. in the order of their
 * first leaf (leaf 0's cluster is 0). O(n α(n)).
 */
export function cutLinkage(link: WardLinkage, nMerges: number): Int32Array {
  const n = link.n;
  const parent = new Int32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
  };
  for (let r = 0; r < nMerges; r++) {
    parent[find(link.a[r])] = n + r;
    parent[find(link.b[r])] = n + r;
  }
  const labels = new Int32Array(n);
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let l = map.get(root);
    if (l === undefined) { l = map.size; map.set(root, l); }
    labels[i] = l;
  }
  return labels;
}

/** Number of merges that leave `nClusters` clusters. */
export function mergesForClusters(link: WardLinkage, nClusters: number): number {
  if (!Number.isInteger(nClusters) || nClusters < 1 || nClusters > link.n) {
    throw new ValidationError(`nClusters=${nClusters} should be an integer in 1..${link.n} (the number of leaves)`);
  }
  return link.n - nClusters;
}

/** Number of merges with height strictly below `threshold` (scikit-learn's `distance_threshold` rule). */
export function mergesBelow(link: WardLinkage, threshold: number): number {
  if (!(threshold >= 0)) throw new ValidationError(`distanceThreshold=${threshold} should be >= 0`);
  let m = 0;
  while (m < link.height.length && link.height[m] < threshold) m++;
  return m;
}
