/**
 * Schema inference: the roles of a table's columns when no spec gives them, each decision with its reason in words.
 * It completes a (possibly partial) spec, so the result can be saved, edited and passed back as DATASET.
 *
 * Rules, in order, for every column the spec does not declare:
 *  1. empty (no value in any row) or constant (one value) → `ignore` (dropped);
 *  2. named like a target (churn, response, deposit, y, label, target, outcome, converted…, at most 10 values)
 *     → `target`, when the spec has none: described per segment, never a feature;
 *  3. named like a labelled segment (segment, cluster, group, persona) → `truth`: evaluation only (ARI);
 *  4. an identifier: named like one (id, *_id, customer_no, uuid…) with at least 95 % distinct values, text whose
 *     values are all distinct, or integers 1..n → `id`;
 *  5. numbers: two values → `binary`; a value like −1, 999, 9999 held by many rows at the far end of the column,
 *     away from the others → a numeric sentinel (kept as a flag by the pipeline, left out of the statistics);
 *     else `numeric`;
 *  6. dates (ISO, DD-MM-YYYY, MM/DD/YYYY, with an optional time) → `date`: days before the newest date (`asOf`);
 *  7. text that is numbers written for people (`$1,234.50`, `1.234,5`) → `numeric`, read leniently;
 *  8. text: placeholder values ("unknown", "?", "-", "none", "missing", "n/a"…) are read as missing; two values →
 *     `binary`; levels of a known order (low < medium < high, bronze < silver < gold, never < … < always, S < M < L…)
 *     → `ordinal`; long texts of several words → `text` (dropped); near-unique (more than half the rows distinct)
 *     → `ignore` (dropped: as categories they would only add noise, and hashing them would too); else `categorical`.
 * Complexity: O(n) per column (levels are counted once through the dictionary codes).
 */
import {
  dateDaysName, type ColumnRole, type DatasetColumn, type DatasetSpec, type Sentinel,
} from './registry';
import { detectDateFormat, parseDateAs, parseLenientNumber, parseNumberCell, type DateFormat } from './csv-values';
import { isNumeric, type CategoricalColumn, type Column, type NumericColumn, type Table } from './table';

/** One decision of the inference (or a column the spec declared). */
export interface ColumnDecision {
  column: string;
  role: ColumnRole;
  /** What the lab does with it, in a few words. */
  use: string;
  /** Why, with the numbers behind the decision. */
  reason: string;
  /** True when the spec gave the role, false when inference decided it. */
  declared: boolean;
}

/** The result of {@link inferSpec}: every column declared, and the decisions. */
export interface InferenceResult {
  spec: DatasetSpec;
  decisions: ColumnDecision[];
}

/** Texts that mean "no value" in customer tables (compared trimmed and case-insensitively). */
export const PLACEHOLDER_VALUES: readonly string[] = [
  'unknown', '?', '??', '-', '--', '---', '.', 'none', 'missing', 'n/a', 'na', 'n.a.', 'null', 'nil', 'not available',
  'not known', 'undefined', 'unspecified', 'no data', '#n/a', '(blank)', 'blank', 'nan',
];

const TARGET_NAME = /^(churn|churned|churn_flag|response|responded|deposit|y|label|target|class|outcome|converted|conversion|subscribed|bought|purchased|default_next_month|attrition|exited|left)$/i;
const TRUTH_NAME = /^(segment|segments|cluster|group|persona|true_segment|segment_label|customer_segment)$/i;
const ID_NAME = /(^id$|^id[_ -]|[_ -]id$|[a-z]Id$|^uuid$|^guid$|^key$|_key$|^(cust|customer|client|account|member|user)[_ -]?(no|num|number|code|ref)$|^row[_ ]?(id|no|number)$)/i;

