import type { Expr, IndexExpr, SliceExpr } from './ast';
import { toArray, toInt } from './builtins/convert';
import { isFloatDType } from './dtypes';
import { MatError } from './errors';
import type { IndexSpec } from './ops';
import { isArray, type Value } from './values';

const INVALID_INDEX =
  'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices';

/**
 * The index specs of `a[...]`, in NumPy's terms: each item evaluated through
 * `evaluate` (the caller decides the scope), then checked the way NumPy checks it.
 */
export function indexSpecs(expr: IndexExpr, evaluate: (expr: Expr) => Value): IndexSpec[] {
  const [only] = expr.indices;
  if (expr.indices.length === 1 && !expr.trailingComma && only.kind !== 'slice') {
    const value = evaluate(only);
    // NumPy reads a tuple key as one index per axis: a[np.nonzero(a)], a[np.where(c)].
    if (!isArray(value) && value.kind === 'tuple')
      return value.items.map((item) => keySpec(item, only.range));
    return [valueSpec(value, only.range)];
  }
  return expr.indices.map(
    (item): IndexSpec =>
      item.kind === 'slice' ? sliceSpec(item, evaluate) : valueSpec(evaluate(item), item.range),
  );
}

/** One evaluated index item; a tuple inside a multi-index is an index array (`a[(0, 1), 2]`). */
function valueSpec(value: Value, range: Expr['range']): IndexSpec {
  if (!isArray(value)) {
    if (value.kind === 'none') return { kind: 'newaxis' };
    if (value.kind === 'ellipsis') return { kind: 'ellipsis' };
    if (value.kind === 'tuple') return { kind: 'array', array: toArray(value, 'index') };
    throw new MatError(INVALID_INDEX, 'IndexError', range);
  }
  if (value.ndim === 0 && value.dtype !== 'bool') {
    if (isFloatDType(value.dtype)) throw new MatError(INVALID_INDEX, 'IndexError', range);
    return { kind: 'int', value: value.item() };
  }
  return { kind: 'array', array: value };
}

/** An item of a tuple key: also slice objects, lists and ranges (the evaluator converts those only in literals). */
function keySpec(item: Value, range: Expr['range']): IndexSpec {
  if (isArray(item)) return valueSpec(item, range);
  if (item.kind === 'slice') {
    const bound = (v: Value) => (!isArray(v) && v.kind === 'none' ? null : toInt(v));
    return { kind: 'slice', start: bound(item.start), stop: bound(item.stop), step: bound(item.step) };
  }
  if (item.kind === 'list' || item.kind === 'range') return valueSpec(toArray(item, 'index'), range);
  return valueSpec(item, range);
}

function sliceSpec(item: SliceExpr, evaluate: (expr: Expr) => Value): IndexSpec {
  const bound = (e: Expr | undefined): number | null => {
    if (!e) return null;
    const value = evaluate(e);
    if (!isArray(value) && value.kind === 'none') return null;
    try {
      return toInt(value);
    } catch {
      throw new MatError(
        'slice indices must be integers or None or have an __index__ method',
        'TypeError',
        e.range,
      );
    }
  };
  return { kind: 'slice', start: bound(item.start), stop: bound(item.stop), step: bound(item.step) };
}
