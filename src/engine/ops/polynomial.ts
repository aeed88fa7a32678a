import { complexDType, type DType, isFloatDType, promoteTypes, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { allocate } from '../limits';
import { dot, eigvals, inv, lstsq, outer } from '../linalg';
import { NDArray } from '../ndarray';
import { complexArray } from './complexArrays';
import { arange, zeros, zerosLike } from './create';
import { binary } from './elementwise';
import { getIndex } from './indexing';
import { convolve } from './numerics';
import { reduce } from './reduce';
import { atleast1d, concatenate, transpose } from './shape';
import { astype } from './unary';

/**
 * NumPy's polynomial functions on coefficient arrays (highest power first),
 * as numpy/lib/_polynomial_impl.py computes them: `np.polyfit` (a
 * least-squares fit of the Vandermonde matrix, with NumPy's column scaling),
 * `np.polyval` (Horner's scheme), sums, products, quotients, derivatives,
 * integrals, roots (eigenvalues of the companion matrix) and `np.poly`.
 * The `np.poly1d` class over them is builtins/polynomial.ts.
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

/** An int64 array `start, start-1, …, 1` (NumPy's `arange(n, 0, -1)`). */
const countdown = (n: number) =>
  arange(NDArray.scalar(n, 'int64'), NDArray.scalar(0, 'int64'), NDArray.scalar(-1, 'int64'));

/** The first `n` items along the first axis (`p[:n]`). */
const head = (p: NDArray, n: number) => getIndex(p, [{ kind: 'slice', start: 0, stop: n, step: null }]);

/** `np.atleast_1d`, which (unlike ops' copying atleast1d) hands a 1-D array back unchanged. */
const atLeastOneDim = (a: NDArray) => (a.ndim >= 1 ? a : atleast1d(a));

/**
 * `poly1d(c)`'s coefficients: at least 1-D, 1-D only, leading zeros cut
 * (NumPy's `trim_zeros(c, 'f')`), `[0]` of the same dtype when none are left.
 */
export function polynomialCoefficients(c: NDArray): NDArray {
  const a = atLeastOneDim(c);
  if (a.ndim > 1) throw new MatError('Polynomial must be 1d only.');
  let first = 0;
  while (first < a.size && a.data[first] === 0) first++;
  if (first === 0 && a.size > 0) return a;
  if (first === a.size) return zeros([1], a.dtype);
  return new NDArray(a.data.slice(first), [a.size - first], a.dtype);
}

/** `np.polyadd` / `np.polysub`: the shorter operand padded with leading zeros of its dtype. */
export function polyCombine(op: '+' | '-', a1: NDArray, a2: NDArray): NDArray {
  let x = atLeastOneDim(a1);
  let y = atLeastOneDim(a2);
  const diff = y.shape[0] - x.shape[0];
  if (diff > 0) x = concatenate([zeros([diff], x.dtype), x]);
  else if (diff < 0) y = concatenate([zeros([-diff], y.dtype), y]);
  return binary(op, x, y);
}

/** `np.polymul`: the convolution of the two coefficient lists, leading zeros cut first. */
export function polymul(a1: NDArray, a2: NDArray): NDArray {
  return convolve(polynomialCoefficients(a1), polynomialCoefficients(a2), 2);
}

/** `np.polydiv(u, v)`: quotient and remainder by long division, in floating point. */
export function polydiv(u: NDArray, v: NDArray): [NDArray, NDArray] {
  const asFloating = (a: NDArray) => {
    const one = atLeastOneDim(a);
    return isFloatDType(one.dtype) ? one : astype(one, 'float64');
  };
  const numerator = asFloating(u);
  const divisor = asFloating(v);
  const dtype: DType = promoteTypes(numerator.dtype, divisor.dtype);
  const m = numerator.shape[0] - 1;
  const n = divisor.shape[0] - 1;
  const scale = 1 / divisor.data[0];
  const quotient = allocate(Math.max(m - n + 1, 1));
  let rest = Float64Array.from(numerator.data);
  for (let k = 0; k <= m - n; k++) {
    const d = scale * rest[k];
    quotient[k] = d;
    for (let j = 0; j <= n; j++) rest[k + j] -= d * divisor.data[j];
  }
  // NumPy drops leading remainder terms that np.allclose(r[0], 0) calls zero.
  while (Math.abs(rest[0]) <= 1e-8 && rest.length > 1) rest = rest.slice(1);
  return [
    new NDArray(roundInto(quotient, dtype), [quotient.length], dtype),
    new NDArray(roundInto(rest, dtype), [rest.length], dtype),
  ];
}

/** `np.polyder(p, m)`: `p[:-1] * arange(n, 0, -1)`, m times. */
export function polyder(p: NDArray, m: number): NDArray {
  if (m < 0) throw new MatError('Order of derivative must be positive (see polyint)');
  if (p.ndim === 0) throw new MatError('len() of unsized object', 'TypeError');
  let out = p;
  for (let i = 0; i < m; i++) {
    const n = out.shape[0] - 1;
    out = binary('*', head(out, Math.max(n, 0)), countdown(n));
  }
  return out;
}

/**
 * `np.polyint(p, m, k)`: `p / arange(len(p), 0, -1)` with the next
 * integration constant appended, m times. `k` is None (zeros), one
 * constant for every step, or one per step.
 */
export function polyint(p: NDArray, m: number, k: NDArray | null): NDArray {
  if (m < 0) throw new MatError('Order of integral must be positive (see polyder)');
  let constants = k === null ? zeros([m], 'float64') : atLeastOneDim(k);
  if (constants.shape[0] === 1 && m > 1) {
    constants = NDArray.filled([m], constants.data[0], promoteTypes(constants.dtype, 'float64'));
  }
  if (constants.shape[0] < m) {
    throw new MatError('k must be a scalar or a rank-1 array of length 1 or >m.');
  }
  if (p.ndim === 0 && m > 0) throw new MatError('len() of unsized object', 'TypeError');
  let out = p;
  for (let i = 0; i < m; i++) {
    const divided = binary('/', out, countdown(out.shape[0]));
    out = concatenate([divided, getIndex(constants, [{ kind: 'slice', start: i, stop: i + 1, step: null }])]);
  }
  return out;
}

/**
 * `np.roots(p)`: the eigenvalues of the companion matrix of p with its
 * leading and trailing zeros cut, then one 0 per trailing zero; complex
 * when one root is.
 */
export function roots(p: NDArray): NDArray {
  const a = atLeastOneDim(p);
  if (a.ndim !== 1) throw new MatError('Input must be a rank-1 array.');
  let first = -1;
  let last = -1;
  for (let i = 0; i < a.size; i++) {
    if (a.data[i] !== 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return zeros([0], 'float64');
  const dtype: DType = isFloatDType(a.dtype) ? a.dtype : 'float64';
  const trailingZeros = a.size - last - 1;
  const coefficients = a.data.slice(first, last + 1);
  const n = coefficients.length;
  let found: Float64Array = new Float64Array(0);
  let foundImag: Float64Array | undefined;
  if (n > 1) {
    const order = n - 1;
    const companion = allocate(order * order);
    for (let j = 0; j < order; j++) companion[j] = -coefficients[j + 1] / coefficients[0];
    for (let i = 1; i < order; i++) companion[i * order + i - 1] = 1;
    const values = eigvals(new NDArray(roundInto(companion, dtype), [order, order], 'float64'));
    found = values.real.data;
    if (values.imag.data.some((v) => v !== 0)) foundImag = values.imag.data;
  }
  const out = allocate(found.length + trailingZeros);
  out.set(found);
  if (foundImag) {
    // Complex roots: the whole result is complex, as NumPy's eigvals gives it.
    const imag = allocate(out.length);
    imag.set(foundImag);
    return complexArray(out, imag, [out.length], complexDType(dtype));
  }
  return new NDArray(roundInto(out, dtype), [out.length], dtype);
}

/**
 * `np.poly(seq_of_zeros)`: the monic polynomial with these roots (or, for
 * a square matrix, its characteristic polynomial), built by convolving
 * `[1, -root]` factors. `undefined` for no roots (NumPy's Python float 1.0).
 */
export function polyFromRoots(seq: NDArray): NDArray | undefined {
  const a = atLeastOneDim(seq);
  let zerosOf: NDArray;
  if (a.ndim === 2 && a.shape[0] === a.shape[1] && a.shape[0] !== 0) {
    const values = eigvals(astype(a, 'float64'));
    if (values.imag.data.some((v) => v !== 0)) return fromConjugateRoots(values.real.data, values.imag.data);
    zerosOf = values.real;
  } else if (a.ndim === 1) {
    // NumPy's mintypecode: float32 stays, every other type computes in float64.
    zerosOf = a.dtype === 'float32' || a.dtype === 'float64' ? a : astype(a, 'float64');
  } else throw new MatError('input must be 1d or non-empty square 2d array.');
  if (zerosOf.size === 0) return undefined;
  const dtype = zerosOf.dtype;
  let out = NDArray.filled([1], 1, dtype);
  for (const zero of zerosOf.data) {
    out = convolve(out, new NDArray(roundInto(Float64Array.of(1, -zero), dtype), [2], dtype), 2);
  }
  return out;
}

/**
 * `np.poly` of roots some of which are complex: the `[1, -root]` factors
 * multiplied out in complex arithmetic (NumPy's convolve, term by term),
 * then, the roots coming in conjugate pairs as a real matrix's eigenvalues
 * do, the real part (NumPy's `a.real.copy()`). Unpaired complex roots would
 * give complex coefficients, which the engine has no dtype for.
 */
function fromConjugateRoots(re: Float64Array, im: Float64Array): NDArray {
  const key = (r: number, i: number) => `${r}:${i}`;
  const pairs = new Map<string, number>();
  for (let j = 0; j < re.length; j++) pairs.set(key(re[j], im[j]), (pairs.get(key(re[j], im[j])) ?? 0) + 1);
  for (let j = 0; j < re.length; j++) {
    if (pairs.get(key(re[j], -im[j])) !== pairs.get(key(re[j], im[j]))) {
      throw new MatError(
        'these roots make a polynomial with complex coefficients; complex numbers are not supported yet',
        'NotImplementedError',
      );
    }
  }
  let realPart: Float64Array = Float64Array.of(1);
  let imagPart: Float64Array = Float64Array.of(0);
  for (let j = 0; j < re.length; j++) {
    const n = realPart.length;
    const nextReal = allocate(n + 1);
    const nextImag = allocate(n + 1);
    for (let k = 0; k <= n; k++) {
      // a[k-1] * (-z) + a[k] * 1, summed in that order as NumPy's convolve sums.
      let r = 0;
      let i = 0;
      if (k >= 1) {
        r = realPart[k - 1] * -re[j] - imagPart[k - 1] * -im[j];
        i = realPart[k - 1] * -im[j] + imagPart[k - 1] * -re[j];
      }
      if (k < n) {
        r += realPart[k];
        i += imagPart[k];
      }
      nextReal[k] = r;
      nextImag[k] = i;
    }
    realPart = nextReal;
    imagPart = nextImag;
  }
  return new NDArray(realPart, [realPart.length], 'float64');
}
