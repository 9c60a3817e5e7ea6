import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lossCurveChart, reconstructionErrorChart, networkArchitectureChart, embeddingComparisonChart } from '../../src/viz/neural';

test('lossCurveChart draws training and validation per epoch from 1 and marks the kept epoch', () => {
  const fig = lossCurveChart({ loss: [1, 0.5, 0.4], valLoss: [1.2, 0.6, 0.7], bestEpoch: 1 });
  assert.equal(fig.data.length, 2);
  assert.deepEqual(fig.data[0].x, [1, 2, 3]);
  assert.deepEqual(fig.data[1].y, [1.2, 0.6, 0.7]);
  const shapes = (fig.layout as { shapes: Array<{ x0: number }> }).shapes;
  assert.equal(shapes.length, 1); assert.equal(shapes[0].x0, 2);
});

test('lossCurveChart omits the validation curve when it is all NaN (no validation set)', () => {
  const fig = lossCurveChart({ loss: [1, 0.5], valLoss: [NaN, NaN] });
  assert.equal(fig.data.length, 1);
});

test('reconstructionErrorChart puts the largest error on top of the bars', () => {
  const fig = reconstructionErrorChart([0.2, 0.9, 0.5], ['a', 'b', 'c']);
  // sorted descending: b 0.9, c 0.5, a 0.2; Plotly draws the last category on top → y = [a, c, b].
  assert.deepEqual(fig.data[0].y, ['a', 'c', 'b']);
  assert.deepEqual(fig.data[0].x, [0.2, 0.5, 0.9]);
  assert.throws(() => reconstructionErrorChart([1], ['a', 'b']), /1 values but names has 2/);
});

test('networkArchitectureChart draws one centred bar per layer and highlights the bottleneck', () => {
  const fig = networkArchitectureChart([30, 64, 32, 8, 32, 64, 30]);
  const t = fig.data[0] as { y: number[]; base: number[]; marker: { color: string[] } };
  assert.deepEqual(t.y, [30, 64, 32, 8, 32, 64, 30]);
  assert.deepEqual(t.base, [-15, -32, -16, -4, -16, -32, -15]);
  const colors = t.marker.color;
  assert.equal(new Set(colors.filter((_, i) => i !== 3)).size, 1);
  assert.notEqual(colors[3], colors[0]);
});

test('embeddingComparisonChart draws one line per space with k ascending and non-finite values as gaps', () => {
  const rows = [
    { space: 'raw', k: 3, silhouetteRef: 0.1 }, { space: 'raw', k: 2, silhouetteRef: 0.2 },
    { space: 'embedding', k: 2, silhouetteRef: NaN },
  ];
  const fig = embeddingComparisonChart(rows);
  assert.equal(fig.data.length, 2);
  assert.deepEqual((fig.data[0] as { x: number[] }).x, [2, 3]);
  assert.deepEqual((fig.data[0] as { y: number[] }).y, [0.2, 0.1]);
  assert.deepEqual((fig.data[1] as { y: unknown[] }).y, [null]);
});
