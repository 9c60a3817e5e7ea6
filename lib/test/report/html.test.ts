import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderNotebookHtml, renderIndexHtml, ansiToHtml } from '../../src/report/html';
import { exportReports } from '../../src/report/export';
import { checkInChromium, checkProblems, findChromium } from '../../src/report/chromium';
import { tableHtml } from '../../src/display/table';
import { sortableTableHtml } from '../../src/lab/comparison-table';
import { spawnSync } from 'node:child_process';
import { PLOTLY_MIME } from '../../src/display/plotly';
import type { Notebook } from '../../src/runner/notebook';

const fig = (y: number[]) => ({ data: [{ type: 'scatter', y }], layout: { title: { text: 'T' } } });

function executed(): Notebook {
  return {
    nbformat: 4, nbformat_minor: 5, metadata: { seglab: { status: 'ok' } },
    cells: [
      { cell_type: 'markdown', metadata: {}, source: '# Title\n\nSome **bold** text.' },
      { cell_type: 'code', metadata: {}, source: 'const x: number = 1;', execution_count: 1,
        outputs: [{ output_type: 'stream', name: 'stdout', text: '\u001b[31mred\u001b[0m <tag>\n' }] },
      { cell_type: 'code', metadata: {}, source: 'show(a)', execution_count: 2,
        outputs: [{ output_type: 'display_data', metadata: {}, data: { [PLOTLY_MIME]: fig([1, 2]), 'text/html': '<div>fallback</div>', 'text/plain': 'fig' } }] },
      { cell_type: 'code', metadata: { tags: ['solution'] }, source: 'answer()', execution_count: 3,
        outputs: [{ output_type: 'display_data', metadata: {}, data: { [PLOTLY_MIME]: fig([3, 4]), 'text/plain': 'fig' } }] },
      { cell_type: 'code', metadata: {}, source: 'md()', execution_count: 4,
        outputs: [{ output_type: 'display_data', metadata: {}, data: { 'text/markdown': 'A *finding*', 'text/plain': 'A finding' } }] },
    ],
  };
}

test('ansiToHtml escapes HTML and turns colour codes into styled spans', () => {
  const h = ansiToHtml('\u001b[31mred\u001b[0m <b>');
  assert.match(h, /<span style="color:rgb\(187, 0, 0\)">red<\/span>/);
  assert.match(h, /&lt;b&gt;/);
});

