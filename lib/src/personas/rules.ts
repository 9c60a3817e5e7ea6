/**
 * Business-guided personas as data. A persona is a named rule over named scores (engineered features or raw
 * columns) with a priority, a strategy and a channel; customers get the first persona (by priority) whose rule
 * matches. Thresholds may be given as values or as quantiles of the training data; quantiles are resolved once by
 * `fit` and stored, so new customers are scored with the same cut points.
 *
 * Rule grammar (plain JSON):
 *   `{all: [rule, …]}` (and), `{any: [rule, …]}` (or), `{not: rule}`,
 *   `{feature, op, value}` and `{feature, op, quantile}` with op one of `>` `>=` `<` `<=` `==` `!=`,
 *   `{always: true}` (the catch-all).
 * A comparison with a missing value (NaN) is false (so `{not: …}` of it is true); rows no rule matches get −1.
 */
import { NotFittedError, ValidationError } from '../core/errors';
import { isNumeric, type Table } from '../data/table';
import { quantileOfSorted, sortedFiniteWhere } from './stats';

/** Comparison operators of a persona rule. */
export type PersonaOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** A persona rule (see the module comment for the grammar). */
export type PersonaRule =
  | { readonly all: readonly PersonaRule[] }
  | { readonly any: readonly PersonaRule[] }
  | { readonly not: PersonaRule }
  | { readonly feature: string; readonly op: PersonaOp; readonly value: number }
  | { readonly feature: string; readonly op: PersonaOp; readonly quantile: number }
  | { readonly always: true };

/** A persona: who, how to recognize them, what to do. */
export interface PersonaDefinition {
  /** Stable identifier (kebab-case). */
  readonly id: string;
  readonly name: string;
  /** One or two sentences for the persona card. */
  readonly description: string;
  /** Evaluation order: lower first; ties keep the definition order. */
  readonly priority: number;
  readonly rule: PersonaRule;
  /** Strategy bullets. */
  readonly strategy: readonly string[];
  /** Preferred contact channel, e.g. "relationship manager call". */
  readonly channel: string;
  /** Display colour (CSS). */
  readonly color: string;
}

/** Named numeric columns: a Table (numeric columns are used) or a record of arrays. */
export type PersonaInput = Table | Readonly<Record<string, ArrayLike<number>>>;

/** The result of {@link PersonaModel.assign}. */
export interface PersonaAssignment {
  /** Persona index per row (into `personas`, in priority order), −1 when no rule matched. */
  readonly labels: Int32Array;
  /** Persona names, in priority order (= label order). */
  readonly names: readonly string[];
  /** Rows per persona. */
  readonly counts: readonly number[];
  /** counts / rows. */
  readonly shares: readonly number[];
  /** Rows no persona matched. */
  readonly unassigned: number;
}

/** Fitted state of a {@link PersonaModel}. */
export interface PersonaModelJSON {
  readonly type: 'PersonaModel';
  readonly personas: readonly PersonaDefinition[];
  /** Resolved quantile thresholds, keyed `feature@quantile`. */
  readonly thresholds: Readonly<Record<string, number>>;
}

const OPS: readonly PersonaOp[] = ['>', '>=', '<', '<=', '==', '!='];

/** Key of a quantile threshold. */
export function quantileKey(feature: string, q: number): string {
  return `${feature}@${q}`;
}

