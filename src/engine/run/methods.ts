import type { CallContext } from '../builtins';
import { callGeneratorMethod, hasGeneratorMethod } from '../builtins/generator';
import { printText } from '../display';
import { MatError } from '../errors';
import { retain } from '../limits';
import { NDArray } from '../ndarray';
import {
  type DictValue,
  type ListValue,
  NONE,
  pyBool,
  pyComplex,
  pyInt,
  type SetValue,
  type TupleValue,
  typeName,
  type Value,
} from '../values';
import { formatMethod } from './formatting';
import { noteWrite, own } from './heap';
import { callMath } from './math';
import { compare, compareArrays } from './operators';
import { hashKey, newList, pyEquals, sequenceIndex, toItems, truthy } from './pyops';
import { sortValues } from './sorting';

/**
 * Methods of Python's lists, dicts, sets and strings (`xs.append(x)`,
 * `d.items()`, `s.split()`), with Python's results and messages.
 */

type Method<T> = (self: T, args: readonly Value[], kw: ReadonlyMap<string, Value>, ctx: CallContext) => Value;

const str = (value: string): Value => ({ kind: 'string', value });
const eq = (a: Value, b: Value) => pyEquals(a, b, compareArrays);

function arity(name: string, args: readonly Value[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    const what =
      min === max
        ? `${name}() takes exactly ${min === 0 ? 'no arguments' : `one argument`} (${args.length} given)`
        : `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${args.length}`;
    throw new MatError(what, 'TypeError');
  }
}

function intArg(value: Value | undefined, fallback: number): number {
  if (value === undefined || (!(value instanceof NDArray) && value.kind === 'none')) return fallback;
  if (value instanceof NDArray && value.ndim === 0 && value.dtype !== 'float64') return value.data[0];
  throw new MatError(`'${typeName(value)}' object cannot be interpreted as an integer`, 'TypeError');
}

function stringArg(value: Value | undefined, what: string): string {
  if (value !== undefined && !(value instanceof NDArray) && value.kind === 'string') return value.value;
  throw new MatError(
    `${what} must be str, not ${value === undefined ? 'None' : typeName(value)}`,
    'TypeError',
  );
}

const LIST: Record<string, Method<ListValue>> = {
  append: (self, args) => {
    arity('list.append', args, 1, 1);
    noteWrite(self);
    retain(1 + (args[0] instanceof NDArray ? args[0].size : 0));
    self.items.push(args[0]);
    return NONE;
  },
  extend: (self, args) => {
    arity('list.extend', args, 1, 1);
    const items = toItems(args[0]);
    noteWrite(self);
    retain(items.length);
    self.items.push(...items);
    return NONE;
  },
  insert: (self, args) => {
    arity('insert', args, 2, 2);
    noteWrite(self);
    let i = intArg(args[0], 0);
    const n = self.items.length;
    if (i < 0) i = Math.max(0, i + n);
    self.items.splice(Math.min(i, n), 0, args[1]);
    retain(1);
    return NONE;
  },
  pop: (self, args) => {
    arity('pop', args, 0, 1);
    if (self.items.length === 0) throw new MatError('pop from empty list', 'IndexError');
    let i = intArg(args[0], -1);
    if (i < 0) i += self.items.length;
    if (i < 0 || i >= self.items.length) throw new MatError('pop index out of range', 'IndexError');
    noteWrite(self);
    return self.items.splice(i, 1)[0];
  },
  remove: (self, args) => {
    arity('list.remove', args, 1, 1);
    const i = self.items.findIndex((x) => eq(x, args[0]));
    if (i < 0) throw new MatError('list.remove(x): x not in list', 'ValueError');
    noteWrite(self);
    self.items.splice(i, 1);
    return NONE;
  },
  index: (self, args) => {
    const start = intArg(args[1], 0);
    const i = self.items.findIndex((x, k) => k >= start && eq(x, args[0]));
    if (i < 0) throw new MatError(`${printTextRepr(args[0])} is not in list`, 'ValueError');
    return pyInt(i);
  },
  count: (self, args) => pyInt(self.items.filter((x) => eq(x, args[0])).length),
  sort: (self, args, kw, ctx) => {
    if (args.length > 0) throw new MatError('sort() takes no positional arguments', 'TypeError');
    noteWrite(self);
    self.items = sortValues(self.items, kw.get('key'), truthy(kw.get('reverse') ?? pyBool(false)), ctx);
    return NONE;
  },
  reverse: (self) => {
    noteWrite(self);
    self.items.reverse();
    return NONE;
  },
  copy: (self) => newList([...self.items]),
  clear: (self) => {
    noteWrite(self);
    self.items = [];
    return NONE;
  },
};

