import { newWordBuffer } from '../../nn/bufferedWords';
import { RandomGenerator } from '../../nn/generator';
import { log1p } from '../../nn/log1p';
import { DEFAULT_SEED } from '../constants';
import { DTYPES, type DType, isFloatDType } from '../dtypes';
import { MatError } from '../errors';
import { allocate, tick } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { astype, normalizeAxis } from '../ops';
import { noteWrite, own } from '../run/heap';
import { checkWritable, wrote } from '../run/views';
import { type GeneratorValue, isArray, pyFloat, pyInt, typeName, type Value } from '../values';
import { optional, required, toArray, toBool, toDType } from './convert';
import { factorMethod, multivariateNormal } from './multivariateNormal';
import { type BoundArgs, type BuiltinImpl, bindArguments, type CallContext, params } from './registry';
import {
  broadcastIndex,
  choiceWithoutReplacement,
  kahanSum,
  normalizedCdf,
  outputShape,
  permutationOf,
  sample,
  searchRight,
  shuffleInPlace,
  sizeShape,
  takeAlong,
} from './sampling';

/**
 * `np.random.default_rng(seed)` and the methods of the Generator it makes
 * (`rng.normal(size=3)`, `rng.integers(0, 10)`, `rng.choice(...)`), drawing
 * NumPy's exact numbers (../../nn/generator.ts). Every method call advances
 * the generator, a write into a mutable object (run/heap.ts).
 */

/** Integers are exact in the engine up to 2^53. */
const TWO_53 = 9007199254740992;
// int64's bounds as doubles (2^63 - 1 rounds to 2^63, as NumPy's checks see it from Python ints).
const INT64_MIN = -(2 ** 63);
const INT64_MAX = 2 ** 63;
const ATOL = Math.sqrt(2.220446049250313e-16);

/** `default_rng(seed)`: a new Generator, owned by the statement that made it. */
export function defaultRng(seed: Value | undefined): Value {
  if (seed !== undefined && !isArray(seed) && seed.kind === 'generator') return seed;
  let rng: RandomGenerator;
  try {
    // Without a seed NumPy draws fresh entropy; here it is DEFAULT_SEED, as for np.random,
    // so a file shows the same numbers each time it is re-evaluated.
    const unseeded = seed === undefined || (!isArray(seed) && seed.kind === 'none');
    rng = RandomGenerator.fromSeed(unseeded ? BigInt(DEFAULT_SEED) : seedEntropy(seed));
  } catch (error) {
    if (error instanceof RangeError) throw new MatError(error.message, 'ValueError');
    throw error;
  }
  return own<GeneratorValue>({ kind: 'generator', rng });
}

/** A seed as SeedSequence takes it: a non-negative int, or a sequence of them. */
function seedEntropy(seed: Value): bigint | bigint[] {
  if (isArray(seed) && seed.ndim === 0 && seed.dtype !== 'float64') return seed.big ?? BigInt(seed.data[0]);
  const sequence = isArray(seed) || seed.kind === 'list' || seed.kind === 'tuple' || seed.kind === 'range';
  if (!sequence || (isArray(seed) && seed.ndim === 0)) {
    const text = isArray(seed) ? String(seed.data[0]) : seed.kind === 'string' ? seed.value : typeName(seed);
    throw new MatError(`SeedSequence expects int or sequence of ints for entropy not ${text}`, 'TypeError');
  }
  const words = toArray(seed, 'seed');
  if (words.dtype === 'float64') throw new MatError('seed must be integer', 'TypeError');
  return Array.from(words.data, (word) => BigInt(word));
}

/** A Generator method: how it binds its arguments (Python's messages) and what it does. */
interface GeneratorMethod {
  readonly spec: BuiltinImpl;
  call(rng: RandomGenerator, args: BoundArgs, ctx: CallContext): Value;
}

function method(
  name: string,
  parameters: string[],
  call: (rng: RandomGenerator, args: BoundArgs, ctx: CallContext) => Value,
): [string, GeneratorMethod] {
  // The spec is for bindArguments (Python's messages); callGeneratorMethod runs `call` with the generator.
  const spec: BuiltinImpl = {
    name,
    params: params(...parameters),
    call: () => {
      throw new Error(`internal: Generator.${name} is called through callGeneratorMethod`);
    },
  };
  return [name, { spec, call }];
}

