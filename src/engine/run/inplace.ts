import { toArray } from '../builtins/convert';
import { canCastSameKind } from '../dtypes';
import { MatError } from '../errors';
import { retain } from '../limits';
import { matmul } from '../linalg';
import { NDArray } from '../ndarray';
import { type ArithmeticOp, astype, binary } from '../ops';
import { UFUNC_NAMES } from '../ops/elementwise';
import { FloatingPointError } from '../ops/floatErrors';
import type { Value } from '../values';
import { noteWrite } from './heap';
import { BITWISE_UFUNC, binaryOp } from './operators';
import { toItems } from './pyops';
import { checkWritable, wrote } from './views';

/** NumPy's ufunc name behind each augmented assignment, for its casting message. */
const AUG_UFUNC: Readonly<Record<string, string>> = { ...UFUNC_NAMES, ...BITWISE_UFUNC, '@': 'matmul' };

function shapeTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

/**
 * `target op= operand` where Python changes the target in place: an array
 * (every name bound to it, and views of it, see the change; NumPy's
 * same-kind casting rule applies) or a list (`+=` extends, `*=` repeats).
 * Returns undefined where Python rebinds instead (numbers, strings, tuples).
 */
export function inPlace(op: string, target: Value, operand: Value): Value | undefined {
  if (target instanceof NDArray) {
    // A NumPy scalar is immutable (Python rebinds the name); a 0-d array changes in place.
    if (target.python || (target.ndim === 0 && !target.zeroDim)) return undefined;
    checkWritable(target, 'output array');
    let result: NDArray;
    // NumPy raises a floating-point error after its loop wrote the target.
    let raised: FloatingPointError | undefined;
    try {
      // The operand as it is: a Python number is weak (`int8_array += 1` stays int8).
      result =
        op === '@'
          ? matmul(target, toArray(operand, 'operand'))
          : (binaryOp(op as ArithmeticOp, target, operand) as NDArray);
    } catch (error) {
      if (error instanceof FloatingPointError && error.result) {
        raised = error;
        result = error.result;
      } else if (error instanceof MatError && /^operands could not be broadcast/.test(error.message)) {
        // In place, NumPy also lists the output operand's shape.
        throw new MatError(`${error.message}${shapeTuple(target.shape)} `, 'ValueError');
      } else throw error;
    }
    if (!canCastSameKind(result.dtype, target.dtype)) {
      throw new MatError(
        `Cannot cast ufunc '${AUG_UFUNC[op]}' output from dtype('${result.dtype}') to dtype('${target.dtype}') with casting rule 'same_kind'`,
        'UFuncTypeError',
      );
    }
    if (result.shape.length !== target.shape.length || result.shape.some((d, i) => d !== target.shape[i])) {
      throw new MatError(
        `non-broadcastable output operand with shape ${shapeTuple(target.shape)} doesn't match the broadcast shape ${shapeTuple(result.shape)}`,
        'ValueError',
      );
    }
    noteWrite(target);
    const cast = result.dtype === target.dtype ? result : astype(result, target.dtype);
    target.data.set(cast.data);
    if (target.im) target.imag.set(cast.imag);
    wrote(target);
    if (raised) throw raised;
    return target;
  }
  if (target.kind === 'list' && (op === '+' || op === '*')) {
    if (op === '+') {
      const items = toItems(operand);
      retain(items.length);
      noteWrite(target);
      for (const item of items) target.items.push(item);
      return target;
    }
    const repeated = binaryOp('*', target, operand);
    if (repeated instanceof NDArray || repeated.kind !== 'list') return repeated;
    noteWrite(target);
    target.items = repeated.items;
    return target;
  }
  return undefined;
}

export { binary };
