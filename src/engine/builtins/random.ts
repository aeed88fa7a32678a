import {
  laplace,
  legacyBeta,
  legacyBinomial,
  legacyGeometric,
  legacyLognormal,
  legacyStandardExponential,
  legacyStandardGamma,
  logistic,
  multinomial,
  poisson,
  randomInterval,
} from '../../nn/legacyDistributions';
import type { LegacyRandom } from '../../nn/random';
import { DEFAULT_SEED } from '../constants';
import { DTYPES, isFloatDType } from '../dtypes';
import { MatError } from '../errors';
import { allocate, reserve, tick } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { astype, binary, broadcastShapes } from '../ops';
import { isArray, NONE, pyInt, typeName, type Value } from '../values';
import { optional, required, toArray, toBool, toDType, toInt, toShape } from './convert';
import { defaultRng } from './generator';
import { multivariateNormal } from './multivariateNormal';
import { type BoundArgs, type BuiltinImpl, params } from './registry';
import {
  broadcastIndex,
  type Constraint,
  checkArrayConstraint,
  checkConstraint,
  choiceWithoutReplacement,
  fisherYates,
  kahanSum,
  normalizedCdf,
  outputShape,
  permutationOf,
  type SamplerParam,
  sample,
  sizeShape as samplerSize,
  searchRight,
  shuffleInPlace,
  takeAlong,
} from './sampling';

function sizeShape(value: Value | undefined): number[] | null {
  return value === undefined ? null : toShape(value);
}

function shapeFromArgs(values: readonly Value[]): number[] {
  if (values.length === 1 && !isArray(values[0])) return toShape(values[0]);
  return values.map((v) => toInt(v, 'dimension'));
}

function checkShape(shape: readonly number[]): void {
  if (shape.some((d) => d < 0)) throw new MatError('negative dimensions are not allowed', 'ValueError');
}

/** `count` draws of `draw()` shaped as `shape`; a 0-d float when shape is null. */
function draws(shape: readonly number[] | null, draw: (out: Float64Array) => void): NDArray {
  const dims = shape ?? [];
  checkShape(dims);
  const out = allocate(shapeSize(dims));
  draw(out);
  return pythonWithoutSize(new NDArray(out, dims, 'float64'), shape);
}

/** Without `size`, NumPy's legacy generator returns a Python float or int, not a NumPy scalar. */
function pythonWithoutSize(a: NDArray, shape: readonly number[] | null): NDArray {
  if (shape === null && a.ndim === 0) a.python = true;
  return a;
}

/**
 * `low + (high - low) * u` and `loc + scale * g` with array parameters:
 * NumPy draws one number per element of the broadcast shape, in order.
 */
function affine(
  base: NDArray,
  factor: NDArray,
  shape: number[] | null,
  draw: (out: Float64Array) => void,
): NDArray {
  const outShape = shape ?? broadcastShapes(base.shape, factor.shape);
  if (shape) {
    const merged = broadcastShapes(outShape, broadcastShapes(base.shape, factor.shape));
    if (merged.length !== outShape.length || merged.some((d, i) => d !== outShape[i])) {
      throw new MatError('shape mismatch: objects cannot be broadcast to a single shape', 'ValueError');
    }
  }
  const unit = draws(outShape, draw);
  return pythonWithoutSize(binary('+', base, binary('*', factor, unit)), shape);
}