/** Ordered vocabularies (lowest first); a level set that is a subset of one, with at least 3 levels, is ordinal. */
export const ORDINAL_SCALES: readonly (readonly string[])[] = [
  ['very low', 'low', 'medium', 'high', 'very high'],
  ['low', 'mid', 'high'],
  ['low', 'moderate', 'high'],
  ['none', 'low', 'medium', 'high'],
  ['xs', 's', 'm', 'l', 'xl', 'xxl'],
  ['extra small', 'small', 'medium', 'large', 'extra large'],
  ['bronze', 'silver', 'gold', 'platinum', 'diamond'],
  ['basic', 'standard', 'premium'],
  ['basic', 'plus', 'premium'],
  ['free', 'basic', 'standard', 'premium'],
  ['never', 'rarely', 'sometimes', 'often', 'always'],
  ['poor', 'fair', 'good', 'very good', 'excellent'],
  ['very dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'very satisfied'],
  ['strongly disagree', 'disagree', 'neutral', 'agree', 'strongly agree'],
  ['primary', 'secondary', 'tertiary'],
  ['high school', 'bachelor', 'master', 'phd'],
  ['new', 'occasional', 'regular', 'loyal'],
  ['q1', 'q2', 'q3', 'q4'],
];

const SENTINEL_CANDIDATES = [-1, -9, -99, -999, -9999, 99, 999, 9999, 99999, 999999];
const pct = (x: number): string => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)} %`;
const fmt = (x: number): string => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(+x.toPrecision(4)));

/** Counts per level of a text column (missing counted apart). */
function levelCounts(c: CategoricalColumn): { counts: number[]; missing: number; present: number } {
  const counts = new Array<number>(c.levels.length).fill(0);
  let missing = 0;
  for (let i = 0; i < c.codes.length; i++) {
    const k = c.codes[i];
    if (k < 0) missing++;
    else counts[k]++;
  }
  return { counts, missing, present: c.codes.length - missing };
}

/** Distinct non-missing values of a numeric column (at most `cap` + 1 kept), with counts. */
function numericCounts(v: Float64Array, cap = 100000): { counts: Map<number, number>; missing: number; present: number } {
  const counts = new Map<number, number>();
  let missing = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) { missing++; continue; }
    if (counts.size <= cap || counts.has(x)) counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  return { counts, missing, present: v.length - missing };
}

/**
 * A numeric sentinel of a column: a candidate code (−1, 999, 9999…) that is the column's minimum (negative codes, all
 * other values ≥ 0) or maximum (9-codes, all other values at most 90 % of it), held by at least 3 rows and 0.5 % of
 * the values. Null when there is none.
 */
export function findNumericSentinel(v: Float64Array): { value: number; count: number; share: number; rest: { min: number; max: number } } | null {
  const { counts, present } = numericCounts(v);
  if (present === 0 || counts.size < 3) return null;
  for (const cand of SENTINEL_CANDIDATES) {
    const count = counts.get(cand) ?? 0;
    if (count < 3 || count / present < 0.005) continue;
    let min = Infinity, max = -Infinity;
    for (const [x] of counts) if (x !== cand) { if (x < min) min = x; if (x > max) max = x; }
    if (!(min <= max)) continue;
    const ok = cand < 0 ? min >= 0 : max <= 0.9 * cand && min >= 0;
    if (ok) return { value: cand, count, share: count / present, rest: { min, max } };
  }
  return null;
}

/** Whether a text value is a placeholder for "no value". */
export function isPlaceholder(v: string): boolean {
  return PLACEHOLDER_VALUES.includes(v.trim().toLowerCase());
}

/** The ordered levels of a level set that matches a known scale (case-insensitive), else null. */
export function ordinalOrder(levels: readonly string[]): string[] | null {
  if (levels.length < 3) return null;
  const lower = levels.map((l) => l.trim().toLowerCase());
  for (const scale of ORDINAL_SCALES) {
    if (lower.every((l) => scale.includes(l))) {
      return [...levels].sort((a, b) => scale.indexOf(a.trim().toLowerCase()) - scale.indexOf(b.trim().toLowerCase()));
    }
  }
  return null;
}

/** The positive class of a target: a level meaning yes (yes, 1, true, churned…), else the rarer of two levels. */
export function positiveClassOf(levels: readonly string[], counts: readonly number[]): { level: string | null; why: string } {
  const yes = ['yes', 'y', '1', '1.0', 'true', 't', 'churned', 'churn', 'positive', 'pos', 'responded', 'converted', 'subscribed', 'left', 'exited'];
  const hit = levels.find((l) => yes.includes(l.trim().toLowerCase()));
  if (hit !== undefined) return { level: hit, why: `"${hit}" reads as yes` };
  if (levels.length === 2) {
    const k = counts[0] <= counts[1] ? 0 : 1;
    return { level: levels[k], why: `"${levels[k]}" is the rarer of the two values` };
  }
  return { level: null, why: `${levels.length} values: rates per segment need a yes/no target` };
}

/** A short description of a column for the glossary, from its values. */
function describeValues(c: Column, role: ColumnRole, extra = '', skip: readonly string[] = []): string {
  if (isNumeric(c)) {
    let min = Infinity, max = -Infinity;
    const s: number[] = [];
    for (let i = 0; i < c.values.length; i++) { const x = c.values[i]; if (x === x) { if (x < min) min = x; if (x > max) max = x; if (s.length < 20000) s.push(x); } }
    s.sort((a, b) => a - b);
    const med = s.length ? s[Math.floor(s.length / 2)] : NaN;
    return s.length ? `${role === 'binary' ? 'a 0/1 flag' : 'numbers'} from ${fmt(min)} to ${fmt(max)} (median ${fmt(med)})${extra}` : `no values${extra}`;
  }
  const { counts } = levelCounts(c);
  const order = counts.map((n, k) => k).filter((k) => !skip.includes(c.levels[k])).sort((a, b) => counts[b] - counts[a]);
  const top = order.slice(0, 4).map((k) => c.levels[k]);
  return `${order.length} categor${order.length === 1 ? 'y' : 'ies'}: ${top.join(', ')}${order.length > 4 ? ', …' : ''}${extra}`;
}

const USE: Record<ColumnRole, string> = {
  numeric: 'feature', categorical: 'feature (one-hot)', binary: 'feature (0/1)', ordinal: 'feature (rank)',
  date: 'feature (days before the reference date)', id: 'identifier (kept for scoring output)', target: 'described per segment, never a feature',
  truth: 'evaluation only (agreement of the segments, ARI)', text: 'dropped', ignore: 'dropped',
};

/** Options of {@link inferSpec}. */
export interface InferOptions {
  /** Rows below which a text column is never called an identifier by uniqueness alone. Default 20. */
  idMinRows?: number;
}

/**
 * Complete a spec from a table: every column the spec does not declare gets a role (see the file comment), and
 * the decisions are listed with their reasons. The target's positive class and the dates' reference date are set
 * when the spec leaves them open. Declared columns are listed as they are ("declared in …").
 * @param table the table as read (types as the CSV loader inferred them)
 * @param spec the spec so far (a spec file's, or an empty one for a bare file)
 * @returns the completed spec (a new object) and one decision per column of the table
 */
export function inferSpec(table: Table, spec: DatasetSpec, opts: InferOptions = {}): InferenceResult {
  const idMinRows = opts.idMinRows ?? 20;
  const out: DatasetSpec = { ...spec, columns: spec.columns.map((c) => ({ ...c })), sentinels: spec.sentinels.map((s) => ({ ...s })) };
  const decisions: ColumnDecision[] = [];
  const dateValues: number[] = [];
  const declared = new Map(out.columns.map((c) => [c.name, c]));
  const n = table.nRows;
  for (const c of table.columns) {
    if (out.dropColumns.includes(c.name)) {
      decisions.push({ column: c.name, role: 'ignore', use: 'dropped', reason: `listed in the spec's dropColumns`, declared: true });
      continue;
    }
    const d = declared.get(c.name);
    if (d) {
      decisions.push({ column: c.name, role: d.role, use: USE[d.role], reason: `declared in the ${spec.origin}`, declared: true });
      if (d.role === 'date') collectDates(c, d.dateFormat ?? null, dateValues);
      continue;
    }
    const r = decide(c, out, n, idMinRows);
    const col: DatasetColumn = { name: c.name, role: r.role, level: r.role === 'target' || r.role === 'truth' ? 'outcome' : 'customer', description: out.undeclared?.[c.name] ?? r.description, ...r.fields };
    out.columns.push(col);
    if (r.sentinel) out.sentinels.push(r.sentinel);
    if (r.role === 'target' && !out.target) out.target = c.name;
    if (r.role === 'truth' && !out.truth) out.truth = c.name;
    if (r.role === 'id' && !out.idColumn) out.idColumn = c.name;
    if (r.role === 'date') collectDates(c, col.dateFormat ?? null, dateValues);
    decisions.push({ column: c.name, role: r.role, use: USE[r.role], reason: r.reason, declared: false });
  }
  if (out.target && out.positiveClass === null) {
    const tc = table.columns.find((x) => x.name === out.target);
    if (tc) {
      const { levels, counts } = targetLevels(tc);
      const p = positiveClassOf(levels, counts);
      out.positiveClass = p.level;
      const dec = decisions.find((x) => x.column === out.target);
      if (dec) dec.reason += p.level !== null ? `; positive class "${p.level}" (${p.why})` : `; ${p.why}`;
    }
  }
  if (dateValues.length && !out.asOf) {
    let newest = -Infinity;
    for (const t of dateValues) if (t > newest) newest = t;
    out.asOf = isoDate(newest);
    for (const dec of decisions) if (dec.role === 'date' && !dec.declared) dec.reason += `; as ${dateDaysName(dec.column)} = days before ${out.asOf}, the newest date in the table`;
  }
  return { spec: out, decisions };
}

