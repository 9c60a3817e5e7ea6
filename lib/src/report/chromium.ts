/**
 * Opens an HTML file in headless Chromium (Debian's `chromium`, never a downloaded browser) and reports what was
 * drawn: how many Plotly figures the page has, how many drew their SVG, and the errors the page recorded on
 * `<html data-errors>` (the report's error probe) — so tests can say "every figure drew and nothing failed".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The Chromium executable, or null when none is installed. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_BIN, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  try {
    const p = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
    return p || null;
  } catch {
    return null;
  }
}

/** What a page showed in the browser. */
export interface BrowserCheck {
  file: string;
  figures: number;
  drawn: number;
  errors: string[];
}

/** Load `file` headlessly, let scripts run (virtual time), and inspect the resulting DOM. */
export function checkInChromium(file: string, chromium = findChromium(), budgetMs = 20000): BrowserCheck {
  if (!chromium) throw new Error('no Chromium found (apt-get install chromium)');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-chromium-'));
  try {
    const r = spawnSync(
      chromium,
      [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic', `--user-data-dir=${profile}`,
        `--virtual-time-budget=${budgetMs}`, '--dump-dom', `file://${path.resolve(file)}`,
      ],
      { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 120000 },
    );
    if (r.error) throw r.error;
    const dom = r.stdout ?? '';
    if (!dom.includes('<html')) throw new Error(`chromium printed no DOM for ${file} (exit ${r.status}): ${String(r.stderr).slice(-500)}`);
    // Each figure container is a div with class seglab-figure (report) or seglab-plotly (notebook html); Plotly
    // adds its "main-svg" SVG inside a figure it has drawn.
    const pieces = dom.split(/<div id="[^"]+" class="(?:seglab-figure|seglab-plotly)[^"]*"/).slice(1);
    const drawn = pieces.filter((p) => {
      const end = p.search(/<div id="[^"]+" class="(?:seglab-figure|seglab-plotly)/);
      return /class="main-svg"/.test(end >= 0 ? p.slice(0, end) : p);
    }).length;
    const m = dom.match(/<html[^>]*data-errors="([^"]*)"/);
    const errors = m ? (JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')) as string[]) : [];
    return { file, figures: pieces.length, drawn, errors };
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
