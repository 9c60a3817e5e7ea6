import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
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

/**
 * Run a child process that writes 100,000 rows with writeCsv and sends itself `signal` while row 1,000 is written
 * (a getter in the middle of the synchronous write). Returns the exit signal and what the folder holds afterwards.
 */
function writeInterruptedBy(signal: 'SIGINT' | 'SIGTERM'): { signal: string | null; files: string[]; text: string } {
  const dir = tmpDir();
  try {
    const out = path.join(dir, 'scored.csv');
    const csvWrite = path.resolve(__dirname, '..', '..', 'src', 'data', 'csv-write.js');
    const script = `
      const { writeCsv } = require(${JSON.stringify(csvWrite)});
      const rows = [];
      for (let i = 0; i < 100000; i++) rows.push({ id: i, v: 'x' });
      Object.defineProperty(rows[1000], 'v', { enumerable: true, get() { process.kill(process.pid, ${JSON.stringify(signal)}); return 'x'; } });
      writeCsv(rows, ${JSON.stringify(out)});
      setTimeout(() => {}, 2000);`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30000 });
    const files = fs.readdirSync(dir);
    const text = files.includes('scored.csv') ? fs.readFileSync(out, 'utf8') : '';
    return { signal: r.signal, files, text };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`writeCsv interrupted by ${signal} in the middle of the write leaves no temporary file, and the signal still ends the process`, () => {
    const r = writeInterruptedBy(signal);
    assert.equal(r.signal, signal);
    assert.deepEqual(r.files.filter((f) => f.endsWith('.tmp')), [], `left behind: ${r.files.join(', ')}`);
    // a synchronous write cannot be cut short: it completes (whole file) before the signal is handled
    if (r.files.includes('scored.csv')) assert.equal(r.text.split('\n').length, 100002);
  });
}

test('writeCsv removes temporary files that dead processes left beside the target, and keeps those of running ones', () => {
  const dir = tmpDir();
  try {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const stale = path.join(dir, `.scored.csv.${dead}.1796394571445.tmp`);
    const live = path.join(dir, `.scored.csv.${process.ppid}.1796394571445.tmp`);
    const other = path.join(dir, `.other.csv.${dead}.1796394571445.tmp`);
    for (const f of [stale, live, other]) fs.writeFileSync(f, 'half-written');
    writeCsv([{ a: 1 }], path.join(dir, 'scored.csv'));
    assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(live), path.basename(other), 'scored.csv'].sort());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