/** `double_fill`: `size` draws (one Python float without size), or into `out`. */
function fill(args: BoundArgs, method: string, draw: () => number, drawSingle?: () => number): Value {
  const dtype = toDType(optional(args, 'dtype')) ?? 'float64';
  if (dtype !== 'float64' && dtype !== 'float32') {
    throw new MatError(`Unsupported dtype dtype('${dtype}') for ${method}`, 'TypeError');
  }
  if (dtype === 'float32' && !drawSingle) {
    // NumPy's float32 draws of this method use float32 tables of their own, not ported yet.
    throw new MatError(
      `${method}(dtype=np.float32) is not supported yet; use the default float64`,
      'NotImplementedError',
    );
  }
  if (dtype === 'float32' && drawSingle) draw = drawSingle;
  const shape = sizeShape(optional(args, 'size'));
  const out = optional(args, 'out');
  if (out !== undefined) {
    if (!isArray(out) || out.python || out.dtype !== dtype) {
      throw new MatError(`Supplied output array has the wrong type. Expected ${dtype}`, 'TypeError');
    }
    if (shape !== null && (shape.length !== out.ndim || shape.some((d, i) => d !== out.shape[i]))) {
      throw new MatError('size must match out.shape when used together', 'ValueError');
    }
    checkWritable(out, 'output array');
    const values = allocate(out.size);
    for (let i = 0; i < values.length; i++) {
      tick();
      values[i] = draw();
    }
    noteWrite(out);
    out.data.set(values);
    wrote(out);
    return out;
  }
  if (shape === null) return pyFloat(draw());
  const values = allocate(shapeSize(shape));
  for (let i = 0; i < values.length; i++) {
    tick();
    values[i] = draw();
  }
  return new NDArray(values, shape, dtype);
}

/** `int(x)` of a bound: floats are truncated, as NumPy's scalar path does. */
function boundOf(value: number): number {
  return Math.trunc(value);
}

function checkExact(low: number, high: number): void {
  if (Math.abs(low) > TWO_53 || Math.abs(high) > TWO_53 || high - low >= TWO_53) {
    throw new MatError(
      'integers() bounds beyond ±2**53 are not supported here (integers are exact only up to 2**53)',
      'ValueError',
    );
  }
}

/** `format_bounds_error`: NumPy words it for the one-argument form when low is 0. */
function boundsError(closed: boolean, lowAllZero: boolean): MatError {
  if (lowAllZero) return new MatError(closed ? 'high < 0' : 'high <= 0', 'ValueError');
  return new MatError(closed ? 'low > high' : 'low >= high', 'ValueError');
}

/**
 * How `integers` draws one value in [0, range] for a dtype: 64-bit dtypes
 * through `random_bounded_uint64`, 32-bit ones on whole words, 8- and 16-bit
 * ones on pieces of a buffered word, bool on its bits, as NumPy's
 * `_bounded_integers` does. One buffer serves a whole fill.
 */
function drawFor(rng: RandomGenerator, dtype: DType): (range: number) => number {
  const buffer = newWordBuffer();
  const size = DTYPES[dtype].itemsize;
  if (dtype === 'bool') return (range) => rng.boundedBool(range, buffer);
  if (size === 1 || size === 2) return (range) => rng.boundedSmall(range, size === 1 ? 8 : 16, buffer);
  return (range) => rng.bounded(range);
}

