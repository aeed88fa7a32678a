import { MatError } from '../errors';
import { allocate } from '../limits';
import { dot, inv, lstsq, outer } from '../linalg';
import { NDArray } from '../ndarray';
import { zerosLike } from './create';
import { binary } from './elementwise';
import { getIndex } from './indexing';
import { reduce } from './reduce';
import { transpose } from './shape';
import { astype } from './unary';

/**
 * `np.polyfit` (a least-squares fit of the Vandermonde matrix, with
 * NumPy's column scaling) and `np.polyval` (Horner's scheme), as NumPy's
 * Python code computes them.
 */

/** Everything `np.polyfit` may return, and what its `cov=` needs. */
export interface PolynomialFit {
  /** Highest power first; one column per column of y when y is 2-D. */
  readonly coefficients: NDArray;
  readonly residuals: NDArray;
  readonly rank: number;
  readonly singularValues: NDArray;
  readonly rcond: number;
  /** The scaled (and weighted) Vandermonde matrix the least squares solved. */
  readonly lhs: NDArray;
  /** The column norms lhs was divided by. */
  readonly scale: NDArray;
}

const asFloat = (a: NDArray) => (a.dtype === 'float64' ? a : astype(a, 'float64'));

/** `np.vander(x, order)`: columns x**(order-1) … x**0, each power the previous one times x. */
function vander(x: NDArray, order: number): NDArray {
  const n = x.size;
  const out = allocate(n * order);
  for (let i = 0; i < n; i++) {
    let power = 1;
    for (let k = 0; k < order; k++) {
      if (k === 1) power = x.data[i];
      else if (k > 1) power *= x.data[i];
      out[i * order + (order - 1 - k)] = power;
    }
  }
  return new NDArray(out, [n, order], 'float64');
}

/** A 1-D array laid out as a column, to scale the rows of a 2-D one. */
const column = (a: NDArray) => new NDArray(a.data, [a.size, 1], a.dtype);

/** `np.polyfit(x, y, deg, rcond, w=...)`: the fit, checked as NumPy checks it. */
export function polyfit(
  x: NDArray,
  y: NDArray,
  deg: number,
  rcond: number | null,
  weights: NDArray | null,
): PolynomialFit {
  const order = Math.trunc(deg) + 1;
  const xs = asFloat(x);
  let rhs = asFloat(y);
  if (deg < 0) throw new MatError('expected deg >= 0');
  if (xs.ndim !== 1) throw new MatError('expected 1D vector for x', 'TypeError');
  if (xs.size === 0) throw new MatError('expected non-empty vector for x', 'TypeError');
  if (rhs.ndim < 1 || rhs.ndim > 2) throw new MatError('expected 1D or 2D array for y', 'TypeError');
  if (xs.shape[0] !== rhs.shape[0]) throw new MatError('expected x and y to have same length', 'TypeError');
  const cutoff = rcond ?? xs.size * 2 ** -52;
  let lhs = vander(xs, order);
  if (weights !== null) {
    const w = asFloat(weights);
    if (w.ndim !== 1) throw new MatError('expected a 1-d array for weights', 'TypeError');
    if (w.shape[0] !== rhs.shape[0])
      throw new MatError('expected w and y to have the same length', 'TypeError');
    lhs = binary('*', lhs, column(w));
    rhs = binary('*', rhs, rhs.ndim === 2 ? column(w) : w);
  }
  const scale = reduce('sum', binary('*', lhs, lhs), 0, false);
  for (let i = 0; i < scale.size; i++) scale.data[i] = Math.sqrt(scale.data[i]);
  lhs = binary('/', lhs, scale);
  const solution = lstsq(lhs, rhs, cutoff);
  const c = solution.x;
  const coefficients = c.ndim === 2 ? binary('/', c, column(scale)) : binary('/', c, scale);
  return {
    coefficients,
    residuals: solution.residuals,
    rank: solution.rank,
    singularValues: solution.s,
    rcond: cutoff,
    lhs,
    scale,
  };
}

/**
 * `np.polyfit(..., cov=True)`'s covariance of the coefficients:
 * inv(lhsᵀ lhs) / outer(scale, scale), times residuals / (len(x) - order)
 * unless `unscaled` (a third axis per column of a 2-D y).
 */
export function polyfitCovariance(fit: PolynomialFit, unscaled: boolean, yColumns: boolean): NDArray {
  const [samples, order] = fit.lhs.shape;
  let base = inv(dot(transpose(fit.lhs), fit.lhs));
  base = binary('/', base, outer(fit.scale, fit.scale));
  let factor: NDArray;
  if (unscaled) factor = NDArray.scalar(1, 'int64');
  else {
    if (samples <= order) {
      throw new MatError('the number of data points must exceed order to scale the covariance matrix');
    }
    factor = binary('/', fit.residuals, NDArray.scalar(samples - order, 'int64'));
  }
  if (yColumns) base = new NDArray(base.data, [order, order, 1], 'float64');
  return binary('*', base, factor);
}

/** `np.polyval(p, x)`: Horner's scheme over p's first axis, starting from zeros_like(x). */
export function polyval(p: NDArray, x: NDArray): NDArray {
  if (p.ndim === 0) throw new MatError('iteration over a 0-d array', 'TypeError');
  let y = zerosLike(x);
  for (let i = 0; i < p.shape[0]; i++) {
    y = binary('+', binary('*', y, x), getIndex(p, [{ kind: 'int', value: i }]));
  }
  return y;
}
