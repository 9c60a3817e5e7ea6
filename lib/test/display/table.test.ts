import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableHtml, showTable } from '../../src/display/table';
import { setDisplaySink, type DisplayContent } from '../../src/display/channel';
import { makeTable } from '../../src/data/table';
import { fixed, formatNumber, formatPercent, formatPValue } from '../../src/display/format';
import { columnLabel, splitCamel } from '../../src/display/labels';

test('formatNumber groups thousands, limits decimals and writes tiny values in exponent form', () => {
  assert.equal(formatNumber(1234567), '1,234,567');
  assert.equal(formatNumber(1234.56789, 2), '1,234.57');
  assert.equal(formatNumber(0.00001234, 3), '1.23e-5');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatPercent(0.1234), '12.3%');
});

test('tableHtml renders a Table with index, numbers right and text left, NaN as "—" with a note, missing categories blank', () => {
  const t = makeTable([
    { kind: 'numeric', name: 'age', values: new Float64Array([30, NaN]) },
    { kind: 'categorical', name: 'job', codes: new Int32Array([1, -1]), levels: ['admin.', 'student'] },
  ]);
  const { html, text } = tableHtml(t, { caption: 'Two customers' });
  assert.match(html, /<div class="seglab-caption">Two customers<\/div>/);
  assert.match(html, /<th class="num">age<\/th><th>job<\/th>/);
  assert.match(html, /<td class="num">30<\/td><td class="text">student<\/td>/);
  assert.match(html, /<td class="num blank">—<\/td><td class="text blank"><\/td>/);
  assert.match(html, /— no value \(not computable for this row\)/);
  assert.doesNotMatch(html, /NaN/);
  assert.match(html, /2 rows × 2 columns/);
  assert.match(text, /\[2 rows × 2 columns\]/);
  assert.match(text, /^\s+age  job$/m);
  assert.match(text, /^0   30  student$/m);
});

test('columns of numbers written as text ("12.3%", "0.91 ± 0.02", "—") are right-aligned like numbers; words stay left', () => {
  const { html } = tableHtml([{ share: '12.3%', cv: '0.91 ± 0.02', rate: '—', name: '12 apostles' }, { share: '7.0%', cv: '0.88 ± 0.01', rate: '3.5%', name: 'x' }], { index: false });
  assert.match(html, /<th class="num">share<\/th><th class="num">cv<\/th><th class="num">rate<\/th><th>name<\/th>/);
});

test('a table without missing values carries no missing-value note', () => {
  assert.doesNotMatch(tableHtml([{ a: 1 }]).html, /no value/);
});

test('tableHtml folds rows past maxRows behind "show all" and keeps head and tail past foldLimit', () => {
  const rows = Array.from({ length: 100 }, (_, i) => ({ i, sq: i * i }));
  const folded = tableHtml(rows, { maxRows: 6 }).html;
  assert.equal((folded.match(/<tr>/g) ?? []).length, 1 + 6);
  assert.equal((folded.match(/<tr class="folded">/g) ?? []).length, 94);
  assert.match(folded, /<input type="checkbox" class="seglab-fold" id="([^"]+)-all"><div class="seglab-scroll">/);
  assert.match(folded, /<label class="seglab-show seglab-show-all" for="[^"]+-all">show all 100 rows<\/label>/);
  const cut = tableHtml(rows, { maxRows: 6, foldLimit: 50 }).html;
  assert.equal((cut.match(/<tr>/g) ?? []).length, 1 + 6);
  assert.match(cut, /… 94 more rows …/);
  assert.match(cut, /<th>99<\/th><td class="num">99<\/td><td class="num">9,801<\/td>/);
});

test('tableHtml accepts a danfo-like DataFrame and escapes HTML in cells', () => {
  const df = { columns: ['a'], values: [['<b>x</b>']], index: ['r0'], $data: [] };
  assert.match(tableHtml(df).html, /<th>r0<\/th><td class="text">&lt;b&gt;x&lt;\/b&gt;<\/td>/);
});

test('headers come from the caller, then the dictionary, then camelCase split into words', () => {
  const rows = [{ feature: 'age', etaSquared: 0.5, kwEtaSquared: 0.4, anovaP: 1e-320, kwP: 0.0123456, smallestShare: 0.1 }];
  const { html } = tableHtml(rows, { index: false, headers: { feature: 'Feature' } });
  const heads = [...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
  assert.deepEqual(heads, ['Feature', 'η² (ANOVA)', 'η² (Kruskal–Wallis)', 'p (ANOVA)', 'p (Kruskal–Wallis)', 'smallest share']);
  // p-values: below 1e-300 (here a denormal) as "< 1e-300", otherwise scientific notation with 3 significant digits
  assert.match(html, /<td class="num">&lt; 1e-300<\/td><td class="num">1.23e-2<\/td>/);
  assert.equal(columnLabel('silhouette'), 'silhouette');
  assert.equal(splitCamel('macroF1'), 'macro F1');
});

test('caller-listed p-value columns and exact zeros read "< 1e-300"', () => {
  const { html } = tableHtml([{ q: 0 }, { q: 0.5 }], { pValues: ['q'] });
  assert.match(html, />&lt; 1e-300</);
  assert.match(html, />5.00e-1</);
});

test('formatPValue writes tiny p-values as a bound and others in scientific notation', () => {
  assert.equal(formatPValue(0), '< 1e-300');
  assert.equal(formatPValue(5e-324), '< 1e-300');
  assert.equal(formatPValue(1e-300), '1.00e-300');
  assert.equal(formatPValue(0.04567), '4.57e-2');
  assert.equal(formatPValue(NaN), '—');
});

test('showTable with audience "analyst" tags the output metadata for the report', () => {
  const got: DisplayContent[] = [];
  setDisplaySink((c) => got.push(c));
  try { showTable([{ a: 1 }], { audience: 'analyst' }); showTable([{ a: 1 }]); } finally { setDisplaySink(null); }
  assert.deepEqual(got[0].metadata, { seglab: { audience: 'analyst' } });
  assert.deepEqual(got[1].metadata, {});
});

test('tables sit in a scroll frame with their own scoped stylesheet (sticky header and first column)', () => {
  const { html } = tableHtml([{ a: 1 }]);
  assert.match(html, /^<div class="seglab-table" id="[^"]+"><style>/);
  assert.match(html, /<div class="seglab-scroll"><table class="dataframe">/);
  assert.match(html, /thead th\{position:sticky;top:0/);
  assert.match(html, /tr>:first-child\{position:sticky;left:0/);
});

test('showTable emits one output with text/html and text/plain', () => {
  const got: DisplayContent[] = [];
  setDisplaySink((c) => got.push(c));
  try { showTable([{ a: 1 }]); } finally { setDisplaySink(null); }
  assert.equal(got.length, 1);
  assert.deepEqual(Object.keys(got[0].data).sort(), ['text/html', 'text/plain']);
});

test('fixed rounds like toFixed but never prints a negative zero', () => {
  assert.equal(fixed(-0.0004, 2), '0.00');
  assert.equal(fixed(-0, 1), '0.0');
  assert.equal(fixed(-0.4, 0), '0');
  assert.equal(fixed(-0.006, 2), '-0.01');
  assert.equal(fixed(0.125, 1), '0.1');
  assert.equal(fixed(-12.345, 1), '-12.3');
});
