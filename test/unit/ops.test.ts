/**
 * Runs every NumPy fixture case of test/fixtures/ops.json (made by
 * scripts/fixtures/gen_ops.py) through src/engine/ops: shapes and dtypes
 * exactly, error types and messages exactly, integers and bools exactly,
 * floats bit for bit where the case says `exact` and to 1e-12 relative
 * otherwise.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { MatError } from '../../src/engine/errors';
import { clearBudget } from '../../src/engine/limits';
import { type DType, NDArray } from '../../src/engine/ndarray';
import * as ops from '../../src/engine/ops';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface EncodedArray {
  nd?: Json;
  gen?: { n: number; mul?: number; mod?: number; off?: number; div?: number };
  shape: number[];
  dtype: DType;
}
interface Case {
  id: number;
  fn: string;
  args: Json[];
  expect?: EncodedArray | { shape: number[] };
  error?: { type: string; message: string };
  exact?: boolean;
  note?: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ops.json', import.meta.url), 'utf8')) as {
  numpy: string;
  cases: Case[];
};

function num(v: Json): number {
  if (v === 'nan') return Number.NaN;
  if (v === 'inf') return Number.POSITIVE_INFINITY;
  if (v === '-inf') return Number.NEGATIVE_INFINITY;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v as number;
}

function flatten(v: Json, out: number[]): void {
  if (Array.isArray(v)) for (const x of v) flatten(x, out);
  else out.push(num(v));
}

/** The same values as gen_ops.py's gen_values: each step one correctly rounded operation. */
function genValues(n: number, mul = 7919, mod = 1009, off = 504, div = 37.0): Float64Array {
  const p10 = [1, 10, 100, 1000, 10000];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (((i * mul) % mod) - off) / div / p10[i % 5];
  return out;
}

function isEncodedArray(v: Json): v is Json & EncodedArray {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && 'shape' in v && ('nd' in v || 'gen' in v)
  );
}

function decodeArray(v: EncodedArray): NDArray {
  if (v.gen) {
    const g = v.gen;
    return new NDArray(genValues(g.n, g.mul, g.mod, g.off, g.div), v.shape, v.dtype);
  }
  const flat: number[] = [];
  flatten(v.nd as Json, flat);
  return new NDArray(Float64Array.from(flat), v.shape, v.dtype);
}

