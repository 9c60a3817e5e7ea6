import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataDir } from '../../src/data/datadir';
import { peerPrep } from '../../src/bench/peer-prep';
import { peerResult, readIntLines } from '../../src/bench/peer-files';
import { silhouetteScore } from '../../src/metrics/silhouette';
import { daviesBouldinScore } from '../../src/metrics/davies-bouldin';
import { calinskiHarabaszScore } from '../../src/metrics/calinski-harabasz';

// Independent reference: the peer's saved scikit-learn 1.2.1 results (../shared/peer/results/<dataset>-<k>.json)
// and the exact K-Means labels behind them (results/labels/*.txt). On the SAME labels and the same prepped matrix,
// silhouette_score, davies_bouldin_score and calinski_harabasz_score must be reproduced to 1e-9 relative.
const CASES = [
  { file: 'cc-general.csv', json: 'cc5-2.json', labels: 'cc5-k2-kmeans-lloyd-seed42.txt', k: 2 },
  { file: 'cc-general.csv', json: 'cc5-3.json', labels: 'cc5-k3-kmeans-lloyd-seed42.txt', k: 3 },
  { file: 'bank-kaggle.csv', json: 'bank-kaggle-5.json', labels: 'bank-kaggle-k5-kmeans-lloyd-seed42.txt', k: 5 },
];

for (const c of CASES) {
  test(`on ${c.file} with the peer's k=${c.k} labels, silhouette, DB and CH equal scikit-learn's to 1e-9`, (t) => {
    const data = path.join(dataDir(), c.file);
    const json = peerResult(c.json);
    const lab = peerResult('labels', c.labels);
    if (!fs.existsSync(data) || !json || !lab) { t.skip(`needs ${data} (SEGLAB_DATA_DIR) and the peer's results (SEGLAB_PEER_DIR)`); return; }
    const ref = JSON.parse(fs.readFileSync(json, 'utf8')) as { kmeans: { per_k: Array<{ k: number; lloyd: Record<string, number> }> } };
    const want = ref.kmeans.per_k.find((r) => r.k === c.k)!.lloyd;
    const { X } = peerPrep(data);
    const labels = readIntLines(lab);
    const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
    const sil = silhouetteScore(X, labels);
    assert.ok(rel(sil, want.silhouette) <= 1e-9, `silhouette ${sil} vs ${want.silhouette}`);
    const silDirect = silhouetteScore(X, labels, { kernel: 'direct' });
    assert.ok(rel(silDirect, want.silhouette) <= 1e-9, `direct silhouette ${silDirect} vs ${want.silhouette}`);
    const db = daviesBouldinScore(X, labels);
    assert.ok(rel(db, want.davies_bouldin) <= 1e-9, `DB ${db} vs ${want.davies_bouldin}`);
    const ch = calinskiHarabaszScore(X, labels);
    assert.ok(rel(ch, want.calinski_harabasz) <= 1e-9, `CH ${ch} vs ${want.calinski_harabasz}`);
  });
}
