import { castValue, isFloatDType } from '../dtypes';
import { MatError } from '../errors';
import { floatScalarText } from '../format/floating';
import { allocate, checkDeadline } from '../limits';
import { type DType, NDArray } from '../ndarray';
import { linspaceAlong } from './building';
import { linspace } from './create';
import { sortedQuantile } from './quantileMethods';
import { reduce } from './reduce';
import { argsort } from './sorting';
import { astype } from './unary';

/**
 * `np.bincount` and `np.histogram`, following NumPy's algorithms step by
 * step (its block size, its index corrections at bin edges, its cumulative
 * sums for weighted explicit edges) so counts and weighted sums agree.
 */

/**
 * `np.bincount(x, weights, minlength)` for integer `x` (1-D, converted by
 * the caller): counts (int64), or sums of weights in order (float64). The
 * weights are converted (by `weights()`) only once x has passed its
 * checks, in NumPy's order of errors.
 */
export function bincount(
  x: readonly number[] | Float64Array,
  weights: (() => NDArray) | null,
  minlength: number,
): NDArray {
  if (minlength < 0) throw new MatError("'minlength' must not be negative");
  if (x.length === 0) return new NDArray(allocate(minlength), [minlength], 'int64');
  let smallest = x[0];
  let largest = x[0];
  for (const v of x) {
    if (v < smallest) smallest = v;
    else if (v > largest) largest = v;
  }
  if (smallest < 0) throw new MatError("'list' argument must have no negative elements");
  const size = Math.max(largest + 1, minlength);
  if (weights === null) {
    const out = allocate(size);
    for (const v of x) out[v] += 1;
    return new NDArray(out, [size], 'int64');
  }
  const w = weights();
  if (w.size !== x.length) throw new MatError("The weights and list don't have the same length.");
  const out = allocate(size);
  for (let i = 0; i < x.length; i++) out[x[i]] += w.data[i];
  return new NDArray(out, [size], 'float64');
}

/** NumPy's estimators of a good number of equal bins (`bins='auto'`, …). */
export const BIN_ESTIMATORS = ['stone', 'auto', 'doane', 'fd', 'rice', 'scott', 'sqrt', 'sturges'] as const;

export type BinEstimator = (typeof BIN_ESTIMATORS)[number];

export function isBinEstimator(name: string): name is BinEstimator {
  return (BIN_ESTIMATORS as readonly string[]).includes(name);
}

/**
 * How `np.histogram` was asked for its bins: a count of equal bins, an
 * estimator that chooses the count, or the edges themselves.
 */
export type Bins =
  | { readonly count: number }
  | { readonly estimator: BinEstimator }
  | { readonly edges: NDArray };

/** NumPy's `str()` of a number in a message: `0`, `2.5`, `inf`, `nan`. */
function numberText(value: number, dtype: DType): string {
  if (isFloatDType(dtype)) return floatScalarText(value);
  if (dtype === 'bool') return value !== 0 ? 'True' : 'False';
  return String(value);
}

/** A value with its dtype, as NumPy keeps range ends and data extremes (an int stays an int). */
export interface HistogramEdge {
  readonly value: number;
  readonly dtype: DType;
}

/** NumPy's `_get_outer_edges`: the range of equal bins, widened by 0.5 each side when it is a point. */
function outerEdges(
  a: NDArray,
  range: readonly [HistogramEdge, HistogramEdge] | null,
): [HistogramEdge, HistogramEdge] {
  let first: HistogramEdge;
  let last: HistogramEdge;
  if (range !== null) {
    [first, last] = range;
    if (first.value > last.value) throw new MatError('max must be larger than min in range parameter.');
    if (!Number.isFinite(first.value) || !Number.isFinite(last.value)) {
      throw new MatError(
        `supplied range of [${numberText(first.value, first.dtype)}, ${numberText(last.value, last.dtype)}] is not finite`,
      );
    }
  } else if (a.size === 0) {
    first = { value: 0, dtype: 'int64' };
    last = { value: 1, dtype: 'int64' };
  } else {
    first = { value: reduce('min', a, null, false).data[0], dtype: a.dtype };
    last = { value: reduce('max', a, null, false).data[0], dtype: a.dtype };
    if (!Number.isFinite(first.value) || !Number.isFinite(last.value)) {
      throw new MatError(
        `autodetected range of [${numberText(first.value, first.dtype)}, ${numberText(last.value, last.dtype)}] is not finite`,
      );
    }
  }
  if (first.value === last.value) {
    first = { value: first.value - 0.5, dtype: 'float64' };
    last = { value: last.value + 0.5, dtype: 'float64' };
  }
  return [first, last];
}

