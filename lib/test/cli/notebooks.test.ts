import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { until } from '../runner/helpers';
import { pidAlive } from '../../src/core/temp-files';

const cli = path.resolve(__dirname, '..', '..', 'src', 'cli', 'notebooks.js');
const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-cli-notebooks-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

interface Run { child: ChildProcess; out: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

function startCli(args: string[]): Run {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, out: () => out, exit };
}

/** Start the long-cell notebook and wait until its second code cell is awaiting; returns the kernel's pid and folder. */
async function startLongRun(outDir: string): Promise<Run & { kernel: number; dir: string }> {
  const run = startCli(['--dir', path.join(fixtures, 'interrupt'), '--out', outDir]);
  assert.ok(await until(() => run.out().includes('▸ waiting'), 90000), `the run did not reach the long cell:\n${run.out()}`);
  const m = /▸ kernel (\d+) (\S+)/.exec(run.out());
  assert.ok(m, run.out());
  return { ...run, kernel: Number(m[1]), dir: path.dirname(m[2]) };
}

// Each test runs the command with its own kernel and mostly waits on it: two at a time keep the suite short.
describe('npm run notebooks', { concurrency: 2 }, () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    test(`${signal} to a running \`npm run notebooks\` mid-cell leaves no kernel and no kernel folder, and writes the executed copy with the interruption`, async () => {
      const outDir = path.join(work, signal);
      const run = await startLongRun(outDir);
      assert.ok(fs.existsSync(run.dir));
      run.child.kill(signal);
      const end = await run.exit;
      assert.equal(end.code, code, run.out());
      assert.ok(await until(() => !pidAlive(run.kernel), 3000), `kernel ${run.kernel} still runs`);
      assert.equal(fs.existsSync(run.dir), false, `${run.dir} is left behind`);
      const executed = JSON.parse(fs.readFileSync(path.join(outDir, 'long-cell.ipynb'), 'utf8'));
      assert.equal(executed.metadata.seglab.status, 'interrupted');
      assert.equal(executed.metadata.seglab.failed_cell_id, 'waits');
      assert.match(executed.metadata.seglab.error, new RegExp(`interrupted \\(${signal}\\)`));
      const waits = executed.cells.find((c: { id: string }) => c.id === 'waits');
      assert.equal(waits.metadata.seglab.status, 'interrupted');
      assert.match(JSON.stringify(waits.outputs), /▸ waiting/, 'the outputs up to the interruption are kept');
      assert.equal(executed.cells.find((c: { id: string }) => c.id === 'after').metadata.seglab.status, 'not-run');
      assert.match(run.out(), /✗ long-cell +interrupted/);
    });
  }

  test('a runner killed with SIGKILL leaves a kernel that exits by itself and removes its folder', async () => {
    const run = await startLongRun(path.join(work, 'SIGKILL'));
    run.child.kill('SIGKILL');
    await run.exit;
    assert.ok(await until(() => !pidAlive(run.kernel), 10000), `kernel ${run.kernel} outlived its runner`);
    assert.ok(await until(() => !fs.existsSync(run.dir), 3000), `${run.dir} is left behind`);
  });

  test('a broken notebook fails alone: the others run, the summary lists every result; --suffix reaches artifacts, outputs are capped', async () => {
    // a folder of a dead run, as a SIGKILLed runner of an older version would leave: cleaned when kernels start
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const stale = path.join(os.tmpdir(), `seglab-kernel-${dead}-zzzzzz`);
    fs.mkdirSync(stale, { recursive: true });
    const outDir = path.join(work, 'mixed');
    const run = startCli(['--dir', path.join(fixtures, 'mixed'), '--out', outDir, '--suffix', 'trial', '--max-output', '0.1']);
    const end = await run.exit;
    const out = run.out();
    assert.equal(end.code, 1, out);
    assert.match(out, /1 notebook\(s\) passed, 1 failed/);
    assert.match(out, /✗ 01-broken +unreadable/);
    assert.match(out, /✓ 02-no-metadata/);
    assert.match(out, /FAILED 01-broken\.ipynb: cannot be run:\n {4}\S*01-broken\.ipynb is not a readable notebook/);
    const executed = JSON.parse(fs.readFileSync(path.join(outDir, '02-no-metadata--trial.ipynb'), 'utf8'));
    // --suffix: the kernel's outputsDir() puts artifacts under outputs/models--trial/
    assert.match(JSON.stringify(executed.cells[0].outputs), /outputs\/models--trial\/x\/segmentation\.json/);
    // --max-output 0.1 (MB): the 300,000-character line is cut, with a note
    const big = executed.cells[1].outputs;
    assert.equal(big[0].text.length, Math.round(0.1 * 1024 * 1024));
    assert.match(big[1].data['text/plain'], /output truncated: this cell's outputs passed the cap of 0\.1 MB/);
    assert.equal(fs.existsSync(stale), false, 'the folder of a dead run was removed when the kernel started');
  });
});
