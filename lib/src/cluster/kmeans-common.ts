/**
 * Internal kernels shared by the K-Means variants (Lloyd, Hamerly, mini-batch): squared distances, nearest centre,
 * centre update with scikit-learn's empty-cluster relocation, inertia. Inner kernels trust their input (validated at
 * the public boundary). Every variant uses THESE kernels, so Lloyd and Hamerly compute bit-identical distances and
 * centres and therefore reach identical labels.
 */

/**
 * Squared Euclidean distance between row `i` of `X` (d columns) and row `j` of `C`, summed left to right
 * (the order is fixed so that every caller gets the same floating-point value).
 */
export function sqDistRC(X: Float64Array, i: number, C: Float64Array, j: number, d: number): number {
  const xo = i * d;
  const co = j * d;
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = X[xo + t] - C[co + t];
    s += v * v;
  }
  return s;
}

/**
 * Nearest centre of row i (first index on exact ties). Writes the squared distance to `minOut[i]` when given.
 * O(k·d).
 */
export function nearestCenter(X: Float64Array, i: number, C: Float64Array, k: number, d: number): number {
  let best = 0;
  let bestD = sqDistRC(X, i, C, 0, d);
  for (let j = 1; j < k; j++) {
    const dj = sqDistRC(X, i, C, j, d);
    if (dj < bestD) {
      bestD = dj;
      best = j;
    }
  }
  return best;
}

/**
 * Assign every row to its nearest centre (first index on ties). Centres are taken four at a time so each row value
 * is loaded once per block; every (row, centre) sum keeps the same order as {@link sqDistRC}, so the values (and the
 * labels) are bit-identical to the one-pair kernel. O(n·k·d).
 */
export function assignAll(X: Float64Array, n: number, C: Float64Array, k: number, d: number, labels: Int32Array): void {
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    let best = -1;
    let bestD = Infinity;
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const c0 = j * d;
      const c1 = c0 + d;
      const c2 = c1 + d;
      const c3 = c2 + d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let t = 0; t < d; t++) {
        const x = X[xo + t];
        const v0 = x - C[c0 + t];
        const v1 = x - C[c1 + t];
        const v2 = x - C[c2 + t];
        const v3 = x - C[c3 + t];
        s0 += v0 * v0;
        s1 += v1 * v1;
        s2 += v2 * v2;
        s3 += v3 * v3;
      }
      if (s0 < bestD) { bestD = s0; best = j; }
      if (s1 < bestD) { bestD = s1; best = j + 1; }
      if (s2 < bestD) { bestD = s2; best = j + 2; }
      if (s3 < bestD) { bestD = s3; best = j + 3; }
    }
    for (; j < k; j++) {
      const sj = sqDistRC(X, i, C, j, d);
      if (sj < bestD) { bestD = sj; best = j; }
    }
    labels[i] = best;
  }
}

/**
 * Squared distances of row i to all k centres into out[o..o+k), four centres at a time, each value bit-identical to
 * {@link sqDistRC}. O(k·d).
 */
export function distancesToAll(X: Float64Array, i: number, C: Float64Array, k: number, d: number, out: Float64Array, o: number): void {
  const xo = i * d;
  let j = 0;
  for (; j + 3 < k; j += 4) {
    const c0 = j * d;
    const c1 = c0 + d;
    const c2 = c1 + d;
    const c3 = c2 + d;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let t = 0; t < d; t++) {
      const x = X[xo + t];
      const v0 = x - C[c0 + t];
      const v1 = x - C[c1 + t];
      const v2 = x - C[c2 + t];
      const v3 = x - C[c3 + t];
      s0 += v0 * v0;
      s1 += v1 * v1;
      s2 += v2 * v2;
      s3 += v3 * v3;
    }
    out[o + j] = s0;
    out[o + j + 1] = s1;
    out[o + j + 2] = s2;
    out[o + j + 3] = s3;
  }
  for (; j < k; j++) out[o + j] = sqDistRC(X, i, C, j, d);
}

/** Sum of squared distances of rows to their assigned centre. O(n·d). */
export function inertiaOf(X: Float64Array, n: number, C: Float64Array, d: number, labels: Int32Array): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += sqDistRC(X, i, C, labels[i], d);
  return s;
}

/**
 * Bring per-cluster sums and counts in line with new labels, walking rows in increasing order and moving only the
 * rows whose label changed (`synced[i]` holds the label the sums currently count row i under, -1 = none; it is
 * updated). Every variant calls this same function in the same order, so the sums are bit-identical across variants.
 * O(n + changes·d). Returns the number of rows whose label changed.
 */
export function syncSums(
  X: Float64Array, n: number, d: number, labels: Int32Array, synced: Int32Array, sums: Float64Array, counts: Float64Array,
): number {
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    const o = synced[i];
    if (c === o) continue;
    changed++;
    const xo = i * d;
    if (o >= 0) {
      const oo = o * d;
      for (let t = 0; t < d; t++) sums[oo + t] -= X[xo + t];
      counts[o] -= 1;
    }
    const co = c * d;
    for (let t = 0; t < d; t++) sums[co + t] += X[xo + t];
    counts[c] += 1;
    synced[i] = c;
  }
  return changed;
}

