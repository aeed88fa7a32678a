import { toNumber } from '../builtins/convert';
import { MatError } from '../errors';
import { NDArray } from '../ndarray';
import { hypot } from '../ops/numerics';
import { pyBool, pyFloat, pyInt, type Value } from '../values';
import { intFromBig } from './pyarith';

/**
 * Python's `math` module: the functions learners call on plain numbers.
 * Each takes Python numbers (or NumPy scalars) and gives Python's result
 * and Python's errors (`math domain error`).
 */

type MathFn = (args: readonly Value[]) => Value;

function real(args: readonly Value[], i = 0): number {
  const value = args[i];
  if (value === undefined) throw new MatError('missing argument', 'TypeError');
  if (value instanceof NDArray && value.im)
    throw new MatError('must be real number, not complex', 'TypeError');
  return toNumber(value, 'argument');
}

function domain(x: number): Value {
  if (Number.isNaN(x)) throw new MatError('math domain error', 'ValueError');
  return pyFloat(x);
}

function unary(f: (x: number) => number, checked = true): MathFn {
  return (args) => {
    const x = real(args);
    const y = f(x);
    return checked && Number.isNaN(y) && !Number.isNaN(x) ? domain(y) : pyFloat(y);
  };
}

function integral(args: readonly Value[], name: string): bigint {
  const v = args[0];
  if (!(v instanceof NDArray) || v.ndim !== 0 || v.dtype === 'float64') {
    throw new MatError(`'float' object cannot be interpreted as an integer`, 'TypeError');
  }
  if (v.big === undefined && v.data[0] < 0 && name === 'factorial') {
    throw new MatError('factorial() not defined for negative values', 'ValueError');
  }
  return v.big ?? BigInt(v.data[0]);
}

const FUNCTIONS: ReadonlyMap<string, MathFn> = new Map<string, MathFn>([
  ['sqrt', unary(Math.sqrt)],
  ['exp', unary(Math.exp)],
  [
    'log',
    (args) => {
      const x = real(args);
      if (x <= 0) throw new MatError('math domain error', 'ValueError');
      return pyFloat(args.length > 1 ? Math.log(x) / Math.log(real(args, 1)) : Math.log(x));
    },
  ],
  ['log10', unary((x) => (x <= 0 ? Number.NaN : Math.log10(x)))],
  ['log2', unary((x) => (x <= 0 ? Number.NaN : Math.log2(x)))],
  ['log1p', unary(Math.log1p)],
  ['expm1', unary(Math.expm1)],
  ['sin', unary(Math.sin)],
  ['cos', unary(Math.cos)],
  ['tan', unary(Math.tan)],
  ['asin', unary(Math.asin)],
  ['acos', unary(Math.acos)],
  ['atan', unary(Math.atan)],
  ['sinh', unary(Math.sinh)],
  ['cosh', unary(Math.cosh)],
  ['tanh', unary(Math.tanh)],
  ['atan2', (args) => pyFloat(Math.atan2(real(args), real(args, 1)))],
  [
    'hypot',
    (args) => {
      const values = args.map((_, i) => real(args, i));
      // Two arguments, the common case, correctly rounded as Python's are; more through Math.hypot.
      return pyFloat(values.length === 2 ? hypot(values[0], values[1]) : Math.hypot(...values));
    },
  ],
  ['pow', (args) => domain(real(args) ** real(args, 1))],
  ['fabs', unary(Math.abs)],
  ['degrees', unary((x) => (x * 180) / Math.PI)],
  ['radians', unary((x) => (x * Math.PI) / 180)],
  ['floor', (args) => pyInt(Math.floor(real(args)))],
  ['ceil', (args) => pyInt(Math.ceil(real(args)))],
  ['trunc', (args) => pyInt(Math.trunc(real(args)))],
  ['isnan', (args) => pyBool(Number.isNaN(real(args)))],
  ['isinf', (args) => pyBool(Math.abs(real(args)) === Number.POSITIVE_INFINITY)],
  ['isfinite', (args) => pyBool(Number.isFinite(real(args)))],
  [
    'isclose',
    (args) => {
      const a = real(args);
      const b = real(args, 1);
      return pyBool(a === b || Math.abs(a - b) <= Math.max(1e-9 * Math.max(Math.abs(a), Math.abs(b)), 0));
    },
  ],
  [
    'factorial',
    (args) => {
      const n = integral(args, 'factorial');
      if (n > 20_000n) throw new MatError('factorial() argument too large here', 'OverflowError');
      let r = 1n;
      for (let i = 2n; i <= n; i++) r *= i;
      return intFromBig(r);
    },
  ],
  [
    'gcd',
    (args) => {
      let a = args.length ? integral([args[0]], 'gcd') : 0n;
      for (let i = 1; i < args.length; i++) {
        let b = integral([args[i]], 'gcd');
        a = a < 0n ? -a : a;
        b = b < 0n ? -b : b;
        while (b) [a, b] = [b, a % b];
      }
      return intFromBig(a < 0n ? -a : a);
    },
  ],
  [
    'comb',
    (args) => {
      const n = integral([args[0]], 'comb');
      const k = integral([args[1]], 'comb');
      if (k < 0n || k > n) return pyInt(0);
      let r = 1n;
      for (let i = 0n; i < k; i++) r = (r * (n - i)) / (i + 1n);
      return intFromBig(r);
    },
  ],
  [
    'fsum',
    (args) => {
      const items = args[0];
      if (!(items instanceof NDArray) && (items.kind === 'list' || items.kind === 'tuple')) {
        let sum = 0;
        let c = 0;
        for (const item of items.items) {
          const y = toNumber(item) - c;
          const t = sum + y;
          c = t - sum - y;
          sum = t;
        }
        return pyFloat(sum);
      }
      throw new MatError('fsum() takes a list or tuple here', 'TypeError');
    },
  ],
]);

const CONSTANTS: ReadonlyMap<string, Value> = new Map<string, Value>([
  ['pi', pyFloat(Math.PI)],
  ['e', pyFloat(Math.E)],
  ['tau', pyFloat(2 * Math.PI)],
  ['inf', pyFloat(Number.POSITIVE_INFINITY)],
  ['nan', pyFloat(Number.NaN)],
]);

/** `math.name`: a constant, or a function as a built-in value. */
export function mathMember(name: string): Value | undefined {
  if (CONSTANTS.has(name)) return CONSTANTS.get(name);
  return FUNCTIONS.has(name)
    ? { kind: 'bound-method', self: { kind: 'module', name: 'math' }, name }
    : undefined;
}

export function mathMemberNames(): string[] {
  return [...CONSTANTS.keys(), ...FUNCTIONS.keys()];
}

/** Calls `math.name(*args)`. */
export function callMath(name: string, args: readonly Value[], keywords: ReadonlyMap<string, Value>): Value {
  const fn = FUNCTIONS.get(name);
  if (!fn) throw new MatError(`module 'math' has no attribute '${name}'`, 'AttributeError');
  if (keywords.size > 0) throw new MatError(`math.${name}() takes no keyword arguments`, 'TypeError');
  return fn(args);
}
