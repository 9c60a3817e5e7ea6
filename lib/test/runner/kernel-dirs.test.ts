import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanStaleKernelDirs } from '../../src/runner/kernel-dirs';
import { pidAlive } from '../../src/core/temp-files';
import { until } from './helpers';

test('stale kernel folders are removed: those of dead runners (ending an orphaned kernel) and old owner-less unused ones; live ones are kept', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-dirs-test-'));
  const sleepers: number[] = [];
  try {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const mk = (name: string, ageMs = 0) => {
      const d = path.join(tmp, name);
      fs.mkdirSync(d);
      fs.writeFileSync(path.join(d, 'connection.json'), '{}');
      if (ageMs) { const t = (Date.now() - ageMs) / 1000; fs.utimesSync(d, t, t); }
      return d;
    };
    // a process that names the folder on its command line, as a kernel does with its connection file
    const user = (dir: string) => {
      const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', path.join(dir, 'connection.json')], { detached: true, stdio: 'ignore' });
      c.unref();
      sleepers.push(c.pid!);
      return c.pid!;
    };
    const deadRunner = mk(`seglab-kernel-${dead}-aaaaaa`);
    const liveRunner = mk(`seglab-kernel-${process.pid}-bbbbbb`);
    const orphanDir = mk(`seglab-kernel-${dead}-cccccc`);
    const orphan = user(orphanDir);
    fs.writeFileSync(path.join(orphanDir, 'owner.json'), JSON.stringify({ runner: dead, kernel: orphan, started: '' }));
    const oldUnused = mk('seglab-kernel-dddddd', 120000);
    const oldInUse = mk('seglab-kernel-eeeeee', 120000);
    user(oldInUse);
    const young = mk('seglab-kernel-ffffff');
    await until(() => sleepers.every((p) => fs.existsSync(`/proc/${p}/cmdline`) && fs.readFileSync(`/proc/${p}/cmdline`, 'latin1').includes('connection.json')), 5000);
    const removed = cleanStaleKernelDirs({ tmpDir: tmp }).sort();
    assert.deepEqual(removed, [deadRunner, orphanDir, oldUnused].sort());
    assert.ok(await until(() => !pidAlive(orphan), 5000), 'the orphaned kernel of a dead runner is ended');
    for (const kept of [liveRunner, oldInUse, young]) assert.ok(fs.existsSync(kept), kept);
  } finally {
    for (const p of sleepers) try { process.kill(p, 'SIGKILL'); } catch { /* ended */ }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