/** ", from 2019-01-03 to 2024-06-30" for a list of epoch milliseconds. */
function dateRange(ts: readonly number[]): string {
  let lo = Infinity, hi = -Infinity;
  for (const t of ts) if (t === t) { if (t < lo) lo = t; if (t > hi) hi = t; }
  return lo <= hi ? `, from ${isoDate(lo).slice(0, 10)} to ${isoDate(hi).slice(0, 10)}` : '';
}

/** An ISO date (with the time only when it is not midnight). */
export function isoDate(t: number): string {
  const s = new Date(t).toISOString();
  return s.endsWith('T00:00:00.000Z') ? s.slice(0, 10) : s.replace('.000Z', 'Z');
}

function collectDates(c: Column, format: DateFormat | null, out: number[]): void {
  if (isNumeric(c)) {
    if (c.kind !== 'date') return;
    let m = -Infinity;
    for (let i = 0; i < c.values.length; i++) if (c.values[i] > m) m = c.values[i];
    if (m > -Infinity) out.push(m);
    return;
  }
  const f = format ?? detectDateFormat(c.levels.slice(0, 200))?.format ?? 'iso';
  let m = -Infinity;
  for (const l of c.levels) { const t = parseDateAs(l.trim(), f); if (t > m) m = t; }
  if (m > -Infinity) out.push(m);
}

