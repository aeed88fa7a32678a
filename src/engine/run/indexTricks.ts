import { ndGrid } from '../builtins/building';
import { toArray } from '../builtins/convert';
import { MatError } from '../errors';
import { NDArray } from '../ndarray';
import { arange, concatenate } from '../ops';
import { isArray, type Value } from '../values';

/** The name prefix of NumPy's index-trick objects: `index:r_`, `index:c_`, `index:mgrid`, `index:ogrid`. */
export const INDEX_TRICK = 'index:';

/**
 * `np.r_[...]` and `np.c_[...]`: the items of the subscript joined into one
 * array. A slice `a:b:s` is `arange(a, b, s)`; a scalar or 1-D item is
 * raised to `r_`'s one dimension (a row) or `c_`'s two (a column, so
 * `np.c_[x, y]` puts x and y side by side); then `r_` joins along the first
 * axis and `c_` along the last, as NumPy's AxisConcatenator does.
 */
export function indexTrick(name: string, key: Value): Value {
  if (name === `${INDEX_TRICK}mgrid` || name === `${INDEX_TRICK}ogrid`) {
    return ndGrid(name === `${INDEX_TRICK}ogrid`, key);
  }
  const columns = name === `${INDEX_TRICK}c_`;
  const items = !isArray(key) && key.kind === 'tuple' ? key.items : [key];
  if (items.length === 0) return NDArray.filled([0], 0, 'float64');
  const arrays = items.map((item) => {
    const array = asArray(item);
    const imag = array.im?.data;
    if (array.ndim === 0) return new NDArray(array.data, columns ? [1, 1] : [1], array.dtype, imag);
    if (columns && array.ndim === 1) return new NDArray(array.data, [array.size, 1], array.dtype, imag);
    return array;
  });
  return concatenate(arrays, columns ? arrays[0].ndim - 1 : 0);
}

function asArray(item: Value): NDArray {
  if (isArray(item)) return item;
  if (item.kind === 'slice') {
    const bound = (v: Value) => (isArray(v) ? v : undefined);
    const start = bound(item.start);
    const stop = bound(item.stop);
    if (!stop) throw new MatError('a slice in np.r_ or np.c_ needs a stop, as in np.r_[0:5]', 'ValueError');
    return arange(start ?? NDArray.scalar(0, 'int64'), stop, bound(item.step) ?? null);
  }
  if (item.kind === 'string') {
    throw new MatError(
      `np.r_ and np.c_ string directives ('${item.value}') are not supported in .mat files`,
      'ValueError',
    );
  }
  return toArray(item, 'item');
}
