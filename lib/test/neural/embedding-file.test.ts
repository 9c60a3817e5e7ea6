import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { saveEmbedding, loadEmbedding } from '../../src/neural/embedding-file';

test('saveEmbedding/loadEmbedding round trip is exact and the header describes the data file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-emb-'));
  try {
    const Z = Object.freeze({ data: Float64Array.from([0.1, -2, 1 / 3, 4e-300, 5, 6]), rows: 3, cols: 2 });
    const file = saveEmbedding(dir, Z, { meta: { dataset: 'x' } });
    assert.equal(path.basename(file), 'embedding.json');
    // 3 rows × 2 cols × 8 bytes = 48 bytes of data
    assert.equal(fs.statSync(path.join(dir, 'embedding.f64')).size, 48);
    const { Z: back, header } = loadEmbedding(file);
    assert.deepEqual(back, { data: Z.data, rows: 3, cols: 2 });
    assert.deepEqual(header.columnNames, ['z1', 'z2']);
    assert.equal(header.meta.dataset, 'x');
    fs.writeFileSync(path.join(dir, 'embedding.f64'), new Uint8Array(40));
    assert.throws(() => loadEmbedding(file), /40 bytes.*3×2/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
