import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../../src/core/matrix';
import { DecisionTreeClassifier } from '../../src/personas/tree';

test('DecisionTreeClassifier finds the single split between two classes at the midpoint', () => {
  const X = Object.freeze(fromRows([[1], [2], [3], [4]]));
  const y = Object.freeze([0, 0, 1, 1]);
  const t = new DecisionTreeClassifier({ maxDepth: 3 }).fit(X, y, ['PURCHASES']);
  // Split 2 | 3 leaves two pure children: threshold (2 + 3)/2 = 2.5, and growth stops (pure).
  assert.equal(t.nodes.length, 3);
  assert.deepEqual(t.rules(['low', 'high']), ['IF PURCHASES <= 2.5 THEN low (100% of 2 rows)', 'IF PURCHASES > 2.5 THEN high (100% of 2 rows)']);
  assert.equal(t.fidelity(X, y), 1);
  assert.deepEqual(Array.from(t.predict(fromRows([[2.4], [2.6]]))), [0, 1]);
});

// Two-level case: class 0 when x0 = 0; else class 1 when x1 = 0, class 2 when x1 = 1.
// Root n·Gini = 8 − (16 + 4 + 4)/8 = 5. Split on x0: children 4·0 and (4 − (4 + 4)/4) = 2 → 2.
// Split on x1: children [2,2,0] and [2,0,2], each 4 − 8/4 = 2 → 4. So x0 first, then x1 in the right child.
const X2 = fromRows([[0, 0], [0, 1], [0, 0], [0, 1], [1, 0], [1, 0], [1, 1], [1, 1]]);
const y2 = Int32Array.from([0, 0, 0, 0, 1, 1, 2, 2]);

test('DecisionTreeClassifier grows a two-level tree and prints merged rules', () => {
  const t = new DecisionTreeClassifier({ maxDepth: 2 }).fit(X2, y2, ['a', 'b']);
  assert.deepEqual(t.rules(), [
    'IF a <= 0.5 THEN class 0 (100% of 4 rows)',
    'IF a > 0.5 AND b <= 0.5 THEN class 1 (100% of 2 rows)',
    'IF a > 0.5 AND b > 0.5 THEN class 2 (100% of 2 rows)',
  ]);
  assert.equal(t.fidelity(X2, y2), 1);
  // Importances: root decrease 5 − 2 = 3, right node 2 − 0 = 2 → 3/5 and 2/5.
  assert.deepEqual(Array.from(t.featureImportances()).map((v) => Number(v.toFixed(12))), [0.6, 0.4]);
});

test('DecisionTreeClassifier stops at maxDepth with the majority class (lowest on ties)', () => {
  const t = new DecisionTreeClassifier({ maxDepth: 1 }).fit(X2, y2);
  // Right leaf [0, 2, 2]: tie → class 1, share 50%; 6 of 8 rows reproduced.
  assert.deepEqual(t.rules(), ['IF x0 <= 0.5 THEN class 0 (100% of 4 rows)', 'IF x0 > 0.5 THEN class 1 (50% of 4 rows)']);
  assert.equal(t.fidelity(X2, y2), 0.75);
  const P = t.predictProba(fromRows([[1, 1]]));
  assert.deepEqual(Array.from(P.data), [0, 0.5, 0.5]);
});

test('DecisionTreeClassifier respects minSamplesLeaf', () => {
  // y = 0,1,1,1: the pure split 1 | 2,3,4 is not allowed with minSamplesLeaf = 2; 2 | 2 is (impurity 1 < 1.5).
  const t = new DecisionTreeClassifier({ minSamplesLeaf: 2 }).fit(fromRows([[1], [2], [3], [4]]), Int32Array.from([0, 1, 1, 1]));
  assert.equal(t.nodes[0].threshold, 2.5);
  assert.equal(t.nodes.length, 3);
});

test('DecisionTreeClassifier does not split when no split lowers the Gini impurity (XOR)', () => {
  const t = new DecisionTreeClassifier().fit(fromRows([[0, 0], [0, 1], [1, 0], [1, 1]]), Int32Array.from([0, 1, 1, 0]));
  assert.deepEqual(t.rules(), ['ALWAYS class 0 (50% of 4 rows)']);
});

test('DecisionTreeClassifier round-trips through JSON and validates its inputs', () => {
  const t = new DecisionTreeClassifier({ maxDepth: 2 }).fit(X2, y2);
  const back = DecisionTreeClassifier.fromJSON(JSON.parse(JSON.stringify(t.toJSON())));
  assert.deepEqual(Array.from(back.predict(X2)), Array.from(t.predict(X2)));
  assert.deepEqual(back.rules(), t.rules());
  assert.throws(() => new DecisionTreeClassifier().predict(X2), /not fitted/);
  assert.throws(() => t.predict(fromRows([[1]])), /X has 1 columns, the tree was fitted on 2/);
  assert.throws(() => new DecisionTreeClassifier().fit(X2, [0, 1]), /y has 2 values, expected 8/);
  assert.throws(() => new DecisionTreeClassifier({ maxDepth: -1 }).fit(X2, y2), /maxDepth=-1/);
});
