/**
 * NumPy's dtype objects and machine limits: `np.dtype('f4')`, `np.finfo`,
 * `np.iinfo`, `np.promote_types`, `np.result_type`, `np.can_cast`.
 */

import {
  ABSTRACT_SCALAR_TYPES,
  abstractSubclass,
  canCastSafely,
  canCastSameKind,
  castValue,
  componentDType,
  DTYPES,
  type DType,
  isFloatDType,
  promoteTypes,
  resultType,
} from '../dtypes';
import { MatError } from '../errors';
import { formatScalar } from '../format';
import { NDArray } from '../ndarray';
import { isArray, pyBool, pyInt, type RecordValue, type Value } from '../values';
import { dtypeValue, optional, required, toDType } from './convert';
import { abstractClassName } from './python';
import { type BuiltinImpl, params } from './registry';

/** A dtype from anything NumPy takes where a dtype is expected, arrays included (`np.finfo(a)`). */
function dtypeOf(value: Value, what: string): DType {
  if (isArray(value)) return value.dtype;
  const dtype = toDType(value);
  if (!dtype) throw new MatError(`${what}() argument must be a dtype, not None`, 'TypeError');
  return dtype;
}

/** Limits of each float type, as `np.finfo` gives them. */
const FLOAT_LIMITS: Readonly<
  Record<'float16' | 'float32' | 'float64', readonly [number, number, number, number, number]>
> = {
  // bits of mantissa, min exponent, max exponent, exponent bits, precision (decimal digits)
  float16: [10, -14, 16, 5, 3],
  float32: [23, -126, 128, 8, 6],
  float64: [52, -1022, 1024, 11, 15],
};

function finfo(of: DType): RecordValue {
  // A complex type's limits are those of its parts (np.finfo(complex) is finfo(float64)).
  const dtype = componentDType(of);
  if (!isFloatDType(dtype))
    throw new MatError(`data type <class 'numpy.${dtype}'> not inexact`, 'ValueError');
  const [nmant, minexp, maxexp, nexp, precision] = FLOAT_LIMITS[dtype as keyof typeof FLOAT_LIMITS];
  const scalar = (v: number) => NDArray.scalar(v, dtype);
  const max = DTYPES[dtype].max;
  const resolution = Number(`1e-${precision}`);
  const fields = new Map<string, Value>([
    ['bits', pyInt(DTYPES[dtype].itemsize * 8)],
    ['dtype', dtypeValue(dtype)],
    ['eps', scalar(2 ** -nmant)],
    ['epsneg', scalar(2 ** -(nmant + 1))],
    ['machep', pyInt(-nmant)],
    ['max', scalar(max)],
    ['maxexp', pyInt(maxexp)],
    ['min', scalar(-max)],
    ['minexp', pyInt(minexp)],
    ['negep', pyInt(-(nmant + 1))],
    ['nexp', pyInt(nexp)],
    ['nmant', pyInt(nmant)],
    ['precision', pyInt(precision)],
    ['resolution', scalar(castValue(resolution, dtype))],
    ['smallest_normal', scalar(2 ** minexp)],
    ['smallest_subnormal', scalar(2 ** (minexp - nmant))],
    ['tiny', scalar(2 ** minexp)],
  ]);
  const text = (v: number) => formatScalar(v, dtype);
  const str = [
    `Machine parameters for ${dtype}`,
    '---------------------------------------------------------------',
    `precision = ${precision}   resolution = ${text(resolution)}`,
    `machep = ${-nmant}   eps =        ${text(2 ** -nmant)}`,
    `negep =  ${-(nmant + 1)}   epsneg =     ${text(2 ** -(nmant + 1))}`,
    `minexp = ${minexp}   tiny =       ${text(2 ** minexp)}`,
    `maxexp = ${maxexp}   max =        ${text(max)}`,
    `nexp =   ${nexp}   min =        -max`,
    `smallest_normal = ${text(2 ** minexp)}   smallest_subnormal = ${text(2 ** (minexp - nmant))}`,
    '---------------------------------------------------------------',
    '',
  ].join('\n');
  // float16's repr shows its limits with '%12.5e'; the others as their str.
  const limit = (v: number) => (dtype === 'float16' ? sciText(v) : text(v));
  const repr = `finfo(resolution=${text(resolution)}, min=${limit(-max)}, max=${limit(max)}, dtype=${dtype})`;
  return { kind: 'record', typeName: 'finfo', fields, text: { str, repr } };
}

/** C's '%.5e' (exponent of at least two digits), as finfo's repr of float16 limits uses. */
function sciText(v: number): string {
  return v.toExponential(5).replace(/e([+-])(\d)$/, 'e$10$2');
}

