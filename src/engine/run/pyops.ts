import { MatError } from '../errors';
import { checkDeadline, reserve, tick } from '../limits';
import { NDArray } from '../ndarray';
import { getIndex } from '../ops';
import { setItems } from '../setOrder';
import {
  type DictValue,
  dictViewItems,
  isPythonScalar,
  type ListValue,
  NONE,
  pyBool,
  pyFloat,
  pyInt,
  typeName,
  type Value,
} from '../values';
import { own } from './heap';

/**
 * Python's protocols for the values that are not arrays: truth, length,
 * iteration, hashing (dict and set keys), equality and ordering, and
 * membership. Arrays join in where Python hands them to NumPy.
 */

export function newList(items: Value[]): ListValue {
  reserve(items.length);
  return own({ kind: 'list', items });
}

export function newDict(): DictValue {
  return own({ kind: 'dict', entries: new Map() });
}

/** Python's `bool(value)`; an array of several elements raises NumPy's ValueError. */
export function truthy(value: Value): boolean {
  if (value instanceof NDArray) {
    if (value.size === 1) return value.data[0] !== 0 || (value.im !== undefined && value.imag[0] !== 0);
    if (value.size === 0) {
      throw new MatError(
        'The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.',
        'ValueError',
      );
    }
    throw new MatError(
      'The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()',
      'ValueError',
    );
  }
  switch (value.kind) {
    case 'none':
      return false;
    case 'list':
    case 'tuple':
      return value.items.length > 0;
    case 'string':
      return value.value.length > 0;
    case 'dict':
    case 'set':
      return value.entries.size > 0;
    case 'dict-view':
      return value.dict.entries.size > 0;
    case 'range':
      return rangeLength(value.start, value.stop, value.step) > 0;
    case 'printed':
      return false;
    default:
      return true;
  }
}

export function rangeLength(start: number, stop: number, step: number): number {
  const n = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
  return Math.max(0, n);
}

/** Python's `len(value)`. */
export function pyLen(value: Value): number {
  if (value instanceof NDArray) {
    if (value.ndim === 0) {
      throw new MatError(
        value.python ? `object of type '${typeName(value)}' has no len()` : 'len() of unsized object',
        'TypeError',
      );
    }
    return value.shape[0];
  }
  switch (value.kind) {
    case 'list':
    case 'tuple':
      return value.items.length;
    case 'string':
      return [...value.value].length;
    case 'dict':
    case 'set':
      return value.entries.size;
    case 'dict-view':
      return value.dict.entries.size;
    case 'range':
      return rangeLength(value.start, value.stop, value.step);
    case 'record':
      if (value.pythonClass?.length) return value.pythonClass.length(value);
      throw new MatError(`object of type '${typeName(value)}' has no len()`, 'TypeError');
    default:
      throw new MatError(`object of type '${typeName(value)}' has no len()`, 'TypeError');
  }
}

/** A Python iterator over `value`: call it for each next item, `undefined` at the end. */
export function iterate(value: Value): () => Value | undefined {
  if (value instanceof NDArray) {
    if (value.ndim === 0) {
      throw new MatError(
        value.python ? `'${typeName(value)}' object is not iterable` : 'iteration over a 0-d array',
        'TypeError',
      );
    }
    let i = 0;
    const n = value.shape[0];
    if (value.ndim === 1) {
      return () => (i < n ? value.element(i++) : undefined);
    }
    return () => (i < n ? getIndex(value, [{ kind: 'int', value: i++ }]) : undefined);
  }
  switch (value.kind) {
    case 'list':
    case 'tuple': {
      // By index, as Python does: a loop sees items appended while it runs.
      const items = value.kind === 'list' ? value : { items: value.items };
      let i = 0;
      return () => (i < items.items.length ? items.items[i++] : undefined);
    }
    case 'string': {
      const chars = [...value.value];
      let i = 0;
      return () => (i < chars.length ? { kind: 'string', value: chars[i++] } : undefined);
    }
    case 'range': {
      const { start, step } = value;
      const n = rangeLength(start, value.stop, step);
      let i = 0;
      return () => (i < n ? pyInt(start + step * i++) : undefined);
    }
    case 'dict': {
      const keys = [...value.entries.values()].map((e) => e.key);
      const size = value.entries.size;
      let i = 0;
      return () => {
        if (value.entries.size !== size) {
          throw new MatError('dictionary changed size during iteration', 'RuntimeError');
        }
        return i < keys.length ? keys[i++] : undefined;
      };
    }
    case 'set': {
      const items = setItems(value);
      let i = 0;
      return () => (i < items.length ? items[i++] : undefined);
    }
    case 'iterator':
      return () => value.next();
    case 'dict-view':
      return iterate(newList(dictViewItems(value)));
    case 'record':
      // An object with NumPy's `__array__` iterates as that array (a poly1d over its coefficients).
      if (value.pythonClass?.array) return iterate(value.pythonClass.array(value));
      throw new MatError(`'${typeName(value)}' object is not iterable`, 'TypeError');
    default:
      throw new MatError(`'${typeName(value)}' object is not iterable`, 'TypeError');
  }
}

