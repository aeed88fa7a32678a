import { castPythonNumber, castValue, DTYPES, isFloatDType, isIntegerDType } from '../dtypes';
import { MatError } from '../errors';
import { allocate, checkDeadline } from '../limits';
import { NDArray, shapeSize, shapeTextCompact, stridesOf } from '../ndarray';
import { broadcastOrNull, broadcastTo, forEachRun, shapesForMessage } from './broadcast';
import { imagPart, realPart } from './complexArrays';

/** One item of a subscript `a[...]`, already evaluated. */
export type IndexSpec =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }
  | { kind: 'newaxis' }
  | { kind: 'ellipsis' }
  | { kind: 'array'; array: NDArray };

/** An integer index array on one source axis (stride 0 for a 0-d bool index, which takes no axis). */
interface Advanced {
  readonly array: NDArray;
  readonly stride: number;
}

/** How a subscript selects: the result shape and each result element's source offset. */
export interface Selection {
  readonly shape: number[];
  readonly offsets: Float64Array;
}

/** Python's `slice.indices(length)`: the start, step and count a slice selects. */
export function sliceIndices(
  length: number,
  start: number | null,
  stop: number | null,
  step: number | null,
): { start: number; step: number; count: number } {
  const st = step ?? 1;
  if (st === 0) throw new MatError('slice step cannot be zero');
  const lower = st > 0 ? 0 : -1;
  const upper = st > 0 ? length : length - 1;
  const clamp = (v: number | null, dflt: number) => {
    if (v === null) return dflt;
    if (v < 0) return Math.max(v + length, lower);
    return Math.min(v, upper);
  };
  const b = clamp(start, st > 0 ? lower : upper);
  const e = clamp(stop, st > 0 ? upper : lower);
  const count = st > 0 ? (e > b ? Math.ceil((e - b) / st) : 0) : b > e ? Math.ceil((b - e) / -st) : 0;
  return { start: b, step: st, count };
}

function checkBounds(v: number, axis: number, size: number): number {
  if (v < -size || v >= size) {
    throw new MatError(`index ${v} is out of bounds for axis ${axis} with size ${size}`, 'IndexError');
  }
  return v < 0 ? v + size : v;
}

const INVALID_INDEX =
  'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices';

/** The (flattened) true positions of a bool mask, one int array per mask axis (NumPy's `nonzero`). */
function nonzero(mask: NDArray): NDArray[] {
  let count = 0;
  for (const v of mask.data) if (v !== 0) count++;
  const nd = mask.ndim;
  const cols = Array.from({ length: nd }, () => allocate(count));
  const strides = stridesOf(mask.shape);
  let k = 0;
  mask.data.forEach((v, flat) => {
    if (v === 0) return;
    for (let ax = 0; ax < nd; ax++) cols[ax][k] = Math.floor(flat / strides[ax]) % mask.shape[ax];
    k++;
  });
  return cols.map((c) => new NDArray(c, [count], 'int64'));
}

type Item =
  | { kind: 'basic'; size: number; start: number; step: number }
  | { kind: 'newaxis' }
  | { kind: 'int'; offset: number }
  | { kind: 'adv'; adv: Advanced };

