import { test } from 'node:test';
import assert from 'node:assert/strict';
import { show, resetPlotlyLoader, PLOTLY_MIME, describeFigure } from '../../src/display/plotly';
import { setDisplaySink, type DisplayContent } from '../../src/display/channel';

function capture(fn: () => void): Array<{ content: DisplayContent; update: boolean }> {
  const got: Array<{ content: DisplayContent; update: boolean }> = [];
  setDisplaySink((content, update) => got.push({ content, update }));
  try { fn(); } finally { setDisplaySink(null); }
  return got;
}

const fig = { data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2] }], layout: { title: { text: 'Sizes </script>' } } };

test('show emits ONE display_data carrying plotly JSON (an object), text/html and text/plain', () => {
  resetPlotlyLoader();
  const got = capture(() => show(fig));
  assert.equal(got.length, 1);
  assert.equal(got[0].update, false);
  const data = got[0].content.data;
  assert.deepEqual(Object.keys(data).sort(), [PLOTLY_MIME, 'text/html', 'text/plain'].sort());
  assert.equal(typeof data[PLOTLY_MIME], 'object');
  assert.deepEqual((data[PLOTLY_MIME] as { data: unknown }).data, fig.data);
  assert.deepEqual((data[PLOTLY_MIME] as { layout: unknown }).layout, fig.layout);
  assert.equal(data['text/plain'], '<Figure "Sizes </script>": 1 trace(s) (bar)>');
});

test('the html part draws with window.Plotly and loads plotly.js once per session with define hidden', () => {
  resetPlotlyLoader();
  const [first, second] = capture(() => { show(fig); show(fig); });
  const h1 = first.content.data['text/html'] as string;
  const h2 = second.content.data['text/html'] as string;
  assert.match(h1, /<div id="seglab-fig-[^"]+" class="seglab-plotly"/);
  assert.match(h1, /window\.define = undefined/);
  assert.ok(h1.length > 1_000_000, 'first output embeds the plotly.js bundle');
  assert.doesNotMatch(h2, /window\.define = undefined/);
  assert.ok(h2.length < 10_000, 'later outputs reuse window.Plotly');
  assert.match(h2, /window\.Plotly\.newPlot/);
  // the figure JSON cannot close the script element early
  const scriptBody = h2.slice(h2.indexOf('<script'), h2.lastIndexOf('</script>'));
  assert.doesNotMatch(scriptBody.slice(8), /<\/script/i);
  assert.notEqual(h1.match(/id="(seglab-fig-[^"]+)"/)![1], h2.match(/id="(seglab-fig-[^"]+)"/)![1]);
});

test('describeFigure counts traces, kinds and animation frames', () => {
  assert.equal(describeFigure({ data: [{ x: [1] }, { type: 'bar' }], frames: [{}, {}] }), '<Figure: 2 trace(s) (scatter, bar), 2 frames>');
});

test('show rejects something that is not a figure', () => {
  assert.throws(() => show({} as never), /expects a Figure/);
});