function iinfo(dtype: DType): RecordValue {
  const info = DTYPES[dtype];
  if (info.kind !== 'i' && info.kind !== 'u') {
    throw new MatError(`Invalid integer data type '${info.kind}'.`, 'ValueError');
  }
  // In BigInt: uint64's and int64's limits are past 2**53.
  const valueBits = BigInt(info.itemsize * 8 - (info.kind === 'i' ? 1 : 0));
  const min = info.kind === 'i' ? -(2n ** valueBits) : 0n;
  const max = 2n ** valueBits - 1n;
  const fields = new Map<string, Value>([
    ['bits', pyInt(info.itemsize * 8)],
    ['dtype', dtypeValue(dtype)],
    ['kind', { kind: 'string', value: info.kind }],
    ['max', bigInt(max)],
    ['min', bigInt(min)],
  ]);
  const str = [
    `Machine parameters for ${dtype}`,
    '---------------------------------------------------------------',
    `min = ${min}`,
    `max = ${max}`,
    '---------------------------------------------------------------',
    '',
  ].join('\n');
  return {
    kind: 'record',
    typeName: 'iinfo',
    fields,
    text: { str, repr: `iinfo(min=${min}, max=${max}, dtype=${dtype})` },
  };
}

/** A Python int, exactly (int64's and uint64's limits are past 2**53). */
function bigInt(v: bigint): Value {
  return Number.isSafeInteger(Number(v)) ? pyInt(Number(v)) : pyInt(Number(v), v);
}

/** A dtype or an abstract class (`np.floating`) as `np.issubdtype` reads its arguments. */
function typeOrAbstract(value: Value, what: string): DType | { abstract: string } {
  const abstract = abstractClassName(value);
  if (abstract !== undefined) return { abstract };
  return dtypeOf(value, what);
}

/** `np.issubdtype(arg1, arg2)`: is the first type (a dtype or abstract class) below the second? */
function issubdtype(first: Value, second: Value): boolean {
  const a = typeOrAbstract(first, 'issubdtype');
  const b = typeOrAbstract(second, 'issubdtype');
  if (typeof b === 'string') return typeof a === 'string' && a === b;
  return typeof a === 'string'
    ? ABSTRACT_SCALAR_TYPES[b.abstract](a)
    : abstractSubclass(a.abstract, b.abstract);
}

const CASTINGS = ['no', 'equiv', 'safe', 'same_kind', 'unsafe'];

export const TYPE_INFO_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'dtype',
    params: params('dtype', 'align?', 'copy?'),
    call: (args) => dtypeValue(dtypeOf(required(args, 'dtype'), 'dtype')),
  },
  {
    name: 'issubdtype',
    params: params('arg1', 'arg2'),
    call: (args) => pyBool(issubdtype(required(args, 'arg1'), required(args, 'arg2'))),
  },
  {
    name: 'finfo',
    params: params('dtype'),
    call: (args) => finfo(dtypeOf(required(args, 'dtype'), 'finfo')),
  },
  {
    name: 'iinfo',
    params: params('int_type'),
    call: (args) => iinfo(dtypeOf(required(args, 'int_type'), 'iinfo')),
  },
  {
    name: 'promote_types',
    params: params('type1', 'type2'),
    call: (args) =>
      dtypeValue(
        promoteTypes(
          dtypeOf(required(args, 'type1'), 'promote_types'),
          dtypeOf(required(args, 'type2'), 'promote_types'),
        ),
      ),
  },
  {
    name: 'result_type',
    params: params(),
    varargs: 'arrays_and_dtypes',
    call: (args) => {
      if (args.rest.length === 0) throw new MatError('at least one array or dtype is required', 'ValueError');
      // Python numbers are weak here as in arithmetic (NEP 50).
      const operands = args.rest.map((v) =>
        isArray(v) ? { dtype: v.dtype, weak: v.python } : dtypeOf(v, 'result_type'),
      );
      return dtypeValue(resultType(operands));
    },
  },
  {
    name: 'can_cast',
    params: params('from_', 'to', 'casting?'),
    call: (args) => {
      const from = required(args, 'from_');
      if (isArray(from) && from.python) {
        throw new MatError(
          'can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\nThis change was part of adopting NEP 50, we may explicitly allow them again in the future.',
          'TypeError',
        );
      }
      const a = dtypeOf(from, 'can_cast');
      const b = dtypeOf(required(args, 'to'), 'can_cast');
      const casting = optional(args, 'casting');
      const rule = casting && !isArray(casting) && casting.kind === 'string' ? casting.value : 'safe';
      if (!CASTINGS.includes(rule)) {
        throw new MatError(
          "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'",
          'ValueError',
        );
      }
      const ok =
        rule === 'unsafe' ||
        a === b ||
        (rule === 'safe' && canCastSafely(a, b)) ||
        (rule === 'same_kind' && canCastSameKind(a, b));
      return pyBool(ok);
    },
  },
];

/** `a.dtype.name`, `.itemsize`, `.kind`, `.char`, `.str`, `.type`, `.num`-free attributes of a dtype. */
export function dtypeAttribute(dtype: DType, name: string): Value | undefined {
  const info = DTYPES[dtype];
  switch (name) {
    case 'name':
      return { kind: 'string', value: dtype };
    case 'itemsize':
    case 'alignment':
      return pyInt(info.itemsize);
    case 'kind':
      return { kind: 'string', value: info.kind };
    case 'char':
      return { kind: 'string', value: info.char };
    case 'str':
      return { kind: 'string', value: `${info.itemsize === 1 ? '|' : '<'}${info.kind}${info.itemsize}` };
    case 'type':
      return dtypeValue(dtype, `numpy.${dtype}`);
    case 'ndim':
      return pyInt(0);
    case 'shape':
      return { kind: 'tuple', items: [] };
    default:
      return undefined;
  }
}
