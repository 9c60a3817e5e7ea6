import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kmeansAnimationFigure, kmeansStepLabel } from '../../src/teach/kmeans-animation';
import { kmeansSteps } from '../../src/teach/kmeans-steps';
import { fromRows } from '../../src/core/matrix';

type Trace = { x: number[]; y: number[]; name: string; type: string };
type Frame = { name: string; data: Trace[]; traces: number[]; layout: { title: { text: string } } };

// Rows (0,0) (1,0) (10,0) (11,0) plus a y so the plot is 2-D; centres start at rows 0 and 1 (see kmeans-steps.test:
// 5 steps, final centres (0.5, 0) and (10.5, 0)).
const X = fromRows([[0, 0], [1, 0], [10, 1], [11, 1]]);
const trace = kmeansSteps(X, fromRows([[0, 0], [1, 0]]));

test('the animation has one frame per step, each with 2k+2 traces named in the documented order', () => {
  const fig = kmeansAnimationFigure(X, trace, { xTitle: 'spend' });
  const frames = fig.frames as unknown as Frame[];
  assert.equal(trace.steps.length, 5);
  assert.equal(frames.length, 5);
  for (const f of frames) {
    assert.equal(f.data.length, 6); // k = 2 → 2·2 + 2
    assert.deepEqual(f.traces, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(f.data.map((t) => t.name), ['not assigned yet', 'cluster 0', 'cluster 1', 'path of centre 0', 'path of centre 1', 'centres']);
  }
  assert.equal(fig.data.length, 6);
  assert.deepEqual(fig.data, frames[0].data);
});

test('frame 0 shows every row unassigned; later frames colour every row by its assignment', () => {
  const frames = kmeansAnimationFigure(X, trace).frames as unknown as Frame[];
  assert.equal(frames[0].data[0].x.length, 4);
  assert.equal(frames[0].data[1].x.length + frames[0].data[2].x.length, 0);
  // step 3 (assign 2): labels [0,0,1,1].
  assert.deepEqual(frames[3].data[0].x, []);
  assert.deepEqual(frames[3].data[1].x, [0, 1]);
  assert.deepEqual(frames[3].data[2].x, [10, 11]);
  // Centre 1 moves 1 → 22/3 → 10.5 in x: its path in the last frame has those 3 distinct positions.
  const path = frames[4].data[4];
  assert.deepEqual(path.x.map((v) => +v.toFixed(4)), [1, 7.3333, 10.5]);
  assert.deepEqual(frames[4].data[5].x, [0.5, 10.5]);
  assert.match(frames[4].layout.title.text, /inertia 1\.0/);
});

test('a play/pause menu and a slider drive the frames by name, over fixed axis ranges', () => {
  const fig = kmeansAnimationFigure(X, trace);
  const layout = fig.layout as Record<string, any>;
  const buttons = layout.updatemenus[0].buttons;
  assert.deepEqual(buttons.map((b: any) => b.method), ['animate', 'animate']);
  assert.equal(buttons[0].args[0], null); // play: all frames from the current one
  const steps = layout.sliders[0].steps;
  assert.equal(steps.length, 5);
  assert.deepEqual(steps.map((s: any) => s.args[0][0]), (fig.frames as any[]).map((f) => f.name));
  assert.deepEqual(steps.map((s: any) => s.label), ['start', '1 · assign', '1 · update', '2 · assign', '2 · update']);
  // x from 0 to 11 with 6% padding (0.66) on each side.
  assert.deepEqual(layout.xaxis.range.map((v: number) => +v.toFixed(2)), [-0.66, 11.66]);
  assert.equal(layout.xaxis.autorange, false);
  assert.equal(kmeansStepLabel({ phase: 'update', iteration: 3 }), '3 · update');
});

test('kmeansAnimationFigure rejects a trace computed on other rows', () => {
  assert.throws(() => kmeansAnimationFigure(fromRows([[0, 0], [1, 1]]), trace), /trace has 4 labels per step, X has 2 rows/);
  assert.throws(() => kmeansAnimationFigure(fromRows([[0], [1], [2], [3]]), trace), /X has 1 columns/);
});
