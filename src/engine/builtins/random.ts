import { DEFAULT_SEED } from '../constants';
import { MatError } from '../errors';
import { allocate, reserve } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { astype, binary, broadcastShapes } from '../ops';
import { isArray, NONE, type Value } from '../values';
import { optional, toArray, toInt, toShape } from './convert';
import { type BuiltinImpl, params } from './registry';

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
    params: params('low', 'high?', 'size?'),
    call: (args, ctx) => {
      let low = toInt(args.named.get('low') as Value, 'low');
      const highValue = optional(args, 'high');
      let high: number;
      if (highValue === undefined) {
        high = low;
        low = 0;
      } else high = toInt(highValue, 'high');
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
      const values = ctx.rng().randint(low, high, shapeSize(shape));
      return pythonWithoutSize(new NDArray(values, shape, 'int64'), size);
    },
  },
];
