/**
 * A shallow CART decision tree classifier (Breiman et al. 1984, "Classification and Regression Trees"): binary
 * splits `x_j <= t` on numeric features chosen to minimize the weighted Gini impurity of the children, grown depth
 * first until `maxDepth`, purity, or `minSamplesLeaf`. Used as a surrogate explanation of segments: fit it on the
 * features and the cluster labels, print its `rules()`, and report its `fidelity` (how often the rules reproduce the
 * labels). Thresholds are midpoints between consecutive distinct values, as in scikit-learn.
 */
import { checkMatrix, type Matrix } from '../core/matrix';
import { NotFittedError, ValidationError } from '../core/errors';
import { checkClassLabels, fmtNumber, fmtPercent } from './stats';

/** Options of {@link DecisionTreeClassifier}. */
export interface DecisionTreeOptions {
  /** Maximum depth (root = depth 0). Default 3. */
  maxDepth: number;
  /** Minimum rows in each child of a split. Default 1. */
  minSamplesLeaf: number;
  /** Minimum rows in a node to try a split. Default 2. */
  minSamplesSplit: number;
  /** Names of the columns of X (for rules). Default `x0`, `x1`, … */
  featureNames?: readonly string[];
}

/** Defaults of {@link DecisionTreeOptions}. */
export const DEFAULT_DECISION_TREE_OPTIONS: Readonly<DecisionTreeOptions> = Object.freeze({ maxDepth: 3, minSamplesLeaf: 1, minSamplesSplit: 2 });

/** A node of a fitted tree: a split (feature >= 0) or a leaf (feature −1). */
export interface TreeNode {
  /** Column index of the split, −1 for a leaf. */
  feature: number;
  /** Rows with x[feature] <= threshold go left. */
  threshold: number;
  /** Child node indexes (−1 for a leaf). */
  left: number;
  right: number;
  /** Training rows per class reaching this node. */
  counts: number[];
}

/** The fitted state of a tree, as plain JSON. */
export interface DecisionTreeJSON {
  type: 'DecisionTreeClassifier';
  options: DecisionTreeOptions;
  nFeatures: number;
  nClasses: number;
  featureNames: string[];
  nodes: TreeNode[];
}

/** One leaf as a rule: the path's conditions (merged per feature), the predicted class, its share and the support. */
export interface TreeRule {
  conditions: Array<{ feature: string; lower: number; upper: number }>;
  predicted: number;
  /** Share of the leaf's training rows in the predicted class. */
  share: number;
  /** Training rows in the leaf. */
  support: number;
}

function argmax(a: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[b]) b = i;
  return b;
}

/**
 * CART classifier: `fit(X, y)`, `predict`, `predictProba`, `rules()`, `fidelity(X, y)`, `featureImportances()`.
 * Complexity: fit O(depth · d · n log n) (a sort per node and feature); predict O(n · depth).
 * @example new DecisionTreeClassifier({maxDepth: 1}).fit(fromRows([[1],[2],[3],[4]]), Int32Array.from([0,0,1,1])).rules()
 * // → ['IF x0 <= 2.5 THEN class 0 (100% of 2 rows)', 'IF x0 > 2.5 THEN class 1 (100% of 2 rows)']
 */
export class DecisionTreeClassifier {
  readonly options: DecisionTreeOptions;
  private state: { nFeatures: number; nClasses: number; featureNames: string[]; nodes: TreeNode[] } | null = null;

  constructor(options: Partial<DecisionTreeOptions> = {}) {
    this.options = { ...DEFAULT_DECISION_TREE_OPTIONS, ...options };
  }

  private fitted() {
    if (!this.state) throw new NotFittedError('DecisionTreeClassifier');
    return this.state;
  }

  /** The fitted nodes (root first). */
  get nodes(): readonly TreeNode[] { return this.fitted().nodes; }

  /** Column names used in rules. */
  get featureNames(): readonly string[] { return this.fitted().featureNames; }

