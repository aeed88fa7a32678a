import { ABSTRACT_SCALAR_TYPES, NUMPY_SCALAR_TYPES } from '../dtypes';
import { NDArray } from '../ndarray';
import { NONE, pyFloat, type Value } from '../values';
import { ARRAY_BUILTINS } from './arrays';
import { BUILDING_BUILTINS } from './building';
import {
  BUILTIN_CATALOG,
  type BuiltinInfo,
  type ModuleName,
  type NameRef,
  NUMPY_BOOL,
  PYTHON_CATALOG,
  PYTHON_PREFIX,
  resolveBareName,
  resolveModuleMember,
} from './catalog';
import { COMPLEX_BUILTINS } from './complex';
import { dtypeValue } from './convert';
import { ERROR_HANDLING_BUILTINS } from './errorHandling';
import { LINALG_BUILTINS } from './linalg';
import { MATH_BUILTINS } from './math';
import { NUMERICS_BUILTINS } from './numerics';
import { POLYNOMIAL_BUILTINS } from './polynomial';
import { PRINTING_BUILTINS } from './printing';
import { PYTHON_BUILTINS } from './python';
import { RANDOM_BUILTINS } from './random';
import type { BuiltinImpl, BuiltinSpec } from './registry';
import { SHAPING_BUILTINS } from './shaping';
import { SORTING_BUILTINS } from './sorting';
import { TRAIN_BUILTINS } from './train';
import { TYPE_INFO_BUILTINS } from './typeInfo';

export type { BuiltinInfo, ModuleName, NameRef } from './catalog';
export { bareBuiltinNames, MODULES, moduleMemberNames } from './catalog';
export type { BuiltinImpl, BuiltinSpec, CallContext } from './registry';
export { bindArguments } from './registry';

/**
 * Each catalog entry with its implementation, in the catalog's order. A
 * built-in on one side only is a programming error: it fails here, when the
 * engine loads (and the builtins-catalog unit test catches it first).
 */
export function pairWithCatalog(
  catalog: ReadonlyMap<string, BuiltinInfo>,
  implementations: readonly BuiltinImpl[],
): Map<string, BuiltinSpec> {
  const byName = new Map(implementations.map((impl) => [impl.name, impl]));
  for (const impl of implementations) {
    if (!catalog.has(impl.name)) {
      throw new Error(`internal: built-in '${impl.name}' is implemented but has no catalog entry`);
    }
  }
  if (byName.size !== implementations.length) {
    throw new Error('internal: a built-in is implemented twice');
  }
  const specs = new Map<string, BuiltinSpec>();
  for (const entry of catalog.values()) {
    const impl = byName.get(entry.name);
    if (!impl)
      throw new Error(`internal: the catalog lists built-in '${entry.name}' but nothing implements it`);
    specs.set(entry.name, { ...entry, ...impl });
  }
  return specs;
}

/** Every built-in by qualified name (`dot`, `linalg.pinv`, `random.seed`). */
export const BUILTINS: ReadonlyMap<string, BuiltinSpec> = pairWithCatalog(BUILTIN_CATALOG, [
  ...ARRAY_BUILTINS,
  ...SHAPING_BUILTINS,
  ...BUILDING_BUILTINS,
  ...MATH_BUILTINS,
  ...SORTING_BUILTINS,
  ...NUMERICS_BUILTINS,
  ...POLYNOMIAL_BUILTINS,
  ...COMPLEX_BUILTINS,
  ...LINALG_BUILTINS,
  ...RANDOM_BUILTINS,
  ...PRINTING_BUILTINS,
  ...ERROR_HANDLING_BUILTINS,
  ...TYPE_INFO_BUILTINS,
  ...TRAIN_BUILTINS,
]);

/** Python's own functions that a NumPy user writes alongside (`print`, `len`). Not under `np.`. */
export const PYTHON_FUNCTIONS: ReadonlyMap<string, BuiltinSpec> = pairWithCatalog(
  PYTHON_CATALOG,
  PYTHON_BUILTINS,
);

/** The values of the catalog's CONSTANT_NAMES. */
const CONSTANTS: ReadonlyMap<string, Value> = new Map<string, Value>([
  // NumPy's constants are Python floats (`type(np.pi)` is float; `[np.pi]` prints 3.141592653589793).
  ['pi', pyFloat(Math.PI)],
  ['e', pyFloat(Math.E)],
  ['inf', pyFloat(Number.POSITIVE_INFINITY)],
  ['nan', pyFloat(Number.NaN)],
  ['euler_gamma', pyFloat(0.5772156649015329)],
  ['newaxis', NONE],
  ['True_', NDArray.scalar(1, 'bool')],
  ['False_', NDArray.scalar(0, 'bool')],
  ...Object.keys(ABSTRACT_SCALAR_TYPES).map((name): [string, Value] => [
    name,
    { kind: 'builtin', name: `class:numpy.${name}` },
  ]),
  ...Object.entries(NUMPY_SCALAR_TYPES).map(([name, dtype]): [string, Value] => [
    name,
    dtypeValue(dtype, `numpy.${dtype}`),
  ]),
  // Objects indexed to build arrays (run/indexTricks.ts): np.r_[1:4, 9], np.c_[x, y].
  ['r_', { kind: 'builtin', name: 'index:r_' }],
  ['c_', { kind: 'builtin', name: 'index:c_' }],
  // Grids by indexing (run/indexTricks.ts): np.mgrid[0:3, 0:2], np.ogrid[0:3, 0:2].
  ['mgrid', { kind: 'builtin', name: 'index:mgrid' }],
  ['ogrid', { kind: 'builtin', name: 'index:ogrid' }],
  // Python's `Ellipsis` (the value of `...`), as einsum's sublists spell it: [Ellipsis, 0].
  ['Ellipsis', { kind: 'ellipsis' }],
]);

/** The values of the catalog's PYTHON_TYPE_NAMES (dtypes and conversions) and of `np.bool`. */
const TYPES: ReadonlyMap<string, Value> = new Map<string, Value>([
  ['float', dtypeValue('float64', 'float')],
  ['int', dtypeValue('int64', 'int')],
  ['complex', dtypeValue('complex128', 'complex')],
  ['bool', { ...dtypeValue('bool', 'bool'), pythonClass: true }],
  [NUMPY_BOOL, dtypeValue('bool', 'numpy.bool')],
]);

function refValue(ref: NameRef | undefined): Value | undefined {
  switch (ref?.kind) {
    case 'builtin':
      return { kind: 'builtin', name: ref.name };
    case 'module':
      return { kind: 'module', name: ref.name };
    case 'constant':
      return CONSTANTS.get(ref.name);
    case 'type':
      return TYPES.get(ref.name);
    default:
      return undefined;
  }
}

/** The value of `module.member` (`np.dot`, `np.linalg`, `np.pi`), or undefined. */
export function moduleMember(module: ModuleName, member: string): Value | undefined {
  return refValue(resolveModuleMember(module, member));
}

/**
 * A bare name's built-in value: NumPy functions without `np.` (and without
 * `linalg.`/`random.` where marked), Python's functions and types, the
 * module names themselves, and NumPy's constants.
 */
export function bareBuiltin(name: string): Value | undefined {
  return refValue(resolveBareName(name));
}

/** Looks up a built-in's spec by the qualified name a BuiltinValue carries. */
export function builtinSpec(name: string): BuiltinSpec | undefined {
  if (name.startsWith(PYTHON_PREFIX)) return PYTHON_FUNCTIONS.get(name.slice(PYTHON_PREFIX.length));
  return BUILTINS.get(name);
}
