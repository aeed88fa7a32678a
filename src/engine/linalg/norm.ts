/**
 * NumPy's `linalg.norm`, following `numpy/linalg/_linalg.py` branch by
 * branch: the flattened 2-norm shortcut, vector norms over one axis,
 * matrix norms over two axes (2, -2 and 'nuc' from singular values), and
 * NumPy's error texts. Results are always float64.
 */
import { pairwiseSumExact as pairwiseSum } from '../../nn/sums';
import { MatError } from '../errors';
import { allocate } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { normalizeAxis } from './common';
import { svdFactors } from './svd';

/** The `ord` argument: a number (including ±Infinity), 'fro'/'f', 'nuc', or null for the default. */
export type NormOrder = number | 'fro' | 'f' | 'nuc' | null;

/** NumPy's `linalg.norm(x, ord=None, axis=None, keepdims=False)`. */
export function norm(
  x: NDArray,
  ord: NormOrder = null,
  axis: number | readonly number[] | null = null,
  keepdims = false,
): NDArray {
  const nd = x.ndim;
  if (axis === null) {
    if (ord === null || ((ord === 'fro' || ord === 'f') && nd === 2) || (ord === 2 && nd === 1)) {
      let ss = 0;
      for (let i = 0; i < x.size; i++) ss += x.data[i] * x.data[i];
      return new NDArray(Float64Array.of(Math.sqrt(ss)), keepdims ? new Array(nd).fill(1) : [], 'float64');
    }
  }
  const axes = axis === null ? x.shape.map((_, i) => i) : typeof axis === 'number' ? [axis] : [...axis];
  if (axes.length === 1) return vectorNorm(x, ord, axes[0], keepdims);
  if (axes.length === 2) {
    const row = normalizeAxis(axes[0], nd);
    const col = normalizeAxis(axes[1], nd);
    if (row === col) throw new MatError('Duplicate axes given.');
    return matrixNorm(x, ord, row, col, keepdims);
  }
  throw new MatError('Improper number of dimensions to norm.');
}

function vectorNorm(x: NDArray, ord: NormOrder, axis: number, keepdims: boolean): NDArray {
  if (typeof ord === 'string') throw new MatError(`Invalid norm order '${ord}' for vectors`);
  const ax = normalizeAxis(axis, x.ndim);
  const len = x.shape[ax];
  const outer = shapeSize(x.shape.slice(0, ax));
  const innerSize = shapeSize(x.shape.slice(ax + 1));
  if (ord === -Infinity && len === 0) {
    throw new MatError('zero-size array to reduction operation minimum which has no identity');
  }
  const out = allocate(outer * innerSize);
  const d = x.data;
  for (let o = 0; o < outer; o++) {
    for (let q = 0; q < innerSize; q++) {
      const base = o * len * innerSize + q;
      let acc = ord === -Infinity ? Number.POSITIVE_INFINITY : 0;
      for (let i = 0; i < len; i++) {
        const v = Math.abs(d[base + i * innerSize]);
        if (ord === Infinity) acc = v > acc || Number.isNaN(v) ? v : acc;
        else if (ord === -Infinity) acc = v < acc || Number.isNaN(v) ? v : acc;
        else if (ord === 0) acc += v !== 0 ? 1 : 0;
        else if (ord === 1) acc += v;
        else if (ord === null || ord === 2) acc += v * v;
        else acc += v ** ord;
      }
      if (ord === null || ord === 2) acc = Math.sqrt(acc);
      else if (ord !== Infinity && ord !== -Infinity && ord !== 0 && ord !== 1) acc **= 1 / ord;
      out[o * innerSize + q] = acc;
    }
  }
  const shape = [...x.shape];
  if (keepdims) shape[ax] = 1;
  else shape.splice(ax, 1);
  return new NDArray(out, shape, 'float64');
}

/** The per-matrix reduction of each `ord`, or undefined for an order matrices don't have. */
function matrixOp(ord: NormOrder): ((m: Float64Array, rows: number, cols: number) => number) | undefined {
  const sums = (m: Float64Array, rows: number, cols: number, alongRows: boolean): number[] => {
    const out = new Array<number>(alongRows ? rows : cols).fill(0);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[alongRows ? i : j] += Math.abs(m[i * cols + j]);
    }
    return out;
  };
  const sv = (m: Float64Array, rows: number, cols: number) =>
    Array.from(svdFactors(m, 0, rows, cols, false).s);
  // max(initial=0) for the largest; min without an initial value, as NumPy.
  const max = (v: number[]) => v.reduce((a, b) => (b > a || Number.isNaN(b) ? b : a), 0);
  const min = (v: number[]) => {
    if (v.length === 0)
      throw new MatError('zero-size array to reduction operation minimum which has no identity');
    return v.reduce((a, b) => (b < a || Number.isNaN(b) ? b : a), Number.POSITIVE_INFINITY);
  };
  switch (ord) {
    case 2:
      return (m, r, c) => max(sv(m, r, c));
    case -2:
      return (m, r, c) => min(sv(m, r, c));
    case 'nuc':
      return (m, r, c) => sv(m, r, c).reduce((a, b) => a + b, 0);
    case 1:
      return (m, r, c) => max(sums(m, r, c, false));
    case -1:
      return (m, r, c) => min(sums(m, r, c, false));
    case Infinity:
      return (m, r, c) => max(sums(m, r, c, true));
    case -Infinity:
      return (m, r, c) => min(sums(m, r, c, true));
    case null:
    case 'fro':
    case 'f':
      // NumPy's add.reduce over both axes: one pairwise sum of the squares.
      return (m) =>
        Math.sqrt(
          pairwiseSum(
            Float64Array.from(m, (v) => v * v),
            0,
            m.length,
          ),
        );
    default:
      return undefined;
  }
}

function matrixNorm(x: NDArray, ord: NormOrder, row: number, col: number, keepdims: boolean): NDArray {
  const op = matrixOp(ord);
  if (!op) throw new MatError('Invalid norm order for matrices.');
  const rows = x.shape[row];
  const cols = x.shape[col];
  const strides = x.strides;
  const restAxes = x.shape.map((_, i) => i).filter((i) => i !== row && i !== col);
  const restShape = restAxes.map((i) => x.shape[i]);
  const count = shapeSize(restShape);
  const out = allocate(count);
  const m = allocate(rows * cols);
  const counter = new Array<number>(restAxes.length).fill(0);
  for (let t = 0; t < count; t++) {
    let base = 0;
    for (let d = 0; d < restAxes.length; d++) base += counter[d] * strides[restAxes[d]];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) m[i * cols + j] = x.data[base + i * strides[row] + j * strides[col]];
    }
    out[t] = op(m, rows, cols);
    for (let d = restAxes.length - 1; d >= 0; d--) {
      if (++counter[d] < restShape[d]) break;
      counter[d] = 0;
    }
  }
  let shape: number[] = restShape;
  if (keepdims) {
    shape = [...x.shape];
    shape[row] = 1;
    shape[col] = 1;
  }
  return new NDArray(out, shape, 'float64');
}
