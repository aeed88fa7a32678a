import { NDArray } from '../ndarray';
import { NONE, type Value } from '../values';
import { ARRAY_BUILTINS } from './arrays';
import { dtypeValue } from './convert';
import { LINALG_BUILTINS } from './linalg';
import { MATH_BUILTINS } from './math';
import { PYTHON_BUILTINS } from './python';
import { RANDOM_BUILTINS } from './random';
import type { BuiltinSpec } from './registry';
import { TRAIN_BUILTINS } from './train';

export type { BuiltinSpec, CallContext } from './registry';
export { bindArguments } from './registry';

/** Every built-in by qualified name (`dot`, `linalg.pinv`, `random.seed`). */
export const BUILTINS: ReadonlyMap<string, BuiltinSpec> = new Map(
  [...ARRAY_BUILTINS, ...MATH_BUILTINS, ...LINALG_BUILTINS, ...RANDOM_BUILTINS, ...TRAIN_BUILTINS].map(
    (spec) => [spec.name, spec],
  ),
);

/** Python's own functions that a NumPy user writes alongside (`print`, `len`). Not under `np.`. */
export const PYTHON_FUNCTIONS: ReadonlyMap<string, BuiltinSpec> = new Map(
  PYTHON_BUILTINS.map((spec) => [spec.name, spec]),
);

/** The modules a file can reach: `np`, `np.linalg`, `np.random`. */
export const MODULES = ['numpy', 'numpy.linalg', 'numpy.random'] as const;
export type ModuleName = (typeof MODULES)[number];

const PREFIX: Readonly<Record<ModuleName, string>> = {
  numpy: '',
  'numpy.linalg': 'linalg.',
  'numpy.random': 'random.',
};

/** Constants and dtypes reachable as `np.X` and as bare names. */
const CONSTANTS: ReadonlyMap<string, Value> = new Map<string, Value>([
  ['pi', NDArray.scalar(Math.PI, 'float64')],
  ['e', NDArray.scalar(Math.E, 'float64')],
  ['inf', NDArray.scalar(Number.POSITIVE_INFINITY, 'float64')],
  ['nan', NDArray.scalar(Number.NaN, 'float64')],
  ['newaxis', NONE],
  ['float64', dtypeValue('float64', 'numpy.float64')],
  ['int64', dtypeValue('int64', 'numpy.int64')],
  ['bool_', dtypeValue('bool', 'numpy.bool')],
]);

/** Python's type names, usable as dtypes (`dtype=float`) and as conversions (`float(x)`). */
const PYTHON_TYPES: ReadonlyMap<string, Value> = new Map<string, Value>([
  ['float', dtypeValue('float64', 'float')],
  ['int', dtypeValue('int64', 'int')],
  ['bool', dtypeValue('bool', 'bool')],
]);

/** The value of `module.member` (`np.dot`, `np.linalg`, `np.pi`), or undefined. */
export function moduleMember(module: ModuleName, member: string): Value | undefined {
  if (module === 'numpy') {
    if (member === 'linalg') return { kind: 'module', name: 'numpy.linalg' };
    if (member === 'random') return { kind: 'module', name: 'numpy.random' };
    const constant = CONSTANTS.get(member);
    if (constant) return constant;
    if (member === 'bool') return dtypeValue('bool', 'numpy.bool');
  }
  const qualified = PREFIX[module] + member;
  if (BUILTINS.has(qualified)) return { kind: 'builtin', name: qualified };
  return undefined;
}

/** Names of a module's members, for completion and "did you mean". */
export function moduleMemberNames(module: ModuleName): string[] {
  const prefix = PREFIX[module];
  const names = [...BUILTINS.keys()]
    .filter((name) => (prefix ? name.startsWith(prefix) : !name.includes('.')))
    .map((name) => name.slice(prefix.length));
  if (module === 'numpy') names.push('linalg', 'random', ...CONSTANTS.keys());
  return names;
}

/**
 * A bare name's built-in value: NumPy functions without `np.` (and without
 * `linalg.`/`random.` where marked), Python's functions and types, the
 * module names themselves, and NumPy's constants.
 */
export function bareBuiltin(name: string): Value | undefined {
  if (name === 'np' || name === 'numpy') return { kind: 'module', name: 'numpy' };
  if (name === 'linalg') return { kind: 'module', name: 'numpy.linalg' };
  if (name === 'random') return { kind: 'module', name: 'numpy.random' };
  if (PYTHON_FUNCTIONS.has(name)) return { kind: 'builtin', name };
  const type = PYTHON_TYPES.get(name);
  if (type) return type;
  if (BUILTINS.has(name)) return { kind: 'builtin', name };
  for (const prefix of ['linalg.', 'random.']) {
    const spec = BUILTINS.get(prefix + name);
    if (spec?.bare) return { kind: 'builtin', name: spec.name };
  }
  return CONSTANTS.get(name);
}

/** Every bare name the language knows, for completion and "did you mean". */
export function bareBuiltinNames(): string[] {
  const names = new Set<string>([
    'np',
    'numpy',
    'linalg',
    'random',
    ...PYTHON_FUNCTIONS.keys(),
    ...PYTHON_TYPES.keys(),
  ]);
  for (const spec of BUILTINS.values()) {
    const dot = spec.name.indexOf('.');
    if (dot < 0) names.add(spec.name);
    else if (spec.bare) names.add(spec.name.slice(dot + 1));
  }
  for (const name of CONSTANTS.keys()) names.add(name);
  return [...names];
}

/** Looks up a built-in's spec by the qualified name a BuiltinValue carries. */
export function builtinSpec(name: string): BuiltinSpec | undefined {
  return BUILTINS.get(name) ?? PYTHON_FUNCTIONS.get(name);
}
