/**
 * `inv`, `det` and `solve` through an LU factorisation with partial
 * pivoting that follows LAPACK's `dgetf2`/`dgetrs` (what NumPy calls):
 * the first largest pivot, multipliers scaled by the pivot's reciprocal,
 * the same order of updates and substitutions, and NumPy's determinant
 * `sign · exp(Σ log|uᵢᵢ|)` (with correctly rounded log and exp, as glibc's). That keeps
 * results to a few ulps of NumPy's, often to the bit: `det([[1, 2], [3,
 * 4]])` is -2.0000000000000004 as in NumPy; and
 * "Singular matrix" is raised exactly when LAPACK meets a zero pivot.
 */

import { correctlyRoundedLog } from '../../nn/crlog';
import { MatError } from '../errors';
import { allocate, checkDeadline } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { exp } from './accurate';
import {
  assertStackedSquare,
  batchIndices,
  broadcastBatch,
  copyMatrix,
  linAlgError,
  mapMatrices,
} from './common';

/** An LU factorisation `P·A = L·U` stored in one n×n buffer (unit L below the diagonal). */
export interface LU {
  readonly lu: Float64Array;
  readonly n: number;
  /** `pivots[j]`: the row swapped with row j at step j. */
  readonly pivots: Int32Array;
  /** True when a pivot was exactly zero (LAPACK's `info > 0`). */
  readonly singular: boolean;
}

/**
 * Factors the n×n block of `data` at `offset` (the input is not modified).
 *
 * Each entry is finished as `aᵢⱼ − Σₖ lᵢₖ·uₖⱼ`, the sum accumulated apart
 * and subtracted once, as OpenBLAS's left-looking `getf2` does (a dot
 * product or gemv per column). Subtracting term by term, as a textbook
 * right-looking LU does, rounds differently: it finds a pivot of 1.1e-16
 * in [[1, 2, 3], [4, 5, 6], [7, 8, 9]] where LAPACK finds exactly 0 and
 * NumPy's `inv` says "Singular matrix". The loops stay right-looking
 * (row-major, contiguous) by keeping the sums in their own buffer.
 */
export function luFactor(data: Float64Array, offset: number, n: number): LU {
  const lu = copyMatrix(data, offset, n, n);
  const acc = allocate(n * n);
  const pivots = new Int32Array(n);
  let singular = false;
  for (let j = 0; j < n; j++) {
    checkDeadline();
    // BLAS idamax: the first element is the running best, so a NaN there stays
    // the pivot and spreads (NumPy gives NaNs, not "Singular matrix").
    let p = j;
    const first = lu[j * n + j] - acc[j * n + j];
    lu[j * n + j] = first;
    let best = Math.abs(first);
    for (let i = j + 1; i < n; i++) {
      const v = lu[i * n + j] - acc[i * n + j];
      lu[i * n + j] = v;
      if (Math.abs(v) > best) {
        best = Math.abs(v);
        p = i;
      }
    }
    pivots[j] = p;
    if (p !== j) {
      swapRows(lu, j, p, n);
      swapRows(acc, j, p, n);
    }
    const rowJ = j * n;
    for (let c = j + 1; c < n; c++) lu[rowJ + c] -= acc[rowJ + c];
    const pivot = lu[rowJ + j];
    if (pivot === 0) {
      // LAPACK records the zero pivot and carries on; the column below is all zero.
      singular = true;
      continue;
    }
    const recip = 1 / pivot;
    const tiny = Math.abs(pivot) < 2.2250738585072014e-308;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      const l = tiny ? lu[rowI + j] / pivot : lu[rowI + j] * recip;
      lu[rowI + j] = l;
      // No shortcut for l = 0: 0·NaN must spread NaN as BLAS does.
      for (let c = j + 1; c < n; c++) acc[rowI + c] += l * lu[rowJ + c];
    }
  }
  return { lu, n, pivots, singular };
}

function swapRows(m: Float64Array, a: number, b: number, n: number): void {
  for (let c = 0; c < n; c++) {
    const t = m[a * n + c];
    m[a * n + c] = m[b * n + c];
    m[b * n + c] = t;
  }
}

/**
 * Overwrites the n×r right-hand sides `x` (row-major, one row per
 * equation) with the solution of A·X = B, given A's factorisation.
 */
