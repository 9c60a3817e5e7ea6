import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { displayPath } from '../../src/display/path';
import { projectRoot } from '../../src/data/datadir';

test('displayPath shows a path inside the project relative to its root, with forward slashes', () => {
  assert.equal(displayPath('/srv/lab/outputs/models/bank/embedding.json', { root: '/srv/lab', dataDir: null }), 'outputs/models/bank/embedding.json');
  assert.equal(displayPath('/srv/lab', { root: '/srv/lab', dataDir: null }), '.');
  assert.equal(displayPath('data/bank.csv', { root: '/srv/lab', dataDir: null }), 'data/bank.csv');
});

test('displayPath names the data directory by its variable and shows only the name of any other path', () => {
  const o = { root: '/srv/lab', dataDir: '/mnt/shared/data' };
  const before = process.env.SEGLAB_DATA_DIR;
  process.env.SEGLAB_DATA_DIR = '/mnt/shared/data';
  try {
  assert.equal(displayPath('/mnt/shared/data/bank-additional-full.csv', o), '$SEGLAB_DATA_DIR/bank-additional-full.csv');
  assert.equal(displayPath('/mnt/shared/data', o), '$SEGLAB_DATA_DIR');
  assert.equal(displayPath('/tmp/run-123/segmentation.json', o), 'segmentation.json');
  // a sibling folder whose name starts like the root is not inside it
  assert.equal(displayPath('/srv/lab-old/x.csv', o), 'x.csv');
  } finally {
    if (before === undefined) delete process.env.SEGLAB_DATA_DIR;
    else process.env.SEGLAB_DATA_DIR = before;
  }
});

test('displayPath shows a data directory not named by the variable under its folder name', () => {
  const o = { root: '/srv/lab', dataDir: '/home/ana/exports' };
  assert.equal(displayPath('/home/ana/exports/2026/customers.csv', o), 'exports/2026/customers.csv');
  assert.equal(displayPath('/home/ana/exports', o), 'exports');
  assert.equal(displayPath('/home/ana/other/customers.csv', o), 'customers.csv');
});

test('displayPath defaults to this project root: outputs/… for the outputs folder', () => {
  assert.equal(displayPath(path.join(projectRoot(), 'outputs', 'models', 'a.json')), 'outputs/models/a.json');
});
