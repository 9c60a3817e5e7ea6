import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runNotebook, failureLine } from '../../src/runner/run';
import { readNotebook } from '../../src/runner/notebook';
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
  assert.equal(r.failedCodeCell, 3);
  assert.match(r.error ?? '', /third cell is broken/);
  const line = failureLine(r);
  assert.match(line, /^fails\.ipynb: code cell 3 failed/);
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
  assert.match(failureLine(r), /code cell 2 timed out/);
  assert.ok(Date.now() - t0 < 40000, 'the run does not wait for the sleeping cell');
});

test('a kernel that dies is reported as such instead of hanging', async () => {
  const f = write('dies.ipynb', nb(['const y = 1;', 'process.exit(3);']));
  const r = await runNotebook(f, { timeoutSec: 60 });
  assert.equal(r.ok, false);
  assert.equal(r.status, 'died');
  assert.equal(r.failedCell, 2);
  assert.match(failureLine(r), /code cell 2 kernel died/);
});

// Small notebooks for the runner's faults live in lib/test/fixtures (the source tree: dist has no copies).
const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');

test('an unreadable or malformed notebook fails alone with a message naming the file (and the cell), and its executed copy records it', async () => {
  const broken = path.join(fixtures, 'mixed', '01-broken.ipynb');
  const out = path.join(dir, 'out', '01-broken.ipynb');
  const r = await runNotebook(broken, { outFile: out });
  assert.equal(r.ok, false);
  assert.equal(r.status, 'unreadable');
  assert.match(failureLine(r), /^01-broken\.ipynb: cannot be run:\n {4}.*01-broken\.ipynb is not a readable notebook/);
  assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).metadata.seglab.status, 'unreadable');
  const malformed = write('malformed.ipynb', { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', id: 'c1', source: 5 }] } as never);
  const m = await runNotebook(malformed);
  assert.equal(m.status, 'unreadable');
  assert.match(m.error ?? '', /malformed\.ipynb: cell 1 \(id c1\) has a source that is neither text nor a list of lines/);
});

test('readNotebook fills in what nbformat lets a tool omit: cell metadata, outputs and execution counts', () => {
  const nb = readNotebook(path.join(fixtures, 'mixed', '02-no-metadata.ipynb'));
  for (const c of nb.cells) {
    assert.deepEqual(c.metadata, {});
    assert.deepEqual((c as { outputs: unknown[] }).outputs, []);
  }
});

// Each of these starts its own kernel and mostly waits: run them side by side to keep the suite short.
describe('errors raised outside a cell, and memory', { concurrency: 2 }, () => {
  test('a timer that throws after the last cell returned fails the notebook on that cell, named by code-cell index and id', async () => {
    const out = path.join(dir, 'out', 'late-timer.ipynb');
    const r = await runNotebook(path.join(fixtures, 'late-errors', 'late-timer.ipynb'), { outFile: out, timeoutSec: 60 });
    assert.equal(r.ok, false);
    assert.equal(r.status, 'error');
    // the notebook is markdown, code, markdown, code: the failing cell is the 4th cell but the 2nd code cell
    assert.equal(r.failedCodeCell, 2);
    assert.equal(r.failedCell, 4);
    assert.equal(r.failedCellId, 'timer');
    assert.match(failureLine(r), /^late-timer\.ipynb: code cell 2 \(id timer\) failed:\n {4}Error: late boom/);
    const executed = JSON.parse(fs.readFileSync(out, 'utf8')) as Notebook;
    const cell = executed.cells[3] as { outputs: Array<{ output_type: string; evalue?: string }>; metadata: any };
    assert.ok(cell.outputs.some((o) => o.output_type === 'error' && o.evalue === 'late boom'), JSON.stringify(cell.outputs));
    assert.equal(cell.metadata.seglab.status, 'error');
    assert.equal((executed.metadata as any).seglab.failed_code_cell, 2);
  });

  test('an unhandled promise rejection fails the cell that made it, and later cells are not run', async () => {
    const out = path.join(dir, 'out', 'unhandled-rejection.ipynb');
    const r = await runNotebook(path.join(fixtures, 'late-errors', 'unhandled-rejection.ipynb'), { outFile: out, timeoutSec: 60 });
    assert.equal(r.status, 'error');
    assert.equal(r.failedCodeCell, 2);
    assert.match(r.error ?? '', /unhandled boom/);
    const executed = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.ok(executed.cells[1].outputs.some((o: { output_type: string; evalue?: string }) => o.output_type === 'error' && o.evalue === 'unhandled boom'));
    assert.equal(executed.cells[2].metadata.seglab.status, 'not-run');
  });

  test('an error thrown by a timer while a later cell awaits fails that running cell at once', async () => {
    const t0 = Date.now();
    const r = await runNotebook(path.join(fixtures, 'late-errors', 'timer-during-next-cell.ipynb'), { timeoutSec: 60 });
    assert.equal(r.status, 'error');
    assert.equal(r.failedCodeCell, 2);
    assert.equal(r.failedCellId, 'waits');
    assert.match(r.error ?? '', /timer boom/);
    assert.ok(Date.now() - t0 < 30000);
  });

  test('a kernel that runs out of memory is reported as such, with the heap limit the runner gave it', async () => {
    const r = await runNotebook(path.join(fixtures, 'out-of-memory', 'grows.ipynb'), { timeoutSec: 120, maxMemoryMb: 256 });
    assert.equal(r.status, 'died');
    assert.equal(r.outOfMemory, true);
    assert.match(failureLine(r), /^grows\.ipynb: code cell 1 \(id grows\) kernel ran out of memory:\n {4}the kernel ran out of memory \(heap limit 256 MB\)/);
  });
});