/** Resolves a subscript on `a` (NumPy's basic and advanced indexing rules). */
function select(a: NDArray, specs: readonly IndexSpec[]): Selection {
  const nd = a.ndim;
  if (specs.filter((s) => s.kind === 'ellipsis').length > 1) {
    throw new MatError("an index can only have a single ellipsis ('...')", 'IndexError');
  }
  let consumed = 0;
  for (const s of specs) {
    if (s.kind === 'int' || s.kind === 'slice') consumed++;
    else if (s.kind === 'array') {
      // An empty list (float64 by default) is a valid, empty integer index, as in NumPy.
      if (isFloatDType(s.array.dtype) && s.array.size > 0) {
        throw new MatError('arrays used as indices must be of integer (or boolean) type', 'IndexError');
      }
      consumed += s.array.dtype === 'bool' ? s.array.ndim : 1;
    }
  }
  if (consumed > nd) {
    throw new MatError(
      `too many indices for array: array is ${nd}-dimensional, but ${consumed} were indexed`,
      'IndexError',
    );
  }
  const hasAdvanced = specs.some((s) => s.kind === 'array');
  const strides = stridesOf(a.shape);
  const items: Item[] = [];
  let ax = 0;
  const fullSlice = () => {
    items.push({ kind: 'basic', size: a.shape[ax], start: 0, step: strides[ax] });
    ax++;
  };
  for (const s of specs) {
    switch (s.kind) {
      case 'ellipsis':
        for (let k = 0; k < nd - consumed; k++) fullSlice();
        break;
      case 'newaxis':
        items.push({ kind: 'newaxis' });
        break;
      case 'slice': {
        const r = sliceIndices(a.shape[ax], s.start, s.stop, s.step);
        items.push({
          kind: 'basic',
          size: r.count,
          start: r.start * strides[ax],
          step: r.step * strides[ax],
        });
        ax++;
        break;
      }
      case 'int': {
        if (!Number.isInteger(s.value)) throw new MatError(INVALID_INDEX, 'IndexError');
        const v = checkBounds(s.value, ax, a.shape[ax]);
        // Beside an index array, NumPy treats an integer as a 0-d index array.
        if (hasAdvanced)
          items.push({ kind: 'adv', adv: { array: NDArray.scalar(v, 'int64'), stride: strides[ax] } });
        else items.push({ kind: 'int', offset: v * strides[ax] });
        ax++;
        break;
      }
      case 'array': {
        const arr = s.array;
        if (arr.dtype === 'bool') {
          if (arr.ndim === 0) {
            // a[True] adds a length-1 axis, a[False] a length-0 one.
            const n = arr.data[0] !== 0 ? 1 : 0;
            items.push({ kind: 'adv', adv: { array: new NDArray(allocate(n), [n], 'int64'), stride: 0 } });
            break;
          }
          arr.shape.forEach((d, k) => {
            if (d !== a.shape[ax + k]) {
              throw new MatError(
                `boolean index did not match indexed array along axis ${ax + k}; size of axis is ${a.shape[ax + k]} but size of corresponding boolean axis is ${d}`,
                'IndexError',
              );
            }
          });
          for (const col of nonzero(arr)) {
            items.push({ kind: 'adv', adv: { array: col, stride: strides[ax] } });
            ax++;
          }
        } else {
          const size = a.shape[ax];
          const idx = allocate(arr.size);
          arr.data.forEach((v, i) => {
            idx[i] = checkBounds(v, ax, size);
          });
          items.push({
            kind: 'adv',
            adv: { array: new NDArray(idx, arr.shape, 'int64'), stride: strides[ax] },
          });
          ax++;
        }
        break;
      }
    }
  }
  while (ax < nd) fullSlice();
  return layout(items);
}

/** Orders the selected axes as NumPy does and lists every result element's source offset. */
function layout(items: readonly Item[]): Selection {
  let base = 0;
  const axes: { dims: number[]; offsets: Float64Array }[] = [];
  const adv: Advanced[] = [];
  let advAt = -1;
  let advAdjacent = true;
  let lastAdv = -2;
  items.forEach((it, i) => {
    if (it.kind === 'int') base += it.offset;
    else if (it.kind === 'newaxis') axes.push({ dims: [1], offsets: Float64Array.of(0) });
    else if (it.kind === 'basic') {
      const offs = allocate(it.size);
      for (let k = 0; k < it.size; k++) offs[k] = it.start + k * it.step;
      axes.push({ dims: [it.size], offsets: offs });
    } else {
      if (advAt < 0) advAt = axes.length;
      else if (lastAdv !== i - 1) advAdjacent = false;
      lastAdv = i;
      adv.push(it.adv);
    }
  });
  if (adv.length > 0) {
    const shapes = adv.map((x) => x.array.shape);
    const dims = broadcastOrNull(shapes);
    if (dims === null) {
      throw new MatError(
        `shape mismatch: indexing arrays could not be broadcast together with shapes ${shapesForMessage(shapes)}`,
        'IndexError',
      );
    }
    // The broadcast index arrays act as one axis listing their combined offsets.
    const offs = allocate(shapeSize(dims));
    let o = 0;
    forEachRun(dims, shapes, (start, steps, n) => {
      for (let t = 0; t < n; t++, o++) {
        let sum = 0;
        for (let j = 0; j < adv.length; j++)
          sum += adv[j].array.data[start[j] + t * steps[j]] * adv[j].stride;
        offs[o] = sum;
      }
    });
    // Non-adjacent index arrays put their axes first, as NumPy does.
    axes.splice(advAdjacent ? advAt : 0, 0, { dims, offsets: offs });
  }
  const shape = axes.flatMap((x) => x.dims);
  const total = shapeSize(shape);
  const offsets = allocate(total);
  if (total === 0) return { shape, offsets };
  const lens = axes.map((x) => x.offsets.length);
  const counter = new Array<number>(axes.length).fill(0);
  const last = axes.length - 1;
  let rowBase = base;
  for (let k = 0; k < last; k++) rowBase += axes[k].offsets[0];
  for (let o = 0; o < total; ) {
    if (last < 0) {
      offsets[o++] = base;
      break;
    }
    checkDeadline();
    const inner = axes[last].offsets;
    for (let k = 0; k < inner.length; k++) offsets[o++] = rowBase + inner[k];
    // Advance the odometer over the outer axes and recompute the row's base.
    let ax = last - 1;
    for (; ax >= 0; ax--) {
      if (++counter[ax] < lens[ax]) break;
      counter[ax] = 0;
    }
    if (ax < 0) break;
    rowBase = base;
    for (let k = 0; k < last; k++) rowBase += axes[k].offsets[counter[k]];
  }
  return { shape, offsets };
}

