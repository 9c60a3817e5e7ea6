/**
 * Static assets the display and report need: the plotly.js bundle (minified once at build time from the
 * user's `plotly.js-dist`), and highlight.js's stylesheet.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where built assets live: lib/dist/assets (next to the compiled code). */
export function assetsDir(): string {
  // this file compiles to lib/dist/src/display/assets.js
  return path.resolve(__dirname, '..', '..', 'assets');
}

/** Path of the minified plotly.js bundle, building it first if missing. */
export function plotlyBundlePath(): string {
  const out = path.join(assetsDir(), 'plotly.min.js');
  if (!fs.existsSync(out)) buildAssets();
  return out;
}

let plotlySource: string | null = null;

/** The plotly.js source to embed in a page or a notebook output (read once per process). */
export function plotlySourceCode(): string {
  if (plotlySource === null) plotlySource = fs.readFileSync(plotlyBundlePath(), 'utf8');
  return plotlySource;
}

/** The version of plotly.js in use. */
export function plotlyVersion(): string {
  return (require('plotly.js-dist/package.json') as { version: string }).version;
}

/**
 * Minify plotly.js-dist into lib/dist/assets/plotly.min.js (esbuild, about 2 s; 11 MB → 4.9 MB).
 * Written atomically so a concurrent reader never sees half a file.
 */
export function buildAssets(): void {
  const dir = assetsDir();
  fs.mkdirSync(dir, { recursive: true });
  const src = fs.readFileSync(require.resolve('plotly.js-dist/plotly.js'), 'utf8');
  // esbuild is a build-time dependency; the fallback keeps a working (larger) file where it is absent.
  let code = src;
  try {
    const esbuild = require('esbuild') as typeof import('esbuild');
    code = esbuild.transformSync(src, { minify: true, legalComments: 'none', charset: 'utf8' }).code;
  } catch {
    /* unminified */
  }
  const out = path.join(dir, 'plotly.min.js');
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `/* plotly.js v${plotlyVersion()} (MIT) */\n${code}`);
  fs.renameSync(tmp, out);
}
