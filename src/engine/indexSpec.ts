import type { Expr, IndexExpr, SliceExpr } from './ast';
import { toInt } from './builtins/convert';
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
  return expr.indices.map((item): IndexSpec => {
    if (item.kind === 'slice') return sliceSpec(item, evaluate);
    const value = evaluate(item);
    if (!isArray(value)) {
      if (value.kind === 'none') return { kind: 'newaxis' };
      throw new MatError(INVALID_INDEX, 'IndexError', item.range);
    }
    if (value.ndim === 0 && value.dtype !== 'bool') {
      if (value.dtype === 'float64') throw new MatError(INVALID_INDEX, 'IndexError', item.range);
      return { kind: 'int', value: value.item() };
    }
    return { kind: 'array', array: value };
  });
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
