/**
 * The job kinds of the parallel pool (internal): name → handler, resolved lazily (a `require` at first use) so that
 * the kernels' modules and the pool may import each other. A handler builds its thread-local state from the shared
 * payload and its slot, runs units, and optionally finishes (e.g. writes partial results to its slot's region).
 */

/** What one job kind does on one thread. */
export interface UnitHandler {
  init(payload: unknown, slot: number): unknown;
  unit(state: unknown, u: number): void;
  finish?(state: unknown): void;
}

const MODULES: Record<string, () => Record<string, UnitHandler>> = {
  'dbscan-count': () => (require('./dbscan-tiles') as typeof import('./dbscan-tiles')).DBSCAN_HANDLERS,
  'dbscan-link': () => (require('./dbscan-tiles') as typeof import('./dbscan-tiles')).DBSCAN_HANDLERS,
  'dbscan-border': () => (require('./dbscan-tiles') as typeof import('./dbscan-tiles')).DBSCAN_HANDLERS,
  'gmm-logp': () => (require('./gmm-full-tiles') as typeof import('./gmm-full-tiles')).GMM_HANDLERS,
  'gmm-e': () => (require('./gmm-full-tiles') as typeof import('./gmm-full-tiles')).GMM_HANDLERS,
  'gmm-cov': () => (require('./gmm-full-tiles') as typeof import('./gmm-full-tiles')).GMM_HANDLERS,
  'knn-kth': () => (require('./knn-tiles') as typeof import('./knn-tiles')).KNN_HANDLERS,
  'silhouette-panel': () => (require('../metrics/silhouette-gemm') as typeof import('../metrics/silhouette-gemm')).SILHOUETTE_HANDLERS,
};

/** The handlers, looked up by kind. */
export const HANDLERS: Record<string, UnitHandler | undefined> = new Proxy({} as Record<string, UnitHandler | undefined>, {
  get(_t, kind: string): UnitHandler | undefined {
    const m = MODULES[kind];
    return m ? m()[kind] : undefined;
  },
});