export function luSolveInPlace(f: LU, x: Float64Array, xOff: number, r: number): void {
  const { lu, n, pivots } = f;
  for (let j = 0; j < n; j++) {
    const p = pivots[j];
    if (p === j) continue;
    for (let c = 0; c < r; c++) {
      const t = x[xOff + j * r + c];
      x[xOff + j * r + c] = x[xOff + p * r + c];
      x[xOff + p * r + c] = t;
    }
  }
  // Forward substitution with the unit lower triangle, as dtrsm does it.
  for (let i = 1; i < n; i++) {
    checkDeadline();
    const rowI = xOff + i * r;
    for (let p = 0; p < i; p++) {
      const l = lu[i * n + p];
      const rowP = xOff + p * r;
      for (let c = 0; c < r; c++) x[rowI + c] -= l * x[rowP + c];
    }
  }
  // Back substitution: each row is finished (divided) before it is used.
  for (let i = n - 1; i >= 0; i--) {
    checkDeadline();
    const rowI = xOff + i * r;
    for (let p = n - 1; p > i; p--) {
      const u = lu[i * n + p];
      const rowP = xOff + p * r;
      for (let c = 0; c < r; c++) x[rowI + c] -= u * x[rowP + c];
    }
    // OpenBLAS divides for one right-hand side (trsv) and multiplies by
    // the reciprocal for several (trsm); doing the same keeps the last bit.
    const d = lu[i * n + i];
    if (r === 1) x[rowI] /= d;
    else {
      const recip = 1 / d;
      for (let c = 0; c < r; c++) x[rowI + c] *= recip;
    }
  }
}

/** NumPy's `linalg.inv` (stacks too): LinAlgError "Singular matrix" on a zero pivot. */
export function inv(a: NDArray): NDArray {
  assertStackedSquare(a);
  const n = a.shape[a.ndim - 1];
  return mapMatrices(a, [n, n], (data, offset, _rows, _cols, out, outOffset) => {
    const f = luFactor(data, offset, n);
    if (f.singular) throw linAlgError('Singular matrix');
    for (let i = 0; i < n; i++) out[outOffset + i * n + i] = 1;
    luSolveInPlace(f, out, outOffset, n);
  });
}

/** The sign and log|det| of a factored matrix, as NumPy sums them (sign 0, -inf when singular). */
function signAndLogDet(f: LU): [number, number] {
  if (f.singular) return [0, Number.NEGATIVE_INFINITY];
  let sign = 1;
  let logdet = 0;
  for (let j = 0; j < f.n; j++) {
    const d = f.lu[j * f.n + j];
    if (f.pivots[j] !== j) sign = -sign;
    if (d < 0) sign = -sign;
    logdet += correctlyRoundedLog(Math.abs(d));
  }
  return [sign, logdet];
}

/** NumPy's `linalg.det` (stacks too), computed as NumPy does from the LU factors. */
export function det(a: NDArray): NDArray {
  assertStackedSquare(a);
  const n = a.shape[a.ndim - 1];
  return mapMatrices(a, [], (data, offset, _rows, _cols, out, outOffset) => {
    const [sign, logdet] = signAndLogDet(luFactor(data, offset, n));
    out[outOffset] = sign === 0 ? 0 : sign * exp(logdet);
  });
}

/** NumPy's `linalg.slogdet` (stacks too): `[sign, logabsdet]`, sign 0 and -inf for a singular matrix. */
export function slogdet(a: NDArray): [NDArray, NDArray] {
  assertStackedSquare(a);
  const n = a.shape[a.ndim - 1];
  const logs: number[] = [];
  const signs = mapMatrices(a, [], (data, offset, _rows, _cols, out, outOffset) => {
    const [sign, logdet] = signAndLogDet(luFactor(data, offset, n));
    out[outOffset] = sign;
    logs.push(logdet);
  });
  return [signs, new NDArray(Float64Array.from(logs), signs.shape, 'float64')];
}

/**
 * NumPy's `linalg.solve(a, b)`: b is one right-hand side when it is 1-D,
 * otherwise a stack of (M, K) right-hand sides; batches broadcast.
 */
export function solve(a: NDArray, b: NDArray): NDArray {
  assertStackedSquare(a);
  const m = a.shape[a.ndim - 1];
  const vector = b.ndim === 1;
  const name = vector ? 'solve1' : 'solve';
  const signature = vector ? '(m,m),(m)->(m)' : '(m,m),(m,n)->(m,n)';
  if (b.ndim === 0) {
    throw new MatError(
      `${name}: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature ${signature} requires 2)`,
    );
  }
  const bm = vector ? b.shape[0] : b.shape[b.ndim - 2];
  if (bm !== m) {
    throw new MatError(
      `${name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${signature} (size ${bm} is different from ${m})`,
    );
  }
  const r = vector ? 1 : b.shape[b.ndim - 1];
  const bCore = vector ? 1 : 2;
  const outCore = vector ? [m] : [m, r];
  const batch = broadcastBatch(a, 2, b, bCore, outCore);
  const count = shapeSize(batch);
  const ai = batchIndices(batch, a.shape.slice(0, -2));
  const bi = batchIndices(batch, b.shape.slice(0, b.ndim - bCore));
  const out = allocate(count * m * r);
  let factored = -1;
  let f: LU | undefined;
  for (let t = 0; t < count; t++) {
    // A shared left-hand side is factored once for the whole stack.
    if (ai[t] !== factored) {
      f = luFactor(a.data, ai[t] * m * m, m);
      factored = ai[t];
      if (f.singular) throw linAlgError('Singular matrix');
    }
    out.set(b.data.subarray(bi[t] * m * r, (bi[t] + 1) * m * r), t * m * r);
    luSolveInPlace(f!, out, t * m * r, r);
  }
  return new NDArray(out, [...batch, ...outCore], 'float64');
}
