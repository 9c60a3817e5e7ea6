/** The plain-text summary `npm run score` prints (and a notebook can show): distributions and drift. */
import { formatPercent } from '../display/format';
import type { ScoreCsvResult } from './score';
import type { ModelBundle } from './bundle';
import { displayPath } from '../display/path';

function shares(labels: ArrayLike<number>, k: number): number[] {
  const c = new Array(k).fill(0);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0 && labels[i] < k) c[labels[i]]++;
  return c.map((x) => x / (labels.length || 1));
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/** Lines describing a scoring run. */
export function scoreSummaryLines(bundle: ModelBundle, r: ScoreCsvResult): string[] {
  const out: string[] = [];
  out.push(`Scored ${r.n.toLocaleString('en-US')} customers from ${displayPath(r.input)} with the bundle trained on ${bundle.meta.dataset.id} (${bundle.meta.createdAt.slice(0, 10)}).`);
  out.push(`Segments assigned by the ${bundle.meta.assignWith}${bundle.meta.clusterSpace === 'embedding' ? ' (clusters live in the autoencoder embedding)' : ''}.`);
  for (const c of r.check.empty) {
    out.push(`note: column "${c}" is empty in every row: treated as missing and imputed (segments and personas lean on the other columns).`);
  }
  for (const u of r.check.unseen) {
    out.push(`note: column "${u.column}" has ${u.rows} value(s) never seen in training (${u.values.map((v) => `"${v}"`).join(', ')}): treated as missing and imputed.`);
  }
  for (const o of r.outOfRange ?? []) {
    out.push(
      `note: column "${o.column}" has ${o.rows} value(s) far outside the training range ${fmt(o.min)} to ${fmt(o.max)} ` +
        `(e.g. ${fmt(o.example.value)} in row ${o.example.row}): scored anyway, but check them, they may be data errors.`,
    );
  }
  const k = r.segmentNames.length;
  const now = shares(r.segment, k);
  // one name column wide enough for the longest segment or persona name
  const w = Math.max(40, ...r.segmentNames.map((x) => String(x).length), ...(r.personaNames ?? []).map((x) => x.length));
  const header = (what: string): string => `${what.padEnd(w + 2)} new share   training share`;
  out.push('', header('segment'));
  for (let s = 0; s < k; s++) out.push(`  ${String(r.segmentNames[s]).padEnd(w)} ${formatPercent(now[s]).padStart(9)}   ${formatPercent(bundle.training.segmentShares[s] ?? NaN).padStart(14)}`);
  if (bundle.meta.assignWith === 'classifier') {
    let agree = 0;
    for (let i = 0; i < r.n; i++) if (r.segment[i] === r.nearestCentroid[i]) agree++;
    out.push(`  classifier agrees with the nearest centroid on ${formatPercent(agree / r.n)} of rows`);
  }
  if (r.persona && bundle.training.personaShares) {
    const p = shares(r.persona, r.personaNames.length);
    out.push('', header('persona'));
    r.personaNames.forEach((name, j) => out.push(`  ${name.padEnd(w)} ${formatPercent(p[j]).padStart(9)}   ${formatPercent(bundle.training.personaShares![j]).padStart(14)}`));
  }
  const d = r.drift;
  out.push('', `drift (PSI; < 0.1 stable, 0.1–0.25 moderate, > 0.25 significant):`);
  if (r.n < 500) out.push(`  (only ${r.n} row(s): with so few rows PSI is noisy and reads "moderate" or "significant" by chance)`);
  out.push(`  segment shares: ${d.segments.psi.toFixed(3)} (${d.segments.level})${d.personas ? `; persona shares: ${d.personas.psi.toFixed(3)} (${d.personas.level})` : ''}`);
  const top = [...d.features].sort((a, b) => b.psi - a.psi);
  const counts = { stable: 0, moderate: 0, significant: 0 };
  for (const f of d.features) counts[f.level]++;
  out.push(`  features: ${counts.stable} stable, ${counts.moderate} moderate, ${counts.significant} significant; largest:`);
  for (const f of top.slice(0, 5)) out.push(`    ${f.name.padEnd(34)} ${f.psi.toFixed(3)} (${f.level})`);
  if (r.output) out.push('', `wrote ${displayPath(r.output)}`);
  return out;
}
