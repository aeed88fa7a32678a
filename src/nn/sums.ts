/**
 * NumPy's summation orders for float64, which the trainer follows so its
 * sums round exactly as the notebook's `np.sum`/`np.mean` calls do.
 */

/**
 * `target += sum(src, axis=0) * lr` for a rows × cols matrix, in NumPy's
 * order: one column is a contiguous vector, reduced pairwise; several
 * columns are accumulated row by row.
 */
export function addColumnSums(
  src: Float64Array,
  rows: number,
  cols: number,
  lr: number,
  target: Float64Array,
): void {
  if (cols === 1) {
    target[0] += pairwiseSum(src, 0, rows) * lr;
    return;
  }
  for (let c = 0; c < cols; c++) {
    let acc = 0;
    for (let i = 0; i < rows; i++) acc += src[i * cols + c];
    target[c] += acc * lr;
  }
}

/**
 * NumPy's `pairwise_sum` for doubles: fewer than 8 elements are added in
 * order; up to 128 use 8 interleaved accumulators combined as a tree; longer
 * runs split in two at a multiple of 8 and recurse. Reproducing it keeps
 * float sums bit-identical to NumPy's (the engine's `np.sum` uses it too).
 */
export function pairwiseSumExact(a: Float64Array, offset: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[offset + i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[offset];
    let r1 = a[offset + 1];
    let r2 = a[offset + 2];
    let r3 = a[offset + 3];
    let r4 = a[offset + 4];
    let r5 = a[offset + 5];
    let r6 = a[offset + 6];
    let r7 = a[offset + 7];
    let i = 8;
    for (const end = n - (n % 8); i < end; i += 8) {
      const p = offset + i;
      r0 += a[p];
      r1 += a[p + 1];
      r2 += a[p + 2];
      r3 += a[p + 3];
      r4 += a[p + 4];
      r5 += a[p + 5];
      r6 += a[p + 6];
      r7 += a[p + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[offset + i];
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSumExact(a, offset, half) + pairwiseSumExact(a, offset + half, n - half);
}

/**
 * NumPy's pairwise summation as np.sum and np.mean of a contiguous run give
 * it: starting from 0 like NumPy's reduction, which adds its identity first
 * (so a sum of -0.0 values is 0.0).
 */
export function pairwiseSum(a: Float64Array, offset: number, n: number): number {
  return 0 + pairwiseSumExact(a, offset, n);
}
