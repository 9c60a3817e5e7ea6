/**
 * The report's self-check, embedded in every page and run only when the page is opened with `#seglab-check`
 * (headless Chromium in `npm run report -- --check`; `#seglab-check=<project root>` also looks for that folder).
 * After the figures drew and every folded table was unfolded, it records on `<html data-check>` (JSON, see
 * {@link PageCheck}) what a reader must never see: content wider than the window outside a scroll frame, a
 * machine path in an output, more than 3 consecutive progress lines in a cell, "NaN" in a table.
 * The function is serialized into the page, so it uses nothing from its module but its arguments.
 */

/** What the page check found (empty lists: nothing wrong). */
export interface PageCheck {
  /** Width of the window's layout viewport, and of the page's content. */
  viewport: number;
  scrollWidth: number;
  /** Elements reaching past the window's edges outside any scroll frame. */
  overflow: string[];
  /** Machine paths found in outputs (or the page header). */
  paths: string[];
  /** Cells with more than 3 consecutive progress lines. */
  progress: string[];
  /** Table rows with a cell showing NaN as a value (prose that mentions NaN does not count). */
  nan: string[];
}

/**
 * An absolute path of a machine (where users, temporary and work folders live), POSIX or Windows; preceded by a
 * start or a character that cannot end a word or URL path, so `https://x.org/home/` does not count.
 */
export const MACHINE_PATH_PATTERN =
  /(?:^|[^\w.~/:-])(\/(?:tmp|work|home|root|Users|mnt|private\/var|var\/folders)\/[^\s"'`<>)]*|[A-Za-z]:\\(?:Users|Documents and Settings)\\[^\s"'`<>)]*)/;

/** A progress line: the runner's plain "▸ …" form, or "12/93  13%" (count, then percent). */
export const PROGRESS_LINE_PATTERN = /^\s*\u25b8 |\b\d+\/\d+\s+\d+%(\s|$)/;

/** The most consecutive progress lines {@link PageCheck} allows in one cell. */
export const MAX_PROGRESS_LINES = 3;

/**
 * Runs in the page (see the file comment). `win` is the window; the patterns come as sources because the
 * function is serialized alone.
 */
export function pageCheck(win: any, pathSource: string, progressSource: string, maxProgress: number): void {
  if (!/^#seglab-check/.test(String(win.location.hash))) return;
  const doc = win.document;
  const root = decodeURIComponent(String(win.location.hash).split('=').slice(1).join('=') || '');
  const pathRe = new RegExp(pathSource);
  const progressRe = new RegExp(progressSource);
  const scrollFrame = (el: any): any => {
    for (let p = el.parentElement; p && p !== doc.body && p !== doc.documentElement; p = p.parentElement) {
      const ox = win.getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return p;
    }
    return null;
  };
  const name = (el: any): string => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
  const snip = (t: string): string => {
    const s = String(t).replace(/\s+/g, ' ').trim();
    return s.length > 90 ? `${s.slice(0, 90)}…` : s;
  };
  const run = (): void => {
    for (const box of doc.querySelectorAll('input.seglab-fold')) box.checked = true;
    const W = doc.documentElement.clientWidth;
    const out: PageCheck = { viewport: W, scrollWidth: doc.documentElement.scrollWidth, overflow: [], paths: [], progress: [], nan: [] };
    // Content may reach past the window only inside a scroll frame that itself fits the window and is no taller
    // than it (else the frame's scrollbar is out of sight: a 2,700 px table with its scrollbar at the bottom).
    const H = doc.documentElement.clientHeight;
    const framesSeen = new Set<any>();
    for (const el of doc.querySelectorAll('body *')) {
      if (out.overflow.length >= 10) break;
      const r = el.getBoundingClientRect();
      // fully left of the page: an off-screen helper (Plotly measures text in an SVG at x = -10000), not content
      if (r.width === 0 || r.height === 0 || r.right <= 0 || (r.right <= W + 1 && r.left >= -1)) continue;
      const frame = scrollFrame(el);
      if (!frame) {
        out.overflow.push(`${name(el)} spans ${Math.round(r.left)}–${Math.round(r.right)} px of ${W}: ${snip(el.textContent || '')}`);
        continue;
      }
      const fr = frame.getBoundingClientRect();
      if (fr.left < -1 || fr.right > W + 1 || framesSeen.has(frame)) continue; // a frame too wide is reported itself
      framesSeen.add(frame);
      if (fr.height > H) {
        out.overflow.push(`${name(el)} (${Math.round(r.width)} px wide) scrolls in ${name(frame)}, ${Math.round(fr.height)} px tall: its scrollbar is out of sight in a ${H} px window: ${snip(el.textContent || '')}`);
      }
    }
    for (const el of doc.querySelectorAll('.output, header.report .meta, ul.index')) {
      const t = String(el.textContent || '');
      const m = t.match(pathRe);
      if (m) out.paths.push(snip(m[1]));
      else if (root && t.includes(root)) out.paths.push(root);
    }
    for (const cell of doc.querySelectorAll('.cell')) {
      let runLength = 0;
      let worst = 0;
      let example = '';
      for (const o of cell.querySelectorAll('.output')) {
        for (const line of String(o.textContent || '').split('\n')) {
          if (progressRe.test(line)) {
            runLength++;
            if (runLength > worst) { worst = runLength; example ||= line; }
          } else if (line.trim()) runLength = 0;
        }
      }
      if (worst > maxProgress) out.progress.push(`${worst} lines: ${snip(example)}`);
    }
    for (const td of doc.querySelectorAll('table td, table th')) {
      if (out.nan.length >= 10) break;
      // a value shown as NaN ("NaN", "NaN%", "F NaN / H 2.1", "η² NaN"): every word is NaN, a number, a sign or a
      // short label; prose that mentions NaN ("1[x >= 0.5]; NaN if missing.") is a description, not a value
      const text = String(td.textContent || '').trim();
      const words = text.split(/\s+/);
      if (/\bNaN\b/.test(text) && words.every((w: string) => /NaN|^[-−+]?[\d.,]+(e[-+]?\d+)?%?$|^.{1,2}$/.test(w))) {
        out.nan.push(snip(td.closest('tr')?.textContent || text));
      }
    }
    doc.documentElement.setAttribute('data-check', JSON.stringify(out));
  };
  win.addEventListener('load', () => win.setTimeout(run, 1500));
}

/** The `<script>` that carries {@link pageCheck} into a page. */
export const CHECK_PROBE =
  `<script>(${pageCheck.toString()})(window, ${JSON.stringify(MACHINE_PATH_PATTERN.source)}, ` +
  `${JSON.stringify(PROGRESS_LINE_PATTERN.source)}, ${MAX_PROGRESS_LINES});</script>`;
