import type { CallExpr, Expr, IndexExpr, Range } from './ast';
import { toInt } from './builtins/convert';
import { MatError } from './errors';
import type { Outcome } from './evaluator';
import { checkDeadline } from './limits';
import { NDArray } from './ndarray';
import { arrayFromItems, getIndex } from './ops';
import { type FunctionValue, isArray, NONE, type TupleValue, typeName, type Value } from './values';

/**
 * Python's semantics for what is not an array: tuple equality and indexing,
 * unpacking, dtype comparison, NumPy's in-place casting rule, and turning
 * an exception into a statement's error outcome.
 */

/** `a.shape == (2, 3)`, `a.dtype == np.float64`: Python equality of non-arrays, or undefined for arrays. */
export function pythonEquality(left: Value, right: Value): boolean | undefined {
  const leftKind = isArray(left) ? 'array' : left.kind;
  const rightKind = isArray(right) ? 'array' : right.kind;
  if (leftKind === 'dtype' || rightKind === 'dtype') {
    const name = (v: Value) =>
      isArray(v)
        ? undefined
        : v.kind === 'dtype'
          ? v.dtype
          : v.kind === 'string'
            ? normaliseDTypeName(v.value)
            : undefined;
    const a = name(left);
    const b = name(right);
    return a !== undefined && a === b;
  }
  if (leftKind === 'tuple' && rightKind === 'tuple') return sameValues(left, right);
  if (leftKind === 'none' || rightKind === 'none') return leftKind === rightKind;
  if (leftKind === 'string' && rightKind === 'string') {
    return (left as { value: string }).value === (right as { value: string }).value;
  }
  return undefined;
}

function normaliseDTypeName(name: string): string | undefined {
  const names: Record<string, string> = {
    float: 'float64',
    float64: 'float64',
    int: 'int64',
    int64: 'int64',
    bool: 'bool',
  };
  return Object.hasOwn(names, name) ? names[name] : undefined;
}

function sameValues(a: Value, b: Value): boolean {
  // Python compares tuple items by identity first; tuples that share items
  // (x = (x, x) line after line) would otherwise take exponential time.
  if (a === b) return true;
  checkDeadline();
  if (isArray(a) || isArray(b)) {
    if (!isArray(a) || !isArray(b) || a.size !== b.size || a.ndim !== b.ndim) return false;
    return a.data.every((x, i) => x === b.data[i]);
  }
  if (a.kind === 'tuple' && b.kind === 'tuple') {
    return a.items.length === b.items.length && a.items.every((item, i) => sameValues(item, b.items[i]));
  }
  return pythonEquality(a, b) ?? false;
}

/** `x = print(a)` binds None, as in Python. */
export function bindable(value: Value): Value {
  return !isArray(value) && value.kind === 'printed' ? NONE : value;
}

export function checkOperand(value: Value, op: string): void {
  if (isArray(value) || value.kind === 'tuple') return;
  throw new MatError(`unsupported operand type(s) for ${op}: '${typeName(value)}'`, 'TypeError');
}

export function canCastSameKind(from: NDArray['dtype'], to: NDArray['dtype']): boolean {
  const rank: Record<NDArray['dtype'], number> = { bool: 0, int64: 1, float64: 2 };
  return rank[from] <= rank[to];
}

export function shapeTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

export function unpack(value: Value, count: number): Value[] {
  let items: Value[];
  if (!isArray(value) && value.kind === 'tuple') items = [...value.items];
  else if (isArray(value) && value.ndim > 0) {
    items = [];
    for (let i = 0; i < value.shape[0]; i++) items.push(getIndex(value, [{ kind: 'int', value: i }]));
  } else throw new MatError(`cannot unpack non-iterable ${typeName(value)} object`, 'TypeError');
  if (items.length !== count) {
    throw new MatError(
      items.length > count
        ? `too many values to unpack (expected ${count})`
        : `not enough values to unpack (expected ${count}, got ${items.length})`,
      'ValueError',
    );
  }
  return items;
}

