import { MatError } from '../errors';
import type { NormOrder } from '../linalg';
import { det, dot, inv, matmul, matrixRank, norm, outer, pinv, solve, trace } from '../linalg';
import { isArray, type Value } from '../values';
import { optional, required, toArray, toBool, toInt, toNumber } from './convert';
import { type BuiltinSpec, params } from './registry';

function toNormOrder(value: Value | undefined): NormOrder {
  if (value === undefined) return null;
  if (!isArray(value) && value.kind === 'string') {
    if (value.value === 'fro' || value.value === 'nuc') return value.value;
    throw new MatError(`Invalid norm order '${value.value}' for matrices`, 'ValueError');
  }
  return toNumber(value, 'ord');
}

function toNormAxis(value: Value | undefined): number | [number, number] | null {
  if (value === undefined) return null;
  if (!isArray(value) && value.kind === 'tuple') {
    if (value.items.length !== 2) throw new MatError('Improper number of dimensions to norm.', 'ValueError');
    return [toInt(value.items[0], 'axis'), toInt(value.items[1], 'axis')];
  }
  return toInt(value, 'axis');
}

/** Products and `np.linalg`. */
export const LINALG_BUILTINS: readonly BuiltinSpec[] = [
  {
    name: 'dot',
    signature: 'dot(a, b)',
    doc: 'Dot product: the matrix product for 2-D arrays, the inner product for 1-D ones.',
    params: params('a', 'b'),
    call: (args) => dot(toArray(required(args, 'a'), 'a'), toArray(required(args, 'b'), 'b')),
  },
  {
    name: 'matmul',
    signature: 'matmul(x1, x2)',
    doc: 'Matrix product (same as x1 @ x2), broadcast over stacks of matrices.',
    params: params('x1', 'x2'),
    call: (args) => matmul(toArray(required(args, 'x1'), 'x1'), toArray(required(args, 'x2'), 'x2')),
  },
  {
    name: 'outer',
    signature: 'outer(a, b)',
    doc: 'Outer product of two vectors: out[i, j] = a[i] * b[j].',
    params: params('a', 'b'),
    call: (args) => outer(toArray(required(args, 'a'), 'a'), toArray(required(args, 'b'), 'b')),
  },
  {
    name: 'trace',
    signature: 'trace(a, offset=0)',
    doc: 'Sum along the diagonal.',
    params: params('a', 'offset?'),
    call: (args) => {
      const offset = optional(args, 'offset');
      return trace(toArray(required(args, 'a'), 'a'), offset ? toInt(offset, 'offset') : 0);
    },
  },
  {
    name: 'linalg.inv',
    signature: 'linalg.inv(a)',
    doc: 'The inverse of a square matrix (LinAlgError when it is singular).',
    params: params('a'),
    bare: true,
    call: (args) => inv(toArray(required(args, 'a'), 'a')),
  },
  {
    name: 'linalg.pinv',
    signature: 'linalg.pinv(a, rcond=None)',
    doc: 'Moore–Penrose pseudo-inverse, computed from the SVD; works for any shape and rank.',
    params: params('a', 'rcond?', 'hermitian?', '*rtol?'),
    bare: true,
    call: (args) => {
      const rcond = optional(args, 'rcond');
      const rtol = optional(args, 'rtol');
      const hermitian = optional(args, 'hermitian');
      return pinv(
        toArray(required(args, 'a'), 'a'),
        rcond === undefined ? undefined : toNumber(rcond, 'rcond'),
        hermitian ? toBool(hermitian) : false,
        rtol === undefined ? undefined : toNumber(rtol, 'rtol'),
      );
    },
  },
  {
    name: 'linalg.det',
    signature: 'linalg.det(a)',
    doc: 'Determinant of a square matrix.',
    params: params('a'),
    bare: true,
    call: (args) => det(toArray(required(args, 'a'), 'a')),
  },
  {
    name: 'linalg.solve',
    signature: 'linalg.solve(a, b)',
    doc: 'Solves a @ x = b for x (a square and non-singular).',
    params: params('a', 'b'),
    bare: true,
    call: (args) => solve(toArray(required(args, 'a'), 'a'), toArray(required(args, 'b'), 'b')),
  },
  {
    name: 'linalg.matrix_rank',
    signature: 'linalg.matrix_rank(A, tol=None, hermitian=False, *, rtol=None)',
    doc: 'Rank of a matrix: the number of singular values above a tolerance.',
    params: params('A', 'tol?', 'hermitian?', '*rtol?'),
    bare: true,
    call: (args) => {
      const tol = optional(args, 'tol');
      const rtol = optional(args, 'rtol');
      const hermitian = optional(args, 'hermitian');
      return matrixRank(
        toArray(required(args, 'A'), 'A'),
        tol === undefined ? undefined : toNumber(tol, 'tol'),
        hermitian ? toBool(hermitian) : false,
        rtol === undefined ? undefined : toNumber(rtol, 'rtol'),
      );
    },
  },
  {
    name: 'linalg.norm',
    signature: 'linalg.norm(x, ord=None, axis=None, keepdims=False)',
    doc: 'Vector or matrix norm (2-norm for vectors, Frobenius for matrices by default).',
    params: params('x', 'ord?', 'axis?', 'keepdims?'),
    bare: true,
    call: (args) => {
      const keep = optional(args, 'keepdims');
      return norm(
        toArray(required(args, 'x'), 'x'),
        toNormOrder(optional(args, 'ord')),
        toNormAxis(optional(args, 'axis')),
        keep ? toBool(keep) : false,
      );
    },
  },
];
