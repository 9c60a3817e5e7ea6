import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredNames, injectParameters, parseParam } from '../../src/runner/params';
import type { Notebook } from '../../src/runner/notebook';

test('parseParam reads JSON values and falls back to strings', () => {
  assert.deepEqual(parseParam('K=5'), ['K', 5]);
  assert.deepEqual(parseParam('DATASET=cc-general'), ['DATASET', 'cc-general']);
  assert.deepEqual(parseParam('FLAGS=[1,"a"]'), ['FLAGS', [1, 'a']]);
  assert.deepEqual(parseParam('S="x=y"'), ['S', 'x=y']);
  assert.throws(() => parseParam('novalue'), /key=value/);
  assert.throws(() => parseParam('1bad=2'), /not a valid identifier/);
});

test('declaredNames lists the top-level declarations of a parameters cell', () => {
  assert.deepEqual(declaredNames("const DATASET = 'auto';\nlet K = 3; // k\n  var X = 1\n// const NOT = 2"), ['DATASET', 'K', 'X']);
});

const nb = (): Notebook => ({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: [
    { cell_type: 'markdown', metadata: {}, source: '# T' },
    { cell_type: 'code', metadata: { tags: ['parameters'] }, source: "const DATASET = 'auto';\nconst K = 3;", outputs: [], execution_count: null },
    { cell_type: 'code', metadata: {}, source: 'console.log(K)', outputs: [], execution_count: null },
  ],
});

test('injectParameters inserts a tagged cell right after the parameters cell and leaves the source notebook alone', () => {
  const src = nb();
  const out = injectParameters(src, { K: 5, DATASET: 'bank-kaggle' });
  assert.equal(src.cells.length, 3);
  assert.equal(out.cells.length, 4);
  assert.deepEqual(out.cells[2].metadata.tags, ['injected-parameters']);
  const code = (out.cells[2].source as string[]).join('');
  assert.match(code, /const K = 5;/);
  assert.match(code, /const DATASET = "bank-kaggle";/);
});

test('injectParameters rejects a name the parameters cell does not declare, listing the declared ones', () => {
  assert.throws(() => injectParameters(nb(), { KK: 5 }, 'x.ipynb'), /x\.ipynb has no parameter "KK"; its parameters cell declares: DATASET, K/);
});