function printTextRepr(value: Value): string {
  return !(value instanceof NDArray) && value.kind === 'string' ? `'${value.value}'` : printText(value);
}

const TUPLE: Record<string, Method<TupleValue>> = {
  index: (self, args) => {
    const i = self.items.findIndex((x) => eq(x, args[0]));
    if (i < 0) throw new MatError('tuple.index(x): x not in tuple', 'ValueError');
    return pyInt(i);
  },
  count: (self, args) => pyInt(self.items.filter((x) => eq(x, args[0])).length),
};

const DICT: Record<string, Method<DictValue>> = {
  keys: (self) => ({ kind: 'dict-view', view: 'keys', dict: self }),
  values: (self) => ({ kind: 'dict-view', view: 'values', dict: self }),
  items: (self) => ({ kind: 'dict-view', view: 'items', dict: self }),
  popitem: (self) => {
    const last = [...self.entries.keys()].pop();
    if (last === undefined) throw new MatError("'popitem(): dictionary is empty'", 'KeyError');
    noteWrite(self);
    const entry = self.entries.get(last) as { key: Value; value: Value };
    self.entries.delete(last);
    return { kind: 'tuple', items: [entry.key, entry.value] };
  },
  get: (self, args) => self.entries.get(hashKey(args[0]))?.value ?? args[1] ?? NONE,
  pop: (self, args) => {
    const hash = hashKey(args[0]);
    const entry = self.entries.get(hash);
    if (!entry) {
      if (args.length > 1) return args[1];
      throw new MatError(printTextRepr(args[0]), 'KeyError');
    }
    noteWrite(self);
    self.entries.delete(hash);
    return entry.value;
  },
  setdefault: (self, args) => {
    const hash = hashKey(args[0]);
    const entry = self.entries.get(hash);
    if (entry) return entry.value;
    noteWrite(self);
    const value = args[1] ?? NONE;
    self.entries.set(hash, { key: args[0], value });
    return value;
  },
  update: (self, args, kw) => {
    noteWrite(self);
    const other = args[0];
    if (other && !(other instanceof NDArray) && other.kind === 'dict') {
      for (const [hash, entry] of other.entries) self.entries.set(hash, entry);
    } else if (other) {
      for (const pair of toItems(other)) {
        const [key, value] = toItems(pair);
        self.entries.set(hashKey(key), { key, value });
      }
    }
    for (const [key, value] of kw) self.entries.set(hashKey(str(key)), { key: str(key), value });
    return NONE;
  },
  copy: (self) => own({ kind: 'dict', entries: new Map(self.entries) }),
  clear: (self) => {
    noteWrite(self);
    self.entries.clear();
    return NONE;
  },
};

const SET: Record<string, Method<SetValue>> = {
  add: (self, args) => {
    noteWrite(self);
    self.entries.set(hashKey(args[0]), args[0]);
    return NONE;
  },
  remove: (self, args) => {
    noteWrite(self);
    if (!self.entries.delete(hashKey(args[0]))) throw new MatError(printTextRepr(args[0]), 'KeyError');
    return NONE;
  },
  discard: (self, args) => {
    noteWrite(self);
    self.entries.delete(hashKey(args[0]));
    return NONE;
  },
  union: (self, args) => {
    const out = own({ kind: 'set' as const, entries: new Map(self.entries) });
    for (const other of args) for (const item of toItems(other)) out.entries.set(hashKey(item), item);
    return out;
  },
  intersection: (self, args) => {
    const other = new Set(toItems(args[0]).map(hashKey));
    return own({ kind: 'set', entries: new Map([...self.entries].filter(([h]) => other.has(h))) });
  },
  difference: (self, args) => {
    const other = new Set(toItems(args[0]).map(hashKey));
    return own({ kind: 'set', entries: new Map([...self.entries].filter(([h]) => !other.has(h))) });
  },
  copy: (self) => own({ kind: 'set', entries: new Map(self.entries) }),
};

type StrMethod = (s: string, args: readonly Value[], kw: ReadonlyMap<string, Value>) => Value;

