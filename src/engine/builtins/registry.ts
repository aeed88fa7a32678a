import type { LegacyRandom } from '../../nn/random';
import { MatError } from '../errors';
import type { PrintOptions } from '../format';
import type { FloatErrorSettings } from '../ops/floatErrors';
import type { Value } from '../values';
import type { BuiltinInfo } from './catalog';

/** One parameter of a built-in, in Python's positional-or-keyword order. */
export interface ParamSpec {
  readonly name: string;
  /** Present when the parameter is optional; `undefined` means "absent" (None-like). */
  readonly optional?: boolean;
  /** Keyword-only (after `*` in the Python signature). */
  readonly keywordOnly?: boolean;
}

/** What a built-in sees of the evaluator. */
export interface CallContext {
  /** NumPy's global legacy generator (copied on first use for this statement). */
  rng(): LegacyRandom;
  /** Calls a user function or built-in value, for built-ins that take callables. */
  callValue(fn: Value, args: readonly Value[], keywords?: ReadonlyMap<string, Value>): Value;
  /** Writes to the statement's printed output (`print`). */
  write(text: string): void;
  /** The print options the program set (`np.set_printoptions`); empty until it sets some. */
  printOptions(): Partial<PrintOptions>;
  setPrintOptions(options: Partial<PrintOptions>): void;
  /** How floating-point errors are handled (`np.seterr`); NumPy's defaults until the program sets them. */
  floatErrors(): FloatErrorSettings;
  setFloatErrors(settings: FloatErrorSettings): void;
}

/** Arguments bound to parameter names; extra positionals land in `rest` when the built-in takes `*args`. */
export interface BoundArgs {
  readonly named: ReadonlyMap<string, Value>;
  readonly rest: readonly Value[];
  /** Keywords beyond the parameters, when the built-in takes `**kwargs` (`dict(a=1)`). */
  readonly extra?: ReadonlyMap<string, Value>;
}

/**
 * How a built-in binds its arguments and what it computes. Its name,
 * signature and doc are in ./catalog.ts, which the editor loads without the
 * kernels; ./index.ts pairs the two by name.
 */
export interface BuiltinImpl {
  /** Qualified name without `np.`, as in the catalog: `dot`, `linalg.pinv`, `random.seed`. */
  readonly name: string;
  readonly params: readonly ParamSpec[];
  /** Name of a `*args` parameter, if the built-in takes one (`rand(*shape)`, `print(*values)`). */
  readonly varargs?: string;
  /** Takes keywords beyond its parameters (Python's `**kwargs`), in `BoundArgs.extra`. */
  readonly keywords?: boolean;
  /** Python's own built-ins word an unknown keyword their way: `'axis' is an invalid keyword argument for sum()`. */
  readonly pythonKeywords?: boolean;
  call(args: BoundArgs, ctx: CallContext): Value;
}

/** A built-in as the evaluator sees it: its catalog entry and its implementation together. */
export interface BuiltinSpec extends BuiltinInfo, BuiltinImpl {}

const positionalCache = new WeakMap<BuiltinImpl, readonly ParamSpec[]>();

/** A built-in's positional parameters, worked out once (calls in loops bind thousands of times). */
function positionalOf(spec: BuiltinImpl): readonly ParamSpec[] {
  let positional = positionalCache.get(spec);
  if (!positional) {
    positional = spec.params.filter((p) => !p.keywordOnly);
    positionalCache.set(spec, positional);
  }
  return positional;
}

/** Binds positional and keyword arguments the way Python does, with Python's messages. */
export function bindArguments(
  spec: BuiltinImpl,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
): BoundArgs {
  const shortName = spec.name.slice(spec.name.lastIndexOf('.') + 1);
  const named = new Map<string, Value>();
  const positionalParams = positionalOf(spec);
  const rest: Value[] = [];
  positional.forEach((value, i) => {
    if (i < positionalParams.length) named.set(positionalParams[i].name, value);
    else if (spec.varargs) rest.push(value);
    else {
      const max = positionalParams.length;
      throw new MatError(
        `${shortName}() takes ${max === 0 ? 'no' : `at most ${max}`} positional argument${max === 1 ? '' : 's'} but ${positional.length} were given`,
        'TypeError',
      );
    }
  });
  const extra = new Map<string, Value>();
  for (const [key, value] of keywords) {
    const param = spec.params.find((p) => p.name === key);
    if (!param && spec.keywords) {
      extra.set(key, value);
      continue;
    }
    if (!param) {
      throw new MatError(
        spec.pythonKeywords
          ? spec.params.length === 0 && !spec.varargs
            ? `${shortName}() takes no keyword arguments`
            : `'${key}' is an invalid keyword argument for ${shortName}()`
          : `${shortName}() got an unexpected keyword argument '${key}'`,
        'TypeError',
      );
    }
    if (named.has(key)) {
      throw new MatError(`${shortName}() got multiple values for argument '${key}'`, 'TypeError');
    }
    named.set(key, value);
  }
  for (const param of spec.params) {
    if (!param.optional && !named.has(param.name)) {
      throw new MatError(`${shortName}() missing required argument '${param.name}'`, 'TypeError');
    }
  }
  return spec.keywords ? { named, rest, extra } : { named, rest };
}

/** Shorthand for a parameter list: `'a', 'b', 'axis?', '*dtype?'` (`?` optional, `*` keyword-only). */
export function params(...names: string[]): ParamSpec[] {
  return names.map((raw) => {
    const keywordOnly = raw.startsWith('*');
    const optional = raw.endsWith('?');
    const name = raw.replace(/^\*/, '').replace(/\?$/, '');
    return { name, optional, keywordOnly };
  });
}