function targetLevels(c: Column): { levels: string[]; counts: number[] } {
  if (isNumeric(c)) {
    const { counts } = numericCounts(c.values, 50);
    const keys = [...counts.keys()].sort((a, b) => a - b);
    return { levels: keys.map(String), counts: keys.map((k) => counts.get(k)!) };
  }
  const { counts } = levelCounts(c);
  return { levels: [...c.levels], counts };
}

interface Decision {
  role: ColumnRole;
  reason: string;
  description: string;
  fields?: Partial<DatasetColumn>;
  sentinel?: Sentinel;
}

function decide(c: Column, spec: DatasetSpec, n: number, idMinRows: number): Decision {
  if (isNumeric(c)) return decideNumeric(c, spec, n);
  return decideText(c, spec, n, idMinRows);
}

function nameRole(name: string, distinct: number, spec: DatasetSpec): Decision | null {
  if (!spec.target && TARGET_NAME.test(name) && distinct <= 10) {
    return { role: 'target', reason: `named like an outcome ("${name}") with ${distinct} values: a likely target`, description: `outcome "${name}" (${distinct} values)` };
  }
  if (!spec.truth && TRUTH_NAME.test(name) && distinct <= 30) {
    return { role: 'truth', reason: `named like a labelled segment ("${name}", ${distinct} values): compared with the segments found, never a feature`, description: `labelled segment (${distinct} values)` };
  }
  return null;
}

