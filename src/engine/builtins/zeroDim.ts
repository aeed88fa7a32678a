import type { Value } from '../values';
import { isArray } from '../values';
import type { BoundArgs } from './registry';

/**
 * NumPy's ufuncs and reductions turn a result without dimensions into a
 * scalar (`np.array(5) + 1` is `np.int64(6)`); its array-building functions
 * keep it an ndarray (`np.array(5)`, `np.zeros(())`, `np.tensordot(a, b, 1)`
 * are `array(5)`, `array(0.)`, `array(11)`). These are the built-ins of the
 * second kind.
 */
const ARRAY_RESULTS: ReadonlySet<string> = new Set([
  'array',
  'asarray',
  'copy',
  'zeros',
  'ones',
  'empty',
  'full',
  'zeros_like',
  'ones_like',
  'empty_like',
  'full_like',
  'reshape',
  'squeeze',
  'transpose',
  'pad',
  'broadcast_to',
  'tensordot',
  'cov',
]);

/** A built-in's result, a 0-d ndarray where NumPy's is one (the random functions too when given `size=()`). */
export function zeroDimResult(name: string, args: BoundArgs, result: Value): Value {
  if (!isArray(result) || result.ndim !== 0 || result.python) return result;
  const size = args.named.get('size');
  const sized = name.startsWith('random.') && size !== undefined && (isArray(size) || size.kind !== 'none');
  return ARRAY_RESULTS.has(name) || sized ? result.asZeroDim() : result;
}
