/**
 * The one place that talks to the notebook kernel. tslab's public `display` sends one MIME type per output;
 * a Plotly figure needs several in ONE `display_data` message (the plotly JSON, an HTML fallback, plain text),
 * so this module goes through tslab's kernel writer (`lastWriteDisplayData` in tslab/dist/jupyter.js), which
 * takes a whole `{data, metadata, transient}` content object. Outside a kernel (plain Node, tests, CLI) it
 * falls back to printing the text/plain part, and tests can install a sink to capture bundles.
 */

/** A Jupyter MIME bundle: MIME type → content (JSON types carry objects, others strings). */
export type MimeBundle = Record<string, unknown>;

/** The content of a display_data / update_display_data message (Jupyter messaging spec 5.x). */
export interface DisplayContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string };
}

/** Receives every display message; `update` marks update_display_data. */
export type DisplaySink = (content: DisplayContent, update: boolean) => void;

type TslabJupyterModule = { lastWriteDisplayData: ((data: DisplayContent, update: boolean) => void) | null };

let testSink: DisplaySink | null = null;

/** Install (or remove, with null) a sink that receives every display message: for tests and embedding. */
export function setDisplaySink(sink: DisplaySink | null): void {
  testSink = sink;
}

/**
 * tslab's kernel module as loaded by the running kernel. The kernel may have been started from this project's
 * node_modules or from a global tslab, so look in the require cache first, then resolve by name.
 */
function tslabJupyter(): TslabJupyterModule | null {
  for (const key of Object.keys(require.cache)) {
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(key)) {
      const mod = require.cache[key]?.exports as TslabJupyterModule | undefined;
      if (mod && typeof mod.lastWriteDisplayData === 'function') return mod;
    }
  }
  return null;
}

/** True inside a running tslab kernel (a notebook), false in plain Node. */
export function inKernel(): boolean {
  return tslabJupyter() !== null;
}

/** True when the notebook runs unattended (the headless runner sets SEGLAB_HEADLESS=1). */
export function isHeadless(): boolean {
  return process.env.SEGLAB_HEADLESS === '1';
}

/**
 * Send one display message. Inside a kernel it becomes one `display_data` (or `update_display_data`) output
 * carrying every MIME type of the bundle; elsewhere the text/plain part is printed.
 */
export function emitDisplay(content: DisplayContent, update = false): void {
  if (testSink) {
    testSink(content, update);
    return;
  }
  const kernel = tslabJupyter();
  if (kernel && kernel.lastWriteDisplayData) {
    kernel.lastWriteDisplayData(content, update);
    return;
  }
  const text = content.data['text/plain'];
  if (typeof text === 'string') console.log(text);
}

let counter = 0;

/** A fresh display id (unique within the process and across processes). */
export function newDisplayId(prefix = 'seglab'): string {
  counter += 1;
  return `${prefix}-${process.pid.toString(36)}-${Date.now().toString(36)}-${counter}`;
}
