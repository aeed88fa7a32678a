import type { CallContext } from '../builtins';
import { MatError } from '../errors';
import { NDArray } from '../ndarray';
import type { Value } from '../values';
import { compare } from './operators';
import { truthy } from './pyops';

/**
 * Python's `sorted`/`list.sort`: stable, by `key` when given, reversed
 * stably (equal items keep their order), comparing with `<` as Python does
 * (so a mix of strings and numbers raises Python's TypeError).
 */
export function sortValues(
  items: readonly Value[],
  key: Value | undefined,
  reverse: boolean,
  ctx: CallContext,
): Value[] {
  const useKey = key !== undefined && !(!(key instanceof NDArray) && key.kind === 'none');
  const keys = useKey ? items.map((item) => ctx.callValue(key as Value, [item])) : items;
  const order = items.map((_, i) => i);
  const less = (a: Value, b: Value) => truthy(compare('<', a, b));
  order.sort((i, j) => {
    const a = keys[i];
    const b = keys[j];
    if (reverse) return less(b, a) ? -1 : less(a, b) ? 1 : i - j;
    return less(a, b) ? -1 : less(b, a) ? 1 : i - j;
  });
  return order.map((i) => items[i]);
}

export { MatError };
