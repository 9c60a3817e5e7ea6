import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputCollector } from '../../src/runner/outputs';
import type { JupyterMessage } from '../../src/runner/protocol';

const msg = (msg_type: string, content: Record<string, unknown>): JupyterMessage =>
  ({ identities: [], header: { msg_type } as never, parent_header: {}, metadata: {}, content, buffers: [] });

test('consecutive stream text of the same stream is merged into one output', () => {
  const c = new OutputCollector();
  c.reset();
  c.handle(msg('stream', { name: 'stdout', text: 'a\n' }));
  c.handle(msg('stream', { name: 'stdout', text: 'b\n' }));
  c.handle(msg('stream', { name: 'stderr', text: 'e\n' }));
  assert.deepEqual(c.outputs, [
    { output_type: 'stream', name: 'stdout', text: 'a\nb\n' },
    { output_type: 'stream', name: 'stderr', text: 'e\n' },
  ]);
  assert.equal(c.streamText('stderr'), 'e\n');
});

test('update_display_data rewrites the earlier output with the same display_id, even from a later cell', () => {
  const c = new OutputCollector();
  const first = c.reset();
  c.handle(msg('display_data', { data: { 'text/plain': '1/3' }, metadata: {}, transient: { display_id: 'p' } }));
  c.reset();
  c.handle(msg('update_display_data', { data: { 'text/plain': '3/3' }, metadata: {}, transient: { display_id: 'p' } }));
  assert.deepEqual(first[0], { output_type: 'display_data', data: { 'text/plain': '3/3' }, metadata: {} });
  assert.equal(c.outputs.length, 0);
});

test('clear_output with wait clears at the next output; without wait at once', () => {
  const c = new OutputCollector();
  c.reset();
  c.handle(msg('stream', { name: 'stdout', text: 'old' }));
  c.handle(msg('clear_output', { wait: true }));
  assert.equal(c.outputs.length, 1);
  c.handle(msg('stream', { name: 'stdout', text: 'new' }));
  assert.deepEqual(c.outputs, [{ output_type: 'stream', name: 'stdout', text: 'new' }]);
  c.handle(msg('clear_output', { wait: false }));
  assert.equal(c.outputs.length, 0);
});

test('outputs past the size cap are cut, later ones dropped, and one note says how much was not kept; errors are kept', () => {
  const c = new OutputCollector({ maxOutputSize: 100 });
  c.reset();
  c.handle(msg('stream', { name: 'stdout', text: 'a'.repeat(60) }));
  c.handle(msg('stream', { name: 'stdout', text: 'b'.repeat(60) })); // 40 kept, 20 dropped
  c.handle(msg('display_data', { data: { 'text/plain': 'x'.repeat(10) }, metadata: {} })); // {"text/plain":"xxxxxxxxxx"}: 27 characters dropped
  c.handle(msg('stream', { name: 'stderr', text: 'e'.repeat(3) })); // 3 dropped
  c.handle(msg('error', { ename: 'Error', evalue: 'boom', traceback: [] }));
  assert.equal(c.truncated, true);
  assert.deepEqual(c.outputs, [
    { output_type: 'stream', name: 'stdout', text: 'a'.repeat(60) + 'b'.repeat(40) },
    {
      output_type: 'display_data',
      data: { 'text/plain': "[output truncated: this cell's outputs passed the cap of 100 B (runner option --max-output); 50 B more were not kept in the executed copy]\n" },
      metadata: { seglab: { truncated: true } },
    },
    { output_type: 'error', ename: 'Error', evalue: 'boom', traceback: [] },
  ]);
  // the next cell starts with a fresh budget
  c.reset();
  c.handle(msg('stream', { name: 'stdout', text: 'c'.repeat(100) }));
  assert.equal(c.truncated, false);
  assert.equal(c.outputs.length, 1);
});
