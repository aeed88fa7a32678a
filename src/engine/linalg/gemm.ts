/**
 * The matrix-product kernels: C = A·B on row-major Float64Array blocks.
 *
 * Large products run in the WebAssembly SIMD kernel of `./wasm` (about
 * 9-10 GFLOP/s, 15-20× mathjs's `multiply`). Small ones run in JavaScript,
 * where packing would cost more than SIMD saves, and so does everything
 * where WebAssembly is unavailable (about 2.5 GFLOP/s). Both compute each
 * element as the plain dot product `((a₀b₀ + a₁b₁) + a₂b₂) + ...` in index
 * order, without fused multiply-adds, so they agree to the last bit.
 */
import { allocate, checkDeadline, reserve } from '../limits';
import { simdKernel } from './wasm';

/** Multiply-adds between two checks of the time limit (a few ms of work). */
const WORK_PER_CHECK = 2e7;
/** m·k·n below which the JavaScript kernel is faster than packing for SIMD. */
const SIMD_MIN_WORK = 4096;

/** A product's operands: C = A·B with A `m × k` at `aOff`, C `m × n` at `cOff` and B at `bOff`, all row-major. */
interface Operands {
  readonly a: Float64Array;
  readonly aOff: number;
  readonly b: Float64Array;
  readonly bOff: number;
  /** B is held as Bᵀ (`n × k`) rather than as B (`k × n`). */
  readonly bTransposed: boolean;
  readonly c: Float64Array;
  readonly cOff: number;
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

/** The entry points' signature: the operands without the transposition flag. */
type Product = (
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  c: Float64Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
) => void;

/**
 * Writes the `m × n` product of the `m × k` block of `a` at `aOff` and the
 * `k × n` block of `b` at `bOff` into `c` at `cOff` (all row-major).
 */
export const gemm: Product = (a, aOff, b, bOff, c, cOff, m, k, n) =>
  product({ a, aOff, b, bOff, bTransposed: false, c, cOff, m, k, n });

/** C = A·Bᵀ where `bt` holds Bᵀ (`n × k`, row-major), as `inner` needs. */
export const gemmNT: Product = (a, aOff, bt, btOff, c, cOff, m, k, n) =>
  product({ a, aOff, b: bt, bOff: btOff, bTransposed: true, c, cOff, m, k, n });

/** Both entry points: SIMD when it pays, else JavaScript on Bᵀ. */
function product(op: Operands): void {
  const { b, bOff, c, cOff, m, k, n } = op;
  if (m === 0 || n === 0) return;
  if (k === 0) {
    c.fill(0, cOff, cOff + m * n);
    return;
  }
  if (m * k * n >= SIMD_MIN_WORK && simdProduct(op)) return;
  // The JavaScript kernel reads Bᵀ; a k×1 block is already its own transpose.
  if (op.bTransposed || n === 1) {
    jsProduct(op);
    return;
  }
  const bt = allocate(k * n);
  for (let p = 0; p < k; p++) {
    const row = bOff + p * n;
    for (let j = 0; j < n; j++) bt[j * k + p] = b[row + j];
  }
  jsProduct({ a: op.a, aOff: op.aOff, b: bt, bOff: 0, bTransposed: true, c, cOff, m, k, n });
}

/** The multiply-adds counted since the time limit was last checked: past WORK_PER_CHECK, checks it and starts counting again. */
function meterWork(work: number): number {
  if (work <= WORK_PER_CHECK) return work;
  checkDeadline();
  return 0;
}

/**
 * The SIMD path: B packed into 4-column panels once, then per block of 4
 * rows of A a packed panel and one kernel call for the whole block row.
 * Returns false (having done nothing) when WebAssembly is unavailable.
 */
function simdProduct(op: Operands): boolean {
  const { a, aOff, b, bOff, bTransposed, c, cOff, m, k, n } = op;
  const tiles = Math.ceil(n / 4);
  const n4 = tiles * 4;
  // Layout in the kernel's memory (in doubles): A panel, B panels, C block row.
  const ap = 0;
  const bp = 4 * k;
  const cb = bp + k * n4;
  const total = cb + 4 * n4;
  const kernel = simdKernel(total * 8);
  if (!kernel) return false;
  reserve(total);
  const f = kernel.f64;
  if (bTransposed) {
    for (let j = 0; j < n; j++) {
      const dst = bp + (j >> 2) * 4 * k + (j & 3);
      const src = bOff + j * k;
      for (let p = 0; p < k; p++) f[dst + 4 * p] = b[src + p];
    }
  } else {
    for (let p = 0; p < k; p++) {
      const src = bOff + p * n;
      for (let j = 0; j < n; j++) f[bp + (j >> 2) * 4 * k + 4 * p + (j & 3)] = b[src + j];
    }
  }
  // Columns that pad the last panel must be zero (the memory is reused).
  for (let j = n; j < n4; j++) {
    const dst = bp + (j >> 2) * 4 * k + (j & 3);
    for (let p = 0; p < k; p++) f[dst + 4 * p] = 0;
  }
  const blockWork = 4 * k * n4;
  let work = 0;
  for (let i = 0; i < m; i += 4) {
    work = meterWork(work + blockWork);
    for (let r = 0; r < 4; r++) {
      const row = i + r;
      if (row < m) {
        const src = aOff + row * k;
        for (let p = 0; p < k; p++) f[ap + 4 * p + r] = a[src + p];
      } else {
        for (let p = 0; p < k; p++) f[ap + 4 * p + r] = 0;
      }
    }
    kernel.tile(ap * 8, bp * 8, cb * 8, k, tiles, n4 * 8);
    for (let r = 0; r < 4 && i + r < m; r++) {
      c.set(f.subarray(cb + r * n4, cb + r * n4 + n), cOff + (i + r) * n);
    }
  }
  return true;
}

/**
 * The JavaScript kernel: C = A·Bᵀ in 4×4 register tiles (16 accumulators, 8
 * loads per step); B is read as Bᵀ. The tile's near-identical lines are
 * written out on purpose: V8 keeps 16 named locals in registers, while the
 * same tile with an accumulator array and loops ran 7-8× slower (0.26 vs
 * 2.2 GFLOP/s at 16×16, 0.23 vs 1.6 at 256×256, bundled, on the bench machine).
 */
function jsProduct(op: Operands): void {
  const { a, aOff, b: bt, bOff: btOff, c, cOff, m, k, n } = op;
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  const blockWork = 4 * k * n;
  let work = 0;
  for (let i = 0; i < m4; i += 4) {
    work = meterWork(work + blockWork);
    const a0 = aOff + i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    for (let j = 0; j < n4; j += 4) {
      const b0 = btOff + j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let c00 = 0;
      let c01 = 0;
      let c02 = 0;
      let c03 = 0;
      let c10 = 0;
      let c11 = 0;
      let c12 = 0;
      let c13 = 0;
      let c20 = 0;
      let c21 = 0;
      let c22 = 0;
      let c23 = 0;
      let c30 = 0;
      let c31 = 0;
      let c32 = 0;
      let c33 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + p];
        const x1 = a[a1 + p];
        const x2 = a[a2 + p];
        const x3 = a[a3 + p];
        const y0 = bt[b0 + p];
        const y1 = bt[b1 + p];
        const y2 = bt[b2 + p];
        const y3 = bt[b3 + p];
        c00 += x0 * y0;
        c01 += x0 * y1;
        c02 += x0 * y2;
        c03 += x0 * y3;
        c10 += x1 * y0;
        c11 += x1 * y1;
        c12 += x1 * y2;
        c13 += x1 * y3;
        c20 += x2 * y0;
        c21 += x2 * y1;
        c22 += x2 * y2;
        c23 += x2 * y3;
        c30 += x3 * y0;
        c31 += x3 * y1;
        c32 += x3 * y2;
        c33 += x3 * y3;
      }
      let o = cOff + i * n + j;
      c[o] = c00;
      c[o + 1] = c01;
      c[o + 2] = c02;
      c[o + 3] = c03;
      o += n;
      c[o] = c10;
      c[o + 1] = c11;
      c[o + 2] = c12;
      c[o + 3] = c13;
      o += n;
      c[o] = c20;
      c[o + 1] = c21;
      c[o + 2] = c22;
      c[o + 3] = c23;
      o += n;
      c[o] = c30;
      c[o + 1] = c31;
      c[o + 2] = c32;
      c[o + 3] = c33;
    }
    // Columns left over after the 4-wide tiles.
    for (let j = n4; j < n; j++) {
      const bj = btOff + j * k;
      c[cOff + i * n + j] = dotRows(a, a0, bt, bj, k);
      c[cOff + (i + 1) * n + j] = dotRows(a, a1, bt, bj, k);
      c[cOff + (i + 2) * n + j] = dotRows(a, a2, bt, bj, k);
      c[cOff + (i + 3) * n + j] = dotRows(a, a3, bt, bj, k);
    }
  }
  // Rows left over after the 4-high tiles.
  for (let i = m4; i < m; i++) {
    const ai = aOff + i * k;
    for (let j = 0; j < n; j++) c[cOff + i * n + j] = dotRows(a, ai, bt, btOff + j * k, k);
  }
}

/** Σ x[xOff + p]·y[yOff + p] for p < k, in index order. */
function dotRows(x: Float64Array, xOff: number, y: Float64Array, yOff: number, k: number): number {
  let s = 0;
  for (let p = 0; p < k; p++) s += x[xOff + p] * y[yOff + p];
  return s;
}
