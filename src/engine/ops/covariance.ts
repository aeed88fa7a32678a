import { castValue, isFloatDType, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { allocate } from '../limits';
import { dot } from '../linalg';
import { type DType, NDArray } from '../ndarray';
import { binary } from './elementwise';
import { reduce } from './reduce';
import { concatenate, squeeze, transpose } from './shape';
import { astype, rint } from './unary';

/**
 * `np.cov` and `np.corrcoef`, as NumPy's Python code computes them: the
 * (weighted) means of the rows removed, the product X @ X.T, scaled by the
 * reciprocal of the degrees of freedom.
 */

/** What `np.cov` takes besides `m`, already converted (`ddof` checked to be an integer). */
export interface CovarianceOptions {
  readonly y: NDArray | null;
  readonly rowvar: boolean;
  /** `bias == 0` in Python: decides the default ddof (1 when true). */
  readonly unbiased: boolean;
  readonly ddof: number | null;
  readonly fweights: NDArray | null;
  readonly aweights: NDArray | null;
  readonly dtype?: DType;
}

/** `np.array(a, ndmin=2, dtype=dtype)`: a 0-d array as 1×1, a 1-D one as a row. */
function rows(a: NDArray, dtype: DType): NDArray {
  const shaped = a.ndim >= 2 ? a : new NDArray(a.data, a.ndim === 0 ? [1, 1] : [1, a.size], a.dtype);
  return shaped.dtype === dtype ? shaped : astype(shaped, dtype);
}

/** NumPy's checks of `fweights`/`aweights`, giving them as float64. */
function sampleWeights(weights: NDArray, kind: 'fweights' | 'aweights', samples: number): NDArray {
  const w = weights.dtype === 'float64' ? weights : astype(weights, 'float64');
  if (kind === 'fweights' && !w.data.every((v) => v === rint(v))) {
    throw new MatError('fweights must be integer', 'TypeError');
  }
  if (w.ndim > 1) throw new MatError(`cannot handle multidimensional ${kind}`, 'RuntimeError');
  if (w.ndim === 0) throw new MatError('tuple index out of range', 'IndexError');
  if (w.shape[0] !== samples) {
    throw new MatError(`incompatible numbers of samples and ${kind}`, 'RuntimeError');
  }
  if (w.data.some((v) => v < 0)) throw new MatError(`${kind} cannot be negative`);
  return w;
}

/** `np.cov(m, y, rowvar, bias, ddof, fweights, aweights, dtype=...)`. */
export function cov(m: NDArray, options: CovarianceOptions): NDArray {
  const { y, rowvar } = options;
  if (m.ndim > 2) throw new MatError('m has more than 2 dimensions');
  if (y !== null && y.ndim > 2) throw new MatError('y has more than 2 dimensions');
  const dtype = options.dtype ?? 'float64';
  let x = rows(m, dtype);
  if (!rowvar && m.ndim !== 1) x = transpose(x);
  if (x.shape[0] === 0) return new NDArray(allocate(0), [0, 0], dtype);
  if (y !== null) {
    let other = rows(y, dtype);
    if (!rowvar && other.shape[0] !== 1) other = transpose(other);
    x = concatenate([x, other], 0);
  }
  const ddof = options.ddof ?? (options.unbiased ? 1 : 0);
  const samples = x.shape[1];

  const fweights = options.fweights && sampleWeights(options.fweights, 'fweights', samples);
  const aweights = options.aweights && sampleWeights(options.aweights, 'aweights', samples);
  const w = fweights && aweights ? binary('*', fweights, aweights) : (fweights ?? aweights);

  // np.average(X, axis=1, weights=w, returned=True)
  let mean: NDArray;
  let weightSum: number;
  if (w === null) {
    mean = reduce('mean', x, 1, false);
    weightSum = samples;
  } else {
    weightSum = reduce('sum', w, null, false).data[0];
    if (weightSum === 0) throw new MatError("Weights sum to zero, can't be normalized", 'ZeroDivisionError');
    mean = binary('/', reduce('sum', binary('*', x, w), 1, false), NDArray.scalar(weightSum, 'float64'));
  }
  if (!isFloatDType(dtype)) {
    // NumPy's `X -= avg[:, None]` cannot write float means into an int or bool X.
    throw new MatError(
      `Cannot cast ufunc 'subtract' output from dtype('${mean.dtype}') to dtype('${dtype}') with casting rule 'same_kind'`,
      'UFuncTypeError',
    );
  }

  let fact: number;
  if (w === null) fact = samples - ddof;
  else if (ddof === 0) fact = weightSum;
  else if (aweights === null) fact = weightSum - ddof;
  else {
    // Python's built-in sum, element by element from 0.
    const products = binary('*', w, aweights).data;
    let total = 0;
    for (const v of products) total += v;
    fact = weightSum - (ddof * total) / weightSum;
  }
  if (fact <= 0) fact = 0;

  // NumPy works in place in X's dtype (`X -= avg`, `c *= 1/fact`): dtype=float32 stays float32.
  const inDType = (a: NDArray) => new NDArray(roundInto(a.data, dtype), a.shape, dtype);
  const centred = inDType(binary('-', x, new NDArray(mean.data, [mean.size, 1], mean.dtype)));
  const product = dot(centred, transpose(w === null ? centred : inDType(binary('*', centred, w))));
  return squeeze(inDType(binary('*', product, NDArray.scalar(1 / fact, 'float64'))));
}

/**
 * `np.corrcoef(x, y, rowvar, dtype=...)`: the covariance divided by the
 * outer product of the standard deviations, clipped to [-1, 1]; a single
 * variable gives c / c (1, or NaN).
 */
export function corrcoef(
  x: NDArray,
  options: Omit<CovarianceOptions, 'fweights' | 'aweights' | 'ddof'>,
): NDArray {
  const c = cov(x, { ...options, ddof: null, fweights: null, aweights: null });
  if (c.ndim !== 2) return binary('/', c, c);
  const n = c.shape[0];
  // Each step rounds into c's dtype, as NumPy's in-place `c /= stddev` does (float32 with dtype=).
  const round = (v: number) => castValue(v, c.dtype);
  const stddev = allocate(n);
  for (let i = 0; i < n; i++) stddev[i] = round(Math.sqrt(c.data[i * n + i]));
  const out = allocate(c.size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r = round(round(c.data[i * n + j] / stddev[i]) / stddev[j]);
      // np.clip keeps NaN.
      out[i * n + j] = r < -1 ? -1 : Math.min(r, 1);
    }
  }
  return new NDArray(out, c.shape, c.dtype);
}
