/**
 * The built-ins' catalog (names, signatures, docs: what hover and completion
 * load) and their implementations (what the evaluator calls) are two files
 * that must never drift: the same built-ins, in the same order, and
 * signatures that show the parameters the implementation binds.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ARRAY_BUILTINS } from '../../src/engine/builtins/arrays';
import { BUILDING_BUILTINS } from '../../src/engine/builtins/building';
import {
  BUILTIN_CATALOG,
  type BuiltinInfo,
  bareBuiltinNames,
  CONSTANT_NAMES,
  MODULES,
  moduleMemberNames,
  PYTHON_CATALOG,
  PYTHON_TYPE_NAMES,
  resolveBareName,
} from '../../src/engine/builtins/catalog';
import { COMPLEX_BUILTINS } from '../../src/engine/builtins/complex';
import { ERROR_HANDLING_BUILTINS } from '../../src/engine/builtins/errorHandling';
import {
  BUILTINS,
  bareBuiltin,
  moduleMember,
  PYTHON_FUNCTIONS,
  pairWithCatalog,
} from '../../src/engine/builtins/index';
import { LINALG_BUILTINS } from '../../src/engine/builtins/linalg';
import { MATH_BUILTINS } from '../../src/engine/builtins/math';
import { NUMERICS_BUILTINS } from '../../src/engine/builtins/numerics';
import { POLYNOMIAL_BUILTINS } from '../../src/engine/builtins/polynomial';
import { PRINTING_BUILTINS } from '../../src/engine/builtins/printing';
import { PYTHON_BUILTINS } from '../../src/engine/builtins/python';
import { RANDOM_BUILTINS } from '../../src/engine/builtins/random';
import { type BuiltinImpl, params } from '../../src/engine/builtins/registry';
import { SHAPING_BUILTINS } from '../../src/engine/builtins/shaping';
import { SORTING_BUILTINS } from '../../src/engine/builtins/sorting';
import { TRAIN_BUILTINS } from '../../src/engine/builtins/train';
import { TYPE_INFO_BUILTINS } from '../../src/engine/builtins/typeInfo';
import { NONE } from '../../src/engine/values';

const NUMPY_IMPLEMENTATIONS = [
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
];

interface ShownParam {
  readonly name: string;
  readonly hasDefault: boolean;
}

/** The parameters a signature shows: `f(a, b=1, *args, c=None)`, `rand(d0, d1, ...)`. */
function shownParams(signature: string) {
  const inside = signature.slice(signature.indexOf('(') + 1, signature.lastIndexOf(')'));
  const positional: ShownParam[] = [];
  const keywordOnly: ShownParam[] = [];
  let varargs: string | undefined;
  let ellipsis = false;
  let afterStar = false;
  // Commas inside a default (`axes=(0, 1)`) do not separate parameters.
  for (const raw of inside.split(/,(?![^()]*\))/).map((part) => part.trim())) {
    if (raw === '') continue;
    if (raw === '...') ellipsis = true;
    else if (raw === '*') afterStar = true;
    else if (raw.startsWith('*')) {
      varargs = raw.slice(1);
      afterStar = true;
    } else {
      const [name, value] = raw.split('=');
      (afterStar ? keywordOnly : positional).push({ name: name.trim(), hasDefault: value !== undefined });
    }
  }
  return { positional, keywordOnly, varargs, ellipsis };
}

/** Where a signature misstates what the implementation binds; empty when they agree. */
function signatureProblems(info: BuiltinInfo, impl: BuiltinImpl): string[] {
  const problems: string[] = [];
  const shown = shownParams(info.signature);
  const implPositional = impl.params.filter((p) => !p.keywordOnly);
  const implKeywordOnly = impl.params.filter((p) => p.keywordOnly);
  if (shown.ellipsis) {
    // `rand(d0, d1, ...)`: the shown names stand for the *args.
    if (!impl.varargs) problems.push(`${info.name}: '...' shown but no *args`);
    if (implPositional.length) problems.push(`${info.name}: '...' shown but positional parameters bound`);
    return problems;
  }
  if (shown.varargs !== impl.varargs) {
    problems.push(`${info.name}: *args shown as ${shown.varargs} but bound as ${impl.varargs}`);
  }
  // Signature help highlights by position: the shown positionals must be the bound ones, in order.
  const shownNames = shown.positional.map((p) => p.name);
  const boundNames = implPositional.slice(0, shownNames.length).map((p) => p.name);
  if (shownNames.join() !== boundNames.join()) {
    problems.push(`${info.name}: shows (${shownNames}) but binds (${implPositional.map((p) => p.name)})`);
  }
  for (const p of shown.keywordOnly) {
    if (!implKeywordOnly.some((k) => k.name === p.name)) {
      problems.push(`${info.name}: shows keyword-only '${p.name}' that is not bound keyword-only`);
    }
  }
  for (const p of [...shown.positional, ...shown.keywordOnly]) {
    const bound = impl.params.find((b) => b.name === p.name);
    if (p.hasDefault && bound && !bound.optional) {
      problems.push(`${info.name}: shows a default for required '${p.name}'`);
    }
  }
  for (const p of impl.params) {
    if (!p.optional && !shownNames.includes(p.name)) {
      problems.push(`${info.name}: required '${p.name}' is not shown`);
    }
  }
  return problems;
}

