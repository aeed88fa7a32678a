import type { Value } from '../values';
import { callWithComplex, needsComplexCall } from './complexCalls';
import { type BuiltinSpec, bindArguments, type CallContext } from './registry';
import { zeroDimResult } from './zeroDim';

/**
 * Calls a NumPy built-in (`np.sum(a)`, and `a.sum()` through it) with
 * Python's argument binding: complex arguments go through complexCalls.ts,
 * and a result without dimensions is a 0-d array where NumPy's is one.
 */
export function callNumpyBuiltin(
  spec: BuiltinSpec,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
  ctx: CallContext,
): Value {
  const bound = bindArguments(spec, positional, keywords);
  const result = needsComplexCall(spec, positional, keywords)
    ? callWithComplex(spec, bound, ctx)
    : spec.call(bound, ctx);
  return zeroDimResult(spec.name, bound, result);
}