/**
 * `a[specs]` with NumPy's indexing: integers (negative from the end),
 * slices, `None`, `...`, bool masks and integer index arrays. Always a copy;
 * an integer on every axis gives a 0-d array (a scalar).
 */
/** The elements basic or advanced indexing selects: their row-major positions in `a`, and the result's shape. */
export function selectOffsets(a: NDArray, specs: readonly IndexSpec[]): Selection {
  return select(a, specs);
}

export function getIndex(a: NDArray, specs: readonly IndexSpec[]): NDArray {
  if (a.im) {
    const re = getIndex(realPart(a), specs);
    return NDArray.complex(re.data, getIndex(a.im, specs).data, re.shape, a.dtype);
  }
  const sel = select(a, specs);
  const out = allocate(sel.offsets.length);
  const d = a.data;
  const offs = sel.offsets;
  for (let i = 0; i < offs.length; i++) out[i] = d[offs[i]];
  return new NDArray(out, sel.shape, a.dtype);
}

/**
 * `a[specs] = value`, returned as a new array: `value` is broadcast to the
 * selection and cast to `a`'s dtype (floats truncate into an int array,
 * nonzero is True in a bool array). With repeated indices the last write wins.
 */
export function setIndex(a: NDArray, specs: readonly IndexSpec[], value: NDArray): NDArray {
  if (a.im) {
    const re = setIndex(realPart(a), specs, realPart(value));
    return NDArray.complex(re.data, setIndex(a.im, specs, imagPart(value)).data, a.shape, a.dtype);
  }
  const sel = select(a, specs);
  // NumPy drops a value's leading length-1 axes that the selection lacks.
  let vshape = value.shape;
  while (vshape.length > sel.shape.length && vshape[0] === 1) vshape = vshape.slice(1);
  let v: NDArray;
  try {
    v = broadcastTo(new NDArray(value.data, vshape, value.dtype), sel.shape);
  } catch (e) {
    if (!(e instanceof MatError)) throw e;
    throw new MatError(
      `could not broadcast input array from shape ${shapeTextCompact(value.shape)} into shape ${shapeTextCompact(sel.shape)}`,
    );
  }
  const out = allocate(a.size);
  out.set(a.data);
  const src = v.data;
  const offs = sel.offsets;
  // A Python number goes through Python's int into an integer array, so it must fit
  // (`int8_array[0] = 300` is NumPy's OverflowError, NaN its ValueError); so does any
  // scalar into a signed array (`int8_array[0] = np.int64(300)`). Into an unsigned array a
  // NumPy scalar, and into any array an array's elements, are cast unsafely (ints wrap).
  if (
    (value.weak || value.python || DTYPES[a.dtype].kind === 'i') &&
    value.ndim === 0 &&
    isIntegerDType(a.dtype) &&
    a.dtype !== value.dtype
  ) {
    castPythonNumber(value.data[0], isFloatDType(value.dtype), a.dtype, value.big);
  }
  if (a.dtype === v.dtype) for (let i = 0; i < offs.length; i++) out[offs[i]] = src[i];
  else {
    const fromInteger = !isFloatDType(v.dtype);
    for (let i = 0; i < offs.length; i++) out[offs[i]] = castValue(src[i], a.dtype, fromInteger);
  }
  return new NDArray(out, a.shape, a.dtype);
}