describe('the built-ins catalog and the implementations', () => {
  test('list the same NumPy built-ins, in the same order', () => {
    assert.ok(BUILTIN_CATALOG.size > 70, 'the catalog is filled');
    assert.deepEqual(
      [...BUILTIN_CATALOG.keys()],
      NUMPY_IMPLEMENTATIONS.map((impl) => impl.name),
    );
  });

  test('list the same Python functions, in the same order', () => {
    assert.deepEqual(
      [...PYTHON_CATALOG.keys()],
      PYTHON_BUILTINS.map((impl) => impl.name),
    );
  });

  test('the registry pairs each catalog entry with its own implementation', () => {
    for (const [registry, catalog, implementations] of [
      [BUILTINS, BUILTIN_CATALOG, NUMPY_IMPLEMENTATIONS],
      [PYTHON_FUNCTIONS, PYTHON_CATALOG, PYTHON_BUILTINS],
    ] as const) {
      assert.deepEqual([...registry.keys()], [...catalog.keys()]);
      for (const impl of implementations) {
        const spec = registry.get(impl.name);
        const info = catalog.get(impl.name);
        assert.ok(spec && info, impl.name);
        assert.equal(spec.signature, info.signature);
        assert.equal(spec.doc, info.doc);
        assert.equal(spec.bare, info.bare);
        assert.equal(spec.params, impl.params);
        assert.equal(spec.varargs, impl.varargs);
        assert.equal(spec.call, impl.call);
      }
    }
  });

  test('every signature shows the parameters its implementation binds', () => {
    const problems: string[] = [];
    for (const impl of NUMPY_IMPLEMENTATIONS) {
      problems.push(...signatureProblems(BUILTIN_CATALOG.get(impl.name) as BuiltinInfo, impl));
    }
    for (const impl of PYTHON_BUILTINS) {
      problems.push(...signatureProblems(PYTHON_CATALOG.get(impl.name) as BuiltinInfo, impl));
    }
    assert.deepEqual(problems, []);
  });

  test('a signature that drifted from its implementation is caught', () => {
    const info = BUILTIN_CATALOG.get('dot') as BuiltinInfo;
    const call = () => NONE;
    assert.deepEqual(signatureProblems(info, { name: 'dot', params: params('a', 'b'), call }), []);
    assert.equal(signatureProblems(info, { name: 'dot', params: params('b', 'a'), call }).length, 1);
    assert.equal(signatureProblems(info, { name: 'dot', params: params('a', 'b', 'out'), call }).length, 1);
    const norm = BUILTIN_CATALOG.get('linalg.norm') as BuiltinInfo;
    const required = signatureProblems(norm, { name: 'linalg.norm', params: params('x', 'ord'), call });
    assert.match(required.join(), /default for required 'ord'/);
  });

  test('the registry refuses a built-in on one side only, or implemented twice', () => {
    const call = () => NONE;
    const dot: BuiltinImpl = { name: 'dot', params: params('a', 'b'), call };
    const catalog = new Map([['dot', BUILTIN_CATALOG.get('dot') as BuiltinInfo]]);
    assert.equal(pairWithCatalog(catalog, [dot]).get('dot')?.call, call);
    assert.throws(
      () => pairWithCatalog(catalog, [dot, { name: 'dott', params: [], call }]),
      /'dott' is implemented but has no catalog entry/,
    );
    assert.throws(
      () => pairWithCatalog(catalog, []),
      /catalog lists built-in 'dot' but nothing implements it/,
    );
    assert.throws(() => pairWithCatalog(catalog, [dot, dot]), /implemented twice/);
  });

  test('every name the catalog resolves has a value in the engine', () => {
    for (const name of bareBuiltinNames()) {
      assert.ok(resolveBareName(name), name);
      assert.ok(bareBuiltin(name), name);
    }
    for (const module of MODULES) {
      for (const name of moduleMemberNames(module))
        assert.ok(moduleMember(module, name), `${module}.${name}`);
    }
    for (const name of [...CONSTANT_NAMES, ...PYTHON_TYPE_NAMES]) assert.ok(bareBuiltin(name), name);
    assert.deepEqual(moduleMember('numpy', 'bool'), { kind: 'dtype', dtype: 'bool', label: 'numpy.bool' });
    assert.deepEqual(bareBuiltin('bool'), { kind: 'dtype', dtype: 'bool', label: 'bool', pythonClass: true });
    assert.equal(bareBuiltin('constructor'), undefined);
    assert.equal(moduleMember('numpy', '__proto__'), undefined);
  });
});