/** `Generator.integers`: Lemire's bounded integers in [low, high) (or [low, high] with endpoint=True). */
function integers(rng: RandomGenerator, args: BoundArgs): Value {
  let lowValue = required(args, 'low');
  let highValue = optional(args, 'high');
  if (highValue === undefined) {
    highValue = lowValue;
    lowValue = pyInt(0);
  }
  const dtypeArg = optional(args, 'dtype');
  const dtype = dtypeArg === undefined ? 'int64' : (toDType(dtypeArg) ?? 'int64');
  if (isFloatDType(dtype)) {
    throw new MatError(`Unsupported dtype dtype('${dtype}') for integers`, 'TypeError');
  }
  // dtype=int (Python's class) gives a Python int without size.
  const pythonInt =
    dtypeArg !== undefined && !isArray(dtypeArg) && dtypeArg.kind === 'dtype' && dtypeArg.label === 'int';
  const endpointArg = optional(args, 'endpoint');
  const closed = endpointArg === undefined ? false : toBool(endpointArg);
  const sizeArg = optional(args, 'size');
  const shape = sizeShape(sizeArg);
  if (shape !== null && shapeSize(shape) === 0) return new NDArray(new Float64Array(0), shape, dtype);
  const low = toArray(lowValue, 'low');
  const high = toArray(highValue, 'high');
  const { min, max } = DTYPES[dtype];
  // int64's and uint64's largest values are not doubles: their nearest (2**63, 2**64) stand in.
  const upper = dtype === 'int64' ? INT64_MAX : dtype === 'uint64' ? 2 ** 64 : max;
  const lower = dtype === 'int64' ? INT64_MIN : min;
  const checkLow = (lo: number) => {
    if (lo < lower) throw new MatError(`low is out of bounds for ${dtype}`, 'ValueError');
  };
  const checkHigh = (hi: number) => {
    if (hi > upper) throw new MatError(`high is out of bounds for ${dtype}`, 'ValueError');
  };
  const draw = drawFor(rng, dtype);
  if (low.ndim === 0 && high.ndim === 0) {
    const lo = boundOf(low.data[0]);
    const hi = boundOf(high.data[0]) - (closed ? 0 : 1);
    checkLow(lo);
    checkHigh(hi);
    if (lo > hi) throw boundsError(closed, lo === 0);
    checkExact(lo, hi);
    const range = hi - lo;
    if (shape === null) {
      const value = lo + draw(range);
      return pythonInt ? pyInt(value) : NDArray.scalar(value, dtype);
    }
    const out = allocate(shapeSize(shape));
    for (let i = 0; i < out.length; i++) {
      tick();
      out[i] = lo + draw(range);
    }
    return new NDArray(out, shape, dtype);
  }
  const lows = Float64Array.from(low.data, boundOf);
  const highs = Float64Array.from(high.data, (h) => boundOf(h) - (closed ? 0 : 1));
  lows.forEach(checkLow);
  highs.forEach(checkHigh);
  const outShape = outputShape(shape, [low.shape, high.shape]);
  const lowIndex = broadcastIndex(outShape, low.shape);
  const highIndex = broadcastIndex(outShape, high.shape);
  const lowAllZero = lows.every((x) => x === 0);
  for (let i = 0; i < lowIndex.length; i++) {
    if (lows[lowIndex[i]] > highs[highIndex[i]]) throw boundsError(closed, lowAllZero);
  }
  const out = allocate(lowIndex.length);
  for (let i = 0; i < out.length; i++) {
    tick();
    const lo = lows[lowIndex[i]];
    const hi = highs[highIndex[i]];
    checkExact(lo, hi);
    out[i] = lo + draw(hi - lo);
  }
  return new NDArray(out, outShape, dtype);
}

/** `Generator.uniform`: low + (high - low)·U, refusing high < low. */
function uniform(rng: RandomGenerator, args: BoundArgs): Value {
  const low = astype(toArray(optional(args, 'low') ?? pyFloat(0), 'low'), 'float64');
  const high = astype(toArray(optional(args, 'high') ?? pyFloat(1), 'high'), 'float64');
  const size = optional(args, 'size');
  if (low.ndim === 0 && high.ndim === 0) {
    const range = high.data[0] - low.data[0];
    if (!Number.isFinite(range)) throw new MatError('high - low range exceeds valid bounds', 'OverflowError');
    return sample(
      [
        { value: low, fallback: 0, name: 'low', constraint: 'none' },
        { value: pyFloat(range), fallback: 0, name: 'high - low', constraint: 'nonNegative' },
      ],
      size,
      'float64',
      (p) => p[0] + p[1] * rng.nextDouble(),
    );
  }
  const rangeShape = outputShape(null, [high.shape, low.shape]);
  const hi = broadcastIndex(rangeShape, high.shape);
  const lo = broadcastIndex(rangeShape, low.shape);
  const ranges = allocate(hi.length);
  for (let i = 0; i < ranges.length; i++) ranges[i] = high.data[hi[i]] - low.data[lo[i]];
  if (!ranges.every(Number.isFinite)) throw new MatError('Range exceeds valid bounds', 'OverflowError');
  return sample(
    [
      { value: low, fallback: 0, name: 'low', constraint: 'none' },
      {
        value: new NDArray(ranges, rangeShape, 'float64'),
        fallback: 0,
        name: 'high - low',
        constraint: 'nonNegative',
      },
    ],
    size,
    'float64',
    (p) => p[0] + p[1] * rng.nextDouble(),
  );
}