function splitWhitespace(s: string, max: number): string[] {
  const parts: string[] = [];
  let rest = s.replace(/^\s+/, '');
  while (rest !== '') {
    if (max >= 0 && parts.length === max) {
      parts.push(rest);
      break;
    }
    const m = /\s+/.exec(rest);
    if (!m) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  return parts;
}

function stripChars(args: readonly Value[]): string | undefined {
  const c = args[0];
  return c === undefined || (!(c instanceof NDArray) && c.kind === 'none')
    ? undefined
    : stringArg(c, 'strip arg');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const STR: Record<string, StrMethod> = {
  upper: (s) => str(s.toUpperCase()),
  lower: (s) => str(s.toLowerCase()),
  title: (s) => str(s.replace(/\w\S*/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase())),
  capitalize: (s) => str(s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()),
  strip: (s, a) => {
    const c = stripChars(a);
    return str(
      c === undefined
        ? s.trim()
        : s.replace(new RegExp(`^[${escapeRegExp(c)}]+|[${escapeRegExp(c)}]+$`, 'g'), ''),
    );
  },
  lstrip: (s, a) => {
    const c = stripChars(a);
    return str(c === undefined ? s.trimStart() : s.replace(new RegExp(`^[${escapeRegExp(c)}]+`), ''));
  },
  rstrip: (s, a) => {
    const c = stripChars(a);
    return str(c === undefined ? s.trimEnd() : s.replace(new RegExp(`[${escapeRegExp(c)}]+$`), ''));
  },
  split: (s, a, kw) => {
    const sepValue = a[0] ?? kw.get('sep');
    const max = intArg(a[1] ?? kw.get('maxsplit'), -1);
    if (sepValue === undefined || (!(sepValue instanceof NDArray) && sepValue.kind === 'none')) {
      return newList(splitWhitespace(s, max).map(str));
    }
    const sep = stringArg(sepValue, 'separator');
    if (sep === '') throw new MatError('empty separator', 'ValueError');
    const parts = s.split(sep);
    if (max >= 0 && parts.length > max + 1) parts.splice(max, parts.length - max, parts.slice(max).join(sep));
    return newList(parts.map(str));
  },
  join: (s, a) => {
    const items = toItems(a[0]).map((item, i) => {
      if (item instanceof NDArray || item.kind !== 'string') {
        throw new MatError(`sequence item ${i}: expected str instance, ${typeName(item)} found`, 'TypeError');
      }
      return item.value;
    });
    return str(items.join(s));
  },
  replace: (s, a) => {
    const old = stringArg(a[0], 'replace() argument 1');
    const repl = stringArg(a[1], 'replace() argument 2');
    return str(s.split(old).join(repl));
  },
  startswith: (s, a) => pyBool(s.startsWith(stringArg(a[0], 'startswith first arg'))),
  endswith: (s, a) => pyBool(s.endsWith(stringArg(a[0], 'endswith first arg'))),
  find: (s, a) => pyInt(s.indexOf(stringArg(a[0], 'must be str'))),
  index: (s, a) => {
    const i = s.indexOf(stringArg(a[0], 'must be str'));
    if (i < 0) throw new MatError('substring not found', 'ValueError');
    return pyInt(i);
  },
  count: (s, a) => {
    const sub = stringArg(a[0], 'must be str');
    return pyInt(sub === '' ? s.length + 1 : s.split(sub).length - 1);
  },
  isdigit: (s) => pyBool(/^\d+$/.test(s)),
  isalpha: (s) => pyBool(/^\p{L}+$/u.test(s)),
  isspace: (s) => pyBool(/^\s+$/.test(s)),
  isupper: (s) => pyBool(/\p{Lu}/u.test(s) && s === s.toUpperCase()),
  islower: (s) => pyBool(/\p{Ll}/u.test(s) && s === s.toLowerCase()),
  zfill: (s, a) => {
    const width = intArg(a[0], 0);
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return str(sign + s.slice(sign.length).padStart(width - sign.length, '0'));
  },
  center: (s, a) => {
    const width = intArg(a[0], 0);
    const fill = a[1] ? stringArg(a[1], 'fill') : ' ';
    const total = Math.max(0, width - s.length);
    const left = Math.floor(total / 2) + (total % 2 && width % 2 ? 1 : 0);
    return str(fill.repeat(left) + s + fill.repeat(total - left));
  },
  ljust: (s, a) => str(s.padEnd(intArg(a[0], 0), a[1] ? stringArg(a[1], 'fill') : ' ')),
  rjust: (s, a) => str(s.padStart(intArg(a[0], 0), a[1] ? stringArg(a[1], 'fill') : ' ')),
  format: (s, a, kw) => str(formatMethod(s, a, kw)),
  splitlines: (s) =>
    newList(
      s
        .split(/\r\n|\r|\n/)
        .filter((_, i, all) => i < all.length - 1 || all[i] !== '')
        .map(str),
    ),
};

/** A Python complex's one method. */
const COMPLEX: Record<string, (self: NDArray, args: readonly Value[]) => Value> = {
  conjugate: (self) => pyComplex(self.data[0], -self.imag[0]),
};

const SCALAR: Record<string, (self: NDArray, args: readonly Value[]) => Value> = {
  is_integer: (self) => pyBool(Number.isInteger(self.data[0])),
  as_integer_ratio: (self) => {
    const x = self.data[0];
    if (self.dtype !== 'float64') return { kind: 'tuple', items: [self, pyInt(1)] };
    if (!Number.isFinite(x))
      throw new MatError(
        `cannot convert ${Number.isNaN(x) ? 'NaN' : 'Infinity'} to integer ratio`,
        Number.isNaN(x) ? 'ValueError' : 'OverflowError',
      );
    let n = x;
    let d = 1;
    while (!Number.isInteger(n)) {
      n *= 2;
      d *= 2;
    }
    return { kind: 'tuple', items: [pyInt(n), pyInt(d)] };
  },
  conjugate: (self) => self,
  bit_length: (self) =>
    pyInt(
      (self.big ?? BigInt(Math.abs(self.data[0]))).toString(2).replace(/^-/, '').replace(/^0$/, '').length,
    ),
};

/** Does `object.name` name one of these methods? */
/** Each Python class's method table, for methods looked up on the class (`str.lower`). */
const CLASS_METHODS: Readonly<Record<string, object>> = {
  list: LIST,
  tuple: TUPLE,
  dict: DICT,
  set: SET,
  str: STR,
  float: SCALAR,
  int: SCALAR,
  complex: COMPLEX,
};

/** The class of `str.lower`, `list.append`, `float.is_integer` when it has that method. */
export function classWithMethod(className: string, name: string): boolean {
  const table = CLASS_METHODS[className];
  return table !== undefined && Object.hasOwn(CLASS_METHODS, className) && Object.hasOwn(table, name);
}

export function hasPythonMethod(object: Value, name: string): boolean {
  if (object instanceof NDArray) return object.python && Object.hasOwn(object.im ? COMPLEX : SCALAR, name);
  switch (object.kind) {
    case 'list':
      return Object.hasOwn(LIST, name);
    case 'tuple':
      return Object.hasOwn(TUPLE, name);
    case 'dict':
      return Object.hasOwn(DICT, name);
    case 'set':
      return Object.hasOwn(SET, name);
    case 'string':
      return Object.hasOwn(STR, name);
    case 'generator':
      return hasGeneratorMethod(name);
    case 'record':
      return object.pythonClass?.methods?.has(name) ?? false;
    default:
      return false;
  }
}

/** Calls `self.name(*positional, **keywords)`. */
export function callPythonMethod(
  self: Value,
  name: string,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
  ctx: CallContext,
): Value {
  if (self instanceof NDArray) return (self.im ? COMPLEX : SCALAR)[name](self, positional);
  switch (self.kind) {
    case 'list':
      return LIST[name](self, positional, keywords, ctx);
    case 'tuple':
      return TUPLE[name](self, positional, keywords, ctx);
    case 'dict':
      return DICT[name](self, positional, keywords, ctx);
    case 'set':
      return SET[name](self, positional, keywords, ctx);
    case 'string':
      return STR[name](self.value, positional, keywords);
    case 'module':
      return callMath(name, positional, keywords);
    case 'generator':
      return callGeneratorMethod(self, name, positional, keywords, ctx);
    case 'record':
      if (self.pythonClass?.callMethod)
        return self.pythonClass.callMethod(self, name, positional, keywords, ctx);
      throw new MatError(`'${typeName(self)}' object has no attribute '${name}'`, 'AttributeError');
    default:
      throw new MatError(`'${typeName(self)}' object has no attribute '${name}'`, 'AttributeError');
  }
}

export { compare, sequenceIndex };
