import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kmeansSteps } from '../../src/teach/kmeans-steps';
import { fromRows } from '../../src/core/matrix';
import { KMeans } from '../../src/cluster/kmeans';
import { customerBlobs } from '../../src/teach/toy-data';
import { badInitCenters, kmeansPlusPlusCenters } from '../../src/teach/init-centers';

const near = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('kmeansSteps records init, assign and update steps of the hand-worked 1-D example', () => {
  // Rows 0, 1, 10, 11; centres start at 0 and 1.
  // assign 1: labels [0,1,1,1], inertia vs centres (0, 1): 0 + 0 + 81 + 100 = 181.
  // update 1: centres (0, 22/3): 0 + (1 − 22/3)² + (10 − 22/3)² + (11 − 22/3)² = (361 + 64 + 121)/9 = 60.667.
  // assign 2: row 1 is nearer 0 → labels [0,0,1,1]; inertia vs (0, 22/3): 0 + 1 + 64/9 + 121/9 = 21.556.
  // update 2: centres (0.5, 10.5): 4·0.25 = 1. assign 3 changes nothing → converged.
  const X = Object.freeze(fromRows([[0], [1], [10], [11]]));
  const C0 = Object.freeze(fromRows([[0], [1]]));
  const tr = kmeansSteps(X, C0);
  assert.deepEqual(tr.steps.map((s) => s.phase), ['init', 'assign', 'update', 'assign', 'update']);
  assert.deepEqual(tr.steps.map((s) => s.iteration), [0, 1, 1, 2, 2]);
  assert.ok(Number.isNaN(tr.steps[0].inertia));
  near(tr.steps[1].inertia, 181);
  near(tr.steps[2].inertia, 546 / 9);
  near(tr.steps[3].inertia, 194 / 9);
  near(tr.steps[4].inertia, 1);
  assert.deepEqual(Array.from(tr.steps[0].labels), [-1, -1, -1, -1]);
  assert.deepEqual(Array.from(tr.steps[1].labels), [0, 1, 1, 1]);
  assert.deepEqual(Array.from(tr.steps[3].labels), [0, 0, 1, 1]);
  assert.deepEqual(tr.steps.map((s) => s.changed), [0, 4, 0, 1, 0]);
  assert.deepEqual(Array.from(tr.steps[4].centers.data), [0.5, 10.5]);
  assert.equal(tr.converged, true);
  assert.equal(tr.iterations, 2);
  assert.equal(tr.final, tr.steps[4]);
  assert.deepEqual(Array.from(C0.data), [0, 1]);
});

test('an empty cluster keeps its centre, and ties go to the lower centre', () => {
  // Rows 0, 1, 2; centres 0, 2, 100. Row 1 is 1 away from both 0 and 2 → centre 0. Centre 100 gets nothing.
  // update: (0.5, 2, 100). Next assignment: row 1 nearer 0.5 → unchanged → converged.
  const tr = kmeansSteps(fromRows([[0], [1], [2]]), fromRows([[0], [2], [100]]));
  assert.equal(tr.steps.length, 3);
  assert.deepEqual(Array.from(tr.steps[1].labels), [0, 0, 1]);
  assert.deepEqual(Array.from(tr.steps[2].centers.data), [0.5, 2, 100]);
  assert.equal(tr.converged, true);
});

test('kmeansSteps ends at the same partition as the production Lloyd K-Means from the same centres', () => {
  const { X } = customerBlobs({ n: 200, seed: 11 });
  for (const C0 of [badInitCenters(X, 4), kmeansPlusPlusCenters(X, 4, 2), kmeansPlusPlusCenters(X, 3, 5)]) {
    const tr = kmeansSteps(X, C0);
    const last = tr.steps[tr.steps.length - 1];
    const km = new KMeans({ k: C0.rows, init: C0, algorithm: 'lloyd', tol: 0, maxIter: 500 }).fit(X);
    assert.deepEqual(Array.from(last.labels), Array.from(km.labels));
    near(last.inertia, km.inertia, 1e-9 * km.inertia);
    assert.equal(tr.converged, true);
  }
});

test('the inertia never increases after the first assignment', () => {
  const { X } = customerBlobs({ n: 150, seed: 4 });
  const tr = kmeansSteps(X, badInitCenters(X, 4));
  assert.ok(tr.steps.length > 5);
  for (let s = 2; s < tr.steps.length; s++) assert.ok(tr.steps[s].inertia <= tr.steps[s - 1].inertia + 1e-9, `step ${s}`);
});

test('maxSteps cuts the record (counting assign and update steps) and leaves converged false', () => {
  const tr = kmeansSteps(fromRows([[0], [1], [10], [11]]), fromRows([[0], [1]]), { maxSteps: 3 });
  assert.equal(tr.steps.length, 4);
  assert.equal(tr.converged, false);
  assert.throws(() => kmeansSteps(fromRows([[0]]), fromRows([[0]]), { maxSteps: 0 }), /maxSteps=0 should be an integer >= 1/);
});

test('kmeansSteps rejects centres of the wrong width or more centres than rows', () => {
  assert.throws(() => kmeansSteps(fromRows([[0, 1]]), fromRows([[0]])), /initialCenters has 1 columns, X has 2/);
  assert.throws(() => kmeansSteps(fromRows([[0]]), fromRows([[0], [1]])), /k=2 rows, more than the n=1 rows/);
  assert.throws(() => kmeansSteps(fromRows([[NaN]]), fromRows([[0]])), /X/);
});
