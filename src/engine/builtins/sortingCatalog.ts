import type { BuiltinInfo } from './catalog';

/** An entry from its signature, which starts with the name. */
function info(signature: string, doc: string): BuiltinInfo {
  return { name: signature.slice(0, signature.indexOf('(')), signature, doc };
}

/** Sorting, searching, counting and comparing arrays (./sorting.ts): names, signatures, docs. */
export const SORTING: readonly BuiltinInfo[] = [
  info(
    'sort(a, axis=-1, kind=None, order=None, *, stable=None)',
    'A sorted copy of the array, along the last axis by default; axis=None sorts the flattened array. nan sorts last.',
  ),
  info(
    'argsort(a, axis=-1, kind=None, order=None, *, stable=None)',
    'The indices that would sort the array along an axis (ties keep their order, as kind="stable").',
  ),
  info(
    'lexsort(keys, axis=-1)',
    'The indices that sort by the last key, ties broken by the key before it, and so on (stable).',
  ),
  info('nonzero(a)', 'A tuple of index arrays, one per dimension, of the nonzero elements.'),
  info('argwhere(a)', 'The indices of the nonzero elements, one row per element.'),
  info('flatnonzero(a)', 'The indices of the nonzero elements of the flattened array.'),
  info(
    'select(condlist, choicelist, default=0)',
    'Element by element, the choice of the first true condition, else default.',
  ),
  info(
    'count_nonzero(a, axis=None, *, keepdims=False)',
    'How many elements are nonzero (True), overall or along an axis.',
  ),
  info(
    'unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True, sorted=True)',
    'The sorted distinct elements of the flattened array, optionally with first indices, inverse and counts.',
  ),
  info(
    'isin(element, test_elements, assume_unique=False, invert=False, *, kind=None)',
    'Element-wise test for membership in test_elements, as a bool array of the shape of element.',
  ),
  info(
    'intersect1d(ar1, ar2, assume_unique=False, return_indices=False)',
    'The sorted distinct values in both arrays (optionally with where they first are in each).',
  ),
  info('union1d(ar1, ar2)', 'The sorted distinct values in either array.'),
  info('setdiff1d(ar1, ar2, assume_unique=False)', 'The sorted distinct values of ar1 that are not in ar2.'),
  info('setxor1d(ar1, ar2, assume_unique=False)', 'The sorted distinct values in exactly one of the arrays.'),
  info(
    'searchsorted(a, v, side="left", sorter=None)',
    'Where the values v would be inserted into the sorted 1-D array a to keep it sorted.',
  ),
  info(
    'digitize(x, bins, right=False)',
    'The index of the bin each value of x falls in (bins increasing or decreasing).',
  ),
  info('isnan(x)', 'Element-wise test for nan, as a bool array.'),
  info('isinf(x)', 'Element-wise test for positive or negative infinity, as a bool array.'),
  info('isfinite(x)', 'Element-wise test for finite numbers (not nan, not infinite), as a bool array.'),
  info(
    'isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)',
    'Element-wise |a - b| <= atol + rtol * |b|, as a bool array.',
  ),
  info(
    'allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)',
    'True when every element of a is close to b (see isclose).',
  ),
  info('array_equal(a1, a2, equal_nan=False)', 'True when the arrays have the same shape and elements.'),
  info(
    'nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None)',
    'nan replaced by 0 (or nan=), infinities by the largest finite floats (or posinf=, neginf=).',
  ),
  info(
    "partition(a, kth, axis=-1, kind='introselect', order=None)",
    'A copy with the element that would be at index kth of the sorted array there, smaller ones before it, larger after.',
  ),
  info(
    "argpartition(a, kth, axis=-1, kind='introselect', order=None)",
    'The indices that would partition the array (see partition).',
  ),
  info(
    'cumsum(a, axis=None, dtype=None, out=None)',
    'Running sums along an axis; axis=None runs over the flattened array.',
  ),
  info(
    'cumprod(a, axis=None, dtype=None, out=None)',
    'Running products along an axis; axis=None runs over the flattened array.',
  ),
  info(
    'diff(a, n=1, axis=-1, prepend=None, append=None)',
    'The n-th differences a[i+1] - a[i] along an axis.',
  ),
  info(
    'ediff1d(ary, to_end=None, to_begin=None)',
    'The differences of the flattened array, with to_begin before and to_end after them.',
  ),
  info('trapezoid(y, x=None, dx=1.0, axis=-1)', 'The integral of y along an axis by the trapezoidal rule.'),
];
