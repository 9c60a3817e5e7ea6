import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { downloadUciBank, datasetFileStatus } from '../../src/data/download';
import { DataError } from '../../src/core/errors';

test('downloadUciBank fails fast with a DataError naming the URL when the network is unreachable', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-dl-'));
  try {
    const t0 = Date.now();
    // port 9 on localhost: connection refused at once (no network needed)
    await assert.rejects(downloadUciBank({ dataDir: dir, url: 'http://127.0.0.1:9/bank+marketing.zip', timeoutMs: 3000 }),
      (e: unknown) => e instanceof DataError && /cannot download http:\/\/127\.0\.0\.1:9/.test((e as Error).message));
    assert.ok(Date.now() - t0 < 3500);
    assert.deepEqual(fs.readdirSync(dir), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('downloadUciBank rejects an archive without the CSV and writes nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-dl-'));
  try {
    const fakeFetch = (async () => new Response(new Uint8Array([1, 2, 3]))) as typeof fetch;
    await assert.rejects(downloadUciBank({ dataDir: dir, url: 'http://x/a.zip', fetchImpl: fakeFetch }), DataError);
    assert.deepEqual(fs.readdirSync(dir), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('`npm run data` offline exits non-zero with a clear message and prints where to put the Kaggle files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-cli-'));
  try {
    const script = path.join(__dirname, '..', '..', 'src', 'cli', 'data.js');
    const r = spawnSync(process.execPath, [script, '--data-dir', dir, '--url', 'http://127.0.0.1:9/x.zip', '--timeout', '3000'], { encoding: 'utf8', timeout: 20000 });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error: cannot download http:\/\/127\.0\.0\.1:9\/x\.zip/);
    assert.match(r.stdout, /kaggle\.com\/datasets\/arjunbhasin2013\/ccdata/);
    assert.match(r.stdout, new RegExp(`save it as ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/cc-general\\.csv`));
    assert.deepEqual(datasetFileStatus(dir).map((s) => s.present), [false, false, false]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
