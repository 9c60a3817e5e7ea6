import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dataDir } from '../../src/data/datadir';
import { fingerprint, fingerprintDiff, peerPrep, type MatrixFingerprint } from '../../src/bench/peer-prep';
import { peerResult } from '../../src/bench/peer-files';

test('peerPrep: id and target dropped, numeric first, mean imputation, levels by code point, StandardScaler (hand-derived)', () => {
  // ';' wins over ','; CUST_ID and y dropped; "a" numeric with one empty cell → mean of 1, 2, 6 = 3 → [1, 2, 3, 6];
  // "c" levels sorted by code point: "B" < "a" < "b" → columns c_B, c_a, c_b.
  // a = [1, 2, 3, 6]: mean 3, population sd √((4+1+0+9)/4) = √3.5 → (x − 3)/√3.5.
  // c_B = [0, 1, 0, 0]: mean 0.25, sd √(0.25·0.75) = √0.1875 → (x − 0.25)/√0.1875; likewise c_a = [1,0,0,1], c_b.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-prep-')), 'tiny.csv');
  fs.writeFileSync(file, 'CUST_ID;"a";"c";"y"\nC1;1;"a";"no"\nC2;2;"B";"yes"\nC3;;"b";"no"\nC4;6;"a";"no"\n');
  const p = peerPrep(file);
  assert.deepEqual(p.columns, ['a', 'c_B', 'c_a', 'c_b']);
  assert.deepEqual(p.numericColumns, ['a']);
  const want = [
    [-2, 0 - 0.25, 1 - 0.5, 0 - 0.25],
    [-1, 1 - 0.25, 0 - 0.5, 0 - 0.25],
    [0, 0 - 0.25, 0 - 0.5, 1 - 0.25],
    [3, 0 - 0.25, 1 - 0.5, 0 - 0.25],
  ];
  const sd = [Math.sqrt(3.5), Math.sqrt(0.1875), 0.5, Math.sqrt(0.1875)];
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) assert.ok(Math.abs(p.X.data[i * 4 + j] - want[i][j] / sd[j]) < 1e-15, `(${i}, ${j})`);
  assert.ok(Math.abs(p.scalerMean[0] - 3) < 1e-15 && Math.abs(p.scalerScale[0] - Math.sqrt(3.5)) < 1e-15);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

for (const [csv, json] of [['bank-additional-full.csv', 'bank-additional-full-4.json'], ['bank-kaggle.csv', 'bank-kaggle-5.json'], ['cc-general.csv', 'cc5-2.json']]) {
  test(`peerPrep of ${csv} has the peer's columns, scaler and fingerprint (scikit-learn/pandas, saved JSON)`, (t) => {
    const data = path.join(dataDir(), csv);
    const ref = peerResult(json);
    if (!fs.existsSync(data) || !ref) { t.skip(`needs ${data} (SEGLAB_DATA_DIR) and the peer's results (SEGLAB_PEER_DIR)`); return; }
    const want = JSON.parse(fs.readFileSync(ref, 'utf8')).prep as { columns: string[]; scaler_mean: number[]; scaler_scale: number[]; fingerprint: MatrixFingerprint };
    const p = peerPrep(data);
    assert.deepEqual(p.columns, want.columns);
    for (let j = 0; j < p.columns.length; j++) {
      assert.ok(Math.abs(p.scalerMean[j] - want.scaler_mean[j]) <= 1e-9 * Math.max(1, Math.abs(want.scaler_mean[j])), `mean ${p.columns[j]}`);
      assert.ok(Math.abs(p.scalerScale[j] - want.scaler_scale[j]) <= 1e-9 * want.scaler_scale[j], `scale ${p.columns[j]}`);
    }
    const diff = fingerprintDiff(fingerprint(p.X), want.fingerprint);
    assert.ok(diff.sums <= 1e-9, `sums differ by ${diff.sums} of the absolute sum`);
    assert.ok(diff.rows <= 2e-10, `first/last rows differ by ${diff.rows} (the peer rounds them to 10 decimals)`);
  });
}