/** Check a rule's shape; `path` names where it sits for the error message. */
function checkRule(rule: PersonaRule, path: string): void {
  if (rule == null || typeof rule !== 'object') throw new ValidationError(`${path}: a rule should be an object, got ${JSON.stringify(rule)}`);
  const r = rule as Record<string, unknown>;
  if ('all' in r || 'any' in r) {
    const list = (r.all ?? r.any) as unknown;
    if (!Array.isArray(list) || list.length === 0) throw new ValidationError(`${path}: "${'all' in r ? 'all' : 'any'}" should be a non-empty array of rules`);
    list.forEach((x, i) => checkRule(x as PersonaRule, `${path}.${'all' in r ? 'all' : 'any'}[${i}]`));
  } else if ('not' in r) {
    checkRule(r.not as PersonaRule, `${path}.not`);
  } else if ('always' in r) {
    if (r.always !== true) throw new ValidationError(`${path}: "always" should be true`);
  } else if ('feature' in r) {
    if (typeof r.feature !== 'string' || !r.feature) throw new ValidationError(`${path}: feature should be a non-empty string`);
    if (!OPS.includes(r.op as PersonaOp)) throw new ValidationError(`${path}: op ${JSON.stringify(r.op)} should be one of ${OPS.join(' ')}`);
    if ('quantile' in r) {
      const q = r.quantile as number;
      if (typeof q !== 'number' || !(q >= 0 && q <= 1)) throw new ValidationError(`${path}: quantile=${q} should be in [0, 1]`);
    } else if (typeof r.value !== 'number' || Number.isNaN(r.value)) {
      throw new ValidationError(`${path}: value=${JSON.stringify(r.value)} should be a number (or give a quantile)`);
    }
  } else {
    throw new ValidationError(`${path}: unknown rule ${JSON.stringify(rule)}; expected all, any, not, always or {feature, op, value|quantile}`);
  }
}

/** Features referenced by a rule, and the quantiles per feature. */
export function ruleFeatures(rule: PersonaRule, out: Map<string, Set<number>> = new Map()): Map<string, Set<number>> {
  const r = rule as Record<string, unknown>;
  if ('all' in r || 'any' in r) for (const x of (r.all ?? r.any) as PersonaRule[]) ruleFeatures(x, out);
  else if ('not' in r) ruleFeatures(r.not as PersonaRule, out);
  else if ('feature' in r) {
    const f = r.feature as string;
    if (!out.has(f)) out.set(f, new Set());
    if ('quantile' in r) (out.get(f) as Set<number>).add(r.quantile as number);
  }
  return out;
}

/** Numeric column `name` of the input. @throws ValidationError naming the missing feature and the available ones. */
function columnOf(data: PersonaInput, name: string, persona: string): ArrayLike<number> {
  if ('columns' in data && Array.isArray((data as Table).columns) && typeof (data as Table).nRows === 'number') {
    const t = data as Table;
    const c = t.columns.find((x) => x.name === name);
    if (!c) {
      throw new ValidationError(`persona "${persona}" needs feature "${name}", which is missing; available: ${t.columns.map((x) => x.name).join(', ')}`);
    }
    if (!isNumeric(c)) throw new ValidationError(`persona "${persona}" needs feature "${name}" as numeric, it is ${c.kind}`);
    return c.values;
  }
  const rec = data as Readonly<Record<string, ArrayLike<number>>>;
  const v = rec[name];
  if (v === undefined) {
    throw new ValidationError(`persona "${persona}" needs feature "${name}", which is missing; available: ${Object.keys(rec).join(', ')}`);
  }
  return v;
}

function rowsOf(data: PersonaInput): number {
  if ('columns' in data && Array.isArray((data as Table).columns) && typeof (data as Table).nRows === 'number') return (data as Table).nRows;
  const first = Object.values(data as Record<string, ArrayLike<number>>)[0];
  return first ? first.length : 0;
}

function compare(x: number, op: PersonaOp, t: number): boolean {
  switch (op) {
    case '>': return x > t;
    case '>=': return x >= t;
    case '<': return x < t;
    case '<=': return x <= t;
    case '==': return x === t;
    default: return !Number.isNaN(x) && x !== t;
  }
}

