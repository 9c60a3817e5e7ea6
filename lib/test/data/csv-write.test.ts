import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeCsv } from '../../src/data/csv-write';
import { parseCsv } from '../../src/data/csv';
import { DataError } from '../../src/core/errors';
import type { Table } from '../../src/data/table';

const tmpDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-write-'));

test('writeCsv writes a table that parseCsv reads back identically (quotes, missing values)', () => {
  const dir = tmpDir();
  try {
    const t: Table = Object.freeze({
      nRows: 3,
      columns: [
        { kind: 'numeric', name: 'x', values: Float64Array.of(1.5, NaN, -2) },
        { kind: 'categorical', name: 'label', codes: Int32Array.of(0, 1, -1), levels: ['a, "b"', 'multi\nline'] },
      ],
    } as Table);
    const f = path.join(dir, 'out.csv');
    assert.equal(writeCsv(t, f), 3);
    const text = fs.readFileSync(f, 'utf8');
    assert.equal(text, 'x,label\n1.5,"a, ""b"""\n,"multi\nline"\n-2,\n');
    const back = parseCsv(text);
    assert.deepEqual(Array.from((back.columns[0] as { values: Float64Array }).values), [1.5, NaN, -2]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('writeCsv writes row objects with the union of their keys', () => {
  const dir = tmpDir();
  try {
    const f = path.join(dir, 'rows.csv');
    writeCsv(Object.freeze([{ id: 'C1', segment: 2 }, { id: 'C2', segment: 0, note: null }]), f);
    assert.equal(fs.readFileSync(f, 'utf8'), 'id,segment,note\nC1,2,\nC2,0,\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed writeCsv leaves the previous file intact and no temporary file behind', () => {
  const dir = tmpDir();
  try {
    const f = path.join(dir, 'keep.csv');
    fs.writeFileSync(f, 'old\n');
    const rows = [{ a: 1 }, { get a(): number { throw new Error('boom while writing'); } }];
    assert.throws(() => writeCsv(rows, f), DataError);
    assert.equal(fs.readFileSync(f, 'utf8'), 'old\n');
    assert.deepEqual(fs.readdirSync(dir), ['keep.csv']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