/** The population standard deviation, as np.std computes it. */
function std(x: NDArray): number {
  return reduce('std', x, null, false).data[0];
}

/** NumPy's `_hist_bin_*` bin widths for the (range-restricted) data `x`, 0 when it has no spread. */
function binWidth(estimator: BinEstimator, x: NDArray, first: number, last: number): number {
  const n = x.size;
  const spread = reduce('max', x, null, false).data[0] - reduce('min', x, null, false).data[0];
  const sqrtWidth = () => spread / Math.sqrt(n);
  const sturgesWidth = () => spread / (Math.log2(n) + 1.0);
  const fdWidth = () => {
    const sorted = x.data.slice().sort();
    const iqr = sortedQuantile(sorted, 0.75, 'linear') - sortedQuantile(sorted, 0.25, 'linear');
    return 2.0 * iqr * n ** (-1.0 / 3.0);
  };
  switch (estimator) {
    case 'sqrt':
      return sqrtWidth();
    case 'sturges':
      return sturgesWidth();
    case 'rice':
      return spread / (2.0 * n ** (1.0 / 3));
    case 'scott':
      return ((24.0 * Math.PI ** 0.5) / n) ** (1.0 / 3.0) * std(x);
    case 'fd':
      return fdWidth();
    case 'auto':
      return Math.min(Math.max(fdWidth(), sqrtWidth() / 2), sturgesWidth());
    case 'doane': {
      if (n <= 2) return 0;
      const sg1 = Math.sqrt((6.0 * (n - 2)) / ((n + 1.0) * (n + 3)));
      const sigma = std(x);
      if (!(sigma > 0)) return 0;
      const mean = reduce('mean', x, null, false).data[0];
      const cubes = new NDArray(
        x.data.map((v) => ((v - mean) / sigma) ** 3),
        [n],
        'float64',
      );
      const g1 = reduce('mean', cubes, null, false).data[0];
      return spread / (1.0 + Math.log2(n) + Math.log2(1.0 + Math.abs(g1) / sg1));
    }
    case 'stone': {
      if (n <= 1 || spread === 0) return 0;
      // The bin count in 1..max(100, sqrt(n)) that minimises NumPy's cross-validation estimate.
      const upper = Math.max(100, Math.trunc(Math.sqrt(n)));
      let best = 1;
      let bestScore = Number.POSITIVE_INFINITY;
      for (let bins = 1; bins <= upper; bins++) {
        checkDeadline();
        const counts = histogram(
          x,
          { count: bins },
          [
            { value: first, dtype: 'float64' },
            { value: last, dtype: 'float64' },
          ],
          false,
          null,
        )[0].data;
        let dot = 0;
        for (const c of counts) dot += (c / n) * (c / n);
        const score = (2 - (n + 1) * dot) / (spread / bins);
        if (score < bestScore) {
          bestScore = score;
          best = bins;
        }
      }
      return spread / best;
    }
  }
}

/**
 * The number of equal bins an estimator gives, as NumPy's
 * `_get_bin_edges`: the data restricted to the range, a width of at least
 * 1 for integers, and one bin when the width is 0 or there is no data.
 */
function estimatedBinCount(
  a: NDArray,
  estimator: BinEstimator,
  first: number,
  last: number,
  restricted: boolean,
): number {
  let x = a;
  if (restricted) {
    const kept = a.data.filter((v) => v >= first && v <= last);
    x = new NDArray(kept, [kept.length], a.dtype);
  }
  if (x.size === 0) return 1;
  let width = binWidth(estimator, x, first, last);
  if (!width) return 1;
  if (!isFloatDType(x.dtype) && width < 1) width = 1;
  return Math.ceil((last - first) / width);
}

/** NumPy's block size: histograms are accumulated over chunks of this many elements. */
const BLOCK = 65536;

/** NumPy's sort order: nan after every number. */
function lessThan(x: number, y: number): boolean {
  return x < y || (Number.isNaN(y) && !Number.isNaN(x));
}

