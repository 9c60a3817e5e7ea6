import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelSpec, KERNEL_DISPLAY_NAME } from '../../src/cli/kernel';

test('the kernelspec runs the project\'s kernel entry (its own tslab) with the current Node and names the project', () => {
  const spec = kernelSpec('/p', '/usr/bin/node') as { argv: string[]; display_name: string; interrupt_mode: string; language: string };
  assert.deepEqual(spec.argv, ['/usr/bin/node', '/p/lib/dist/src/runner/kernel-main.js', '--config-path', '{connection_file}']);
  assert.equal(spec.display_name, KERNEL_DISPLAY_NAME);
  assert.match(spec.display_name, /seglab/);
  assert.equal(spec.interrupt_mode, 'signal');
  assert.equal(spec.language, 'typescript');
});
