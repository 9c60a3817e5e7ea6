/**
 * Published figures of seed 001 (../shared/seeds/001_74f5a4e8ae3346ca.txt, CC GENERAL, K-Means at k = 2): its own
 * claims, quoted for comparison in the autoencoder notebook, not results of this library.
 */
export interface SeedClusteringClaim {
  /** What was clustered. */
  representation: string;
  k: number;
  silhouette: number;
  daviesBouldin: number;
}

/** Data set the claims are about. */
export const SEED_001_DATASET = 'cc-general';

/** Seed 001: raw standardized features vs the autoencoder's 8-unit embedding, K-Means k = 2 on CC GENERAL. */
export const SEED_001_CLAIMS: readonly SeedClusteringClaim[] = Object.freeze([
  { representation: 'raw (standardized)', k: 2, silhouette: 0.212, daviesBouldin: 1.912 },
  { representation: 'autoencoder embedding', k: 2, silhouette: 0.239, daviesBouldin: 1.761 },
]);
