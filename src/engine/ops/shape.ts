import { MatError } from '../errors';
import { allocate } from '../limits';
import { NDArray, shapeSize, stridesOf } from '../ndarray';
import { commonDType, copyStrided } from './broadcast';
import { normalizeAxis } from './reduce';

/**
 * NumPy's `convert_shape_to_string` for reshape errors: leading unknown
 * (negative) dimensions are dropped and later ones read `newaxis`, so
 * `reshape(-1, 4)` of 6 elements reports shape `(4)` just as NumPy does.
 */
function requestedShapeText(shape: readonly number[]): string {
  let i = 0;
  while (i < shape.length && shape[i] < 0) i++;
  if (i === shape.length) return '()';
  const parts = [String(shape[i])];
  const single = i === 0 && shape.length === 1;
  for (i++; i < shape.length; i++) parts.push(shape[i] < 0 ? 'newaxis' : String(shape[i]));
  return single ? `(${parts[0]},)` : `(${parts.join(',')})`;
}

function copy(a: NDArray): Float64Array {
  const out = allocate(a.size);
  out.set(a.data);
  return out;
}

/**
 * `a.reshape(shape)`; one dimension may be unknown (NumPy 2.4 takes any
 * negative value as unknown, -1 by convention).
 */
export function reshape(a: NDArray, shape: readonly number[]): NDArray {
  let unknown = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] < 0) {
      if (unknown >= 0) throw new MatError('can only specify one unknown dimension');
      unknown = i;
    } else {
      known *= shape[i];
    }
  }
  const mismatch = () =>
    new MatError(`cannot reshape array of size ${a.size} into shape ${requestedShapeText(shape)}`);
  const dims = [...shape];
  if (unknown >= 0) {
    if (known === 0 || a.size % known !== 0) throw mismatch();
    dims[unknown] = a.size / known;
  } else if (known !== a.size) {
    throw mismatch();
  }
  return new NDArray(copy(a), dims, a.dtype);
}

/** `a.ravel()` / `a.flatten()`: a 1-D copy in row-major order. */
export function ravel(a: NDArray): NDArray {
  return new NDArray(copy(a), [a.size], a.dtype);
}

/** `np.transpose(a, axes)`; without axes the axes are reversed (`a.T`). */
export function transpose(a: NDArray, axes?: readonly number[]): NDArray {
  const nd = a.ndim;
  let perm: number[];
  if (axes === undefined) {
    perm = Array.from({ length: nd }, (_, i) => nd - 1 - i);
  } else {
    if (axes.length !== nd) throw new MatError("axes don't match array");
    perm = axes.map((ax) => normalizeAxis(ax, nd));
    if (new Set(perm).size !== nd) throw new MatError('repeated axis in transpose');
  }
  const strides = stridesOf(a.shape);
  const shape = perm.map((ax) => a.shape[ax]);
  const data = copyStrided(
    a.data,
    0,
    shape,
    perm.map((ax) => strides[ax]),
  );
  return new NDArray(data, shape, a.dtype);
}

/** `np.swapaxes(a, axis1, axis2)`. */
export function swapaxes(a: NDArray, axis1: number, axis2: number): NDArray {
  const i = normalizeAxis(axis1, a.ndim);
  const j = normalizeAxis(axis2, a.ndim);
  const perm = a.shape.map((_, k) => (k === i ? j : k === j ? i : k));
  return transpose(a, perm);
}

/** `np.expand_dims(a, axis)`: new size-1 axes at the given positions of the result. */
export function expandDims(a: NDArray, axis: number | readonly number[]): NDArray {
  const list = typeof axis === 'number' ? [axis] : axis;
  const nd = a.ndim + list.length;
  const at = list.map((ax) => normalizeAxis(ax, nd));
  if (new Set(at).size !== at.length) throw new MatError('repeated axis');
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < nd; i++) shape.push(at.includes(i) ? 1 : a.shape[k++]);
  return new NDArray(copy(a), shape, a.dtype);
}

