/**
 * Published reference figures the notebook compares itself with.
 * Seed 001 (`/work/shared/seeds/001_…`, also `/work/shared/data/SOURCES.md`): scikit-learn 1.2 on CC GENERAL with the
 * 17 numeric columns mean-imputed and standardized (CUST_ID dropped), KMeans(n_clusters=2, n_init=10,
 * random_state=42).
 */

/** One published clustering result. */
export interface ClusteringReference {
  readonly source: string;
  readonly dataset: string;
  readonly representation: string;
  readonly k: number;
  readonly inertia: number;
  readonly silhouette: number;
  readonly daviesBouldin: number;
  readonly calinskiHarabasz: number;
}

/** Seed 001's K-Means k = 2 on CC GENERAL. */
export const CC_GENERAL_SEED001_REFERENCE: ClusteringReference = {
  source: 'seed 001 / SOURCES.md (scikit-learn 1.2, KMeans n_init=10, random_state=42)',
  dataset: 'cc-general',
  representation: '17 numeric columns, mean-imputed, standardized; CUST_ID dropped',
  k: 2,
  inertia: 127784.9,
  silhouette: 0.2095,
  daviesBouldin: 1.9122,
  calinskiHarabasz: 1706.1,
};
