/**
 * Per-column accumulator of the CSV loader (internal): infers numeric / date / text while it stores the values in
 * growable typed arrays (Float64Array for numbers and dates, dictionary codes for text), so a file is read once.
 * A column that turns out to be text after numbers were stored is flagged `demoted`; the loader then re-reads the
 * file with the final types (rare; keeps the original spelling of every level).
 *
 * Complexity: O(1) amortized per cell; memory 8 bytes per numeric cell, 4 per text cell plus the distinct levels.
 */
import { DataError } from '../core/errors';
import type { Column } from './table';
import { parseDateCell, parseNumberCell, trimCell } from './csv-values';

/** Types the loader can give a column (by inference or by override). */
export type CsvColumnType = 'numeric' | 'categorical' | 'id' | 'date';

export const MODE_UNDETERMINED = 0;
export const MODE_NUMERIC = 1;
export const MODE_DATE = 2;
export const MODE_TEXT = 3;
export type BuilderMode = 0 | 1 | 2 | 3;

const EMPTY_F = new Float64Array(0);
const EMPTY_I = new Int32Array(0);

export class ColumnBuilder {
  mode: BuilderMode = MODE_UNDETERMINED;
  n = 0;
  missing = 0;
  nonMissing = 0;
  demoted = false;
  private num: Float64Array = EMPTY_F;
  private codes: Int32Array = EMPTY_I;
  private readonly dict = new Map<string, number>();
  private readonly levels: string[] = [];
  private readonly fixed: boolean;

  constructor(
    readonly name: string,
    private readonly missingSet: ReadonlySet<string>,
    private readonly maxMissingLen: number,
    private readonly fileName: string,
    private readonly forced?: CsvColumnType,
    fixedMode?: BuilderMode,
    private readonly capacityHint = 1024,
  ) {
    if (forced === 'numeric') this.mode = MODE_NUMERIC;
    else if (forced === 'date') this.mode = MODE_DATE;
    else if (forced === 'categorical' || forced === 'id') this.mode = MODE_TEXT;
    else if (fixedMode !== undefined && fixedMode !== MODE_UNDETERMINED) this.mode = fixedMode;
    this.fixed = forced !== undefined || (fixedMode !== undefined && fixedMode !== MODE_UNDETERMINED);
    if (this.mode !== MODE_UNDETERMINED) this.setMode(this.mode, 0);
  }

  push(raw: string, line: number): void {
    const v = trimCell(raw);
    const i = this.n++;
    if (v.length === 0 || (v.length <= this.maxMissingLen && this.missingSet.has(v))) {
      this.missing++;
      if (this.mode === MODE_NUMERIC || this.mode === MODE_DATE) {
        if (i >= this.num.length) this.growNum(i);
        this.num[i] = NaN;
      } else if (this.mode === MODE_TEXT) {
        if (i >= this.codes.length) this.growCodes(i);
        this.codes[i] = -1;
      }
      return;
    }
    this.nonMissing++;
    let mode = this.mode;
    if (mode === MODE_NUMERIC || mode === MODE_DATE) {
      const x = mode === MODE_NUMERIC ? parseNumberCell(v) : parseDateCell(v);
      if (x === x) {
        if (i >= this.num.length) this.growNum(i);
        this.num[i] = x;
        return;
      }
      if (this.fixed) {
        const what = mode === MODE_NUMERIC ? 'a number' : 'an ISO date (YYYY-MM-DD)';
        throw new DataError(
          `column "${this.name}" in row ${line} of ${this.fileName} is ${JSON.stringify(v)}, expected ${what}`,
          this.fileName, line, this.name, v,
        );
      }
      this.demoted = this.nonMissing > 1;
      this.num = EMPTY_F;
      mode = this.setMode(MODE_TEXT, i);
    } else if (mode === MODE_UNDETERMINED) {
      const x = parseNumberCell(v);
      if (x === x) {
        this.setMode(MODE_NUMERIC, i);
        this.num[i] = x;
        return;
      }
      const t = parseDateCell(v);
      if (t === t) {
        this.setMode(MODE_DATE, i);
        this.num[i] = t;
        return;
      }
      mode = this.setMode(MODE_TEXT, i);
    }
    // text
    let code = this.dict.get(v);
    if (code === undefined) {
      code = this.levels.length;
      // copy long substrings so a level does not keep the whole chunk it was sliced from alive
      const own = v.length > 12 ? Buffer.from(v, 'utf8').toString('utf8') : v;
      this.dict.set(own, code);
      this.levels.push(own);
    }
    if (i >= this.codes.length) this.growCodes(i);
    this.codes[i] = code;
  }

  private setMode(mode: BuilderMode, i: number): BuilderMode {
    this.mode = mode;
    if (mode === MODE_TEXT) {
      this.codes = new Int32Array(Math.max(this.capacityHint, i * 2 + 2)).fill(-1);
    } else {
      this.num = new Float64Array(Math.max(this.capacityHint, i * 2 + 2)).fill(NaN);
    }
    return mode;
  }

  private growNum(i: number): void {
    const next = new Float64Array(Math.max(1024, this.num.length * 2, i + 1)).fill(NaN, this.num.length);
    next.set(this.num);
    this.num = next;
  }

  private growCodes(i: number): void {
    const next = new Int32Array(Math.max(1024, this.codes.length * 2, i + 1)).fill(-1, this.codes.length);
    next.set(this.codes);
    this.codes = next;
  }

  /** The finished column. Text columns get sorted levels (ids keep file order). */
  finish(idMinRows: number): Column {
    const n = this.n;
    const mode = this.mode;
    if (mode === MODE_NUMERIC || mode === MODE_DATE || (mode === MODE_UNDETERMINED && this.forced !== 'categorical' && this.forced !== 'id')) {
      const values = this.num.length === n ? this.num : new Float64Array(n).fill(NaN);
      if (values !== this.num) values.set(this.num.subarray(0, Math.min(n, this.num.length)));
      const kind = mode === MODE_DATE || this.forced === 'date' ? 'date' : 'numeric';
      return { kind, name: this.name, values };
    }
    const codes = this.codes.length === n ? this.codes : new Int32Array(n).fill(-1);
    if (codes !== this.codes) codes.set(this.codes.subarray(0, Math.min(n, this.codes.length)));
    const levels = this.levels;
    const isId =
      this.forced === 'id' ||
      (this.forced === undefined && levels.length === this.nonMissing && this.nonMissing >= idMinRows);
    if (isId) return { kind: 'id', name: this.name, codes, levels: levels.slice() };
    const order = levels.map((_, k) => k).sort((a, b) => (levels[a] < levels[b] ? -1 : levels[a] > levels[b] ? 1 : 0));
    const remap = new Int32Array(levels.length);
    order.forEach((old, k) => (remap[old] = k));
    for (let r = 0; r < n; r++) {
      const c = codes[r];
      if (c >= 0) codes[r] = remap[c];
    }
    return { kind: 'categorical', name: this.name, codes, levels: order.map((k) => levels[k]) };
  }
}