/** NumPy's legacy global generator (`np.random.*`), bit for bit. */
export const RANDOM_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'random.seed',
    params: params('seed?'),
    call: (args, ctx) => {
      const seed = optional(args, 'seed');
      const words =
        seed === undefined
          ? DEFAULT_SEED
          : isArray(seed) && seed.ndim === 1
            ? Array.from(seed.data)
            : toInt(seed, 'seed');
      try {
        ctx.rng().seed(words);
      } catch (error) {
        // The generator checks the range with NumPy's message.
        throw new MatError((error as Error).message, 'ValueError');
      }
      return NONE;
    },
  },
  {
    name: 'random.uniform',
    params: params('low?', 'high?', 'size?'),
    call: (args, ctx) => {
      const low = toArray(optional(args, 'low') ?? NDArray.scalar(0, 'float64'), 'low');
      const high = toArray(optional(args, 'high') ?? NDArray.scalar(1, 'float64'), 'high');
      const shape = sizeShape(optional(args, 'size'));
      const range = binary('-', astype(high, 'float64'), astype(low, 'float64'));
      // NumPy checks before drawing anything: nan or inf in high - low.
      if (range.data.some((r) => !Number.isFinite(r))) {
        throw new MatError('Range exceeds valid bounds', 'OverflowError');
      }
      const rng = ctx.rng();
      if (low.ndim === 0 && high.ndim === 0) {
        const lo = low.item();
        const hi = high.item();
        return draws(shape, (out) => rng.fill(out, lo, hi));
      }
      return affine(low, range, shape, (out) => rng.fill(out));
    },
  },
  {
    name: 'random.rand',
    params: [],
    varargs: 'shape',
    call: (args, ctx) => {
      const rng = ctx.rng();
      return draws(args.rest.length ? shapeFromArgs(args.rest) : null, (out) => rng.fill(out));
    },
  },
  {
    name: 'random.random_sample',
    params: params('size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return draws(sizeShape(optional(args, 'size')), (out) => rng.fill(out));
    },
  },
  {
    name: 'random.random',
    params: params('size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return draws(sizeShape(optional(args, 'size')), (out) => rng.fill(out));
    },
  },
  {
    name: 'random.randn',
    params: [],
    varargs: 'shape',
    call: (args, ctx) => {
      const rng = ctx.rng();
      return draws(args.rest.length ? shapeFromArgs(args.rest) : null, (out) => {
        for (let i = 0; i < out.length; i++) out[i] = rng.standardNormal();
      });
    },
  },
  {
    name: 'random.normal',
    params: params('loc?', 'scale?', 'size?'),
    call: (args, ctx) => {
      const loc = toArray(optional(args, 'loc') ?? NDArray.scalar(0, 'float64'), 'loc');
      const scale = toArray(optional(args, 'scale') ?? NDArray.scalar(1, 'float64'), 'scale');
      if (scale.data.some((s) => s < 0)) throw new MatError('scale < 0', 'ValueError');
      const rng = ctx.rng();
      return affine(loc, scale, sizeShape(optional(args, 'size')), (out) => {
        for (let i = 0; i < out.length; i++) out[i] = rng.standardNormal();
      });
    },
  },
  {
    name: 'random.randint',
    params: params('low', 'high?', 'size?', 'dtype?'),
    call: (args, ctx) => {
      let low = toInt(args.named.get('low') as Value, 'low');
      const highValue = optional(args, 'high');
      let high: number;
      if (highValue === undefined) {
        high = low;
        low = 0;
      } else high = toInt(highValue, 'high');
      const dtypeArg = optional(args, 'dtype');
      const dtype = toDType(dtypeArg) ?? 'int64';
      // Without a size, the default dtype (or Python's int or bool class) gives a Python number, a NumPy dtype its scalar.
      const pythonResult =
        dtypeArg === undefined ||
        (!isArray(dtypeArg) &&
          dtypeArg.kind === 'dtype' &&
          (dtypeArg.label === 'int' || dtypeArg.label === 'bool'));
      if (isFloatDType(dtype)) {
        throw new MatError(`Unsupported dtype dtype('${dtype}') for randint`, 'TypeError');
      }
      const { min, max, itemsize } = DTYPES[dtype];
      if (dtype !== 'int64' && dtype !== 'uint64') {
        if (low < min) throw new MatError(`low is out of bounds for ${dtype}`, 'ValueError');
        if (high - 1 > max) throw new MatError(`high is out of bounds for ${dtype}`, 'ValueError');
      }
      if (low >= high) throw new MatError('low >= high', 'ValueError');
      const size = sizeShape(optional(args, 'size'));
      const shape = size ?? [];
      checkShape(shape);
      if (Math.abs(low) > 2 ** 53 || Math.abs(high) > 2 ** 53 || high - low > 2 ** 53) {
        throw new MatError(
          'randint() bounds beyond ±2**53 are not supported here (integers are exact only up to 2**53)',
          'ValueError',
        );
      }
      // Counted against the size limit before the generator allocates its buffer.
      reserve(shapeSize(shape));
      const count = shapeSize(shape);
      const values =
        dtype === 'bool' || itemsize <= 2
          ? ctx.rng().randintSmall(low, high, count, dtype === 'bool' ? 1 : itemsize === 1 ? 8 : 16)
          : ctx.rng().randint(low, high, count);
      const result = new NDArray(values, shape, dtype);
      return pythonResult ? pythonWithoutSize(result, size) : result;
    },
  },
  {
    name: 'random.standard_normal',
    params: params('size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample([], optional(args, 'size'), 'float64', () => rng.standardNormal());
    },
  },
  {
    name: 'random.standard_exponential',
    params: params('size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample([], optional(args, 'size'), 'float64', () => legacyStandardExponential(rng));
    },
  },
  {
    name: 'random.exponential',
    params: params('scale?', 'size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample(
        [param(args, 'scale', 1, 'nonNegative')],
        optional(args, 'size'),
        'float64',
        (p) => p[0] * legacyStandardExponential(rng),
      );
    },
  },
  {
    name: 'random.gamma',
    params: params('shape', 'scale?', 'size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample(
        [param(args, 'shape', 0, 'nonNegative'), param(args, 'scale', 1, 'nonNegative')],
        optional(args, 'size'),
        'float64',
        (p) => p[1] * legacyStandardGamma(rng, p[0]),
      );
    },
  },
  {
    name: 'random.standard_gamma',
    params: params('shape', 'size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample([param(args, 'shape', 0, 'nonNegative')], optional(args, 'size'), 'float64', (p) =>
        legacyStandardGamma(rng, p[0]),
      );
    },
  },
  {
    name: 'random.beta',
    params: params('a', 'b', 'size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample(
        [param(args, 'a', 0, 'positive'), param(args, 'b', 0, 'positive')],
        optional(args, 'size'),
        'float64',
        (p) => legacyBeta(rng, p[0], p[1]),
      );
    },
  },
  {
    name: 'random.lognormal',
    params: params('mean?', 'sigma?', 'size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample(
        [param(args, 'mean', 0, 'none'), param(args, 'sigma', 1, 'nonNegative')],
        optional(args, 'size'),
        'float64',
        (p) => legacyLognormal(rng, p[0], p[1]),
      );
    },
  },
  {
    name: 'random.laplace',
    params: params('loc?', 'scale?', 'size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample(
        [param(args, 'loc', 0, 'none'), param(args, 'scale', 1, 'nonNegative')],
        optional(args, 'size'),
        'float64',
        (p) => laplace(rng, p[0], p[1]),
      );
    },
  },
  {
    name: 'random.logistic',
    params: params('loc?', 'scale?', 'size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample(
        [param(args, 'loc', 0, 'none'), param(args, 'scale', 1, 'nonNegative')],
        optional(args, 'size'),
        'float64',
        (p) => logistic(rng, p[0], p[1]),
      );
    },
  },
  {
    name: 'random.binomial',
    params: params('n', 'p', 'size?'),
    call: (args, ctx) => legacyBinomialCall(args, ctx.rng()),
  },
  {
    name: 'random.poisson',
    params: params('lam?', 'size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample([param(args, 'lam', 1, 'legacyPoisson')], optional(args, 'size'), 'int64', (p) =>
        poisson(rng, p[0]),
      );
    },
  },
  {
    name: 'random.geometric',
    params: params('p', 'size?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return sample([param(args, 'p', 0, 'boundedGt01')], optional(args, 'size'), 'int64', (p) =>
        legacyGeometric(rng, p[0]),
      );
    },
  },
  {
    name: 'random.multinomial',
    params: params('n', 'pvals', 'size?'),
    call: (args, ctx) => legacyMultinomialCall(args, ctx.rng()),
  },
  {
    name: 'random.multivariate_normal',
    params: params('mean', 'cov', 'size?', 'check_valid?', 'tol?'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return multivariateNormal(args, () => rng.standardNormal(), { legacy: true });
    },
  },
  {
    name: 'random.permutation',
    params: params('x'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return permutationOf(required(args, 'x'), (max) => legacyInterval(rng, max), undefined);
    },
  },
  {
    name: 'random.shuffle',
    params: params('x'),
    call: (args, ctx) => {
      const rng = ctx.rng();
      return shuffleInPlace(required(args, 'x'), (max) => legacyInterval(rng, max));
    },
  },
  {
    name: 'random.choice',
    params: params('a', 'size?', 'replace?', 'p?'),
    call: (args, ctx) => legacyChoice(args, ctx.rng()),
  },
  {
    name: 'random.default_rng',
    params: params('seed?'),
    call: (args) => defaultRng(optional(args, 'seed')),
  },
];