export function indexTuple(tuple: TupleValue, expr: IndexExpr, evaluate: (e: Expr) => Value): Value {
  if (expr.indices.length !== 1)
    throw new MatError('tuple indices must be integers or slices, not tuple', 'TypeError');
  const item = expr.indices[0];
  if (item.kind === 'slice') {
    const spec = (e: Expr | undefined) => (e ? toInt(evaluate(e)) : null);
    const picked = getIndex(arrayFromItems(tuple.items.map((_, i) => NDArray.scalar(i, 'int64'))), [
      { kind: 'slice', start: spec(item.start), stop: spec(item.stop), step: spec(item.step) },
    ]);
    return { kind: 'tuple', items: Array.from(picked.data, (i) => tuple.items[i]) };
  }
  let i = toInt(evaluate(item), 'index');
  if (i < 0) i += tuple.items.length;
  if (i < 0 || i >= tuple.items.length)
    throw new MatError('tuple index out of range', 'IndexError', item.range);
  return tuple.items[i];
}

export function calleeText(text: string, expr: CallExpr): string {
  return text.slice(expr.callee.range.start, expr.callee.range.end);
}

export function errorOutcome(error: unknown, fallback: Range): Outcome {
  if (error instanceof MatError) {
    return {
      kind: 'error',
      message: error.message,
      pythonType: error.pythonType,
      range: error.range ?? fallback,
    };
  }
  if (error instanceof RangeError && /array length|allocation/i.test(error.message)) {
    return {
      kind: 'error',
      message: `out of memory: ${error.message}`,
      pythonType: 'MemoryError',
      range: fallback,
    };
  }
  // An engine bug must not take the editor down: report it on the statement.
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'error',
    message: `internal error: ${message}`,
    pythonType: 'InternalError',
    range: fallback,
  };
}

/** The error for each construct v1 does not run. */
export const UNSUPPORTED: Readonly<Record<string, string>> = {
  for: 'loops are not supported in .mat files (v1); use train(...) or the Neural Network Playground for training loops',
  while: 'while loops are not supported in .mat files (v1)',
  if: 'if blocks are not supported in .mat files (v1)',
  class: 'classes are not supported in .mat files (v1)',
};

/** NumPy's ufunc name behind each augmented assignment, for its casting message. */
export const AUG_UFUNC: Readonly<Record<string, string>> = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
  '//': 'floor_divide',
  '%': 'remainder',
  '**': 'power',
  '@': 'matmul',
};

/** Binds a call's arguments to a user function's parameters, with Python's messages. */
export function bindParameters(
  fn: FunctionValue,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
): Map<string, Value> {
  const locals = new Map<string, Value>(fn.closure ?? []);
  const { params } = fn;
  if (positional.length > params.length) {
    const n = params.length;
    throw new MatError(
      `${fn.name}() takes ${n} positional argument${n === 1 ? '' : 's'} but ${positional.length} ${positional.length === 1 ? 'was' : 'were'} given`,
      'TypeError',
    );
  }
  const bound = new Set<string>();
  params.forEach((param, i) => {
    if (i < positional.length) {
      locals.set(param.name, positional[i]);
      bound.add(param.name);
    }
  });
  for (const [key, value] of keywords) {
    if (!params.some((p) => p.name === key)) {
      throw new MatError(`${fn.name}() got an unexpected keyword argument '${key}'`, 'TypeError');
    }
    if (bound.has(key))
      throw new MatError(`${fn.name}() got multiple values for argument '${key}'`, 'TypeError');
    locals.set(key, value);
    bound.add(key);
  }
  const missing = params.filter((p) => !bound.has(p.name) && !fn.defaults.has(p.name));
  for (const param of params) {
    const fallback = fn.defaults.get(param.name);
    if (!bound.has(param.name) && fallback !== undefined) locals.set(param.name, fallback);
  }
  if (missing.length > 0) {
    const names = missing.map((p) => `'${p.name}'`).join(' and ');
    throw new MatError(
      `${fn.name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${names}`,
      'TypeError',
    );
  }
  return locals;
}