function decideNumeric(c: NumericColumn, spec: DatasetSpec, n: number): Decision {
  const { counts, missing, present } = numericCounts(c.values);
  const miss = missing ? `; ${missing.toLocaleString('en-US')} empty (${pct(missing / n)})` : '';
  if (present === 0) return { role: 'ignore', reason: 'empty: no value in any row', description: 'empty column' };
  if (counts.size === 1) {
    const v = [...counts.keys()][0];
    return { role: 'ignore', reason: `constant: every row with a value holds ${c.kind === 'date' ? isoDate(v) : fmt(v)}`, description: 'constant column' };
  }
  const named = nameRole(c.name, counts.size, spec);
  if (named) return { ...named, fields: { type: 'categorical' } };
  if (c.kind === 'date') {
    return { role: 'date', reason: `ISO dates${miss}`, description: `a date${dateRange([...counts.keys()])}` };
  }
  let integers = true, min = Infinity, max = -Infinity;
  for (const [x] of counts) { if (!Number.isInteger(x)) integers = false; if (x < min) min = x; if (x > max) max = x; }
  if (ID_NAME.test(c.name) && counts.size >= 0.95 * present && present >= 20) {
    return { role: 'id', reason: `named like an identifier with ${pct(counts.size / present)} distinct values`, description: 'customer identifier', fields: { type: 'categorical' } };
  }
  if (integers && counts.size === present && present === n && min === 1 && max === n && n >= 20) {
    return { role: 'id', reason: `the row numbers 1..${n.toLocaleString('en-US')} (every value distinct)`, description: 'row number', fields: { type: 'categorical' } };
  }
  if (counts.size === 2) {
    const [a, b] = [...counts.keys()].sort((x, y) => x - y);
    return { role: 'binary', reason: `two values (${fmt(a)} and ${fmt(b)})${miss}`, description: describeValues(c, 'binary'), fields: { type: 'numeric' } };
  }
  const s = findNumericSentinel(c.values);
  if (s) {
    const meaning = s.value < 0 ? 'a code below every real value (e.g. never / not applicable)' : 'a code far above every real value (e.g. never / not applicable)';
    return {
      role: 'numeric',
      reason: `numbers${miss}; ${fmt(s.value)} is a code, not a value: ${s.count.toLocaleString('en-US')} rows (${pct(s.share)}) hold it at the column's ${s.value < 0 ? 'low' : 'high'} end, the other values run from ${fmt(s.rest.min)} to ${fmt(s.rest.max)}`,
      description: describeValues(c, 'numeric', `; ${fmt(s.value)} = ${meaning.replace(/ \(.*\)$/, '')}`),
      sentinel: { column: c.name, value: s.value, meaning },
    };
  }
  return { role: 'numeric', reason: `numbers${miss}`, description: describeValues(c, 'numeric') };
}

