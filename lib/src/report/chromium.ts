/**
 * Opens an HTML file in headless Chromium (Debian's `chromium`, never a downloaded browser) and reports what was
 * drawn: how many Plotly figures the page has, how many drew their SVG, the errors the page recorded on
 * `<html data-errors>` (the report's error probe), and what the report's page check found on `<html data-check>`
 * (content wider than the window outside a scroll frame, machine paths, progress logs, NaN in tables) — so tests
 * can say "every figure drew, nothing failed, and the page reads well at this width".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PageCheck } from './check-probe';

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
  /** The page check's findings, or null when the page carries no check (e.g. an older report). */
  check: PageCheck | null;
}

/** Options of {@link checkInChromium}. */
export interface ChromiumCheckOptions {
  /** Window width in pixels the page is laid out at. Default 1024. */
  width: number;
  /** Window height in pixels. Default 900. */
  height: number;
  /** The project root: a page mentioning it also fails the path check. Default: none. */
  projectRoot: string | null;
}

/** Defaults of {@link ChromiumCheckOptions}. */
export const DEFAULT_CHROMIUM_CHECK_OPTIONS: ChromiumCheckOptions = { width: 1024, height: 900, projectRoot: null };

/** The problems of a check as sentences (empty: the page is fine). */
export function checkProblems(c: BrowserCheck): string[] {
  const out: string[] = [];
  if (c.drawn !== c.figures) out.push(`${c.figures - c.drawn} of ${c.figures} figures did not draw`);
  if (c.errors.length) out.push(`page errors: ${c.errors.join(' | ')}`);
  if (!c.check) return out;
  const k = c.check;
  if (k.overflow.length) out.push(`content wider than the ${k.viewport} px window outside a visible scroll frame (page ${k.scrollWidth} px): ${k.overflow.join('; ')}`);
  if (k.paths.length) out.push(`machine path in an output: ${k.paths.join('; ')}`);
  if (k.progress.length) out.push(`progress log (more than 3 consecutive progress lines): ${k.progress.join('; ')}`);
  if (k.nan.length) out.push(`"NaN" in a table: ${k.nan.join('; ')}`);
  return out;
}

/** Load `file` headlessly, let scripts run (virtual time), and inspect the resulting DOM. */
export function checkInChromium(file: string, chromium = findChromium(), budgetMs = 20000, options: Partial<ChromiumCheckOptions> = {}): BrowserCheck {
  const o = { ...DEFAULT_CHROMIUM_CHECK_OPTIONS, ...options };
  if (!chromium) throw new Error('no Chromium found (apt-get install chromium)');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-chromium-'));
  try {
    const r = spawnSync(
      chromium,
      [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic', `--user-data-dir=${profile}`,
        `--window-size=${o.width},${o.height}`,
        `--virtual-time-budget=${budgetMs}`, '--dump-dom',
        `file://${path.resolve(file)}#seglab-check${o.projectRoot ? `=${encodeURIComponent(o.projectRoot)}` : ''}`,
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
    const htmlTag = dom.match(/<html[^>]*>/)?.[0] ?? '';
    const attr = (name: string): unknown => {
      const m = htmlTag.match(new RegExp(`${name}="([^"]*)"`));
      return m ? JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) : null;
    };
    const errors = (attr('data-errors') as string[] | null) ?? [];
    return { file, figures: pieces.length, drawn, errors, check: attr('data-check') as PageCheck | null };
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