/** Evaluate a rule on all rows into `out` (1 = match). O(n · rule size). */
function evaluate(rule: PersonaRule, cols: Map<string, ArrayLike<number>>, thresholds: Readonly<Record<string, number>>, n: number): Uint8Array {
  const r = rule as Record<string, unknown>;
  const out = new Uint8Array(n);
  if ('always' in r) return out.fill(1);
  if ('all' in r) {
    out.fill(1);
    for (const x of r.all as PersonaRule[]) { const m = evaluate(x, cols, thresholds, n); for (let i = 0; i < n; i++) out[i] &= m[i]; }
    return out;
  }
  if ('any' in r) {
    for (const x of r.any as PersonaRule[]) { const m = evaluate(x, cols, thresholds, n); for (let i = 0; i < n; i++) out[i] |= m[i]; }
    return out;
  }
  if ('not' in r) {
    const m = evaluate(r.not as PersonaRule, cols, thresholds, n);
    for (let i = 0; i < n; i++) out[i] = 1 - m[i];
    return out;
  }
  const f = r.feature as string;
  const v = cols.get(f) as ArrayLike<number>;
  const op = r.op as PersonaOp;
  const t = 'quantile' in r ? thresholds[quantileKey(f, r.quantile as number)] : (r.value as number);
  for (let i = 0; i < n; i++) out[i] = compare(v[i], op, t) ? 1 : 0;
  return out;
}

/**
 * Persona definitions with fitted quantile thresholds: `fit(data)` then `assign(data)` (first matching persona in
 * priority order wins), `threshold(feature, q)`, JSON round trip.
 * Complexity: fit O(n log n) per feature with quantiles; assign O(n · total rule size).
 * @example new PersonaModel(BANK_PERSONAS).fit(scores).assign(scores).shares // → e.g. [0.03, 0.15, 0.04, 0.78]
 */
export class PersonaModel {
  /** The personas in evaluation (priority) order. */
  readonly personas: readonly PersonaDefinition[];
  private thresholds: Record<string, number> | null = null;

  /** @throws ValidationError on malformed definitions or duplicate ids. */
  constructor(personas: readonly PersonaDefinition[]) {
    if (!Array.isArray(personas) || personas.length === 0) throw new ValidationError('personas should be a non-empty array of PersonaDefinition');
    const ids = new Set<string>();
    personas.forEach((p, i) => {
      if (!p || typeof p.id !== 'string' || typeof p.name !== 'string') throw new ValidationError(`personas[${i}] should have a string id and name`);
      if (ids.has(p.id)) throw new ValidationError(`personas[${i}]: duplicate id "${p.id}"`);
      ids.add(p.id);
      if (typeof p.priority !== 'number' || Number.isNaN(p.priority)) throw new ValidationError(`persona "${p.id}": priority=${p.priority} should be a number`);
      checkRule(p.rule, `persona "${p.id}" rule`);
    });
    this.personas = personas.map((p, i) => ({ p, i })).sort((a, b) => a.p.priority - b.p.priority || a.i - b.i).map((x) => x.p);
  }

  /** Every feature the rules reference, sorted. */
  get features(): string[] {
    const m = new Map<string, Set<number>>();
    for (const p of this.personas) ruleFeatures(p.rule, m);
    return [...m.keys()].sort();
  }

  /**
   * Resolve every quantile threshold on the training data (type-7 quantile of the finite values; NaN when a feature
   * has none). Features that only appear with fixed values are not needed here.
   * @throws ValidationError naming a missing feature.
   */
  fit(data: PersonaInput): this {
    const thresholds: Record<string, number> = {};
    for (const p of this.personas) {
      for (const [f, qs] of ruleFeatures(p.rule)) {
        if (qs.size === 0) continue;
        const s = sortedFiniteWhere(columnOf(data, f, p.id));
        for (const q of qs) thresholds[quantileKey(f, q)] = quantileOfSorted(s, q);
      }
    }
    this.thresholds = thresholds;
    return this;
  }

  /** The fitted threshold of `feature` at quantile `q`. @throws NotFittedError, ValidationError when not in a rule. */
  threshold(feature: string, q: number): number {
    if (!this.thresholds) throw new NotFittedError('PersonaModel');
    const v = this.thresholds[quantileKey(feature, q)];
    if (v === undefined) throw new ValidationError(`no rule uses feature "${feature}" at quantile ${q}`);
    return v;
  }

