import type { BuiltinInfo } from './catalog';

function info(signature: string, doc: string): BuiltinInfo {
  return { name: signature.slice(0, signature.indexOf('(')), signature, doc };
}

/** Building arrays, converting indices, and general products (./building.ts): names, signatures, docs. */
export const BUILDING: readonly BuiltinInfo[] = [
  info(
    "empty(shape, dtype=float, order='C')",
    'A new array of the given shape without set values (NumPy shows whatever the memory held; here zeros).',
  ),
  info(
    "empty_like(prototype, dtype=None, order='K', subok=True, shape=None)",
    'A new array with the shape and dtype of prototype, values not set (here zeros).',
  ),
  info(
    "full_like(a, fill_value, dtype=None, order='K', subok=True, shape=None)",
    "An array with the shape and dtype of a, filled with fill_value (cast to a's dtype: 0.1 in an int array is 0).",
  ),
  info(
    'logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0)',
    'num numbers spaced evenly on a log scale, from base**start to base**stop.',
  ),
  info(
    'geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0)',
    'num numbers in geometric progression from start to stop (a constant ratio between neighbours).',
  ),
  info(
    "meshgrid(*xi, copy=True, sparse=False, indexing='xy')",
    "Coordinate matrices from coordinate vectors: X, Y = meshgrid(x, y) ('xy': x varies along the columns; 'ij': matrix indexing).",
  ),
  info(
    'fromfunction(function, shape, *, dtype=float, like=None)',
    'An array whose element at each index is function(*index), called once on the index grids.',
  ),
  info(
    'indices(dimensions, dtype=int, sparse=False)',
    'A grid of indices: grid[k] holds the k-th coordinate of each position of an array of shape dimensions.',
  ),
  info(
    'broadcast_to(array, shape, subok=False)',
    'A read-only view of the array broadcast to a new shape (its rows repeated, not copied).',
  ),
  info(
    "pad(array, pad_width, mode='constant')",
    "The array padded on each side of each axis: mode 'constant' (constant_values=), 'edge', 'reflect', 'symmetric', 'wrap', 'linear_ramp' (end_values=), 'mean', 'median', 'maximum', 'minimum' (stat_length=), or a function.",
  ),
  info(
    "take(a, indices, axis=None, out=None, mode='raise')",
    "Elements at the given indices along an axis (of the flattened array when axis is None); mode 'wrap' or 'clip' for indices out of range.",
  ),
  info(
    'take_along_axis(arr, indices, axis=-1)',
    'Picks values along an axis with an index array of the same dimensions, such as argsort or argmax(keepdims=True) gives.',
  ),
  info(
    'put_along_axis(arr, indices, values, axis)',
    'Writes values into arr at the indices along an axis (in place; returns None).',
  ),
  info(
    "unravel_index(indices, shape, order='C')",
    'The coordinates (a tuple of arrays) of flat indices into an array of the given shape.',
  ),
  info(
    "ravel_multi_index(multi_index, dims, mode='raise', order='C')",
    'The flat indices of coordinates into an array of shape dims (the inverse of unravel_index).',
  ),
  info(
    'ix_(*args)',
    'Open-mesh index arrays from 1-D sequences: a[np.ix_(rows, cols)] is the sub-matrix of those rows and columns.',
  ),
  info(
    'diag_indices(n, ndim=2)',
    'The indices of the main diagonal of an n×…×n array, a tuple of ndim arrays.',
  ),
  info(
    'diag_indices_from(arr)',
    'The indices of the main diagonal of arr (all of whose dimensions are equal).',
  ),
  info(
    'tril_indices(n, k=0, m=None)',
    'The (rows, cols) indices of the lower triangle (at and below the k-th diagonal).',
  ),
  info(
    'triu_indices(n, k=0, m=None)',
    'The (rows, cols) indices of the upper triangle (at and above the k-th diagonal).',
  ),
  info('tril_indices_from(arr, k=0)', 'The indices of the lower triangle of the 2-D array arr.'),
  info('triu_indices_from(arr, k=0)', 'The indices of the upper triangle of the 2-D array arr.'),
  info(
    "einsum(*operands, out=None, dtype=None, order='K', casting='safe', optimize=False)",
    "Einstein summation: einsum('ij,jk->ik', a, b) is a @ b, 'ii' the trace, 'ij->ji' the transpose, 'i,i' the inner product.",
  ),
  info(
    "einsum_path(*operands, optimize='greedy')",
    "The order einsum contracts its operands in, and NumPy's report on it: (['einsum_path', (0, 1), ...], text). optimize='optimal' searches every order; the path can be passed to einsum(..., optimize=path).",
  ),
  info(
    'tensordot(a, b, axes=2)',
    'Sums products over the last axes of a and the first of b (axes=n), or over the given pair of axis lists.',
  ),
  info('vdot(a, b)', 'The dot product of the flattened arrays: sum(a.ravel() * b.ravel()).'),
];
