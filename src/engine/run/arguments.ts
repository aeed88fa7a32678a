import { MatError } from '../errors';
import { type FunctionValue, newTupleOf, type Value } from '../values';
import { hashKey, newDict } from './pyops';

/**
 * Binds a call's arguments to a user function's parameters with Python's
 * rules and messages: positional, keyword, defaults, `*args`, keyword-only
 * parameters and `**kwargs`.
 */
export function bindParameters(
  fn: FunctionValue,
  vars: Map<string, Value>,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
): void {
  const params = fn.params;
  const ordinary = params.filter((p) => !p.star && !p.keywordOnly);
  const varargs = params.find((p) => p.star === '*');
  const varkw = params.find((p) => p.star === '**');
  const bound = new Set<string>();
  if (positional.length > ordinary.length && !varargs) {
    const n = ordinary.length;
    const required = ordinary.filter((p) => !fn.defaults.has(p.name)).length;
    const takes = required < n ? `from ${required} to ${n}` : `${n}`;
    throw new MatError(
      `${fn.name}() takes ${takes} positional argument${n === 1 ? '' : 's'} but ${positional.length} ${positional.length === 1 ? 'was' : 'were'} given`,
      'TypeError',
    );
  }
  ordinary.forEach((param, i) => {
    if (i < positional.length) {
      vars.set(param.name, positional[i]);
      bound.add(param.name);
    }
  });
  if (varargs) vars.set(varargs.name, newTupleOf(positional.slice(ordinary.length)));
  const extra = varkw ? newDict() : undefined;
  for (const [key, value] of keywords) {
    const param = params.find((p) => p.name === key && !p.star);
    if (!param) {
      if (extra) {
        extra.entries.set(hashKey({ kind: 'string', value: key }), {
          key: { kind: 'string', value: key },
          value,
        });
        continue;
      }
      throw new MatError(`${fn.name}() got an unexpected keyword argument '${key}'`, 'TypeError');
    }
    if (bound.has(key))
      throw new MatError(`${fn.name}() got multiple values for argument '${key}'`, 'TypeError');
    vars.set(key, value);
    bound.add(key);
  }
  if (varkw && extra) vars.set(varkw.name, extra);
  const missing: string[] = [];
  const missingKeyword: string[] = [];
  for (const param of params) {
    if (param.star || bound.has(param.name)) continue;
    const fallback = fn.defaults.get(param.name);
    if (fallback !== undefined) vars.set(param.name, fallback);
    else if (param.keywordOnly) missingKeyword.push(param.name);
    else missing.push(param.name);
  }
  if (missing.length > 0) throw missingError(fn.name, missing, 'positional argument');
  if (missingKeyword.length > 0) throw missingError(fn.name, missingKeyword, 'keyword-only argument');
}

function missingError(name: string, missing: readonly string[], what: string): MatError {
  const quoted = missing.map((p) => `'${p}'`);
  const names =
    quoted.length <= 2
      ? quoted.join(' and ')
      : `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
  return new MatError(
    `${name}() missing ${missing.length} required ${what}${missing.length === 1 ? '' : 's'}: ${names}`,
    'TypeError',
  );
}