/** `Generator.choice`. */
function choice(rng: RandomGenerator, args: BoundArgs): Value {
  const aValue = required(args, 'a');
  const a = toArray(aValue, 'a');
  const sizeArg = optional(args, 'size');
  const axis = axisOf(args);
  const shape = sizeArg === undefined ? null : (sizeShape(sizeArg) as number[]);
  const takesSamples = shape === null || shapeSize(shape) !== 0;
  let popSize: number;
  if (a.ndim === 0) {
    if (a.dtype === 'float64') {
      throw new MatError(
        `a must be a sequence or an integer, not <class '${typeName(aValue)}'>`,
        'ValueError',
      );
    }
    popSize = a.data[0];
    if (popSize <= 0 && takesSamples) {
      throw new MatError('a must be a positive integer unless no samples are taken', 'ValueError');
    }
  } else {
    popSize = a.shape[normalizeAxis(axis, a.ndim)];
    if (popSize === 0 && takesSamples) {
      throw new MatError('a cannot be empty unless no samples are taken', 'ValueError');
    }
  }
  const pValue = optional(args, 'p');
  let p: Float64Array | undefined;
  if (pValue !== undefined) {
    const pArray = astype(toArray(pValue, 'p'), 'float64');
    if (pArray.ndim === 0)
      throw new MatError(`object of type '${typeName(pValue)}' has no len()`, 'TypeError');
    if (pArray.ndim !== 1) throw new MatError('p must be 1-dimensional', 'ValueError');
    if (pArray.size !== popSize) throw new MatError('a and p must have same size', 'ValueError');
    const sum = kahanSum(pArray.data);
    if (Number.isNaN(sum)) throw new MatError('Probabilities contain NaN', 'ValueError');
    if (pArray.data.some((x) => x < 0))
      throw new MatError('Probabilities are not non-negative', 'ValueError');
    if (Math.abs(sum - 1) > ATOL) {
      throw new MatError(
        'Probabilities do not sum to 1. See Notes section of docstring for more information.',
        'ValueError',
      );
    }
    p = pArray.data;
  }
  const outShape = shape ?? [];
  const count = shapeSize(outShape);
  const replaceArg = optional(args, 'replace');
  const replace = replaceArg === undefined ? args.named.get('replace') === undefined : toBool(replaceArg);
  let idx: Float64Array;
  if (replace) {
    idx = allocate(count);
    if (p !== undefined) {
      const cdf = normalizedCdf(p);
      for (let i = 0; i < count; i++) idx[i] = searchRight(cdf, rng.nextDouble());
    } else {
      checkExact(0, popSize - 1);
      for (let i = 0; i < count; i++) {
        tick();
        idx[i] = rng.bounded(popSize - 1);
      }
    }
  } else {
    if (count > popSize) {
      throw new MatError('Cannot take a larger sample than population when replace is False', 'ValueError');
    }
    if (p !== undefined) {
      let nonzero = 0;
      for (const x of p) if (x > 0) nonzero++;
      if (nonzero < count) throw new MatError('Fewer non-zero entries in p than size', 'ValueError');
      idx = choiceWithoutReplacement(p, count, (n) => {
        const u = allocate(n);
        for (let i = 0; i < n; i++) u[i] = rng.nextDouble();
        return u;
      });
    } else {
      const shuffleArg = optional(args, 'shuffle');
      idx = sampleIndices(rng, popSize, count, shuffleArg === undefined || toBool(shuffleArg));
    }
  }
  if (a.ndim === 0) {
    if (shape === null) return pyInt(idx[0]);
    return new NDArray(idx, outShape, 'int64');
  }
  // a.take(idx, axis): the sampled axis replaced by the sample's shape.
  return takeAlong(a, idx, outShape, normalizeAxis(axis, a.ndim));
}

/**
 * `count` distinct indices below `popSize` as Generator.choice draws them:
 * a partial Fisher-Yates from the end of the whole range when the sample is
 * a large part of a large population, else Floyd's algorithm (then a
 * shuffle of the picks, unless shuffle=False).
 */
function sampleIndices(rng: RandomGenerator, popSize: number, count: number, shuffle: boolean): Float64Array {
  checkExact(0, popSize);
  const cutoff = shuffle ? 50 : 20;
  if (popSize > 10000 && count > Math.floor(popSize / cutoff)) {
    const all = allocate(popSize);
    for (let i = 0; i < popSize; i++) all[i] = i;
    shuffleBounded(rng, all, popSize, Math.max(popSize - count, 1));
    return all.slice(popSize - count);
  }
  const idx = allocate(count);
  const taken = new Set<number>();
  for (let j = popSize - count; j < popSize; j++) {
    tick();
    const val = rng.bounded(j);
    const pick = taken.has(val) ? j : val;
    taken.add(pick);
    idx[j - popSize + count] = pick;
  }
  if (shuffle) shuffleBounded(rng, idx, count, 1);
  return idx;
}

