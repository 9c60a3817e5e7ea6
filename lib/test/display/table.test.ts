import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableHtml, showTable } from '../../src/display/table';
import { setDisplaySink, type DisplayContent } from '../../src/display/channel';
import { makeTable } from '../../src/data/table';
import { fixed, formatNumber, formatPercent } from '../../src/display/format';

test('formatNumber groups thousands, limits decimals and writes tiny values in exponent form', () => {
  assert.equal(formatNumber(1234567), '1,234,567');
  assert.equal(formatNumber(1234.56789, 2), '1,234.57');
  assert.equal(formatNumber(0.00001234, 3), '1.23e-5');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatPercent(0.1234), '12.3%');
});

test('tableHtml renders a Table with index, numeric alignment and missing cells left blank', () => {
  const t = makeTable([
    { kind: 'numeric', name: 'age', values: new Float64Array([30, NaN]) },
    { kind: 'categorical', name: 'job', codes: new Int32Array([1, -1]), levels: ['admin.', 'student'] },
  ]);
  const { html, text } = tableHtml(t, { caption: 'Two customers' });
  assert.match(html, /<caption>Two customers<\/caption>/);
  assert.match(html, /<th>age<\/th><th>job<\/th>/);
  assert.match(html, /<td class="num">30<\/td><td>student<\/td>/);
  assert.match(html, /<td class="num">NaN<\/td><td><\/td>/);
  assert.match(html, /2 rows × 2 columns/);
  assert.match(text, /\[2 rows × 2 columns\]/);
});

test('tableHtml keeps head and tail within the row limit and says how many rows are hidden', () => {
  const rows = Array.from({ length: 100 }, (_, i) => ({ i, sq: i * i }));
  const { html } = tableHtml(rows, { maxRows: 6 });
  assert.equal((html.match(/<tr>/g) ?? []).length, 1 + 6);
  assert.match(html, /… 94 more rows …/);
  assert.match(html, /<th>99<\/th><td class="num">99<\/td><td class="num">9,801<\/td>/);
});

test('tableHtml accepts a danfo-like DataFrame and escapes HTML in cells', () => {
  const df = { columns: ['a'], values: [['<b>x</b>']], index: ['r0'], $data: [] };
  assert.match(tableHtml(df).html, /<th>r0<\/th><td>&lt;b&gt;x&lt;\/b&gt;<\/td>/);
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