/**
 * New centres = sums / counts, with scikit-learn's relocation of empty clusters (`_relocate_empty_clusters_dense`):
 * each empty cluster takes, in turn, one of the rows farthest from their current centre (ties: lower row index
 * first), and that row is taken out of its own cluster's sum for this update only (labels are not changed, as in
 * scikit-learn). A cluster whose count falls to 0 this way keeps its (zero) sum, as in scikit-learn.
 * O(k·d), plus O(n·d) when a cluster is empty. Returns the number of relocated clusters.
 * @param Cold current centres (k×d, read only).  @param Cnew output centres (k×d).
 */
export function centersFromSums(
  X: Float64Array, n: number, d: number, k: number, labels: Int32Array,
  sums: Float64Array, counts: Float64Array, Cold: Float64Array, Cnew: Float64Array,
): number {
  let nEmpty = 0;
  for (let j = 0; j < k; j++) if (counts[j] === 0) nEmpty++;
  Cnew.set(sums);
  let cnt = counts;
  if (nEmpty > 0) {
    cnt = Float64Array.from(counts);
    relocateEmpty(X, n, d, k, labels, Cold, Cnew, cnt, nEmpty);
  }
  for (let j = 0; j < k; j++) {
    if (cnt[j] > 0) {
      const inv = 1 / cnt[j];
      const co = j * d;
      for (let t = 0; t < d; t++) Cnew[co + t] *= inv;
    }
  }
  return nEmpty;
}

function relocateEmpty(
  X: Float64Array, n: number, d: number, k: number, labels: Int32Array,
  Cold: Float64Array, Csum: Float64Array, counts: Float64Array, nEmpty: number,
): void {
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = sqDistRC(X, i, Cold, labels[i], d);
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (counts[j] === 0) empty.push(j);
  const taken = new Uint8Array(n);
  for (let e = 0; e < nEmpty; e++) {
    let far = -1;
    let farD = -1;
    for (let i = 0; i < n; i++) if (!taken[i] && dist[i] > farD) { farD = dist[i]; far = i; }
    if (far < 0) break;
    taken[far] = 1;
    const newId = empty[e];
    const oldId = labels[far];
    const xo = far * d;
    for (let t = 0; t < d; t++) {
      Csum[oldId * d + t] -= X[xo + t];
      Csum[newId * d + t] = X[xo + t];
    }
    counts[newId] = 1;
    counts[oldId] -= 1;
  }
}

/** Squared shift of each centre between two centre sets, written to `shift2`; returns the total. O(k·d). */
export function centerShifts(Cold: Float64Array, Cnew: Float64Array, k: number, d: number, shift2: Float64Array): number {
  let tot = 0;
  for (let j = 0; j < k; j++) {
    const s = sqDistRC(Cold, j, Cnew, j, d);
    shift2[j] = s;
    tot += s;
  }
  return tot;
}

/** Mean of the per-column population variances (scikit-learn's scale for `tol`). O(n·d). */
export function meanColumnVariance(X: Float64Array, n: number, d: number): number {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += X[i * d + t];
  for (let t = 0; t < d; t++) mean[t] /= n;
  let v = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const z = X[i * d + t] - mean[t];
      v += z * z;
    }
  }
  return v / (n * d);
}

/** Whether two label arrays are equal. O(n). */
export function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Result of one K-Means run from one initialization. */
export interface KMeansRun {
  labels: Int32Array;
  /** k×d row-major. */
  centers: Float64Array;
  inertia: number;
  nIter: number;
  /** Labels stopped changing (scikit-learn's "strict convergence") or the centre shift fell under tol. */
  converged: boolean;
}

/** Per-run buffers of the centre update shared by the variants. */
export interface CenterState {
  sums: Float64Array;
  counts: Float64Array;
  synced: Int32Array;
}

/** Fresh centre-update state for n rows, k clusters, d columns. */
export function newCenterState(n: number, k: number, d: number): CenterState {
  return { sums: new Float64Array(k * d), counts: new Float64Array(k), synced: new Int32Array(n).fill(-1) };
}

/**
 * 2·(max distance of a row to the column means) + tiny: an upper bound on every point–centre distance the bounded
 * variants track, used to scale their safety margin. O(n·d).
 */
export function diameterScale(X: Float64Array, n: number, d: number): number {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += X[i * d + t];
  for (let t = 0; t < d; t++) mean[t] /= n;
  let mx = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let t = 0; t < d; t++) { const z = X[i * d + t] - mean[t]; v += z * z; }
    if (v > mx) mx = v;
  }
  return 2 * Math.sqrt(mx) + 1e-300;
}

/**
 * Move Hamerly's bounds after an update step: `shift2` holds each centre's squared shift on entry and its shift
 * (square root) on exit; each row's upper bound grows by its centre's shift, its lower bound shrinks by the largest
 * shift of any other centre. O(n + k).
 */
export function shiftHamerlyBounds(shift2: Float64Array, k: number, labels: Int32Array, upper: Float64Array, lower: Float64Array, n: number): void {
  let p1 = 0;
  let p2 = 0;
  let r1 = -1;
  for (let j = 0; j < k; j++) {
    const p = Math.sqrt(shift2[j]);
    shift2[j] = p;
    if (p > p1) { p2 = p1; p1 = p; r1 = j; } else if (p > p2) p2 = p;
  }
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    upper[i] += shift2[a];
    lower[i] -= a === r1 ? p2 : p1;
  }
}
