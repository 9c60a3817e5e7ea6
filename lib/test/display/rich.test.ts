import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText, html } from '../../src/display/rich';
import { setDisplaySink, type DisplayContent } from '../../src/display/channel';

test('htmlToText keeps blocks on their own lines, separates table cells and decodes entities', () => {
  assert.equal(htmlToText('<div><h3>Revolvers</h3><p>1,732 customers</p></div><div><h3>Savers</h3></div>'), 'Revolvers\n1,732 customers\nSavers');
  assert.equal(htmlToText('<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>x &amp; y</td></tr></table>'), 'a | b\n1 | x & y');
  assert.equal(htmlToText("<ul><li>loan &#39;yes&#39;</li><li>&lt;5</li></ul>"), "- loan 'yes'\n- <5");
  assert.equal(htmlToText('<style>p{}</style>a<br>b'), 'a\nb');
});

test('html sends the markup and its readable plain-text fallback in one output', () => {
  const got: DisplayContent[] = [];
  setDisplaySink((c) => got.push(c));
  try { html('<p>a</p><p>b</p>'); } finally { setDisplaySink(null); }
  assert.equal(got.length, 1);
  assert.equal(got[0].data['text/html'], '<p>a</p><p>b</p>');
  assert.equal(got[0].data['text/plain'], 'a\nb');
});
