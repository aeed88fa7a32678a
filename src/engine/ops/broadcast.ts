import { resultType } from '../dtypes';
import { MatError } from '../errors';
import { allocate, checkDeadline } from '../limits';
import { type DType, NDArray, shapeSize, shapeTextCompact, stridesOf } from '../ndarray';

export { promoteTypes } from '../dtypes';

/** The dtype NumPy gives an operation mixing these arrays (or dtypes). */
export function resultDType(...operands: readonly (NDArray | DType)[]): DType {
  return commonDType(operands);
}

/** `resultDType` of a list (no spread, so a list literal of a million items cannot overflow the stack). */
export function commonDType(operands: readonly (NDArray | DType)[]): DType {
  return operands.length === 0 ? 'bool' : resultType(operands);
}

/**
 * NumPy's list of shapes in a broadcast error: each compact shape followed by a
 * space, so the message ends with a space exactly as NumPy's does.
 */
export function shapesForMessage(shapes: readonly (readonly number[])[]): string {
  return shapes.map((s) => `${shapeTextCompact(s)} `).join('');
}

/** The broadcast shape of two shapes, or NumPy's ValueError when they do not broadcast. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  return broadcastShapesMany([a, b]);
}

/** The broadcast shape of several shapes (NumPy lists every operand's shape in the error). */
export function broadcastShapesMany(shapes: readonly (readonly number[])[]): number[] {
  const out = broadcastOrNull(shapes);
  if (out === null) {
    throw new MatError(`operands could not be broadcast together with shapes ${shapesForMessage(shapes)}`);
  }
  return out;
}

/** The broadcast shape, or null when the shapes are incompatible. */
export function broadcastOrNull(shapes: readonly (readonly number[])[]): number[] | null {
  let ndim = 0;
  for (const s of shapes) ndim = Math.max(ndim, s.length);
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    const pad = ndim - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i];
      const cur = out[pad + i];
      if (d === cur || d === 1) continue;
      if (cur === 1) out[pad + i] = d;
      else return null;
    }
  }
  return out;
}

/** Element strides of `shape` seen through a broadcast to `outShape` (0 on stretched axes). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const pad = outShape.length - shape.length;
  const out = new Array<number>(outShape.length).fill(0);
  for (let i = 0; i < shape.length; i++) out[pad + i] = shape[i] === 1 ? 0 : own[i];
  return out;
}

/** Operand k's first element of a block, and its strides along the block's rows and columns. */
export interface Block {
  readonly offsets: Float64Array;
  readonly steps: readonly number[];
  readonly rowSteps: readonly number[];
}

/**
 * Walks the broadcast of the operand shapes to `outShape` in row-major
 * output order, one 2-D block at a time: `block(b, n, m)` covers `m` rows of
 * `n` output elements, operand k's element (r, i) sitting at
 * `b.offsets[k] + r * b.rowSteps[k] + i * b.steps[k]`. Adjacent axes that
 * are contiguous for every operand are merged first, so same-shape and
 * scalar operands come as a single run, and a short broadcast row such as
 * (N, 4) + (4,) still comes as one block: kernels loop without per-element
 * or per-row indirection.
 */