/** `np.squeeze(a, axis)`: drops the given size-1 axes, or all of them when axis is null. */
export function squeeze(a: NDArray, axis: number | readonly number[] | null = null): NDArray {
  let drop: number[];
  if (axis === null) {
    drop = a.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  } else {
    const list = typeof axis === 'number' ? [axis] : axis;
    drop = list.map((ax) => normalizeAxis(ax, a.ndim));
    if (new Set(drop).size !== drop.length) throw new MatError("duplicate value in 'axis'");
    if (drop.some((ax) => a.shape[ax] !== 1)) {
      throw new MatError('cannot select an axis to squeeze out which has size not equal to one');
    }
  }
  return new NDArray(
    copy(a),
    a.shape.filter((_, i) => !drop.includes(i)),
    a.dtype,
  );
}

/** `np.concatenate(arrays, axis)`; axis null joins the flattened arrays. */
export function concatenate(arrays: readonly NDArray[], axis: number | null = 0): NDArray {
  if (arrays.length === 0) throw new MatError('need at least one array to concatenate');
  if (axis === null) return concatenate(arrays.map(ravel), 0);
  const nd = arrays[0].ndim;
  if (nd === 0) throw new MatError('zero-dimensional arrays cannot be concatenated');
  const ax = normalizeAxis(axis, nd);
  const shape = [...arrays[0].shape];
  for (let k = 1; k < arrays.length; k++) {
    const s = arrays[k].shape;
    if (s.length !== nd) {
      throw new MatError(
        `all the input arrays must have same number of dimensions, but the array at index 0 has ${nd} dimension(s) and the array at index ${k} has ${s.length} dimension(s)`,
      );
    }
    for (let i = 0; i < nd; i++) {
      if (i === ax) shape[i] += s[i];
      else if (s[i] !== shape[i]) {
        throw new MatError(
          `all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${i}, the array at index 0 has size ${shape[i]} and the array at index ${k} has size ${s[i]}`,
        );
      }
    }
  }
  const outer = shapeSize(shape.slice(0, ax));
  const inner = shapeSize(shape.slice(ax + 1));
  const join = (part: (arr: NDArray) => Float64Array | undefined): Float64Array => {
    const out = allocate(shapeSize(shape));
    let o = 0;
    for (let i = 0; i < outer; i++) {
      for (const arr of arrays) {
        const chunk = arr.shape[ax] * inner;
        const data = part(arr);
        if (data) out.set(data.subarray(i * chunk, (i + 1) * chunk), o);
        o += chunk;
      }
    }
    return out;
  };
  // Complex arrays join their imaginary parts alike (a real array's are zeros).
  const complex = arrays.some((arr) => arr.im);
  return new NDArray(
    join((arr) => arr.data),
    shape,
    commonDType(arrays),
    complex ? join((arr) => arr.im?.data) : undefined,
  );
}

/** `np.stack(arrays, axis)`: joins same-shaped arrays along a new axis. */
export function stack(arrays: readonly NDArray[], axis = 0): NDArray {
  if (arrays.length === 0) throw new MatError('need at least one array to stack');
  const first = arrays[0].shape;
  for (const arr of arrays) {
    if (arr.ndim !== first.length || arr.shape.some((d, i) => d !== first[i])) {
      throw new MatError('all input arrays must have the same shape');
    }
  }
  const ax = normalizeAxis(axis, first.length + 1);
  return concatenate(
    arrays.map((arr) => expandDims(arr, ax)),
    ax,
  );
}

/** `np.atleast_1d` for one array. */
export function atleast1d(a: NDArray): NDArray {
  return new NDArray(copy(a), a.ndim >= 1 ? a.shape : [1], a.dtype);
}

/** `np.atleast_2d` for one array: a 1-D array becomes one row. */
export function atleast2d(a: NDArray): NDArray {
  const shape = a.ndim >= 2 ? a.shape : a.ndim === 0 ? [1, 1] : [1, a.shape[0]];
  return new NDArray(copy(a), shape, a.dtype);
}

/** `np.vstack`: rows on top of each other (1-D arrays become rows). */
export function vstack(arrays: readonly NDArray[]): NDArray {
  return concatenate(arrays.map(atleast2d), 0);
}

/** `np.hstack`: side by side (along axis 1, or axis 0 for 1-D arrays). */
export function hstack(arrays: readonly NDArray[]): NDArray {
  const arrs = arrays.map(atleast1d);
  if (arrs.length === 0) throw new MatError('need at least one array to concatenate');
  return concatenate(arrs, arrs[0].ndim === 1 ? 0 : 1);
}