test('the page renders markdown, highlights code, embeds plotly.js once and draws figures from the plotly JSON', () => {
  const h = renderNotebookHtml(executed(), { title: 'Nb' });
  assert.match(h, /<h1>Title<\/h1>/);
  assert.match(h, /<strong>bold<\/strong>/);
  assert.match(h, /<span class="hljs-keyword">const<\/span>/);
  assert.match(h, /&lt;tag&gt;/);
  assert.equal((h.match(/Plotly\.newPlot\(el/g) ?? []).length, 2);
  assert.ok(!h.includes('<div>fallback</div>'), 'the plotly JSON is preferred over the html fallback');
  assert.equal((h.match(/seglab: plotly\.js v|plotly\.js v\d/g) ?? []).length, 1, 'plotly.js embedded exactly once');
  assert.match(h, /<details class="solution"><summary>Show the worked answer/);
  assert.match(h, /<em>finding<\/em>/);
  assert.ok(!/<(script|img|iframe)[^>]+src="https?:|<link[^>]+href="https?:/.test(h), 'no network resources');
});

test('--no-code hides every code input and the solution cells but keeps outputs', () => {
  const h = renderNotebookHtml(executed(), { noCode: true });
  assert.ok(!h.includes('class="hljs-keyword"'));
  assert.ok(!h.includes('class="input"'));
  assert.ok(!h.includes('class="solution"'));
  assert.equal((h.match(/Plotly\.newPlot\(el/g) ?? []).length, 1);
  assert.match(h, /<em>finding<\/em>/);
});

test('a failed run shows a banner naming the cell', () => {
  const nb = executed();
  nb.metadata.seglab = { status: 'error', failed_cell: 2, error: 'Error: boom' };
  const h = renderNotebookHtml(nb);
  assert.match(h, /This run did not finish: error at cell 2/);
  assert.match(h, /This cell failed: Error: boom/);
});

test('the index lists notebooks in the given order with titles and status', () => {
  const h = renderIndexHtml([
    { title: 'Setup', href: '00-setup.html', file: '00-setup.ipynb', status: 'ok' },
    { title: 'EDA', href: '01-eda.html', file: '01-eda.ipynb', status: 'error' },
  ]);
  assert.ok(h.indexOf('Setup') < h.indexOf('EDA'));
  assert.match(h, /href="01-eda.html"><strong>EDA<\/strong><\/a> <span class="status-bad">✗ error/);
});

test('in headless Chromium every figure of an exported page draws its SVG and the page logs no error', (t) => {
  const chromium = findChromium();
  if (!chromium) {
    t.skip('NOTICE: no Chromium on this machine (apt-get install chromium): browser check skipped');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-report-'));
  try {
    const file = path.join(dir, 'page.html');
    fs.writeFileSync(file, renderNotebookHtml(executed()));
    const c = checkInChromium(file, chromium);
    assert.equal(c.figures, 2);
    assert.equal(c.drawn, 2);
    assert.deepEqual(c.errors, []);
    // and the probe does catch errors: a page with a broken script reports it
    const bad = path.join(dir, 'bad.html');
    fs.writeFileSync(bad, renderNotebookHtml(executed()).replace('</main>', '<script>undefinedFunction()</script></main>'));
    assert.match(checkInChromium(bad, chromium).errors.join(' '), /undefinedFunction/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--no-code leaves out progress bars and outputs marked for the analyst, and keeps the rest', () => {
  const nb = executed();
  nb.cells.push({ cell_type: 'code', metadata: {}, source: 'x', execution_count: 5, outputs: [
    { output_type: 'display_data', metadata: { seglab: { kind: 'progress' } }, data: { 'text/html': '<div>grid 3/3 100%</div>', 'text/plain': 'grid' } },
    { output_type: 'display_data', metadata: { seglab: { audience: 'analyst' } }, data: { 'text/html': '<div>DIAGNOSTIC</div>', 'text/plain': 'd' } },
    { output_type: 'display_data', metadata: {}, data: { 'text/html': '<div>FOR EVERYONE</div>', 'text/plain': 'e' } },
  ] });
  const business = renderNotebookHtml(nb, { noCode: true });
  assert.ok(!business.includes('grid 3/3'));
  assert.ok(!business.includes('DIAGNOSTIC'));
  assert.ok(business.includes('FOR EVERYONE'));
  const full = renderNotebookHtml(nb);
  assert.ok(full.includes('grid 3/3') && full.includes('DIAGNOSTIC'));
});

test('code cells wrap long lines in the report', () => {
  assert.match(renderNotebookHtml(executed()), /\.cell\.code \.input pre \{[^}]*white-space: pre-wrap/);
});

test('the browser page check fails a page wider than the window, a machine path, a progress log and NaN in a table', (t) => {
  const chromium = findChromium();
  if (!chromium) {
    t.skip('NOTICE: no Chromium on this machine (apt-get install chromium): browser check skipped');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-report-'));
  const out = (html: string) => ({ output_type: 'display_data' as const, metadata: {}, data: { 'text/html': html, 'text/plain': '' } });
  const stream = (text: string) => ({ output_type: 'stream' as const, name: 'stdout' as const, text });
  const page = (outputs: unknown[]) => {
    const nb = executed();
    nb.cells.push({ cell_type: 'code', metadata: {}, source: 'x', execution_count: 9, outputs: outputs as never });
    return renderNotebookHtml(nb);
  };
  try {
    const check = (name: string, html: string) => {
      const file = path.join(dir, `${name}.html`);
      fs.writeFileSync(file, html);
      return checkInChromium(file, chromium, undefined, { width: 1024, projectRoot: '/srv/my-project' });
    };
    // a clean page: a wide table inside its scroll frame, three progress lines, a relative path, a dash for a missing
    // value, prose that mentions NaN
    const wide = tableHtml([Object.fromEntries(Array.from({ length: 40 }, (_, j) => [`column ${j}`, 1234567.891 * j]))]).html;
    const clean = check('clean', page([out(wide), stream('▸ a  1/3  33%\n▸ a  2/3  67%\n▸ a  3/3  100%\ndone\n'), out('<p>saved to outputs/models/x.json</p>'),
      out(tableHtml([{ a: NaN }]).html), out('<table><tr><td>ratio</td><td>a / b; NaN if either of the two is missing</td><td>1[x >= 0.5]; NaN if missing.</td></tr></table>')]));
    assert.deepEqual(checkProblems(clean), []);
    assert.ok(clean.check && clean.check.viewport <= 1024);
    // a page with every problem, each found
    const bad = check('bad', page([
      out('<div style="width:1500px;height:3000px">wide and tall</div>'),
      out('<p>Saved to /tmp/abc/segmentation.json</p>'),
      stream('read from /srv/my-project/data/x.csv\n'),
      stream('▸ a  1/4  25%\n▸ a  2/4  50%\n▸ a  3/4  75%\n▸ a  4/4  100%\n'),
      out('<table><tr><td>mean</td><td>NaN</td></tr></table>'),
      out('<table><tr><td>test</td><td>F NaN / H 2.1</td></tr></table>'),
    ]).replace('<main>', '<main><div style="width:1500px">too wide</div>'));
    const problems = checkProblems(bad).join('\n');
    assert.match(problems, /content wider than the \d+ px window outside a visible scroll frame.*div spans \d+–\d+ px of \d+: too wide/);
    assert.match(problems, /wide and tall.*scrollbar is out of sight|scrollbar is out of sight.*wide and tall/);
    assert.match(problems, /machine path in an output: .*\/tmp\/abc\/segmentation\.json/);
    assert.match(problems, /machine path in an output: .*\/srv\/my-project/);
    assert.match(problems, /progress log \(more than 3 consecutive progress lines\): 4 lines/);
    assert.match(problems, /"NaN" in a table: meanNaN; testF NaN \/ H 2\.1/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('in the report, clicking a sortable header sorts numbers numerically with blanks last both ways, and folds again', (t) => {
  const chromium = findChromium();
  if (!chromium) {
    t.skip('NOTICE: no Chromium on this machine (apt-get install chromium): browser check skipped');
    return;
  }
  const rows = [{ name: 'c', v: 3 }, { name: 'blank', v: null }, { name: 'a', v: 10 }, { name: 'nan', v: NaN }, { name: 'b', v: 2 }];
  const table = sortableTableHtml(rows, { maxRows: 2 }).html;
  const nb = executed();
  nb.cells.push({ cell_type: 'code', metadata: {}, source: 'x', execution_count: 9, outputs: [{ output_type: 'display_data', metadata: {}, data: { 'text/html': table, 'text/plain': '' } }] });
  const clicker = '<script>window.addEventListener("load",function(){var th=document.querySelectorAll("table.sortable thead th")[1];var seen=[];' +
    'function order(){return Array.prototype.map.call(document.querySelectorAll("table.sortable tbody tr"),function(r){return r.cells[0].textContent+(r.classList.contains("folded")?"*":"");}).join(",");}' +
    'th.click();seen.push(order());th.click();seen.push(order());document.documentElement.setAttribute("data-order",JSON.stringify(seen));});</script>';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-report-'));
  try {
    const file = path.join(dir, 'sort.html');
    fs.writeFileSync(file, renderNotebookHtml(nb).replace('</body>', `${clicker}</body>`));
    const r = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', `--user-data-dir=${path.join(dir, 'profile')}`,
      '--virtual-time-budget=5000', '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 120000, maxBuffer: 256 * 1024 * 1024 });
    const m = String(r.stdout).match(/data-order="([^"]*)"/);
    assert.ok(m, 'the page recorded the sort order');
    const [asc, desc] = JSON.parse(m![1].replace(/&quot;/g, '"')) as string[];
    assert.equal(asc, 'b,c,a*,blank*,nan*'); // 2 < 3 < 10, then the blank and the NaN ("—") in their first order; rows past the first 2 folded
    assert.equal(desc, 'a,c,b*,blank*,nan*');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('exported pages show a path given as a parameter without the machine\'s folders', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-export-'));
  try {
    const nb = executed();
    nb.metadata.seglab = { status: 'ok', parameters: { DATASET: 'cc-general', DATA_DIR: '/home/ana/private/data' } };
    fs.mkdirSync(path.join(dir, 'nb'));
    fs.writeFileSync(path.join(dir, 'nb', '01-x.ipynb'), JSON.stringify(nb));
    const written = exportReports({ inDir: path.join(dir, 'nb'), outDir: path.join(dir, 'out') });
    for (const f of written) {
      const h = fs.readFileSync(f, 'utf8');
      assert.ok(!h.includes('/home/ana'), `${path.basename(f)} shows no machine path`);
      assert.ok(h.includes('&quot;DATA_DIR&quot;:&quot;data&quot;'), `${path.basename(f)} shows the folder name`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
