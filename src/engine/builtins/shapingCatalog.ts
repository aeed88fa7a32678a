import type { BuiltinInfo } from './catalog';

function info(signature: string, doc: string): BuiltinInfo {
  return { name: signature.slice(0, signature.indexOf('(')), signature, doc };
}

/** Building and rearranging arrays, and statistics along axes (./shaping.ts): names, signatures, docs. */
export const SHAPING: readonly BuiltinInfo[] = [
  info(
    'diag(v, k=0)',
    'A 1-D array as a diagonal matrix, or the diagonal of a 2-D array (k-th above the main).',
  ),
  info('diagflat(v, k=0)', 'A 2-D array with the flattened input on the k-th diagonal.'),
  info('diagonal(a, offset=0, axis1=0, axis2=1)', 'The diagonal (offset above the main one) of an array.'),
  info('tri(N, M=None, k=0, dtype=float)', 'An N×M array with ones at and below the k-th diagonal.'),
  info('tril(m, k=0)', 'The lower triangle: elements above the k-th diagonal set to zero.'),
  info('triu(m, k=0)', 'The upper triangle: elements below the k-th diagonal set to zero.'),
  info('column_stack(tup)', 'Stacks 1-D arrays as columns of a 2-D array (2-D arrays as they are).'),
  info('dstack(tup)', 'Stacks arrays along the third axis (depth-wise).'),
  info('atleast_1d(*arys)', 'The inputs as arrays of at least one dimension.'),
  info('atleast_2d(*arys)', 'The inputs as arrays of at least two dimensions (a 1-D array becomes one row).'),
  info('atleast_3d(*arys)', 'The inputs as arrays of at least three dimensions.'),
  info(
    'split(ary, indices_or_sections, axis=0)',
    'A list of sub-arrays: equal sections, or cut at the given indices.',
  ),
  info(
    'array_split(ary, indices_or_sections, axis=0)',
    'Like split, but sections need not divide the axis evenly.',
  ),
  info(
    'hsplit(ary, indices_or_sections)',
    'split along the second axis (the first for a 1-D array): columns apart.',
  ),
  info(
    'vsplit(ary, indices_or_sections)',
    'split along the first axis: rows apart (arrays of 2 or more dimensions).',
  ),
  info(
    'append(arr, values, axis=None)',
    'A copy with values appended at the end; without axis both are flattened first.',
  ),
  info(
    'insert(arr, obj, values, axis=None)',
    'A copy with values inserted before the index or indices obj (an int, a slice or a sequence) along an axis.',
  ),
  info(
    'delete(arr, obj, axis=None)',
    'A copy without the sub-arrays at obj (an int, a slice, an index array or a bool mask) along an axis.',
  ),
  info(
    'resize(a, new_shape)',
    'A new array of new_shape filled with the flattened data of a, repeated as needed.',
  ),
  info(
    "trim_zeros(filt, trim='fb', axis=None)",
    "The input without its leading ('f') and/or trailing ('b') zeros.",
  ),
  info('block(arrays)', 'One array assembled from nested lists of blocks (inner lists along the last axis).'),
  info(
    'broadcast_arrays(*args, subok=False)',
    'A tuple of the arrays broadcast against each other (read-only views).',
  ),
  info('broadcast_shapes(*args)', 'The shape that arrays of the given shapes broadcast to, as a tuple.'),
  info('ndim(a)', 'The number of dimensions of an array (or array-like).'),
  info('size(a, axis=None)', 'The number of elements, overall or along the given axes.'),
  info(
    'isscalar(element)',
    'True for Python and NumPy scalars and strings, False for arrays (even 0-d) and sequences.',
  ),
  info('squeeze(a, axis=None)', 'The array without its length-1 axes (a view).'),
  info('expand_dims(a, axis)', 'The array with a new length-1 axis at position axis (a view).'),
  info('swapaxes(a, axis1, axis2)', 'The array with two axes interchanged (a view).'),
  info('moveaxis(a, source, destination)', 'The array with axes moved to new positions (a view).'),
  info('flip(m, axis=None)', 'The elements in reverse order along the given axes (all by default; a view).'),
  info('fliplr(m)', 'Columns in reverse order: left and right swapped (a view).'),
  info('flipud(m)', 'Rows in reverse order: up and down swapped (a view).'),
  info(
    'rot90(m, k=1, axes=(0, 1))',
    'The array rotated by 90 degrees k times, from the first axis towards the second (a view).',
  ),
  info(
    'roll(a, shift, axis=None)',
    'Elements shifted along an axis; those that fall off the end come back at the start.',
  ),
  info('tile(A, reps)', 'The array repeated reps times (per axis when reps is a tuple).'),
  info('repeat(a, repeats, axis=None)', 'Each element repeated (flattened unless an axis is given).'),
  info('median(a, axis=None, *, keepdims=False)', 'The median, over all elements or along an axis.'),
  info(
    'percentile(a, q, axis=None, *, keepdims=False)',
    'The q-th percentile (q in [0, 100]), linearly interpolated.',
  ),
  info(
    'quantile(a, q, axis=None, *, keepdims=False)',
    'The q-th quantile (q in [0, 1]), linearly interpolated.',
  ),
  info(
    'average(a, axis=None, weights=None, returned=False, *, keepdims=False)',
    'The (weighted) average; with returned=True also the sum of the weights.',
  ),
  info('inner(a, b)', 'Inner product: sums of products over the last axes of a and b.'),
  info('kron(a, b)', 'Kronecker product: blocks of b scaled by each element of a.'),
  info('cross(a, b)', 'Cross product of 3-element (or 2-element) vectors, row by row.'),
];
