import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progress, progressText } from '../../src/display/progress';
import { setDisplaySink, type DisplayContent } from '../../src/display/channel';

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