/** `searchsorted(sorted, v, side)` for one value. */
function searchSorted(sorted: Float64Array, v: number, right: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (right ? !lessThan(v, sorted[mid]) : lessThan(sorted[mid], v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A result of `dtype` from float sums: ints truncate, bools are nonzero. */
function asDType(values: Float64Array, dtype: DType): NDArray {
  const out = new NDArray(values, [values.length], 'float64');
  return dtype === 'float64' ? out : astype(out, dtype);
}

/**
 * `np.histogram(a, bins, range, density, weights)` of the flattened `a`
 * (bools counted as 0 and 1), `weights` flattened and of a's size: the
 * counts (int64, or sums in the weights' dtype) and the bin edges.
 */
export function histogram(
  a: NDArray,
  bins: Bins,
  range: readonly [HistogramEdge, HistogramEdge] | null,
  density: boolean,
  weights: NDArray | null,
): [NDArray, NDArray] {
  const values = a.dtype === 'bool' ? new NDArray(a.data, a.shape, 'int64') : a;
  const x = values.data;
  const ntype: DType = weights === null ? 'int64' : weights.dtype;
  const w = weights?.data ?? null;
  let edges: NDArray;
  let counts: Float64Array;

  if (!('edges' in bins)) {
    let n: number;
    let first: HistogramEdge;
    let last: HistogramEdge;
    if ('count' in bins) {
      n = bins.count;
      if (n < 1) throw new MatError('`bins` must be positive, when an integer');
      [first, last] = outerEdges(values, range);
    } else {
      if (weights !== null) {
        throw new MatError(
          'Automated estimation of the number of bins is not supported for weighted data',
          'TypeError',
        );
      }
      [first, last] = outerEdges(values, range);
      n = estimatedBinCount(values, bins.estimator, first.value, last.value, range !== null);
    }
    // NumPy's bin_type: a float input's own dtype (float32 data, float32 edges), float64 for ints.
    const edgeDType = isFloatDType(values.dtype) ? values.dtype : 'float64';
    const bound = (value: number) => NDArray.scalar(castValue(value, edgeDType), edgeDType);
    edges =
      edgeDType === 'float64'
        ? linspace(first.value, last.value, n + 1, true, 'float64')
        : linspaceAlong(bound(first.value), bound(last.value), n + 1, true, 0);
    const e = edges.data;
    for (let i = 0; i < n; i++) {
      if (e[i] >= e[i + 1]) {
        throw new MatError(`Too many bins for data range. Cannot create ${n} finite-sized bins.`);
      }
    }
    const denominator = last.value - first.value;
    counts = allocate(n);
    for (let start = 0; start < x.length; start += BLOCK) {
      checkDeadline();
      const block = allocate(n);
      const end = Math.min(start + BLOCK, x.length);
      for (let i = start; i < end; i++) {
        const v = x[i];
        if (!(v >= first.value && v <= last.value)) continue;
        // NumPy's index, then its corrections for values within an ulp of an edge.
        let index = Math.trunc(((v - first.value) / denominator) * n);
        if (index === n) index -= 1;
        if (v < e[index]) index -= 1;
        if (v >= e[index + 1] && index !== n - 1) index += 1;
        block[index] += w === null ? 1 : w[i];
      }
      for (let k = 0; k < n; k++) counts[k] += block[k];
    }
  } else {
    edges = bins.edges;
    const e = edges.data;
    const m = e.length;
    const cumulative = allocate(m);
    for (let start = 0; start < x.length; start += BLOCK) {
      checkDeadline();
      const end = Math.min(start + BLOCK, x.length);
      const chunk = new NDArray(x.slice(start, end), [end - start], 'float64');
      const order = argsort(chunk, 0).data;
      const sorted = allocate(order.length);
      for (let k = 0; k < order.length; k++) sorted[k] = chunk.data[order[k]];
      // The running total of the sorted weights, read at each edge's position (NumPy's `cw[bin_index]`).
      let running: Float64Array | null = null;
      if (w !== null) {
        running = allocate(order.length + 1);
        for (let k = 0; k < order.length; k++) running[k + 1] = running[k] + w[start + order[k]];
      }
      for (let k = 0; k < m; k++) {
        const position = searchSorted(sorted, e[k], k === m - 1);
        cumulative[k] += running === null ? position : running[position];
      }
    }
    counts = allocate(Math.max(m - 1, 0));
    for (let k = 0; k + 1 < m; k++) counts[k] = cumulative[k + 1] - cumulative[k];
  }

  let hist = asDType(counts, ntype);
  if (density) {
    const widths = allocate(hist.size);
    for (let k = 0; k < widths.length; k++) widths[k] = edges.data[k + 1] - edges.data[k];
    const total = reduce('sum', hist, null, false).data[0];
    const out = allocate(hist.size);
    for (let k = 0; k < out.length; k++) out[k] = hist.data[k] / widths[k] / total;
    hist = new NDArray(out, hist.shape, 'float64');
  }
  return [hist, edges];
}
