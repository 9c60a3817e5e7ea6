/**
 * `npm run bench [-- area…]`: prints speed and memory figures of each area (data, features, cluster, neural, scale;
 * scale, 1 M and 10 M rows out of core, runs only when asked: `npm run bench -- scale`).
 * `npm run bench -- --peer [--steps a,b] [--repeats N]`: each step side by side with scikit-learn/PyTorch (peer.ts).
 * Figures are printed, never asserted: machines are shared and noisy.
 */
const AREAS = ['data', 'features', 'cluster', 'neural', 'scale'] as const;

async function main(): Promise<void> {
  if (process.argv.includes('--peer')) {
    const { runPeerBench } = require('./peer') as typeof import('./peer');
    await runPeerBench(process.argv.slice(2).filter((a) => a !== '--peer'));
    return;
  }
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const areas = asked.length ? asked : AREAS.filter((a) => a !== 'scale');
  for (const area of areas) {
    if (!(AREAS as readonly string[]).includes(area)) {
      console.error(`unknown benchmark area "${area}"; choose from ${AREAS.join(', ')}`);
      process.exitCode = 2;
      return;
    }
    console.log(`\n=== bench: ${area} ===`);
    const mod = require(`./${area}`) as { run?: () => Promise<void> };
    if (typeof mod.run !== 'function') {
      console.log('(no benchmark yet)');
      continue;
    }
    await mod.run();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
