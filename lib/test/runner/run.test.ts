import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runNotebook, failureLine } from '../../src/runner/run';
import { writeNotebook, type Notebook } from '../../src/runner/notebook';
import { PLOTLY_MIME } from '../../src/display/plotly';

// Test notebooks live inside the project (lib/dist/…) so that their kernel resolves `seglab` like a real notebook.
const dir = path.resolve(__dirname, '..', '..', 'test-notebooks');

function nb(cells: Array<string | { src: string; tags: string[] }>): Notebook {
  return {
    nbformat: 4, nbformat_minor: 5, metadata: {},
    cells: cells.map((c) => ({
      cell_type: 'code' as const,
      metadata: typeof c === 'string' ? {} : { tags: c.tags },
      source: typeof c === 'string' ? c : c.src,
      outputs: [], execution_count: null,
    })),
  };
}

function write(name: string, notebook: Notebook): string {
  const f = path.join(dir, name);
  writeNotebook(f, notebook);
  return f;
}

before(() => fs.mkdirSync(dir, { recursive: true }));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a notebook runs with an injected parameter, skips skip-ci cells, and show() yields one output with three MIME types', async () => {
  const f = write('ok.ipynb', nb([
    { src: 'const N = 1;', tags: ['parameters'] },
    "console.log('N is', N)",
    { src: "throw new Error('this cell must be skipped')", tags: ['skip-ci'] },
    "import { show } from 'seglab';\nshow({ data: [{ type: 'bar', x: ['a'], y: [N] }] })",
  ]));
  const out = path.join(dir, 'out', 'ok.ipynb');
  const before = fs.readFileSync(f, 'utf8');
  const r = await runNotebook(f, { outFile: out, params: { N: 7 }, timeoutSec: 120 });
  assert.equal(r.ok, true, r.error);
  assert.equal(fs.readFileSync(f, 'utf8'), before, 'the source notebook is never modified');
  const executed = JSON.parse(fs.readFileSync(out, 'utf8')) as Notebook;
  const cells = executed.cells as Array<{ outputs: any[]; metadata: any }>;
  assert.deepEqual(cells[1].metadata.tags, ['injected-parameters']);
  assert.deepEqual(cells[2].outputs, [{ output_type: 'stream', name: 'stdout', text: 'N is 7\n' }]);
  assert.equal(cells[3].metadata.seglab.status, 'skipped');
  assert.equal(cells[3].outputs.length, 0);
  const shown = cells[4].outputs;
  assert.equal(shown.length, 1);
  assert.equal(shown[0].output_type, 'display_data');
  assert.deepEqual(Object.keys(shown[0].data).sort(), [PLOTLY_MIME, 'text/html', 'text/plain'].sort());
  assert.deepEqual(shown[0].data[PLOTLY_MIME].data, [{ type: 'bar', x: ['a'], y: [7] }]);
  assert.ok(typeof cells[4].metadata.seglab.duration_ms === 'number');
  assert.ok(cells[4].metadata.execution['shell.execute_reply']);
  assert.equal((executed.metadata as any).seglab.status, 'ok');
});

test('a notebook whose third cell throws fails naming cell 3 and the error text, and later cells are not run', async () => {
  const f = write('fails.ipynb', nb(['const a = 1;', 'const b = 2;', "throw new Error('third cell is broken')", "console.log('never')"]));
  const out = path.join(dir, 'out', 'fails.ipynb');
  const r = await runNotebook(f, { outFile: out, timeoutSec: 120 });
  assert.equal(r.ok, false);
  assert.equal(r.status, 'error');
  assert.equal(r.failedCell, 3);
  assert.match(r.error ?? '', /third cell is broken/);
  const line = failureLine(r);
  assert.match(line, /^fails\.ipynb: cell 3 failed/);
  assert.match(line, /third cell is broken/);
  const executed = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(executed.cells[3].outputs.length, 0);
  assert.equal(executed.cells[3].metadata.seglab.status, 'not-run');
});

test('a cell that sleeps past the timeout is interrupted and reported as timed out', async () => {
  const f = write('hangs.ipynb', nb(['const x = 1;', 'await new Promise((r) => setTimeout(r, 60000));']));
  const t0 = Date.now();
  const r = await runNotebook(f, { timeoutSec: 2, killGraceSec: 2 });
  assert.equal(r.ok, false);
  assert.equal(r.status, 'timeout');
  assert.equal(r.failedCell, 2);
  assert.match(failureLine(r), /cell 2 timed out/);
  assert.ok(Date.now() - t0 < 40000, 'the run does not wait for the sleeping cell');
});

test('a kernel that dies is reported as such instead of hanging', async () => {
  const f = write('dies.ipynb', nb(['const y = 1;', 'process.exit(3);']));
  const r = await runNotebook(f, { timeoutSec: 60 });
  assert.equal(r.ok, false);
  assert.equal(r.status, 'died');
  assert.equal(r.failedCell, 2);
  assert.match(failureLine(r), /cell 2 kernel died/);
});
