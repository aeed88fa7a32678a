import { MatError } from '../errors';
import type { NormOrder } from '../linalg';
import { det, dot, inv, matmul, matrixRank, norm, outer, pinv, solve, trace } from '../linalg';
import { isArray, type Value } from '../values';
import { optional, required, toArray, toBool, toInt, toNumber } from './convert';
import { type BuiltinImpl, params } from './registry';

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
export const LINALG_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'dot',
    params: params('a', 'b'),
    call: (args) => dot(toArray(required(args, 'a'), 'a'), toArray(required(args, 'b'), 'b')),
  },
  {
    name: 'matmul',
    params: params('x1', 'x2'),
    call: (args) => matmul(toArray(required(args, 'x1'), 'x1'), toArray(required(args, 'x2'), 'x2')),
  },
  {
    name: 'outer',
    params: params('a', 'b'),
    call: (args) => outer(toArray(required(args, 'a'), 'a'), toArray(required(args, 'b'), 'b')),
  },
  {
    name: 'trace',
    params: params('a', 'offset?'),
    call: (args) => {
      const offset = optional(args, 'offset');
      return trace(toArray(required(args, 'a'), 'a'), offset ? toInt(offset, 'offset') : 0);
    },
  },
  {
    name: 'linalg.inv',
    params: params('a'),
    call: (args) => inv(toArray(required(args, 'a'), 'a')),
  },
  {
    name: 'linalg.pinv',
    params: params('a', 'rcond?', 'hermitian?', '*rtol?'),
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
    params: params('a'),
    call: (args) => det(toArray(required(args, 'a'), 'a')),
  },
  {
    name: 'linalg.solve',
    params: params('a', 'b'),
    call: (args) => solve(toArray(required(args, 'a'), 'a'), toArray(required(args, 'b'), 'b')),
  },
  {
    name: 'linalg.matrix_rank',
    params: params('A', 'tol?', 'hermitian?', '*rtol?'),
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
    params: params('x', 'ord?', 'axis?', 'keepdims?'),
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
