/**
 * NumPy's `out=`: a function writes its result into an array the caller
 * gave, and returns that very array (`np.add(a, b, out=a)`, `np.sum(m,
 * axis=0, out=totals)`). The result is computed as without `out`, then
 * checked against the output array with NumPy's rules and messages
 * (ufuncs: the output takes part in broadcasting and casts same_kind;
 * reductions: its dimensions must be the result's and any cast goes;
 * accumulations: its size must be the result's), then written through it,
 * so every name and view of that array sees the change.
 */
import { canCastSameKind } from '../dtypes';
import { MatError } from '../errors';
import { NDArray, shapeTextCompact } from '../ndarray';
import { astype, broadcastShapesMany, broadcastTo } from '../ops';
import { noteWrite } from '../run/heap';
import { checkWritable, wrote } from '../run/views';
import { isArray, type Value } from '../values';
import type { BoundArgs } from './registry';

/** The `out=` argument as an array (a tuple of one array too), or undefined when absent or None. */
export function outArgument(args: BoundArgs): NDArray | undefined {
  let value = args.named.get('out');
  if (value === undefined || (!isArray(value) && value.kind === 'none')) return undefined;
  if (!isArray(value) && value.kind === 'tuple' && value.items.length === 1) value = value.items[0];
  if (!isArray(value) || value.python || value.weak) {
    throw new MatError('return arrays must be of ArrayType', 'TypeError');
  }
  if (value.ndim === 0) {
    // The engine keeps 0-d arrays as NumPy scalars, which nothing writes into.
    throw new MatError(
      'out= must have at least one dimension in .mat files (a 0-d array is a NumPy scalar here)',
      'TypeError',
    );
  }
  return value;
}

/** Writes `values` (already of out's shape) into `out`, cast to its dtype, as a write to that array. */
function writeInto(out: NDArray, values: NDArray): NDArray {
  checkWritable(out, 'output array');
  const cast = values.dtype === out.dtype ? values : astype(values, out.dtype);
  noteWrite(out);
  out.data.set(cast.data);
  if (out.im) out.imag.set(cast.imag);
  wrote(out);
  return out;
}

/** `ufunc(..., out=out)`: the output broadcasts with the inputs and casts same_kind. */
export function ufuncOut(
  ufunc: string,
  inputs: readonly NDArray[],
  result: Value,
  out: NDArray | undefined,
): Value {
  if (out === undefined || !isArray(result)) return result;
  const shapes = [...inputs.map((x) => x.shape), out.shape];
  let common: readonly number[];
  try {
    common = broadcastShapesMany(shapes);
  } catch {
    throw new MatError(
      `operands could not be broadcast together with shapes ${shapes.map((s) => `${shapeTextCompact(s)} `).join('')}`,
      'ValueError',
    );
  }
  if (common.length !== out.ndim || common.some((d, i) => d !== out.shape[i])) {
    throw new MatError(
      `non-broadcastable output operand with shape ${shapeTextCompact(out.shape)} doesn't match the broadcast shape ${shapeTextCompact(common)}`,
      'ValueError',
    );
  }
  if (!canCastSameKind(result.dtype, out.dtype)) {
    throw new MatError(
      `Cannot cast ufunc '${ufunc}' output from dtype('${result.dtype}') to dtype('${out.dtype}') with casting rule 'same_kind'`,
      'UFuncTypeError',
    );
  }
  return writeInto(out, broadcastTo(result, out.shape));
}

/**
 * `reduction(..., out=out)` of `input` over `axis`: the output has the
 * result's dimensions (any cast is allowed). A wrong shape gets NumPy's
 * iterator message, which shows the output's axes laid over the input's
 * (`newaxis` for a reduced one).
 */
export function reductionOut(
  ufunc: string,
  input: NDArray,
  axis: number | readonly number[] | null,
  keepdims: boolean,
  result: Value,
  out: NDArray | undefined,
): Value {
  if (out === undefined || !isArray(result)) return result;
  if (out.ndim !== result.ndim) {
    throw new MatError(
      `output parameter for reduction operation ${ufunc} has the wrong number of dimensions: Found ${out.ndim} but expected ${result.ndim}`,
      'ValueError',
    );
  }
  if (out.shape.some((d, i) => d !== result.shape[i])) {
    const listed = axis === null ? input.shape.map((_, i) => i) : typeof axis === 'number' ? [axis] : axis;
    const reduced = new Set(listed.map((ax) => (ax < 0 ? ax + input.ndim : ax)));
    if (keepdims) {
      const bad = [...reduced].sort((x, y) => x - y).find((ax) => out.shape[ax] !== 1);
      if (bad !== undefined) {
        throw new MatError(
          `operand was set up as a reduction along axis ${bad}, but the length of the axis is ${out.shape[bad]} (it has to be 1)`,
          'ValueError',
        );
      }
    }
    let next = 0;
    const remapped = input.shape.map((_, ax) =>
      reduced.has(ax) && !keepdims ? 'newaxis' : String(out.shape[next++]),
    );
    while (remapped[0] === 'newaxis') remapped.shift();
    throw new MatError(
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${shapeTextCompact(out.shape)}->(${remapped.join(',')}) ${shapeTextCompact(input.shape)} `,
      'ValueError',
    );
  }
  return writeInto(out, result as NDArray);
}

/** `cumsum(..., out=out)`: the output holds as many elements as the result, filled in order. */
export function accumulationOut(result: NDArray, out: NDArray | undefined): NDArray {
  if (out === undefined) return result;
  if (out.size !== result.size) {
    throw new MatError('provided out is the wrong size for the accumulation.', 'ValueError');
  }
  return writeInto(out, new NDArray(result.data, out.shape, result.dtype));
}
