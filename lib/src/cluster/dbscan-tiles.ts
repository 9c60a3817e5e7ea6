/**
 * DBSCAN's neighbourhood work on blocked SIMD distance tiles (internal engine of dbscan.ts for the brute-force
 * case), in three passes over pairs, never storing a neighbourhood and never an n×n matrix:
 *   1. count: every pair i < j once (upper-triangle panels): neighbours within eps, both ways → core flags;
 *   2. link: core–core pairs within eps are unioned (a union-find per thread, merged after), tiles whose core rows
 *      already share one root are skipped → connected components of the core graph;
 *   3. border: each non-core row takes the smallest cluster number among its core neighbours within eps.
 * Clusters are numbered by their smallest core row. This is exactly scikit-learn's `dbscan_inner` result (clusters
 * grow in row order, so a cluster's number follows its first core row, and a border row keeps the first cluster
 * that reaches it, the smallest number), and the same labels as the depth-first expansion of dbscan.ts.
 * A pair is "within eps" when Σ(x_t − y_t)² ≤ eps² in the direct form (as the brute-force scan): the Gram form
 * decides wherever it is further than {@link gramErrorBound} from eps², the direct form elsewhere.
 * Complexity: passes 1–2 O(n²·d/2) multiply-adds each (pass 2 usually far less, tiles being skipped), pass 3
 * O(b·n·d) for b non-core rows; memory n·d·8 (one copy of X) + threads·n·8 bytes.
 */
import { TILE_PANEL, TILE_ROWS, TileThread, createTileMemory, gramErrorBound, type TileMemory } from './pair-tiles';
import type { UnitHandler } from './parallel-handlers';
import { runUnits } from './parallel-pool';

interface Payload {
  mem: TileMemory;
  eps2: number;
  bound: number;
  /** Per slot n neighbour counts (pass 1). */
  counts: Int32Array;
  /** n core flags (after pass 1). */
  core: Uint8Array;
  /** Per slot n union-find parents (pass 2). */
  parents: Int32Array;
  /** Non-core rows (pass 3), their per-slot best cluster, cluster of every core row. */
  border: Int32Array;
  best: Int32Array;
  comp: Int32Array;
  /** Pass 3 units: border panels × row groups of this many rows. */
  groupRows: number;
}

interface State { p: Payload; T: TileThread; slot: number }

function find(par: Int32Array, o: number, x: number): number {
  while (par[o + x] !== x) {
    const g = par[o + par[o + x]];
    par[o + x] = g;
    x = g;
  }
  return x;
}

/** Is the pair (i, j) within eps? `s` is its Gram-form squared distance, `nn` = ‖x_i‖² + ‖x_j‖². */
function within(T: TileThread, s: number, nn: number, eps2: number, bound: number, i: number, j: number): boolean {
  const tol = bound * nn;
  if (s <= eps2 - tol) return true;
  if (s > eps2 + tol) return false;
  return T.direct(i, j) <= eps2;
}

function countUnit(st: State, u: number): void {
  const { p, T, slot } = st;
  const { n, d } = T.L;
  const P = TILE_PANEL, MI = TILE_ROWS;
  const q = Math.ceil(n / P) - 1 - u;
  const { F, nr0, g0 } = T;
  const C = p.counts, co = slot * n;
  const { eps2, bound } = p;
  const j0 = q * P, jn = Math.min(P, n - j0), iEnd = j0 + jn;
  T.packPanel(q);
  for (let i0 = 0; i0 < iEnd; i0 += MI) {
    T.product(i0 * d * 8, MI);
    const rEnd = Math.min(MI, iEnd - i0);
    for (let r = 0; r < rEnd; r++) {
      const i = i0 + r;
      const ni = F[nr0 + i];
      const gr = g0 + r * P;
      let c = 0;
      for (let jj = i >= j0 ? i - j0 + 1 : 0; jj < jn; jj++) {
        const nn = ni + F[nr0 + j0 + jj];
        if (within(T, nn - 2 * F[gr + jj], nn, eps2, bound, i, j0 + jj)) { c++; C[co + j0 + jj]++; }
      }
      C[co + i] += c;
    }
  }
}