/** `_shuffle_int`: swaps from position n - 1 down to `first`, each with a Lemire draw in [0, i]. */
function shuffleBounded(rng: RandomGenerator, data: Float64Array, n: number, first: number): void {
  for (let i = n - 1; i >= first; i--) {
    tick();
    const j = rng.bounded(i);
    const held = data[j];
    data[j] = data[i];
    data[i] = held;
  }
}

function axisOf(args: BoundArgs): number {
  const axis = optional(args, 'axis');
  if (axis === undefined) return 0;
  const value = toArray(axis, 'axis');
  if (value.ndim !== 0 || value.dtype === 'float64') {
    throw new MatError(`'${typeName(axis)}' object cannot be interpreted as an integer`, 'TypeError');
  }
  return value.data[0];
}

const METHODS: ReadonlyMap<string, GeneratorMethod> = new Map([
  method('random', ['size?', 'dtype?', 'out?'], (rng, args) =>
    fill(
      args,
      'random',
      () => rng.nextDouble(),
      () => rng.nextFloat(),
    ),
  ),
  method('integers', ['low', 'high?', 'size?', 'dtype?', 'endpoint?'], integers),
  method('standard_normal', ['size?', 'dtype?', 'out?'], (rng, args) =>
    fill(args, 'standard_normal', () => rng.standardNormal()),
  ),
  method('normal', ['loc?', 'scale?', 'size?'], (rng, args) =>
    sample(
      [
        { value: optional(args, 'loc'), fallback: 0, name: 'loc', constraint: 'none' },
        { value: optional(args, 'scale'), fallback: 1, name: 'scale', constraint: 'nonNegative' },
      ],
      optional(args, 'size'),
      'float64',
      (p) => p[0] + p[1] * rng.standardNormal(),
    ),
  ),
  method('uniform', ['low?', 'high?', 'size?'], uniform),
  method('multivariate_normal', ['mean', 'cov', 'size?', 'check_valid?', 'tol?', '*method?'], (rng, args) => {
    const how = factorMethod(optional(args, 'method'));
    return multivariateNormal(args, () => rng.standardNormal(), { legacy: false, method: how });
  }),
  method('standard_exponential', ['size?', 'dtype?', 'method?', 'out?'], (rng, args) => {
    const methodArg = optional(args, 'method');
    const how =
      methodArg === undefined || isArray(methodArg) || methodArg.kind !== 'string' ? 'zig' : methodArg.value;
    if (how !== 'zig' && how !== 'inv') {
      throw new MatError(`method must be either 'inv' or 'zig', not '${how}'`, 'ValueError');
    }
    return fill(
      args,
      'standard_exponential',
      how === 'zig' ? () => rng.standardExponential() : () => -log1p(-rng.nextDouble()),
    );
  }),
  method('exponential', ['scale?', 'size?'], (rng, args) =>
    sample(
      [{ value: optional(args, 'scale'), fallback: 1, name: 'scale', constraint: 'nonNegative' }],
      optional(args, 'size'),
      'float64',
      (p) => p[0] * rng.standardExponential(),
    ),
  ),
  method('choice', ['a', 'size?', 'replace?', 'p?', 'axis?', 'shuffle?'], choice),
  method('permutation', ['x', 'axis?'], (rng, args) =>
    permutationOf(required(args, 'x'), (max) => rng.interval(max), axisOf(args)),
  ),
  method('shuffle', ['x', 'axis?'], (rng, args) =>
    shuffleInPlace(required(args, 'x'), (max) => rng.interval(max), axisOf(args)),
  ),
]);

/** Does a Generator have this method? */
export function hasGeneratorMethod(name: string): boolean {
  return METHODS.has(name);
}

/** Calls `rng.name(*positional, **keywords)`: a draw, so a write into the generator. */
export function callGeneratorMethod(
  self: GeneratorValue,
  name: string,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
  ctx: CallContext,
): Value {
  const entry = METHODS.get(name);
  if (!entry) {
    throw new MatError(
      `'numpy.random._generator.Generator' object has no attribute '${name}'`,
      'AttributeError',
    );
  }
  const args = bindArguments(entry.spec, positional, keywords);
  noteWrite(self);
  return entry.call(self.rng, args, ctx);
}