/** A sampler parameter read from the call's arguments. */
function param(args: BoundArgs, name: string, fallback: number, constraint: Constraint): SamplerParam {
  return { value: optional(args, name), fallback, name, constraint };
}

/** `random_interval` on MT19937's 32-bit words (shuffle and permutation). */
function legacyInterval(rng: LegacyRandom, max: number): number {
  return randomInterval(() => rng.nextUint32(), max);
}

/** Integers are exact in the engine up to 2^53. */
function checkExactCount(n: number, what: string): void {
  if (Math.abs(n) > 2 ** 53) {
    throw new MatError(
      `${what} beyond 2**53 is not supported here (integers are exact only up to 2**53)`,
      'ValueError',
    );
  }
}

/**
 * `np.random.binomial(n, p, size)`: n converted to an integer (floats
 * truncated), p to a float, both checked, then one draw per element.
 */
function legacyBinomialCall(args: BoundArgs, rng: LegacyRandom): Value {
  const p = astype(toArray(required(args, 'p'), 'p'), 'float64');
  const n = toArray(required(args, 'n'), 'n');
  const counts = Float64Array.from(n.data, Math.trunc);
  const shape = samplerSize(optional(args, 'size'));
  if (p.ndim === 0 && n.ndim === 0) {
    checkConstraint(p.data[0], 'p', 'bounded01');
    checkConstraint(counts[0], 'n', 'nonNegativeLong');
    checkExactCount(counts[0], 'n');
    if (shape === null) return pyInt(legacyBinomial(rng, p.data[0], counts[0]));
    const out = allocate(shapeSize(shape));
    for (let i = 0; i < out.length; i++) {
      tick();
      out[i] = legacyBinomial(rng, p.data[0], counts[0]);
    }
    return new NDArray(out, shape, 'int64');
  }
  checkArrayConstraint(p.data, 'p', 'bounded01');
  checkArrayConstraint(counts, 'n', 'nonNegativeLong');
  for (const count of counts) checkExactCount(count, 'n');
  const outShape = outputShape(shape, [p.shape, n.shape]);
  const pIndex = broadcastIndex(outShape, p.shape);
  const nIndex = broadcastIndex(outShape, n.shape);
  const out = allocate(pIndex.length);
  for (let i = 0; i < out.length; i++) {
    tick();
    out[i] = legacyBinomial(rng, p.data[pIndex[i]], counts[nIndex[i]]);
  }
  return new NDArray(out, outShape, 'int64');
}