/** Every item of an iterable, counted against the size limit. */
export function toItems(value: Value): Value[] {
  if (!(value instanceof NDArray) && (value.kind === 'list' || value.kind === 'tuple'))
    return [...value.items];
  const next = iterate(value);
  const out: Value[] = [];
  for (let item = next(); item !== undefined; item = next()) {
    tick();
    out.push(item);
  }
  reserve(out.length);
  return out;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/** The key a value has in a dict or set: equal values (1, 1.0, True) share one; unhashable values raise. */
export function hashKey(value: Value): string {
  if (value instanceof NDArray) {
    if (value.ndim > 0) throw new MatError("unhashable type: 'numpy.ndarray'", 'TypeError');
    if (value.big !== undefined) return `n${value.big}`;
    const x = value.data[0];
    // A complex with a zero imaginary part is the real number it equals (hash(1+0j) == hash(1)).
    if (value.im && value.imag[0] !== 0) {
      const y = value.imag[0];
      return Number.isNaN(x) || Number.isNaN(y) ? `nan${identityOf(value)}` : `c${x === 0 ? 0 : x},${y}`;
    }
    return Number.isNaN(x) ? `nan${identityOf(value)}` : `n${x === 0 ? 0 : x}`;
  }
  switch (value.kind) {
    case 'string':
      return `s${value.value}`;
    case 'none':
      return 'None';
    case 'tuple':
      return `t(${value.items.map(hashKey).join(',')})`;
    case 'list':
    case 'dict':
    case 'set':
      throw new MatError(`unhashable type: '${value.kind}'`, 'TypeError');
    case 'dtype':
      return `d${value.dtype}`;
    default:
      return `o${identityOf(value)}`;
  }
}

function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return id;
}

/** Python's `a == b` as a truth value (array results go through `truthy`, as Python's `in` does). */
export function pyEquals(a: Value, b: Value, compareArrays: (a: Value, b: Value) => Value): boolean {
  if (a === b) return true;
  if (a instanceof NDArray && b instanceof NDArray && a.ndim === 0 && b.ndim === 0) {
    if (a.big !== undefined || b.big !== undefined) return bigOf(a) === bigOf(b);
    return a.data[0] === b.data[0] && (a.im ? a.imag[0] : 0) === (b.im ? b.imag[0] : 0);
  }
  if (a instanceof NDArray || b instanceof NDArray) {
    if (a instanceof NDArray && b instanceof NDArray) return truthy(compareArrays(a, b));
    const other = (a instanceof NDArray ? b : a) as Exclude<Value, NDArray>;
    if (other.kind === 'list' || other.kind === 'tuple') return truthy(compareArrays(a, b));
    return false;
  }
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'string':
      return a.value === (b as typeof a).value;
    case 'none':
      return true;
    case 'list':
    case 'tuple': {
      const other = b as typeof a;
      if (a.items.length !== other.items.length) return false;
      checkDeadline();
      return a.items.every((item, i) => pyEquals(item, other.items[i], compareArrays));
    }
    case 'dict': {
      const other = b as DictValue;
      if (a.entries.size !== other.entries.size) return false;
      for (const [hash, entry] of a.entries) {
        const match = other.entries.get(hash);
        if (!match || !pyEquals(entry.value, match.value, compareArrays)) return false;
      }
      return true;
    }
    case 'set': {
      const other = b as typeof a;
      if (a.entries.size !== other.entries.size) return false;
      for (const hash of a.entries.keys()) if (!other.entries.has(hash)) return false;
      return true;
    }
    case 'range': {
      const other = b as typeof a;
      const n = rangeLength(a.start, a.stop, a.step);
      const m = rangeLength(other.start, other.stop, other.step);
      return n === m && (n === 0 || (a.start === other.start && (n === 1 || a.step === other.step)));
    }
    case 'dtype':
      return a.dtype === (b as typeof a).dtype;
    case 'builtin':
    case 'module':
      return a.name === (b as typeof a).name;
    default:
      return false;
  }
}

