import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KernelProcess } from '../../src/runner/kernel';
import { until } from './helpers';
import { pidAlive } from '../../src/core/temp-files';

const notebooks = path.resolve(__dirname, '..', '..', '..', '..', 'notebooks');

test('the kernel reports busy until a cell\'s awaited work ends, even with the next cell already queued (Run All)', async () => {
  const k = await KernelProcess.start({ cwd: notebooks });
  try {
    const seen: Array<{ state: string; parent: string }> = [];
    k.tapIopub((m) => {
      if (m.header.msg_type === 'status') seen.push({ state: String((m.content as { execution_state: string }).execution_state), parent: String(m.parent_header.msg_id) });
    });
    // as Jupyter's Run All: both requests are sent at once; the second awaits 1.5 s of work
    const a = k.execute('const shortCell = 1;', { onIopub() {} });
    const b = k.execute('await new Promise((r) => setTimeout(r, 1500));', { onIopub() {} });
    await a.done;
    let lastBeforeB = '';
    await new Promise((r) => setTimeout(r, 700)); // well inside B's awaited work
    lastBeforeB = seen[seen.length - 1]?.state ?? '';
    await b.done;
    const mine = seen.filter((s) => s.parent === a.msgId || s.parent === b.msgId).map((s) => `${s.parent === a.msgId ? 'A' : 'B'} ${s.state}`);
    // one request at a time: A's busy/idle pair, then B's; never "A idle" while B is already announced busy
    assert.deepEqual(mine, ['A busy', 'A idle', 'B busy', 'B idle']);
    assert.equal(lastBeforeB, 'busy', 'halfway through the awaited cell the last status published is busy');
  } finally {
    await k.shutdown();
  }
});

test('a runner that crashes takes its kernel down and removes the kernel folder', async () => {
  const kernelJs = path.resolve(__dirname, '..', '..', 'src', 'runner', 'kernel.js');
  const script = `
    const { KernelProcess } = require(${JSON.stringify(kernelJs)});
    KernelProcess.start({ cwd: ${JSON.stringify(notebooks)} }).then((k) => {
      console.log(JSON.stringify({ pid: k.pid, dir: k.dir }));
      setTimeout(() => { throw new Error('the runner crashes'); }, 100);
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  assert.equal(code, 1, 'the crash ends the runner');
  const { pid, dir } = JSON.parse(out.trim().split('\n')[0]) as { pid: number; dir: string };
  assert.match(path.basename(dir), /^seglab-kernel-\d+-/);
  assert.ok(await until(() => !pidAlive(pid), 5000), `kernel ${pid} still runs`);
  assert.equal(fs.existsSync(dir), false, `${dir} is left behind`);
});
