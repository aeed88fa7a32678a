import { type DType, isFloatDType, resultType } from '../dtypes';
import type { NDArray } from '../ndarray';
import { rint } from './unary';

/**
 * NumPy's thirteen quantile methods (`method=` of percentile/quantile and
 * their nan versions) on one sorted slice, computed with NumPy's formulas:
 * a virtual index into the sorted values, then either the value there
 * (discrete methods, which keep an integer input's dtype) or NumPy's
 * `_lerp` between its two neighbours.
 */

/** The method names, in NumPy's order (its error message lists them so). */
export const QUANTILE_METHODS = [
  'inverted_cdf',
  'averaged_inverted_cdf',
  'closest_observation',
  'interpolated_inverted_cdf',
  'hazen',
  'weibull',
  'linear',
  'median_unbiased',
  'normal_unbiased',
  'lower',
  'higher',
  'midpoint',
  'nearest',
] as const;

export type QuantileMethod = (typeof QUANTILE_METHODS)[number];

export function isQuantileMethod(name: string): name is QuantileMethod {
  return (QUANTILE_METHODS as readonly string[]).includes(name);
}

/** Methods that pick one of the values (no interpolation): their result keeps the input's dtype. */
export function isDiscreteMethod(method: QuantileMethod): boolean {
  return (
    method === 'inverted_cdf' ||
    method === 'closest_observation' ||
    method === 'lower' ||
    method === 'higher' ||
    method === 'nearest'
  );
}

/**
 * The dtype of `np.quantile(a, q, method=...)`: a discrete method keeps a's;
 * the others give a float, a's own when q is a Python number (weak: float32
 * stays float32) and else promoted with q's (a float64 array q gives float64).
 */
export function quantileDType(a: NDArray, q: NDArray, method: QuantileMethod): DType {
  if (isDiscreteMethod(method)) return a.dtype;
  const dtype = resultType([a.dtype, { dtype: q.dtype, weak: q.weak || q.python }]);
  return isFloatDType(dtype) ? dtype : 'float64';
}

/** NumPy's `_discrete_interpolation_to_boundaries`: floor or floor + 1 of the index, never below 0. */
function boundary(index: number, takeFloor: (gamma: number, index: number) => boolean): number {
  const previous = Math.floor(index);
  const gamma = index - previous;
  return Math.max(takeFloor(gamma, index) ? previous : previous + 1, 0);
}

/** NumPy's `_compute_virtual_index` for the continuous methods of Hyndman and Fan. */
function virtualIndex(n: number, q: number, alpha: number, beta: number): number {
  return n * q + (alpha + q * (1 - alpha - beta)) - 1;
}

/** NumPy's `_lerp`: from the nearer end, so t = 1 gives exactly b. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The q-th quantile (q in [0, 1]) of `sorted` (ascending, no NaN, not empty) by `method`. */
export function sortedQuantile(sorted: Float64Array, q: number, method: QuantileMethod): number {
  const n = sorted.length;
  switch (method) {
    case 'inverted_cdf':
      return sorted[boundary(n * q - 1, (gamma) => gamma === 0)];
    case 'closest_observation':
      return sorted[boundary(n * q - 1 - 0.5, (gamma, index) => gamma === 0 && Math.floor(index) % 2 === 1)];
    case 'lower':
      return sorted[Math.floor((n - 1) * q)];
    case 'higher':
      return sorted[Math.ceil((n - 1) * q)];
    case 'nearest':
      return sorted[rint((n - 1) * q)];
  }
  let index: number;
  switch (method) {
    case 'averaged_inverted_cdf':
    case 'interpolated_inverted_cdf':
      index = method === 'averaged_inverted_cdf' ? n * q - 1 : virtualIndex(n, q, 0, 1);
      break;
    case 'hazen':
      index = virtualIndex(n, q, 0.5, 0.5);
      break;
    case 'weibull':
      index = virtualIndex(n, q, 0, 0);
      break;
    case 'median_unbiased':
      index = virtualIndex(n, q, 1 / 3, 1 / 3);
      break;
    case 'normal_unbiased':
      index = virtualIndex(n, q, 3 / 8, 3 / 8);
      break;
    case 'midpoint':
      index = 0.5 * (Math.floor((n - 1) * q) + Math.ceil((n - 1) * q));
      break;
    default:
      index = (n - 1) * q;
  }
  // NumPy's `_get_indexes`: past either end, both neighbours are that end.
  let previous = Math.floor(index);
  let next = previous + 1;
  if (index >= n - 1) previous = next = -1;
  if (index < 0) previous = next = 0;
  let gamma = index - previous;
  if (method === 'averaged_inverted_cdf') gamma = gamma === 0 ? 0.5 : 1;
  else if (method === 'midpoint') gamma = index % 1 === 0 ? 0 : 0.5;
  const at = (k: number) => sorted[k < 0 ? n + k : k];
  return lerp(at(previous), at(next), gamma);
}
