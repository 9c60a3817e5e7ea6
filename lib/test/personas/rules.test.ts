import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonaModel, renamePersonaFeatures, type PersonaDefinition } from '../../src/personas/rules';
import { frozen, num } from './fixtures';

const base = { description: '', strategy: ['s'], channel: 'email', color: '#000' };
const personas: readonly PersonaDefinition[] = Object.freeze<PersonaDefinition[]>([
  { ...base, id: 'broad', name: 'Broad', priority: 2, rule: { feature: 'x', op: '>=', value: 2 } },
  { ...base, id: 'narrow', name: 'Narrow', priority: 1, rule: { all: [{ feature: 'x', op: '>=', value: 4 }, { feature: 'y', op: '<', value: 1 }] } },
  { ...base, id: 'rest', name: 'Rest', priority: 3, rule: { always: true } },
]);

test('PersonaModel evaluates personas in priority order: a row matching two rules gets the higher priority', () => {
  const m = new PersonaModel(personas).fit({});
  assert.deepEqual(m.personas.map((p) => p.id), ['narrow', 'broad', 'rest']);
  // Row 0 (x 5, y 0) matches narrow and broad → narrow (0); row 1 (x 5, y 2) → broad (1); row 2 (x 1) → rest (2).
  const a = m.assign({ x: [5, 5, 1, 3], y: [0, 2, 0, 0] });
  assert.deepEqual(Array.from(a.labels), [0, 1, 2, 1]);
  assert.deepEqual(a.counts, [1, 2, 1]);
  assert.deepEqual(a.shares, [0.25, 0.5, 0.25]);
  assert.deepEqual(a.names, ['Narrow', 'Broad', 'Rest']);
  assert.equal(a.unassigned, 0);
});

test('PersonaModel keeps definition order for equal priorities', () => {
  const same = personas.map((p) => ({ ...p, priority: 1 }));
  assert.deepEqual(new PersonaModel(same).personas.map((p) => p.id), ['broad', 'narrow', 'rest']);
});

test('PersonaModel fits quantile thresholds once and reuses them on new data', () => {
  const q: PersonaDefinition[] = [
    { ...base, id: 'top', name: 'Top', priority: 1, rule: { feature: 'x', op: '>=', quantile: 0.8 } },
  ];
  // Type-7 quantile of 1..5 at 0.8: h = 4·0.8 = 3.2 → 4 + 0.2·(5 − 4) = 4.2.
  const m = new PersonaModel(q).fit(frozen(num('x', [1, 2, 3, 4, 5])));
  assert.ok(Math.abs(m.threshold('x', 0.8) - 4.2) < 1e-12);
  // New customers are cut at 4.2, not at their own 80th percentile (which would be 80.82 here).
  const a = m.assign(frozen(num('x', [4.1, 4.3, 100])));
  assert.deepEqual(Array.from(a.labels), [-1, 0, 0]);
  assert.equal(a.unassigned, 1);
});

test('PersonaModel supports any, not, != and treats missing values as not matching', () => {
  const ps: PersonaDefinition[] = [
    { ...base, id: 'a', name: 'A', priority: 1, rule: { any: [{ feature: 'x', op: '>', value: 10 }, { feature: 'y', op: '==', value: 1 }] } },
    { ...base, id: 'b', name: 'B', priority: 2, rule: { not: { feature: 'x', op: '<=', value: 0 } } },
    { ...base, id: 'c', name: 'C', priority: 3, rule: { feature: 'y', op: '!=', value: 5 } },
  ];
  const m = new PersonaModel(ps).fit({});
  // Rows: (11, 0) → A; (0, 1) → A; (NaN, 0) → x comparisons false, not(false) = true → B; (0, 3) → C; (0, NaN) → none.
  const a = m.assign({ x: [11, 0, NaN, 0, 0], y: [0, 1, 0, 3, NaN] });
  assert.deepEqual(Array.from(a.labels), [0, 0, 1, 2, -1]);
});

test('PersonaModel round-trips through JSON with its fitted thresholds', () => {
  const q: PersonaDefinition[] = [
    { ...base, id: 'top', name: 'Top', priority: 1, rule: { feature: 'x', op: '>', quantile: 0.5 } },
    { ...base, id: 'rest', name: 'Rest', priority: 2, rule: { always: true } },
  ];
  const m = new PersonaModel(q).fit({ x: [1, 2, 3, 4] });
  const back = PersonaModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
  assert.equal(back.threshold('x', 0.5), 2.5);
  const data = { x: [0, 2.5, 2.6, 9] };
  assert.deepEqual(Array.from(back.assign(data).labels), Array.from(m.assign(data).labels));
  assert.deepEqual(Array.from(back.assign(data).labels), [1, 1, 0, 0]);
  assert.throws(() => PersonaModel.fromJSON({ ...m.toJSON(), thresholds: {} }), /lacks the threshold of "x" at quantile 0.5/);
});

test('PersonaModel names a missing feature in a clear error', () => {
  const m = new PersonaModel(personas).fit({});
  assert.throws(() => m.assign({ x: [1] }), /persona "narrow" needs feature "y", which is missing; available: x/);
  assert.throws(() => m.assign(frozen(num('x', [1]))), /needs feature "y", which is missing; available: x/);
  const q = new PersonaModel([{ ...base, id: 'q', name: 'Q', priority: 1, rule: { feature: 'z', op: '>', quantile: 0.5 } }]);
  assert.throws(() => q.fit({ x: [1] }), /persona "q" needs feature "z"/);
  assert.throws(() => q.assign({ z: [1] }), /not fitted/);
});

test('PersonaModel rejects malformed definitions with the path of the fault', () => {
  const bad = (rule: unknown) => new PersonaModel([{ ...base, id: 'p', name: 'P', priority: 1, rule: rule as never }]);
  assert.throws(() => bad({ feature: 'x', op: '=>', value: 1 }), /persona "p" rule: op "=>" should be one of/);
  assert.throws(() => bad({ all: [{ feature: 'x', op: '>', quantile: 1.5 }] }), /rule.all\[0\]: quantile=1.5 should be in \[0, 1\]/);
  assert.throws(() => bad({ any: [] }), /"any" should be a non-empty array/);
  assert.throws(() => bad({ foo: 1 }), /unknown rule/);
  assert.throws(() => new PersonaModel([personas[0], personas[0]]), /duplicate id "broad"/);
});

test('renamePersonaFeatures renames features without touching the original', () => {
  const r = renamePersonaFeatures(personas, { x: 'score' });
  assert.deepEqual(new PersonaModel(r).features, ['score', 'y']);
  assert.deepEqual(new PersonaModel(personas).features, ['x', 'y']);
});
