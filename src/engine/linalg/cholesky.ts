/**
 * NumPy's `linalg.cholesky`, as OpenBLAS's `potf2` computes it: column by
 * column, each diagonal entry `√(aⱼⱼ − Lⱼ·Lⱼ)` and the column below it
 * `(aᵢⱼ − Lᵢ·Lⱼ) / Lⱼⱼ`. Only the lower triangle is read (the upper one
 * with `upper=True`, which returns Lᵀ). A diagonal entry that is not
 * positive, or NaN (NumPy sees the invalid comparison), is NumPy's
 * "Matrix is not positive definite".
 */
import { checkDeadline } from '../limits';
import type { NDArray } from '../ndarray';
import { assertStackedSquare, linAlgError, mapMatrices } from './common';

export function cholesky(a: NDArray, upper = false): NDArray {
  assertStackedSquare(a);
  const n = a.shape[a.ndim - 1];
  return mapMatrices(a, [n, n], (data, offset, _rows, _cols, out, o) => {
    // Entry (i, j) of the triangle read, i ≥ j: a[i][j], or a[j][i] for the upper one.
    const at = (i: number, j: number) => (upper ? data[offset + j * n + i] : data[offset + i * n + j]);
    for (let j = 0; j < n; j++) {
      checkDeadline();
      let sum = 0;
      for (let k = 0; k < j; k++) sum += out[o + j * n + k] * out[o + j * n + k];
      const ajj = at(j, j) - sum;
      if (!(ajj > 0)) throw linAlgError('Matrix is not positive definite');
      const ljj = Math.sqrt(ajj);
      out[o + j * n + j] = ljj;
      const recip = 1 / ljj;
      for (let i = j + 1; i < n; i++) {
        let dot = 0;
        for (let k = 0; k < j; k++) dot += out[o + i * n + k] * out[o + j * n + k];
        out[o + i * n + j] = (at(i, j) - dot) * recip;
      }
    }
    if (upper) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < i; j++) {
          out[o + j * n + i] = out[o + i * n + j];
          out[o + i * n + j] = 0;
        }
      }
    }
  });
}
