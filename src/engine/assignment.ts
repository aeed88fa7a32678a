import type { AssignTarget, Expr, IndexExpr, NameExpr, Range } from './ast';
import { toArray } from './builtins/convert';
import { MatError } from './errors';
import { indexSpecs } from './indexSpec';
import { matmul } from './linalg';
import type { NDArray } from './ndarray';
import { type ArithmeticOp, astype, binary, setIndex } from './ops';
import { AUG_UFUNC, canCastSameKind, shapeTuple, unpack } from './semantics';
import { isArray, typeName, type Value } from './values';

/**
 * What assignment needs from the evaluator (which implements it): names are
 * read and bound through it, at statement level (no function locals).
 */
export interface AssignmentScope {
  evaluate(expr: Expr, locals: undefined): Value;
  /** Reads a name, with Python's NameError when it is not bound. */
  lookup(name: NameExpr, locals: undefined): Value;
  /** Binds a global name. */
  bind(name: string, value: Value): void;
}

/** Binds a value to a target (`a`, `a[i]`, `a, b`) and returns what the statement shows. */
export function assign(target: AssignTarget, value: Value, scope: AssignmentScope): Value {
  if (target.kind === 'name') {
    // `sigmoid = lambda x: ...` names the function, so messages and hovers say `sigmoid`.
    const named =
      !isArray(value) && value.kind === 'function' && value.name === '<lambda>'
        ? { ...value, name: target.name }
        : value;
    scope.bind(target.name, named);
    return named;
  }
  if (target.kind === 'index') return assignIndex(target, toArray(value, 'assigned value'), scope);
  const items = unpack(value, target.items.length);
  target.items.forEach((item, i) => {
    assign(item, items[i], scope);
  });
  return value;
}

function assignIndex(target: IndexExpr, value: NDArray, scope: AssignmentScope): Value {
  if (target.object.kind !== 'name') {
    throw new MatError(
      'only elements of a variable can be assigned (such as a[0, 1] = 5)',
      'SyntaxError',
      target.range,
    );
  }
  const current = scope.lookup(target.object, undefined);
  if (!isArray(current)) {
    throw new MatError(
      `'${typeName(current)}' object does not support item assignment`,
      'TypeError',
      target.range,
    );
  }
  const updated = setIndex(
    current,
    indexSpecs(target, (e) => scope.evaluate(e, undefined)),
    value,
  );
  scope.bind(target.object.name, updated);
  return updated;
}

/** `a += b`: arrays update in place, so the result keeps a's shape and dtype (NumPy's casting rule). */
export function augmentedAssign(
  target: NameExpr | IndexExpr,
  op: string,
  valueExpr: Expr,
  opRange: Range,
  scope: AssignmentScope,
): Value {
  const current =
    target.kind === 'name' ? scope.lookup(target, undefined) : scope.evaluate(target, undefined);
  const operand = scope.evaluate(valueExpr, undefined);
  const left = toArray(current, 'target');
  const right = toArray(operand, 'operand');
  let result: NDArray;
  try {
    result = op === '@' ? matmul(left, right) : binary(op as ArithmeticOp, left, right);
  } catch (error) {
    if (
      error instanceof MatError &&
      isArray(current) &&
      current.ndim > 0 &&
      /^operands could not be broadcast/.test(error.message)
    ) {
      // In place, NumPy also lists the output operand's shape.
      throw new MatError(`${error.message}${shapeTuple(left.shape)} `, 'ValueError', opRange);
    }
    if (error instanceof MatError && !error.range) error.range = opRange;
    throw error;
  }
  if (isArray(current) && current.ndim > 0) {
    if (result.dtype !== left.dtype && !canCastSameKind(result.dtype, left.dtype)) {
      throw new MatError(
        `Cannot cast ufunc '${AUG_UFUNC[op]}' output from dtype('${result.dtype}') to dtype('${left.dtype}') with casting rule 'same_kind'`,
        'UFuncTypeError',
        opRange,
      );
    }
    if (result.shape.length !== left.shape.length || result.shape.some((d, i) => d !== left.shape[i])) {
      throw new MatError(
        `non-broadcastable output operand with shape ${shapeTuple(left.shape)} doesn't match the broadcast shape ${shapeTuple(result.shape)}`,
        'ValueError',
        opRange,
      );
    }
    if (result.dtype !== left.dtype) result = astype(result, left.dtype);
  }
  if (target.kind === 'name') {
    scope.bind(target.name, result);
    return result;
  }
  return assignIndex(target, result, scope);
}
