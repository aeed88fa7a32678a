import { printText, reprText } from '../display';
import { ABSTRACT_SCALAR_TYPES, isIntegral } from '../dtypes';
import { MatError } from '../errors';
import { formatFloat } from '../format/python';
import { tick } from '../limits';
import { NDArray } from '../ndarray';
import { round as npRound, unaryMath } from '../ops';
import { formatWithSpec } from '../run/formatting';
import { binaryOp, compare } from '../run/operators';
import { intFromBig } from '../run/pyarith';
import { complexAbs } from '../run/pycomplex';
import { hashKey, iterate, newDict, newList, pyLen, toItems, truthy } from '../run/pyops';
import { sortValues } from '../run/sorting';
import {
  isPythonScalar,
  NONE,
  pyBool,
  pyFloat,
  pyInt,
  pythonScalarType,
  typeName,
  type Value,
} from '../values';
import { optional, required } from './convert';
import { bareBuiltin, moduleMember } from './index';
import { type BuiltinImpl, type CallContext, params } from './registry';

/** Python's own functions, with Python's meaning (np.sum and friends stay under `np.`). */

const str = (value: string): Value => ({ kind: 'string', value });

function iterator(typeName: string, next: () => Value | undefined): Value {
  return { kind: 'iterator', typeName, next };
}

function intOf(value: Value): number {
  if (value instanceof NDArray && value.ndim === 0 && value.dtype !== 'float64') return value.data[0];
  throw new MatError(`'${typeName(value)}' object cannot be interpreted as an integer`, 'TypeError');
}

function textArg(args: { named: ReadonlyMap<string, Value> }, name: string, fallback: string): string {
  const value = args.named.get(name);
  if (value === undefined || (!(value instanceof NDArray) && value.kind === 'none')) return fallback;
  if (!(value instanceof NDArray) && value.kind === 'string') return value.value;
  throw new MatError(`${name} must be None or a string, not ${typeName(value)}`, 'TypeError');
}

/** `min`/`max`: of one iterable, or of several arguments; `key` and `default` as Python has them. */
function extreme(
  name: 'min' | 'max',
  args: { named: ReadonlyMap<string, Value>; rest: readonly Value[] },
  ctx: CallContext,
): Value {
  const first = args.named.get('iterable');
  const candidates = args.rest.length > 0 ? [first as Value, ...args.rest] : toItems(first as Value);
  const key = optional(args, 'key');
  if (candidates.length === 0) {
    const fallback = args.named.get('default');
    if (fallback !== undefined) return fallback;
    throw new MatError(`${name}() arg is an empty sequence`, 'ValueError');
  }
  const keyed = key ? candidates.map((c) => ctx.callValue(key, [c])) : candidates;
  let best = 0;
  const op = name === 'max' ? '>' : '<';
  for (let i = 1; i < candidates.length; i++) {
    if (truthy(compare(op, keyed[i], keyed[best]))) best = i;
  }
  return candidates[best];
}