export function bigOf(a: NDArray): bigint {
  return a.big ?? BigInt(a.data[0]);
}

/**
 * Python's ordering of strings, lists and tuples (`<`, `<=`, `>`, `>=`), as
 * a comparison result -1, 0 or 1; numbers are compared by the caller.
 */
export function orderSequences(
  op: string,
  a: Value,
  b: Value,
  lessThan: (a: Value, b: Value) => boolean,
  equals: (a: Value, b: Value) => boolean,
): number {
  if (!(a instanceof NDArray) && !(b instanceof NDArray)) {
    if (a.kind === 'string' && b.kind === 'string') {
      return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    }
    if ((a.kind === 'list' || a.kind === 'tuple') && a.kind === b.kind) {
      const n = Math.min(a.items.length, b.items.length);
      for (let i = 0; i < n; i++) {
        if (equals(a.items[i], b.items[i])) continue;
        return lessThan(a.items[i], b.items[i]) ? -1 : 1;
      }
      return a.items.length - b.items.length;
    }
  }
  throw new MatError(
    `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
    'TypeError',
  );
}

/** Python's `x in container`. */
export function contains(
  container: Value,
  item: Value,
  compareArrays: (a: Value, b: Value) => Value,
): boolean {
  if (container instanceof NDArray) {
    if (container.ndim === 0 && container.python) {
      throw new MatError(`argument of type '${typeName(container)}' is not iterable`, 'TypeError');
    }
    const eq = compareArrays(container, item);
    return eq instanceof NDArray && eq.data.some((x) => x !== 0);
  }
  switch (container.kind) {
    case 'list':
    case 'tuple':
      return container.items.some((x) => pyEquals(x, item, compareArrays));
    case 'string':
      if (item instanceof NDArray || item.kind !== 'string') {
        throw new MatError(
          `'in <string>' requires string as left operand, not ${typeName(item)}`,
          'TypeError',
        );
      }
      return container.value.includes(item.value);
    case 'dict':
      return container.entries.has(hashKey(item));
    case 'dict-view':
      if (container.view === 'keys') return container.dict.entries.has(hashKey(item));
      return dictViewItems(container).some((x) => pyEquals(x, item, compareArrays));
    case 'set':
      return container.entries.has(hashKey(item));
    case 'range': {
      if (!(item instanceof NDArray) || item.ndim !== 0) return false;
      const x = item.data[0];
      const { start, stop, step } = container;
      if (!Number.isInteger(x)) return false;
      if (step > 0 ? x < start || x >= stop : x > start || x <= stop) return false;
      return (x - start) % step === 0;
    }
    default: {
      const next = iterate(container);
      for (let x = next(); x !== undefined; x = next()) if (pyEquals(x, item, compareArrays)) return true;
      return false;
    }
  }
}

/** A Python index into a sequence of `length` items: negative from the end; out of range raises. */
export function sequenceIndex(index: Value, length: number, what: string): number {
  if (!(index instanceof NDArray) || index.ndim !== 0 || index.dtype === 'float64') {
    throw new MatError(
      `${what} indices must be integers or slices, not ${index instanceof NDArray && index.ndim === 0 ? 'float' : typeName(index)}`,
      'TypeError',
    );
  }
  let i = index.data[0];
  if (i < 0) i += length;
  if (i < 0 || i >= length) throw new MatError(`${what} index out of range`, 'IndexError');
  return i;
}

/** Python's slice of a sequence of `length`: the indices it picks. */
export function sliceRange(
  start: number | null,
  stop: number | null,
  step: number | null,
  length: number,
): number[] {
  const s = step ?? 1;
  if (s === 0) throw new MatError('slice step cannot be zero', 'ValueError');
  const clamp = (v: number | null, dflt: number, lo: number, hi: number) => {
    if (v === null) return dflt;
    let x = v < 0 ? v + length : v;
    if (x < lo) x = lo;
    if (x > hi) x = hi;
    return x;
  };
  const out: number[] = [];
  if (s > 0) {
    const a = clamp(start, 0, 0, length);
    const b = clamp(stop, length, 0, length);
    for (let i = a; i < b; i += s) out.push(i);
  } else {
    const a = clamp(start, length - 1, -1, length - 1);
    const b = clamp(stop, -1, -1, length - 1);
    for (let i = a; i > b; i += s) out.push(i);
  }
  return out;
}

/** `int`/`float`/`bool` of a Python scalar result. */
export function pyNumber(x: number, isInt: boolean): NDArray {
  return isInt ? pyInt(x) : pyFloat(x);
}

export { isPythonScalar, NONE, pyBool };
