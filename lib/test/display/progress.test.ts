import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progress, progressText } from '../../src/display/progress';
import { setDisplaySink, type DisplayContent } from '../../src/display/channel';
import { OutputCollector } from '../../src/runner/outputs';
import type { JupyterMessage } from '../../src/runner/protocol';

test('progressText shows count, percent and a 20-cell bar', () => {
  assert.equal(progressText('epochs', 3, 10), 'epochs  3/10  30%  ██████░░░░░░░░░░░░░░');
  assert.equal(progressText('k', 0, 0), 'k  0/0  0%  ░░░░░░░░░░░░░░░░░░░░');
});

test('in a notebook, progress updates ONE output in place through its display_id', () => {
  const got: Array<{ c: DisplayContent; update: boolean }> = [];
  setDisplaySink((c, update) => got.push({ c, update }));
  try {
    const p = progress(3, 'fit', { plain: false, throttleMs: 0 });
    p.tick(); p.tick(); p.tick(1, 'last'); p.done();
  } finally { setDisplaySink(null); }
  const ids = new Set(got.map((g) => g.c.transient?.display_id));
  assert.equal(ids.size, 1);
  assert.equal(got[0].update, false);
  assert.ok(got.slice(1).every((g) => g.update));
  assert.match(got[got.length - 1].c.data['text/plain'] as string, /fit {2}3\/3 {2}100%.*last/);
});

test('headless, progress prints plain lines and no display messages', (t) => {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (s: string) => lines.push(s);
  const got: DisplayContent[] = [];
  setDisplaySink((c) => got.push(c));
  try {
    const p = progress(2, 'sweep', { plain: true, throttleMs: 0 });
    p.tick(); p.tick(); p.done();
  } finally { console.log = orig; setDisplaySink(null); }
  assert.equal(got.length, 0);
  assert.equal(lines.length, 3);
  assert.match(lines[2], /^▸ sweep {2}2\/2 {2}100%/);
});

test('an early stop shows where the work stopped, not a full bar', () => {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (s: string) => lines.push(s);
  try {
    const p = progress(100, 'epochs', { plain: true, throttleMs: 0 });
    p.update(43, 'loss 0.1');
    p.done('stopped after 43 epochs', 43);
  } finally { console.log = orig; }
  assert.match(lines[lines.length - 1], /^▸ epochs {2}43\/100 {2}43%.*stopped after 43 epochs$/);
});

test('headless in a kernel, a progress bar leaves ONE output holding its final summary (runner collector)', () => {
  const msgs: Array<{ c: DisplayContent; update: boolean }> = [];
  setDisplaySink((c, update) => msgs.push({ c, update }));
  const prev = process.env.SEGLAB_HEADLESS;
  process.env.SEGLAB_HEADLESS = '1';
  try {
    const p = progress(5, 'grid', { plain: false, throttleMs: 0 });
    for (let i = 0; i < 5; i++) { p.step(`cell ${i + 1}`); p.tick(); }
    p.done('5 cells');
  } finally {
    setDisplaySink(null);
    if (prev === undefined) delete process.env.SEGLAB_HEADLESS; else process.env.SEGLAB_HEADLESS = prev;
  }
  const collector = new OutputCollector();
  collector.reset();
  for (const m of msgs) {
    const msg = { identities: [], header: { msg_type: m.update ? 'update_display_data' : 'display_data' }, parent_header: {}, metadata: {}, content: m.c, buffers: [] };
    collector.handle(msg as unknown as JupyterMessage);
  }
  assert.ok(msgs.length > 5, 'several live updates were sent');
  assert.equal(collector.outputs.length, 1);
  const o = collector.outputs[0] as { data: Record<string, string>; metadata: Record<string, unknown> };
  assert.match(o.data['text/plain'], /^grid {2}5\/5 {2}100%.* {2}5 cells$/);
  assert.doesNotMatch(o.data['text/plain'], /running/);
  assert.deepEqual(o.metadata, { seglab: { kind: 'progress' } });
  // the runner echoes the lines marked in the transient part (never saved): here the final one at least
  const echoed = msgs.map((m) => (m.c.transient as { seglab_echo?: string } | undefined)?.seglab_echo).filter(Boolean);
  assert.match(echoed[echoed.length - 1]!, /^▸ grid {2}5\/5 {2}100%/);
});

test('step names the step that is running, shown at once even inside the throttle interval', () => {
  const texts: string[] = [];
  setDisplaySink((c) => texts.push(c.data['text/plain'] as string));
  try {
    const p = progress(3, 'grid', { plain: false, throttleMs: 60_000 });
    p.step('kmeans on raw, k = 2');
    p.tick();
    p.step('dbscan on raw');
  } finally { setDisplaySink(null); }
  // the first state, then each step at once; the tick in between is throttled
  assert.equal(texts.length, 3);
  assert.match(texts[1], /grid {2}0\/3 .* running kmeans on raw, k = 2$/);
  assert.match(texts[2], /grid {2}1\/3 .* running dbscan on raw$/);
});