export function forEachBlock(
  outShape: readonly number[],
  shapes: readonly (readonly number[])[],
  block: (b: Block, n: number, m: number) => void,
): void {
  const total = shapeSize(outShape);
  const k = shapes.length;
  if (total === 0) return;
  // Per-operand strides, then merge axes from the inside out.
  const strides = shapes.map((s) => broadcastStrides(s, outShape));
  const dims: number[] = [];
  const merged: number[][] = shapes.map(() => []);
  for (let ax = outShape.length - 1; ax >= 0; ax--) {
    const d = outShape[ax];
    if (d === 1) continue;
    const last = dims.length - 1;
    let canMerge = last >= 0;
    for (let j = 0; j < k && canMerge; j++) {
      if (strides[j][ax] !== merged[j][last] * dims[last]) canMerge = false;
    }
    if (canMerge) {
      dims[last] *= d;
    } else {
      dims.push(d);
      for (let j = 0; j < k; j++) merged[j].push(strides[j][ax]);
    }
  }
  while (dims.length < 2) {
    dims.push(1);
    for (let j = 0; j < k; j++) merged[j].push(0);
  }
  // dims[0] runs along a row, dims[1] counts rows; the rest form an odometer.
  const n = dims[0];
  const m = dims[1];
  const offsets = new Float64Array(k);
  const b: Block = { offsets, steps: merged.map((x) => x[0]), rowSteps: merged.map((x) => x[1]) };
  const counter = new Array<number>(dims.length).fill(0);
  const blocks = total / (n * m);
  for (let r = 0; r < blocks; r++) {
    if ((r & 255) === 255) checkDeadline();
    block(b, n, m);
    for (let ax = 2; ax < dims.length; ax++) {
      counter[ax]++;
      if (counter[ax] < dims[ax]) {
        for (let j = 0; j < k; j++) offsets[j] += merged[j][ax];
        break;
      }
      counter[ax] = 0;
      for (let j = 0; j < k; j++) offsets[j] -= merged[j][ax] * (dims[ax] - 1);
    }
  }
}

/**
 * Like `forEachBlock`, one row at a time: `row(offsets, steps, n)` gets
 * each operand's first element and stride along a run of `n` output elements.
 */
export function forEachRun(
  outShape: readonly number[],
  shapes: readonly (readonly number[])[],
  row: (offsets: Float64Array, steps: readonly number[], n: number) => void,
): void {
  const k = shapes.length;
  const offs = new Float64Array(k);
  forEachBlock(outShape, shapes, (b, n, m) => {
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < k; j++) offs[j] = b.offsets[j] + r * b.rowSteps[j];
      row(offs, b.steps, n);
    }
  });
}

/** A copy of `a` broadcast to `shape` (one-way: `a`'s shape must stretch to it). */
export function broadcastTo(a: NDArray, shape: readonly number[]): NDArray {
  const out = broadcastOrNull([a.shape, shape]);
  if (out === null || out.length !== shape.length || out.some((d, i) => d !== shape[i])) {
    throw new MatError(
      `could not broadcast input array from shape ${shapeTextCompact(a.shape)} into shape ${shapeTextCompact(shape)}`,
    );
  }
  const spread = (src: Float64Array): Float64Array => {
    const data = allocate(shapeSize(shape));
    let o = 0;
    forEachRun(shape, [a.shape], (offsets, steps, n) => {
      let i = offsets[0];
      const s = steps[0];
      for (let t = 0; t < n; t++, i += s) data[o++] = src[i];
    });
    return data;
  };
  // A complex array's imaginary parts are spread the same way.
  return new NDArray(spread(a.data), shape, a.dtype, a.im ? spread(a.im.data) : undefined);
}

/**
 * Copies a strided view of `data` (first element at `offset`, element
 * `strides` per axis, any sign) into a new row-major buffer of `shape`.
 * Transposes and slices are such views.
 */
export function copyStrided(
  data: Float64Array,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
): Float64Array {
  const total = shapeSize(shape);
  const out = allocate(total);
  if (total === 0) return out;
  const nd = shape.length;
  if (nd === 0) {
    out[0] = data[offset];
    return out;
  }
  const n = shape[nd - 1];
  const step = strides[nd - 1];
  const counter = new Array<number>(nd).fill(0);
  let src = offset;
  for (let o = 0; o < total; ) {
    if ((o & 65535) < n) checkDeadline();
    for (let t = 0, i = src; t < n; t++, i += step) out[o++] = data[i];
    for (let ax = nd - 2; ax >= 0; ax--) {
      if (++counter[ax] < shape[ax]) {
        src += strides[ax];
        break;
      }
      counter[ax] = 0;
      src -= strides[ax] * (shape[ax] - 1);
    }
  }
  return out;
}