/** Arrays inside arguments become NDArrays; other JSON stays as it is. */
function decode(v: Json): unknown {
  if (isEncodedArray(v)) return decodeArray(v);
  if (Array.isArray(v)) return v.map(decode);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

// biome-ignore lint/suspicious/noExplicitAny: fixture arguments are checked by the cases themselves
type Args = any[];
const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

const CALL: Record<string, (a: Args) => NDArray | number[]> = {
  broadcastShapes: (a) => ops.broadcastShapes(a[0], a[1]),
  binary: (a) => ops.binary(a[0], a[1], a[2]),
  unaryMath: (a) => ops.unaryMath(a[0], a[1]),
  negative: (a) => ops.negative(a[0]),
  positive: (a) => ops.positive(a[0]),
  absolute: (a) => ops.absolute(a[0]),
  isnan: (a) => ops.isnan(a[0]),
  isinf: (a) => ops.isinf(a[0]),
  isfinite: (a) => ops.isfinite(a[0]),
  logicalNot: (a) => ops.logicalNot(a[0]),
  maximum: (a) => ops.maximum(a[0], a[1]),
  minimum: (a) => ops.minimum(a[0], a[1]),
  clip: (a) => ops.clip(a[0], a[1], a[2]),
  round: (a) => ops.round(a[0], a[1]),
  astype: (a) => ops.astype(a[0], a[1]),
  where: (a) => ops.where(a[0], a[1], a[2]),
  reduce: (a) => ops.reduce(a[0], a[1], a[2], a[3], a[4]),
  reshape: (a) => ops.reshape(a[0], a[1]),
  transpose: (a) => ops.transpose(a[0], orUndefined(a[1])),
  ravel: (a) => ops.ravel(a[0]),
  expandDims: (a) => ops.expandDims(a[0], a[1]),
  squeeze: (a) => ops.squeeze(a[0], a[1]),
  concatenate: (a) => ops.concatenate(a[0], a[1]),
  stack: (a) => ops.stack(a[0], a[1]),
  vstack: (a) => ops.vstack(a[0]),
  hstack: (a) => ops.hstack(a[0]),
  getIndex: (a) => ops.getIndex(a[0], a[1]),
  setIndex: (a) => ops.setIndex(a[0], a[1], a[2]),
  arrayFromItems: (a) => ops.arrayFromItems(a[0]),
  zeros: (a) => ops.zeros(a[0], a[1]),
  ones: (a) => ops.ones(a[0], a[1]),
  full: (a) => ops.full(a[0], a[1], orUndefined(a[2])),
  zerosLike: (a) => ops.zerosLike(a[0], orUndefined(a[1])),
  onesLike: (a) => ops.onesLike(a[0], orUndefined(a[1])),
  eye: (a) => ops.eye(a[0], a[1], a[2], a[3]),
  identity: (a) => ops.identity(a[0]),
  arange: (a) => ops.arange(a[0], a[1], a[2], orUndefined(a[3])),
  linspace: (a) => ops.linspace(a[0], a[1], a[2], a[3], a[4] ?? 'float64'),
};

function sameFloat(x: number, y: number, exact: boolean): boolean {
  if (Object.is(x, y)) return true;
  if (Number.isNaN(x) || Number.isNaN(y)) return false;
  if (exact) return false;
  return Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
}

/** Why a case fails, or null when it passes. */
function check(c: Case): string | null {
  const call = CALL[c.fn];
  if (!call) return `no dispatcher for ${c.fn}`;
  let result: NDArray | number[];
  try {
    result = call(c.args.map(decode));
  } catch (e) {
    if (!c.error) return `threw ${(e as Error).message}`;
    if (!(e instanceof MatError)) return `threw a non-MatError: ${(e as Error).stack}`;
    if (e.message !== c.error.message)
      return `message ${JSON.stringify(e.message)} != ${JSON.stringify(c.error.message)}`;
    if (e.pythonType !== c.error.type) return `error type ${e.pythonType} != ${c.error.type}`;
    return null;
  }
  if (c.error) return `expected ${c.error.type}: ${c.error.message}`;
  const expect = c.expect!;
  if (Array.isArray(result)) {
    return JSON.stringify(result) === JSON.stringify(expect.shape) ? null : `shape ${JSON.stringify(result)}`;
  }
  const want = decodeArray(expect as EncodedArray);
  if (JSON.stringify(result.shape) !== JSON.stringify(want.shape)) {
    return `shape ${JSON.stringify(result.shape)} != ${JSON.stringify(want.shape)}`;
  }
  if (result.dtype !== want.dtype) return `dtype ${result.dtype} != ${want.dtype}`;
  const exact = c.exact === true || want.dtype !== 'float64';
  for (let i = 0; i < want.size; i++) {
    if (!sameFloat(result.data[i], want.data[i], exact)) {
      return `element ${i}: ${result.data[i]} != ${want.data[i]}${exact ? ' (exact)' : ''}`;
    }
  }
  return null;
}

before(() => clearBudget());

describe(`NumPy ${fixture.numpy} fixtures (${fixture.cases.length} cases)`, () => {
  const byFn = new Map<string, Case[]>();
  for (const c of fixture.cases) byFn.set(c.fn, [...(byFn.get(c.fn) ?? []), c]);
  for (const [fn, cases] of byFn) {
    test(`${fn} (${cases.length} cases)`, () => {
      const failures: string[] = [];
      for (const c of cases) {
        const why = check(c);
        if (why) failures.push(`#${c.id} ${fn}(${JSON.stringify(c.args).slice(0, 160)}): ${why}`);
      }
      assert.deepEqual(failures.slice(0, 25), [], `${failures.length} of ${cases.length} cases fail`);
    });
  }
});
