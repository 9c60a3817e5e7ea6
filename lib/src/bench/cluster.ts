/** `npm run bench -- cluster`: K-Means (cluster-kmeans.ts) and silhouette (cluster-silhouette.ts) figures. */
import { benchKMeans } from './cluster-kmeans';

export async function run(): Promise<void> {
  await benchKMeans();
  await benchSilhouette();
}
import { benchSilhouette } from './cluster-silhouette';