function decideText(c: CategoricalColumn, spec: DatasetSpec, n: number, idMinRows: number): Decision {
  const { counts, present } = levelCounts(c);
  // placeholders ("unknown", "?", …) are read as missing in this column
  const placeholders = c.levels.filter((l) => isPlaceholder(l));
  let phRows = 0;
  for (const p of placeholders) phRows += counts[c.levels.indexOf(p)];
  const liveLevels = c.levels.filter((l) => !placeholders.includes(l));
  const live = present - phRows;
  const phNote = placeholders.length ? `; ${placeholders.map((p) => `"${p}"`).join(', ')} read as missing (${phRows.toLocaleString('en-US')} rows)` : '';
  const fields: Partial<DatasetColumn> = placeholders.length ? { missing: placeholders } : {};
  const emptyRows = n - present;
  const miss = emptyRows ? `; ${emptyRows.toLocaleString('en-US')} empty (${pct(emptyRows / n)})` : '';
  if (live === 0) return { role: 'ignore', reason: `empty: no value in any row${phNote}`, description: 'empty column', fields };
  if (liveLevels.length === 1) return { role: 'ignore', reason: `constant: every row with a value holds "${liveLevels[0]}"${phNote}`, description: 'constant column', fields };
  const named = nameRole(c.name, liveLevels.length, spec);
  if (named) return { ...named, reason: named.reason + phNote, fields };
  // numbers written for people
  const num = lenientShare(c, counts, placeholders);
  if (num.share >= 0.95) {
    const junk = num.bad.slice(0, 8);
    const f: Partial<DatasetColumn> = num.needed ? { decimal: num.decimal, type: 'numeric' } : { type: 'numeric' };
    const allMissing = [...placeholders, ...junk];
    if (allMissing.length) f.missing = allMissing;
    if (num.bad.length > 8) {
      return { role: 'categorical', reason: `${pct(num.share)} of the values are numbers but ${num.bad.length} different texts are not: kept as categories`, description: describeValues(c, 'categorical'), fields };
    }
    return {
      role: 'numeric',
      reason: `${num.needed ? `numbers written with ${num.decimal === ',' ? 'a decimal comma' : 'currency signs or thousands separators'} (e.g. "${num.example}")` : 'numbers'}${junk.length ? `; ${junk.map((j) => `"${j}"`).join(', ')} read as missing` : ''}${phNote}${miss}`,
      description: num.needed ? `amounts written as text (e.g. "${num.example}"), read as numbers` : 'numbers',
      fields: f,
    };
  }
  // dates in other layouts
  const sample = liveLevels.slice(0, 500).map((l) => l.trim());
  const df = detectDateFormat(sample);
  if (df && liveLevels.every((l) => parseDateAs(l.trim(), df.format) === parseDateAs(l.trim(), df.format))) {
    return { role: 'date', reason: `dates, ${df.why}${phNote}${miss}`, description: `a date written ${df.format === 'dmy' ? 'DD-MM-YYYY' : df.format === 'mdy' ? 'MM/DD/YYYY' : 'YYYY-MM-DD'}${dateRange(liveLevels.map((l) => parseDateAs(l.trim(), df.format)))}`, fields: { ...fields, dateFormat: df.format } };
  }
  const distinct = liveLevels.length;
  if (ID_NAME.test(c.name) && distinct >= 0.95 * live && live >= idMinRows) {
    return { role: 'id', reason: `named like an identifier with ${pct(distinct / live)} distinct values`, description: 'customer identifier', fields: { type: 'categorical' } };
  }
  let chars = 0, words = 0, k = 0;
  for (const l of liveLevels.slice(0, 2000)) { chars += l.length; words += l.trim().split(/\s+/).length; k++; }
  if (k && chars / k >= 25 && words / k >= 3 && (distinct > 0.2 * live || distinct > 200)) {
    return { role: 'text', reason: `free text (${(words / k).toFixed(1)} words and ${Math.round(chars / k)} characters per value on average, ${distinct.toLocaleString('en-US')} different values): dropped; the lab does not analyse text`, description: 'free text', fields };
  }
  if (distinct === live && live >= idMinRows && emptyRows + phRows === 0) {
    return { role: 'id', reason: `every value distinct (${distinct.toLocaleString('en-US')} values)`, description: 'customer identifier', fields: { type: 'categorical' } };
  }
  if (distinct === 2) {
    return { role: 'binary', reason: `two values ("${liveLevels[0]}", "${liveLevels[1]}")${phNote}${miss}`, description: describeValues(c, 'binary', '', placeholders), fields };
  }
  const ord = ordinalOrder(liveLevels);
  if (ord) {
    return { role: 'ordinal', reason: `levels of a known order: ${ord.join(' < ')}${phNote}${miss}`, description: `ordered levels ${ord.join(' < ')}`, fields: { ...fields, levels: ord } };
  }
  if (distinct > 20 && distinct > 0.5 * live) {
    return { role: 'ignore', reason: `near-unique: ${distinct.toLocaleString('en-US')} different values in ${live.toLocaleString('en-US')} rows; as categories (or hashed) they would only add noise: dropped`, description: describeValues(c, 'categorical', '', placeholders), fields };
  }
  const many = distinct > 30 ? `; ${distinct} levels: the pipeline groups the rare ones into "other"` : '';
  return { role: 'categorical', reason: `${distinct} categories${phNote}${miss}${many}`, description: describeValues(c, 'categorical', '', placeholders), fields };
}

/** Share of rows whose text reads as a number leniently; whether plain parsing would have failed; the junk texts. */
function lenientShare(c: CategoricalColumn, counts: readonly number[], skip: readonly string[]): { share: number; needed: boolean; decimal: '.' | ','; bad: string[]; example: string } {
  // decimal comma when a value has a comma followed by 1, 2 or 4+ digits and no period
  const decimal: '.' | ',' = c.levels.some((l) => /^[^.]*\d,(\d{1,2}|\d{4,})\D*$/.test(l.trim())) ? ',' : '.';
  let ok = 0, total = 0, needed = false;
  let example = '';
  const bad: string[] = [];
  c.levels.forEach((l, k) => {
    if (skip.includes(l)) return;
    total += counts[k];
    const x = parseLenientNumber(l, decimal);
    if (x === x) {
      ok += counts[k];
      if (!(parseNumberCell(l.trim()) === parseNumberCell(l.trim()))) { needed = true; if (!example) example = l.trim(); }
    } else bad.push(l);
  });
  return { share: total ? ok / total : 0, needed, decimal, bad, example };
}