/** `np.random.multinomial(n, pvals, size)`: counts per category, the last taking what is left. */
function legacyMultinomialCall(args: BoundArgs, rng: LegacyRandom): Value {
  const pvals = astype(toArray(required(args, 'pvals'), 'pvals'), 'float64');
  if (pvals.ndim === 0) throw new MatError('pvals must be a 1-d sequence', 'TypeError');
  if (pvals.ndim > 1) {
    throw new MatError(
      'setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.',
      'ValueError',
    );
  }
  const d = pvals.size;
  checkArrayConstraint(pvals.data, 'pvals', 'bounded01');
  if (d > 0 && kahanSum(pvals.data, d - 1) > 1.0 + 1e-12)
    throw new MatError('sum(pvals[:-1]) > 1.0', 'ValueError');
  const size = samplerSize(optional(args, 'size'));
  const shape = size === null ? [d] : [...size, d];
  const out = allocate(shapeSize(shape));
  const nValue = toArray(required(args, 'n'), 'n');
  if (nValue.ndim !== 0)
    throw new MatError('only length-1 arrays can be converted to Python scalars', 'TypeError');
  const n = Math.trunc(nValue.data[0]);
  checkConstraint(n, 'n', 'nonNegativeLong');
  checkExactCount(n, 'n');
  const draws = d === 0 ? 0 : out.length / d;
  for (let i = 0; i < draws; i++) {
    tick();
    multinomial(rng, n, pvals.data, out, i * d);
  }
  return new NDArray(out, shape, 'int64');
}