/** Python's round: halves to even, an int without ndigits. */
function pyRound(value: Value, ndigits: Value | undefined): Value {
  if (!(value instanceof NDArray)) {
    throw new MatError(`type ${typeName(value)} doesn't define __round__ method`, 'TypeError');
  }
  if (value.ndim > 0) {
    throw new MatError("type numpy.ndarray doesn't define __round__ method", 'TypeError');
  }
  if (value.python && value.im)
    throw new MatError("type complex doesn't define __round__ method", 'TypeError');
  if (!value.python && ndigits !== undefined && !(!(ndigits instanceof NDArray) && ndigits.kind === 'none')) {
    // A NumPy scalar rounds to a NumPy scalar of its dtype (np.round).
    return npRound(value, intOf(ndigits));
  }
  const x = value.data[0];
  if (ndigits === undefined || (!(ndigits instanceof NDArray) && ndigits.kind === 'none')) {
    if (value.dtype !== 'float64') return value;
    if (Number.isNaN(x)) throw new MatError('cannot convert float NaN to integer', 'ValueError');
    if (!Number.isFinite(x)) throw new MatError('cannot convert float infinity to integer', 'OverflowError');
    const r = roundHalfEven(x);
    return Number.isSafeInteger(r) ? pyInt(r) : intFromBig(BigInt(r));
  }
  const digits = intOf(ndigits);
  if (value.dtype !== 'float64') {
    if (digits >= 0) return value;
    const p = 10 ** -digits;
    return pyInt(roundHalfEven(x / p) * p);
  }
  if (!Number.isFinite(x)) return value.python ? value : pyFloat(x);
  // Python rounds the exact decimal value of the double, as `format(x, '.Nf')` does.
  if (digits >= 0 && digits <= 300) {
    const rounded = Number(formatFloat(x, `.${digits}f`));
    return value.python ? pyFloat(rounded) : NDArray.scalar(rounded, 'float64');
  }
  const p = 10 ** -digits;
  const r = roundHalfEven(x / p) * p;
  return value.python ? pyFloat(r) : NDArray.scalar(r, 'float64');
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** `type(obj)`: Python's types as the values their names evaluate to, so `type(x) is int` holds. */
function typeOf(obj: Value): Value {
  if (obj instanceof NDArray) {
    if (obj.python) return bareBuiltin(pythonScalarType(obj)) as Value;
    if (obj.ndim === 0 && !obj.zeroDim)
      return moduleMember('numpy', obj.dtype === 'bool' ? 'bool' : obj.dtype) as Value;
    return { kind: 'builtin', name: 'ndarray' };
  }
  if (obj.kind === 'tuple' && obj.named) {
    return { kind: 'builtin', name: `class:${obj.named.module}.${obj.named.name}` };
  }
  const kind = Object.entries(PY_TYPES).find(([, k]) => k === obj.kind);
  if (kind) return { kind: 'builtin', name: `builtins.${kind[0]}` };
  // Any other type (NoneType, function, builtin_function_or_method…) as a class object by name.
  return { kind: 'builtin', name: `class:${typeName(obj)}` };
}

/** `hex(x)`, `oct(x)`, `bin(x)`. */
function radix(value: Value, base: number, prefix: string): string {
  if (!(value instanceof NDArray) || value.ndim !== 0 || !isIntegral(value.dtype)) {
    throw new MatError(`'${typeName(value)}' object cannot be interpreted as an integer`, 'TypeError');
  }
  const x = value.big ?? BigInt(value.data[0]);
  return x < 0n ? `-${prefix}${(-x).toString(base)}` : `${prefix}${x.toString(base)}`;
}

const PY_TYPES: Readonly<Record<string, string>> = {
  list: 'list',
  tuple: 'tuple',
  dict: 'dict',
  set: 'set',
  str: 'string',
  range: 'range',
};

/** `floating` for `np.floating`'s value; undefined for anything else. */
export function abstractClassName(value: Value): string | undefined {
  if (value instanceof NDArray || value.kind !== 'builtin' || !value.name.startsWith('class:numpy.'))
    return undefined;
  const name = value.name.slice('class:numpy.'.length);
  return Object.hasOwn(ABSTRACT_SCALAR_TYPES, name) ? name : undefined;
}

/** `isinstance(obj, classinfo)` for one class. */
function isInstance(obj: Value, cls: Value): boolean {
  if (cls instanceof NDArray)
    throw new MatError('isinstance() arg 2 must be a type, a tuple of types, or a union', 'TypeError');
  if (cls.kind === 'tuple') return cls.items.some((c) => isInstance(obj, c));
  if (cls.kind === 'dtype') {
    if (!(obj instanceof NDArray) || obj.ndim !== 0) return false;
    switch (cls.label) {
      case 'int':
        return (obj.dtype === 'int64' || obj.dtype === 'bool') && obj.python;
      case 'float':
        return obj.dtype === 'float64';
      case 'complex':
        return obj.dtype === 'complex128';
      case 'bool':
        return obj.dtype === 'bool' && obj.python;
      default:
        return !obj.python && obj.dtype === cls.dtype;
    }
  }
  const short = cls.kind === 'builtin' ? cls.name.replace(/^builtins\./, '') : '';
  if (cls.kind === 'builtin' && Object.hasOwn(PY_TYPES, short)) {
    return !(obj instanceof NDArray) && obj.kind === PY_TYPES[short];
  }
  if (cls.kind === 'builtin' && cls.name === 'ndarray')
    return obj instanceof NDArray && !obj.python && obj.ndim > 0;
  const abstract = abstractClassName(cls);
  if (abstract !== undefined) {
    // np.floating, np.integer: NumPy scalars of a dtype below them (a Python float is not one).
    return (
      obj instanceof NDArray && obj.ndim === 0 && !obj.python && ABSTRACT_SCALAR_TYPES[abstract](obj.dtype)
    );
  }
  if (cls.kind === 'builtin' && cls.name.startsWith('class:')) {
    return typeName(obj) === cls.name.slice('class:'.length);
  }
  if (cls.kind === 'exception')
    return !(obj instanceof NDArray) && obj.kind === 'exception' && obj.pythonType === cls.pythonType;
  throw new MatError('isinstance() arg 2 must be a type, a tuple of types, or a union', 'TypeError');
}

const IMPLEMENTATIONS: readonly BuiltinImpl[] = [
  {
    name: 'print',
    params: params('*sep?', '*end?', '*file?', '*flush?'),
    varargs: 'values',
    call: (args, ctx) => {
      if (optional(args, 'file'))
        throw new MatError('print(file=...) is not available in .mat files', 'TypeError');
      const sep = textArg(args, 'sep', ' ');
      const end = textArg(args, 'end', '\n');
      ctx.write(args.rest.map((v) => printText(v)).join(sep) + end);
      return NONE;
    },
  },
  { name: 'len', params: params('obj'), call: (args) => pyInt(pyLen(required(args, 'obj'))) },
  {
    name: 'range',
    params: params('start', 'stop?', 'step?'),
    call: (args) => {
      const a = intOf(required(args, 'start'));
      const stop = args.named.get('stop');
      const step = args.named.get('step');
      if (stop === undefined) return { kind: 'range', start: 0, stop: a, step: 1 };
      const s = step === undefined ? 1 : intOf(step);
      if (s === 0) throw new MatError('range() arg 3 must not be zero', 'ValueError');
      return { kind: 'range', start: a, stop: intOf(stop), step: s };
    },
  },
  {
    name: 'enumerate',
    params: params('iterable', 'start?'),
    call: (args) => {
      const next = iterate(required(args, 'iterable'));
      let i = args.named.has('start') ? intOf(required(args, 'start')) : 0;
      return iterator('enumerate', () => {
        const item = next();
        return item === undefined ? undefined : { kind: 'tuple', items: [pyInt(i++), item] };
      });
    },
  },
  {
    name: 'zip',
    params: params('*strict?'),
    varargs: 'iterables',
    call: (args) => {
      const nexts = args.rest.map(iterate);
      return iterator('zip', () => {
        if (nexts.length === 0) return undefined;
        const items: Value[] = [];
        for (const next of nexts) {
          const item = next();
          if (item === undefined) return undefined;
          items.push(item);
        }
        return { kind: 'tuple', items };
      });
    },
  },
  {
    name: 'sorted',
    params: params('iterable', '*key?', '*reverse?'),
    call: (args, ctx) =>
      newList(
        sortValues(
          toItems(required(args, 'iterable')),
          args.named.get('key'),
          truthy(args.named.get('reverse') ?? pyBool(false)),
          ctx,
        ),
      ),
  },
  {
    name: 'reversed',
    params: params('seq'),
    call: (args) => {
      const seq = required(args, 'seq');
      const items = toItems(seq);
      let i = items.length;
      const kind =
        seq instanceof NDArray
          ? 'reversed'
          : seq.kind === 'list'
            ? 'list_reverseiterator'
            : seq.kind === 'range'
              ? 'range_iterator'
              : 'reversed';
      return iterator(kind, () => (i > 0 ? items[--i] : undefined));
    },
  },
  {
    name: 'sum',
    params: params('iterable', 'start?'),
    call: (args) => {
      let total: Value = args.named.get('start') ?? pyInt(0);
      if (!(total instanceof NDArray) && total.kind === 'string') {
        throw new MatError("sum() can't sum strings [use ''.join(seq) instead]", 'TypeError');
      }
      const next = iterate(required(args, 'iterable'));
      for (let item = next(); item !== undefined; item = next()) {
        tick();
        total = binaryOp('+', total, item);
      }
      return total;
    },
  },
  {
    name: 'min',
    params: params('iterable', '*key?', '*default?'),
    varargs: 'args',
    call: (args, ctx) => extreme('min', args, ctx),
  },
  {
    name: 'max',
    params: params('iterable', '*key?', '*default?'),
    varargs: 'args',
    call: (args, ctx) => extreme('max', args, ctx),
  },
  {
    name: 'abs',
    params: params('x'),
    call: (args) => {
      const x = required(args, 'x');
      if (!(x instanceof NDArray))
        throw new MatError(`bad operand type for abs(): '${typeName(x)}'`, 'TypeError');
      if (isPythonScalar(x)) {
        if (x.big !== undefined) return intFromBig(x.big < 0n ? -x.big : x.big);
        if (x.im) return complexAbs(x);
        return x.dtype === 'float64' ? pyFloat(Math.abs(x.data[0])) : pyInt(Math.abs(x.data[0]));
      }
      return unaryMath('abs', x);
    },
  },
  {
    name: 'round',
    params: params('number', 'ndigits?'),
    call: (args) => pyRound(required(args, 'number'), args.named.get('ndigits')),
  },
  {
    name: 'pow',
    params: params('base', 'exp', 'mod?'),
    call: (args) => {
      const mod = optional(args, 'mod');
      if (mod === undefined) return binaryOp('**', required(args, 'base'), required(args, 'exp'));
      for (const operand of [required(args, 'base'), required(args, 'exp'), mod])
        if (operand instanceof NDArray && operand.im) throw new MatError('complex modulo', 'ValueError');
      let base = BigInt(intOf(required(args, 'base')));
      let exp = BigInt(intOf(required(args, 'exp')));
      const m = BigInt(intOf(mod));
      if (m === 0n) throw new MatError('pow() 3rd argument cannot be 0', 'ValueError');
      if (exp < 0n)
        throw new MatError('pow() 2nd argument cannot be negative when 3rd argument specified', 'ValueError');
      let result = 1n;
      base = ((base % m) + m) % m;
      while (exp > 0n) {
        if (exp & 1n) result = (result * base) % m;
        base = (base * base) % m;
        exp >>= 1n;
      }
      return intFromBig(m < 0n && result > 0n ? result + m : result);
    },
  },
  { name: 'hex', params: params('x'), call: (args) => str(radix(required(args, 'x'), 16, '0x')) },
  { name: 'oct', params: params('x'), call: (args) => str(radix(required(args, 'x'), 8, '0o')) },
  { name: 'bin', params: params('x'), call: (args) => str(radix(required(args, 'x'), 2, '0b')) },
  {
    name: 'divmod',
    params: params('a', 'b'),
    call: (args) => {
      const a = required(args, 'a');
      const b = required(args, 'b');
      if ((isPythonScalar(a) && a.im) || (isPythonScalar(b) && b.im))
        throw new MatError(
          `unsupported operand type(s) for divmod(): '${typeName(a)}' and '${typeName(b)}'`,
          'TypeError',
        );
      return { kind: 'tuple', items: [binaryOp('//', a, b), binaryOp('%', a, b)] };
    },
  },
  {
    name: 'all',
    params: params('iterable'),
    call: (args) => {
      const next = iterate(required(args, 'iterable'));
      for (let item = next(); item !== undefined; item = next()) if (!truthy(item)) return pyBool(false);
      return pyBool(true);
    },
  },
  {
    name: 'any',
    params: params('iterable'),
    call: (args) => {
      const next = iterate(required(args, 'iterable'));
      for (let item = next(); item !== undefined; item = next()) if (truthy(item)) return pyBool(true);
      return pyBool(false);
    },
  },
  {
    name: 'map',
    params: params('function'),
    varargs: 'iterables',
    call: (args, ctx) => {
      const fn = required(args, 'function');
      const nexts = args.rest.map(iterate);
      if (nexts.length === 0) throw new MatError('map() must have at least two arguments.', 'TypeError');
      return iterator('map', () => {
        const items: Value[] = [];
        for (const next of nexts) {
          const item = next();
          if (item === undefined) return undefined;
          items.push(item);
        }
        return ctx.callValue(fn, items);
      });
    },
  },
  {
    name: 'filter',
    params: params('function', 'iterable'),
    call: (args, ctx) => {
      const fn = required(args, 'function');
      const next = iterate(required(args, 'iterable'));
      const none = !(fn instanceof NDArray) && fn.kind === 'none';
      return iterator('filter', () => {
        for (let item = next(); item !== undefined; item = next()) {
          if (truthy(none ? item : ctx.callValue(fn, [item]))) return item;
        }
        return undefined;
      });
    },
  },
  {
    name: 'isinstance',
    params: params('obj', 'classinfo'),
    call: (args) => pyBool(isInstance(required(args, 'obj'), required(args, 'classinfo'))),
  },
  { name: 'type', params: params('obj'), call: (args) => typeOf(required(args, 'obj')) },
  {
    name: 'str',
    params: params('object?'),
    call: (args) => str(args.named.has('object') ? printText(required(args, 'object')) : ''),
  },
  { name: 'repr', params: params('obj'), call: (args) => str(reprText(required(args, 'obj'))) },
  {
    name: 'list',
    params: params('iterable?'),
    call: (args) => newList(args.named.has('iterable') ? toItems(required(args, 'iterable')) : []),
  },
  {
    name: 'tuple',
    params: params('iterable?'),
    call: (args) => ({
      kind: 'tuple',
      items: args.named.has('iterable') ? toItems(required(args, 'iterable')) : [],
    }),
  },
  {
    name: 'dict',
    params: params('mapping?'),
    keywords: true,
    call: (args) => {
      const out = newDict();
      const source = args.named.get('mapping');
      if (source !== undefined) {
        if (!(source instanceof NDArray) && source.kind === 'dict')
          for (const [h, e] of source.entries) out.entries.set(h, e);
        else {
          for (const pair of toItems(source)) {
            const items = toItems(pair);
            if (items.length !== 2) {
              throw new MatError(
                `dictionary update sequence element #0 has length ${items.length}; 2 is required`,
                'ValueError',
              );
            }
            out.entries.set(hashKey(items[0]), { key: items[0], value: items[1] });
          }
        }
      }
      for (const [key, value] of args.extra ?? [])
        out.entries.set(hashKey(str(key)), { key: str(key), value });
      return out;
    },
  },
  {
    name: 'set',
    params: params('iterable?'),
    call: (args) => {
      const entries = new Map<string, Value>();
      if (args.named.has('iterable'))
        for (const item of toItems(required(args, 'iterable'))) entries.set(hashKey(item), item);
      return { kind: 'set', entries };
    },
  },
  {
    name: 'format',
    params: params('value', 'format_spec?'),
    call: (args) => str(formatWithSpec(required(args, 'value'), textArg(args, 'format_spec', ''))),
  },
  {
    name: 'chr',
    params: params('i'),
    call: (args) => str(String.fromCodePoint(intOf(required(args, 'i')))),
  },
  {
    name: 'ord',
    params: params('c'),
    call: (args) => {
      const c = required(args, 'c');
      if (c instanceof NDArray || c.kind !== 'string' || [...c.value].length !== 1) {
        throw new MatError(
          `ord() expected a character, but string of length ${c instanceof NDArray || c.kind !== 'string' ? 0 : c.value.length} found`,
          'TypeError',
        );
      }
      return pyInt(c.value.codePointAt(0) as number);
    },
  },
  {
    name: 'callable',
    params: params('obj'),
    call: (args) => {
      const v = required(args, 'obj');
      return pyBool(
        !(v instanceof NDArray) &&
          ['function', 'builtin', 'method', 'bound-method', 'dtype'].includes(v.kind),
      );
    },
  },
  {
    name: 'hash',
    params: params('obj'),
    call: (args) => {
      const key = hashKey(required(args, 'obj'));
      let h = 0;
      for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
      return pyInt(h);
    },
  },
  {
    name: 'slice',
    params: params('start', 'stop?', 'step?'),
    call: (args) =>
      args.named.has('stop')
        ? {
            kind: 'slice',
            start: required(args, 'start'),
            stop: required(args, 'stop'),
            step: args.named.get('step') ?? NONE,
          }
        : { kind: 'slice', start: NONE, stop: required(args, 'start'), step: NONE },
  },
  {
    name: 'iter',
    params: params('obj'),
    call: (args) => {
      const v = required(args, 'obj');
      return !(v instanceof NDArray) && v.kind === 'iterator'
        ? v
        : iterator(`${typeName(v)}_iterator`, iterate(v));
    },
  },
  {
    name: 'next',
    params: params('iterator', 'default?'),
    call: (args) => {
      const it = required(args, 'iterator');
      if (it instanceof NDArray || it.kind !== 'iterator')
        throw new MatError(`'${typeName(it)}' object is not an iterator`, 'TypeError');
      const item = it.next();
      if (item !== undefined) return item;
      const fallback = args.named.get('default');
      if (fallback !== undefined) return fallback;
      throw new MatError('', 'StopIteration');
    },
  },
];

export const PYTHON_BUILTINS: readonly BuiltinImpl[] = IMPLEMENTATIONS.map((impl) => ({
  ...impl,
  pythonKeywords: true,
}));