  /** All fitted thresholds keyed `feature@quantile`. */
  get fittedThresholds(): Readonly<Record<string, number>> {
    if (!this.thresholds) throw new NotFittedError('PersonaModel');
    return { ...this.thresholds };
  }

  /**
   * Assign each row the first persona (priority order) whose rule matches.
   * @throws NotFittedError before fit; ValidationError naming a missing feature or columns of different lengths.
   */
  assign(data: PersonaInput): PersonaAssignment {
    if (!this.thresholds) throw new NotFittedError('PersonaModel');
    const n = rowsOf(data);
    const cols = new Map<string, ArrayLike<number>>();
    for (const p of this.personas) {
      for (const f of ruleFeatures(p.rule).keys()) {
        if (cols.has(f)) continue;
        const v = columnOf(data, f, p.id);
        if (v.length !== n) throw new ValidationError(`feature "${f}" has ${v.length} values, expected ${n}`);
        cols.set(f, v);
      }
    }
    const labels = new Int32Array(n).fill(-1);
    const counts = new Array<number>(this.personas.length).fill(0);
    let left = n;
    this.personas.forEach((p, k) => {
      if (left === 0) return;
      const m = evaluate(p.rule, cols, this.thresholds as Record<string, number>, n);
      for (let i = 0; i < n; i++) {
        if (labels[i] === -1 && m[i]) { labels[i] = k; counts[k]++; left--; }
      }
    });
    return { labels, names: this.personas.map((p) => p.name), counts, shares: counts.map((c) => (n > 0 ? c / n : NaN)), unassigned: left };
  }

  /** Fitted state as plain JSON. @throws NotFittedError */
  toJSON(): PersonaModelJSON {
    if (!this.thresholds) throw new NotFittedError('PersonaModel');
    return { type: 'PersonaModel', personas: JSON.parse(JSON.stringify(this.personas)), thresholds: { ...this.thresholds } };
  }

  /** Rebuild a fitted model from {@link toJSON}. @throws ValidationError on a malformed object or a missing threshold. */
  static fromJSON(json: PersonaModelJSON): PersonaModel {
    if (!json || json.type !== 'PersonaModel' || typeof json.thresholds !== 'object') {
      throw new ValidationError('not a PersonaModel JSON object (expected type "PersonaModel", personas and thresholds)');
    }
    const m = new PersonaModel(json.personas);
    const th: Record<string, number> = {};
    for (const p of m.personas) {
      for (const [f, qs] of ruleFeatures(p.rule)) {
        for (const q of qs) {
          const v = json.thresholds[quantileKey(f, q)];
          if (v === undefined) throw new ValidationError(`PersonaModel JSON lacks the threshold of "${f}" at quantile ${q}`);
          th[quantileKey(f, q)] = v === null ? NaN : v;
        }
      }
    }
    m.thresholds = th;
    return m;
  }
}

/**
 * A copy of persona definitions with features renamed (e.g. to use a data set's own score names):
 * `renamePersonaFeatures(BANK_PERSONAS, {engagement_score: 'engagement'})`. O(total rule size).
 */
export function renamePersonaFeatures(personas: readonly PersonaDefinition[], mapping: Readonly<Record<string, string>>): PersonaDefinition[] {
  const ren = (r: PersonaRule): PersonaRule => {
    const x = r as Record<string, unknown>;
    if ('all' in x) return { all: (x.all as PersonaRule[]).map(ren) };
    if ('any' in x) return { any: (x.any as PersonaRule[]).map(ren) };
    if ('not' in x) return { not: ren(x.not as PersonaRule) };
    if ('feature' in x) return { ...(x as object), feature: mapping[x.feature as string] ?? x.feature } as PersonaRule;
    return r;
  };
  return personas.map((p) => ({ ...p, strategy: [...p.strategy], rule: ren(p.rule) }));
}