/** `np.random.choice(a, size, replace, p)`, RandomState's algorithm and messages. */
function legacyChoice(args: BoundArgs, rng: LegacyRandom): Value {
  const a = toArray(required(args, 'a'), 'a');
  const sizeArg = optional(args, 'size');
  const shape = sizeArg === undefined ? null : samplerSize(sizeArg);
  const takesSamples = shape === null || shapeSize(shape) !== 0;
  let popSize: number;
  if (a.ndim === 0) {
    if (a.dtype === 'float64') throw new MatError('a must be 1-dimensional or an integer', 'ValueError');
    popSize = a.data[0];
    if (popSize <= 0 && takesSamples) {
      throw new MatError('a must be greater than 0 unless no samples are taken', 'ValueError');
    }
  } else if (a.ndim !== 1) {
    throw new MatError('a must be 1-dimensional', 'ValueError');
  } else {
    popSize = a.shape[0];
    if (popSize === 0 && takesSamples) {
      throw new MatError("'a' cannot be empty unless no samples are taken", 'ValueError');
    }
  }
  const pValue = optional(args, 'p');
  let p: Float64Array | undefined;
  if (pValue !== undefined) {
    const pArray = astype(toArray(pValue, 'p'), 'float64');
    if (pArray.ndim === 0)
      throw new MatError(`object of type '${typeName(pValue)}' has no len()`, 'TypeError');
    if (pArray.ndim !== 1) throw new MatError("'p' must be 1-dimensional", 'ValueError');
    if (pArray.size !== popSize) throw new MatError("'a' and 'p' must have same size", 'ValueError');
    const sum = kahanSum(pArray.data);
    if (Number.isNaN(sum)) throw new MatError('probabilities contain NaN', 'ValueError');
    if (pArray.data.some((x) => x < 0))
      throw new MatError('probabilities are not non-negative', 'ValueError');
    if (Math.abs(sum - 1) > Math.sqrt(2.220446049250313e-16)) {
      throw new MatError('probabilities do not sum to 1', 'ValueError');
    }
    p = pArray.data;
  }
  const outShape = shape ?? [];
  const count = shapeSize(outShape);
  const replaceArg = optional(args, 'replace');
  const replace = replaceArg === undefined ? args.named.get('replace') === undefined : toBool(replaceArg);
  let idx: Float64Array;
  if (replace) {
    if (p !== undefined) {
      const cdf = normalizedCdf(p);
      idx = allocate(count);
      for (let i = 0; i < count; i++) idx[i] = searchRight(cdf, rng.nextDouble());
    } else {
      reserve(count);
      idx = rng.randint(0, popSize, count);
    }
  } else {
    if (count > popSize) {
      throw new MatError("Cannot take a larger sample than population when 'replace=False'", 'ValueError');
    }
    if (p !== undefined) {
      let nonzero = 0;
      for (const x of p) if (x > 0) nonzero++;
      if (nonzero < count) throw new MatError('Fewer non-zero entries in p than size', 'ValueError');
      idx = choiceWithoutReplacement(p, count, (n) => rng.uniform(n));
    } else {
      idx = fisherYates(popSize, (max) => legacyInterval(rng, max)).slice(0, count);
    }
  }
  if (a.ndim === 0) return shape === null ? pyInt(idx[0]) : new NDArray(idx, outShape, 'int64');
  return takeAlong(a, idx, outShape, 0);
}
