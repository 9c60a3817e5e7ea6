import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../../src/data/load-dataset';
import { outputsDir } from '../../src/data/datadir';
import { categoricalColumn } from '../../src/data/table';
import { savedSegments } from '../../src/workflow/segments';

test('savedSegments returns the labels notebook 04 saved, named by two or three traits, and null when they do not fit', () => {
  const base = loadDataset('synthetic-cc');
  const id = `test-saved-segments-${process.pid}`;
  const loaded = { ...base, spec: { ...base.spec, id } };
  const dir = outputsDir('models', id);
  try {
    assert.equal(savedSegments(loaded), null, 'no file → null');
    // the planted segments as the saved segmentation
    const labels = Array.from(categoricalColumn(base.table, 'segment').codes);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'segmentation.json'), JSON.stringify({ kind: 'Segmentation', labels, nRows: labels.length, method: 'kmeans', representation: 'raw' }));
    const s = savedSegments(loaded)!;
    assert.equal(s.k, 4);
    assert.deepEqual(Array.from(s.labels), labels);
    assert.equal(s.names.length, 4);
    for (const [i, name] of s.names.entries()) {
      assert.match(name, new RegExp(`^S${i + 1} · `));
      const traits = name.replace(/^S\d+ · /, '').split(', ');
      assert.ok(traits.length >= 2 && traits.length <= 3, name);
      assert.ok(!name.includes('segment'), 'never named after the ground truth');
    }
    // a file for another table (other row count) is not used
    fs.writeFileSync(path.join(dir, 'segmentation.json'), JSON.stringify({ kind: 'Segmentation', labels: [0, 1], nRows: 2 }));
    assert.equal(savedSegments(loaded), null);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