function linkUnit(st: State, u: number): void {
  const { p, T, slot } = st;
  const { n, d } = T.L;
  const P = TILE_PANEL, MI = TILE_ROWS;
  const q = Math.ceil(n / P) - 1 - u;
  const { F, nr0, g0 } = T;
  const { core, parents: par, eps2, bound } = p;
  const po = slot * n;
  const j0 = q * P, jn = Math.min(P, n - j0), iEnd = j0 + jn;
  let packed = false;
  for (let i0 = 0; i0 < iEnd; i0 += MI) {
    const rEnd = Math.min(MI, iEnd - i0);
    // Skip the tile when all its core rows (chunk and panel) already share one root.
    let root = -1, uniform = true;
    for (let jj = 0; jj < jn && uniform; jj++) {
      if (!core[j0 + jj]) continue;
      const rt = find(par, po, j0 + jj);
      if (root === -1) root = rt; else if (rt !== root) uniform = false;
    }
    const panelRoot = uniform ? root : -2;
    for (let r = 0; r < rEnd && uniform; r++) {
      if (!core[i0 + r]) continue;
      const rt = find(par, po, i0 + r);
      if (root === -1) root = rt; else if (rt !== root) uniform = false;
    }
    if (uniform) continue;
    if (!packed) { T.packPanel(q); packed = true; }
    T.product(i0 * d * 8, MI);
    for (let r = 0; r < rEnd; r++) {
      const i = i0 + r;
      if (!core[i]) continue;
      if (panelRoot >= 0 && find(par, po, i) === panelRoot) continue;
      const ni = F[nr0 + i];
      const gr = g0 + r * P;
      for (let jj = i >= j0 ? i - j0 + 1 : 0; jj < jn; jj++) {
        const j = j0 + jj;
        if (!core[j]) continue;
        const a = find(par, po, i), b = find(par, po, j);
        if (a === b) continue;
        const nn = ni + F[nr0 + j];
        if (within(T, nn - 2 * F[gr + jj], nn, eps2, bound, i, j)) {
          if (a < b) par[po + b] = a; else par[po + a] = b;
        }
      }
    }
  }
}

function borderUnit(st: State, u: number): void {
  const { p, T, slot } = st;
  const { n, d } = T.L;
  const P = TILE_PANEL, MI = TILE_ROWS;
  const { F, nr0, g0 } = T;
  const { core, comp, border, best, eps2, bound, groupRows } = p;
  const nb = border.length;
  const groups = Math.ceil(n / groupRows);
  const bp = Math.floor(u / groups), g = u % groups;
  const b0 = bp * P, bn = Math.min(P, nb - b0);
  const bo = slot * nb;
  T.packRows(border, b0, bn);
  const iStart = g * groupRows, iEnd = Math.min(n, iStart + groupRows);
  for (let i0 = iStart; i0 < iEnd; i0 += MI) {
    T.product(i0 * d * 8, MI);
    const rEnd = Math.min(MI, iEnd - i0);
    for (let r = 0; r < rEnd; r++) {
      const i = i0 + r;
      if (!core[i]) continue;
      const ci = comp[i];
      const ni = F[nr0 + i];
      const gr = g0 + r * P;
      for (let bb = 0; bb < bn; bb++) {
        if (ci >= best[bo + b0 + bb]) continue;
        const j = border[b0 + bb];
        const nn = ni + F[nr0 + j];
        if (within(T, nn - 2 * F[gr + bb], nn, eps2, bound, i, j)) best[bo + b0 + bb] = ci;
      }
    }
  }
}

const init = (payload: unknown, slot: number, gemm?: ConstructorParameters<typeof TileThread>[2]): State => {
  const p = payload as Payload;
  return { p, T: new TileThread(p.mem, slot, gemm), slot };
};