  /**
   * Grow the tree on X (n×d, finite) and class labels y (integers 0..K−1).
   * @param featureNames overrides `options.featureNames`.
   * @throws ValidationError on a bad shape, non-finite values, labels or options.
   */
  fit(X: Matrix, y: ArrayLike<number>, featureNames?: readonly string[]): this {
    const o = this.options;
    checkMatrix(X, { name: 'X' });
    const K = checkClassLabels(y, 'y', X.rows);
    if (!Number.isInteger(o.maxDepth) || o.maxDepth < 0) throw new ValidationError(`maxDepth=${o.maxDepth} should be an integer >= 0`);
    if (!Number.isInteger(o.minSamplesLeaf) || o.minSamplesLeaf < 1) throw new ValidationError(`minSamplesLeaf=${o.minSamplesLeaf} should be an integer >= 1`);
    if (!Number.isInteger(o.minSamplesSplit) || o.minSamplesSplit < 2) throw new ValidationError(`minSamplesSplit=${o.minSamplesSplit} should be an integer >= 2`);
    const names = [...(featureNames ?? o.featureNames ?? Array.from({ length: X.cols }, (_, j) => `x${j}`))];
    if (names.length !== X.cols) throw new ValidationError(`featureNames has ${names.length} names, X has ${X.cols} columns`);
    const nodes: TreeNode[] = [];
    const all = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) all[i] = i;
    this.grow(X, y, K, all, 0, nodes);
    this.state = { nFeatures: X.cols, nClasses: K, featureNames: names, nodes };
    return this;
  }

  private grow(X: Matrix, y: ArrayLike<number>, K: number, idx: Int32Array, depth: number, nodes: TreeNode[]): number {
    const counts = new Array<number>(K).fill(0);
    for (let r = 0; r < idx.length; r++) counts[y[idx[r]]]++;
    const id = nodes.length;
    nodes.push({ feature: -1, threshold: NaN, left: -1, right: -1, counts });
    const n = idx.length;
    const pure = counts.filter((c) => c > 0).length <= 1;
    const o = this.options;
    if (pure || depth >= o.maxDepth || n < o.minSamplesSplit || n < 2 * o.minSamplesLeaf) return id;
    const split = this.bestSplit(X, y, K, idx, counts);
    if (!split) return id;
    const left: number[] = [], right: number[] = [];
    for (let r = 0; r < n; r++) {
      const i = idx[r];
      (X.data[i * X.cols + split.feature] <= split.threshold ? left : right).push(i);
    }
    nodes[id].feature = split.feature;
    nodes[id].threshold = split.threshold;
    nodes[id].left = this.grow(X, y, K, Int32Array.from(left), depth + 1, nodes);
    nodes[id].right = this.grow(X, y, K, Int32Array.from(right), depth + 1, nodes);
    return id;
  }

  /** Best split of a node: the lowest weighted child Gini, strictly below the parent's (first feature wins ties). */
  private bestSplit(X: Matrix, y: ArrayLike<number>, K: number, idx: Int32Array, counts: number[]): { feature: number; threshold: number } | null {
    const n = idx.length, d = X.cols, data = X.data;
    const minLeaf = this.options.minSamplesLeaf;
    let sqAll = 0;
    for (const c of counts) sqAll += c * c;
    // n·Gini = n − Σc²/n; the children's weighted impurity n_L·G_L + n_R·G_R = n − Σc_L²/n_L − Σc_R²/n_R.
    const parent = n - sqAll / n;
    let best = parent - 1e-12 * Math.max(1, n);
    let bestFeature = -1, bestThreshold = NaN;
    const cl = new Float64Array(K), cr = new Float64Array(K);
    const order = Array.from(idx);
    for (let j = 0; j < d; j++) {
      order.sort((a, b) => data[a * d + j] - data[b * d + j]);
      cl.fill(0);
      for (let k = 0; k < K; k++) cr[k] = counts[k];
      let sqL = 0, sqR = sqAll;
      for (let r = 0; r < n - 1; r++) {
        const c = y[order[r]];
        sqL += 2 * cl[c] + 1; cl[c]++;
        sqR -= 2 * cr[c] - 1; cr[c]--;
        const nl = r + 1, nr = n - nl;
        const v = data[order[r] * d + j], w = data[order[r + 1] * d + j];
        if (v === w || nl < minLeaf || nr < minLeaf) continue;
        const imp = n - sqL / nl - sqR / nr;
        if (imp < best) {
          best = imp;
          bestFeature = j;
          const mid = v + (w - v) / 2;
          bestThreshold = mid < w ? mid : v;
        }
      }
    }
    return bestFeature < 0 ? null : { feature: bestFeature, threshold: bestThreshold };
  }

  private leafOf(X: Matrix, i: number): TreeNode {
    const nodes = this.fitted().nodes;
    let node = nodes[0];
    while (node.feature >= 0) node = nodes[X.data[i * X.cols + node.feature] <= node.threshold ? node.left : node.right];
    return node;
  }

  private checkX(X: Matrix): void {
    const s = this.fitted();
    checkMatrix(X, { name: 'X' });
    if (X.cols !== s.nFeatures) throw new ValidationError(`X has ${X.cols} columns, the tree was fitted on ${s.nFeatures}`);
  }

  /** Predicted class per row (the majority class of its leaf; lowest class on ties). O(n·depth). */
  predict(X: Matrix): Int32Array {
    this.checkX(X);
    const out = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = argmax(this.leafOf(X, i).counts);
    return out;
  }

  /** Class shares of each row's leaf: an n×K matrix. O(n·(depth + K)). */
  predictProba(X: Matrix): Matrix {
    this.checkX(X);
    const K = this.fitted().nClasses;
    const data = new Float64Array(X.rows * K);
    for (let i = 0; i < X.rows; i++) {
      const c = this.leafOf(X, i).counts;
      let t = 0;
      for (const v of c) t += v;
      for (let k = 0; k < K; k++) data[i * K + k] = c[k] / t;
    }
    return { data, rows: X.rows, cols: K };
  }

  /** Accuracy of the tree's predictions against labels y (e.g. the cluster labels it explains). O(n·depth). */
  fidelity(X: Matrix, y: ArrayLike<number>): number {
    const p = this.predict(X);
    checkClassLabels(y, 'y', X.rows);
    let hit = 0;
    for (let i = 0; i < p.length; i++) if (p[i] === y[i]) hit++;
    return hit / p.length;
  }

  /** Total Gini decrease per feature, normalized to sum to 1 (all 0 for a single leaf). O(nodes). */
  featureImportances(): Float64Array {
    const s = this.fitted();
    const imp = new Float64Array(s.nFeatures);
    const gini = (c: number[]) => { let t = 0, q = 0; for (const v of c) { t += v; q += v * v; } return { t, w: t - q / t }; };
    for (const node of s.nodes) {
      if (node.feature < 0) continue;
      imp[node.feature] += gini(node.counts).w - gini(s.nodes[node.left].counts).w - gini(s.nodes[node.right].counts).w;
    }
    let tot = 0;
    for (const v of imp) tot += v;
    if (tot > 0) for (let j = 0; j < imp.length; j++) imp[j] /= tot;
    return imp;
  }

  /** The leaves as structured rules, left to right. Conditions on the same feature are merged into one interval. */
  ruleList(): TreeRule[] {
    const s = this.fitted();
    const out: TreeRule[] = [];
    const walk = (id: number, bounds: Map<number, { lower: number; upper: number }>) => {
      const node = s.nodes[id];
      if (node.feature < 0) {
        let t = 0;
        for (const v of node.counts) t += v;
        const p = argmax(node.counts);
        const conditions = [...bounds.entries()].map(([j, b]) => ({ feature: s.featureNames[j], ...b }));
        out.push({ conditions, predicted: p, share: node.counts[p] / t, support: t });
        return;
      }
      const j = node.feature;
      const cur = bounds.get(j) ?? { lower: -Infinity, upper: Infinity };
      const l = new Map(bounds); l.set(j, { lower: cur.lower, upper: Math.min(cur.upper, node.threshold) });
      const r = new Map(bounds); r.set(j, { lower: Math.max(cur.lower, node.threshold), upper: cur.upper });
      walk(node.left, l);
      walk(node.right, r);
    };
    walk(0, new Map());
    return out;
  }

  /**
   * The rules as readable lines: "IF PURCHASES > 1,234 AND 0.25 < PRC_FULL_PAYMENT <= 0.5 THEN segment 2 (87% of 1,520 rows)".
   * @param classNames names by class index (default `class <k>`).
   */
  rules(classNames?: readonly string[]): string[] {
    return this.ruleList().map((r) => {
      const conds = r.conditions.map((c) => {
        if (c.lower === -Infinity) return `${c.feature} <= ${fmtNumber(c.upper)}`;
        if (c.upper === Infinity) return `${c.feature} > ${fmtNumber(c.lower)}`;
        return `${fmtNumber(c.lower)} < ${c.feature} <= ${fmtNumber(c.upper)}`;
      });
      const name = classNames?.[r.predicted] ?? `class ${r.predicted}`;
      const then = `${name} (${fmtPercent(r.share)} of ${r.support.toLocaleString('en-US')} rows)`;
      return conds.length ? `IF ${conds.join(' AND ')} THEN ${then}` : `ALWAYS ${then}`;
    });
  }

  /** Fitted state as plain JSON. @throws NotFittedError */
  toJSON(): DecisionTreeJSON {
    const s = this.fitted();
    return {
      type: 'DecisionTreeClassifier', options: { ...this.options, featureNames: undefined }, nFeatures: s.nFeatures, nClasses: s.nClasses,
      featureNames: [...s.featureNames], nodes: s.nodes.map((n) => ({ ...n, threshold: n.feature < 0 ? 0 : n.threshold, counts: [...n.counts] })),
    };
  }

  /** Rebuild a fitted tree from {@link toJSON}. @throws ValidationError on a malformed object. */
  static fromJSON(json: DecisionTreeJSON): DecisionTreeClassifier {
    if (!json || json.type !== 'DecisionTreeClassifier' || !Array.isArray(json.nodes) || json.nodes.length === 0) {
      throw new ValidationError('not a DecisionTreeClassifier JSON object (expected type "DecisionTreeClassifier" and a non-empty nodes array)');
    }
    const t = new DecisionTreeClassifier(json.options);
    t.state = {
      nFeatures: json.nFeatures, nClasses: json.nClasses, featureNames: [...json.featureNames],
      nodes: json.nodes.map((n) => ({ ...n, threshold: n.feature < 0 ? NaN : n.threshold, counts: [...n.counts] })),
    };
    return t;
  }
}
