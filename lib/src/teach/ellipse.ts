/**
 * Points on the n-sigma ellipse of a 2-D Gaussian: the curve {x : (x − μ)ᵀ Σ⁻¹ (x − μ) = nSigma²}, drawn through the
 * eigen-decomposition of the 2×2 covariance (semi-axes nSigma·√λ along the eigenvectors).
 */
import { ValidationError } from '../core/errors';

/**
 * Closed polyline (first point repeated at the end) on the nSigma ellipse of N(mean, cov). O(nPoints).
 * @param mean [μx, μy]. @param cov 2×2 covariance as [[a, b], [b, c]] (symmetric positive semi-definite).
 * @param nSigma Mahalanobis radius (1 → the "1-sigma" ellipse). @param nPoints points before closing (default 60).
 * @throws ValidationError when cov is not symmetric positive semi-definite or nSigma < 0.
 * @example covarianceEllipse([0, 0], [[4, 0], [0, 1]], 2).x[0] // → 4  (semi-axes 2·√4 = 4 and 2·√1 = 2)
 */
export function covarianceEllipse(
  mean: ArrayLike<number>, cov: ArrayLike<ArrayLike<number>>, nSigma = 1, nPoints = 60,
): { x: number[]; y: number[] } {
  const a = cov[0][0], b = cov[0][1], c = cov[1][1];
  if (!(Math.abs(b - cov[1][0]) <= 1e-12 * (Math.abs(b) + 1))) throw new ValidationError(`cov is not symmetric: cov[0][1]=${b}, cov[1][0]=${cov[1][0]}`);
  if (!(nSigma >= 0)) throw new ValidationError(`nSigma=${nSigma} should be >= 0`);
  if (!Number.isInteger(nPoints) || nPoints < 3) throw new ValidationError(`nPoints=${nPoints} should be an integer >= 3`);
  const half = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  const l1 = half + r, l2 = half - r;
  if (!(l2 >= -1e-12 * Math.max(1, Math.abs(l1)))) throw new ValidationError(`cov is not positive semi-definite (eigenvalues ${l1}, ${l2})`);
  // Angle of the major axis: θ = ½·atan2(2b, a − c).
  const th = 0.5 * Math.atan2(2 * b, a - c);
  const ct = Math.cos(th), st = Math.sin(th);
  const s1 = nSigma * Math.sqrt(Math.max(l1, 0)), s2 = nSigma * Math.sqrt(Math.max(l2, 0));
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i <= nPoints; i++) {
    const t = (2 * Math.PI * (i % nPoints)) / nPoints;
    const u = s1 * Math.cos(t), v = s2 * Math.sin(t);
    x.push(mean[0] + u * ct - v * st);
    y.push(mean[1] + u * st + v * ct);
  }
  return { x, y };
}
