import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileSegments } from '../../src/personas/profile';
import { personaCards, personaCardsHtml } from '../../src/personas/cards';
import type { PersonaDefinition } from '../../src/personas/rules';
import { frozen, num } from './fixtures';

const personas: PersonaDefinition[] = [
  { id: 'big', name: 'Big <Spenders>', description: 'Spend a lot & often.', priority: 1, rule: { always: true }, strategy: ['Rewards'], channel: 'App', color: '#009E73' },
  { id: 'small', name: 'Small', description: 'Spend little.', priority: 2, rule: { always: true }, strategy: ['Nurture'], channel: 'Email', color: '#999999' },
  { id: 'none', name: 'Nobody', description: 'Empty.', priority: 3, rule: { always: true }, strategy: ['—'], channel: 'None', color: '#000' },
];
const table = frozen(num('spend', [10, 20, 30, 1, 2, 3]), num('visits', [5, 5, 5, 1, 1, 1]));
const profile = profileSegments(table, Int32Array.from([0, 0, 0, 1, 1, 1]));

test('personaCards gathers size, share, generated traits, strategy and radar z-scores per persona', () => {
  const cards = personaCards(personas, profile, { radarFeatures: ['spend', 'visits'], labels: { spend: 'spending' } });
  assert.equal(cards.length, 3);
  const [big, small, none] = cards;
  assert.equal(big.size, 3); assert.equal(big.share, 0.5);
  // spend: population mean 66/6 = 11, segment mean 20 → ratio 1.8; visits: mean 3, segment 5 → ratio 1.7.
  // z(spend) = 9 / sd(spend) with sd = √(Σ(x − 11)²/6) = √(688/6); z(visits) = 2 / 2 = 1.
  assert.deepEqual(big.traits, ['visits 1.7× the average', 'spending 1.8× the average']);
  assert.deepEqual(big.radar.features, ['spending', 'visits']);
  assert.ok(Math.abs(big.radar.values[0] - 9 / Math.sqrt(688 / 6)) < 1e-12);
  assert.equal(big.radar.values[1], 1);
  assert.deepEqual(small.strategy, ['Nurture']);
  assert.equal(none.size, 0);
  assert.deepEqual(none.traits, []);
  assert.deepEqual(none.radar.values, [0, 0]);
  assert.throws(() => personaCards(personas, profile, { radarFeatures: ['age'] }), /radar feature "age" is not a numeric feature/);
});

test('personaCardsHtml renders the report classes and escapes text', () => {
  const html = personaCardsHtml(personaCards(personas, profile));
  assert.ok(html.startsWith('<div class="persona-cards">'));
  assert.equal(html.split('class="persona-card"').length - 1, 3);
  assert.ok(html.includes('Big &lt;Spenders&gt;'));
  assert.ok(html.includes('Spend a lot &amp; often.'));
  assert.ok(html.includes('3 customers · 50%'));
  assert.ok(!html.includes('<Spenders>'));
});