/** Handlers of the pool's 'dbscan-count', 'dbscan-link' and 'dbscan-border' jobs. */
export const DBSCAN_HANDLERS: Record<string, UnitHandler> = {
  'dbscan-count': { init, unit: (s, u) => countUnit(s as State, u) },
  'dbscan-link': { init, unit: (s, u) => linkUnit(s as State, u) },
  'dbscan-border': { init, unit: (s, u) => borderUnit(s as State, u) },
};

/** Core flags and labels of DBSCAN on the rows of X (n×d), or null without WebAssembly SIMD. */
export function dbscanTiles(X: Float64Array, n: number, d: number, eps: number, minSamples: number, threads: number): { labels: Int32Array; isCore: Uint8Array } | null {
  const nPanels = Math.ceil(n / TILE_PANEL);
  const th = Math.max(1, Math.min(threads, nPanels));
  const made = createTileMemory(X, d, null, n, th);
  if (!made) return null;
  const { gemm, ...mem } = made;
  const shared = th > 1;
  const sab = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const p: Payload = {
    mem, eps2: eps * eps, bound: gramErrorBound(d),
    counts: new Int32Array(sab(4 * th * n)), core: new Uint8Array(sab(n)), parents: new Int32Array(sab(4 * th * n)),
    border: new Int32Array(0), best: new Int32Array(0), comp: new Int32Array(sab(4 * n)), groupRows: 1024,
  };
  // The calling thread's state uses the already instantiated kernel (slot 0).
  const run = (kind: string, nUnits: number): number[] => {
    if (!shared) {
      const st = init(p, 0, gemm);
      for (let u = 0; u < nUnits; u++) DBSCAN_HANDLERS[kind].unit(st, u);
      return [0];
    }
    return runUnits(kind, p, nUnits, th);
  };
  // Pass 1: counts (each row counts itself too).
  let slots = run('dbscan-count', nPanels);
  let nCore = 0;
  for (let i = 0; i < n; i++) {
    let c = 1;
    for (const s of slots) c += p.counts[s * n + i];
    if (c >= minSamples) { p.core[i] = 1; nCore++; }
  }
  // Pass 2: components of the core graph.
  for (let s = 0; s < th; s++) for (let i = 0; i < n; i++) p.parents[s * n + i] = i;
  slots = nCore > 1 ? run('dbscan-link', nPanels) : [0];
  const g = new Int32Array(n);
  for (let i = 0; i < n; i++) g[i] = i;
  for (const s of slots) {
    for (let i = 0; i < n; i++) {
      if (!p.core[i]) continue;
      const a = find(g, 0, i), b = find(g, 0, find(p.parents, s * n, i));
      if (a !== b) { if (a < b) g[b] = a; else g[a] = b; }
    }
  }
  const labels = new Int32Array(n).fill(-1);
  const clusterOfRoot = new Int32Array(n).fill(-1);
  let nClusters = 0;
  for (let i = 0; i < n; i++) {
    if (!p.core[i]) continue;
    const r = find(g, 0, i);
    if (clusterOfRoot[r] === -1) clusterOfRoot[r] = nClusters++;
    labels[i] = clusterOfRoot[r];
    p.comp[i] = labels[i];
  }
  // Pass 3: border rows.
  const border: number[] = [];
  for (let i = 0; i < n; i++) if (!p.core[i]) border.push(i);
  if (border.length && nCore) {
    const nb = border.length;
    p.border = new Int32Array(sab(4 * nb));
    p.border.set(border);
    p.best = new Int32Array(sab(4 * th * nb)).fill(2147483647);
    const units = Math.ceil(nb / TILE_PANEL) * Math.ceil(n / p.groupRows);
    slots = run('dbscan-border', units);
    for (let b = 0; b < nb; b++) {
      let m = 2147483647;
      for (const s of slots) m = Math.min(m, p.best[s * nb + b]);
      if (m !== 2147483647) labels[border[b]] = m;
    }
  }
  return { labels, isCore: p.core };
}
