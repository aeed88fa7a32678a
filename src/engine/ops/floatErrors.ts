/**
 * NumPy's floating-point error handling (`np.seterr`, `np.errstate`) as the
 * kernels see it. NumPy's default, 'warn', writes a RuntimeWarning to
 * stderr, and 'print' writes its line there too (not to stdout, whatever
 * NumPy's docstring says): neither changes what a program computes or
 * prints. Only 'raise' (FloatingPointError), 'call' (the `np.seterrcall`
 * function) and 'log' do, so the kernels look for errors only when some
 * setting is one of those: otherwise the check costs one property read.
 */
import { isFloatDType } from '../dtypes';
import { MatError } from '../errors';
import type { DType, NDArray } from '../ndarray';
import type { Value } from '../values';
import { broadcastTo } from './broadcast';

/** What NumPy does on one kind of error. */
export type FloatErrorMode = 'ignore' | 'warn' | 'raise' | 'call' | 'print' | 'log';

export const FLOAT_ERROR_MODES: readonly FloatErrorMode[] = [
  'ignore',
  'warn',
  'raise',
  'call',
  'print',
  'log',
];

/** The kinds of error, in NumPy's order (`np.geterr()`'s keys; the order errors are reported in). */
export const FLOAT_ERROR_KINDS = ['divide', 'over', 'under', 'invalid'] as const;
export type FloatErrorKind = (typeof FLOAT_ERROR_KINDS)[number];

/** The program's settings: one mode per kind, and the `np.seterrcall` handler. */
export interface FloatErrorSettings {
  readonly divide: FloatErrorMode;
  readonly over: FloatErrorMode;
  readonly under: FloatErrorMode;
  readonly invalid: FloatErrorMode;
  /** What `np.seterrcall` set (None until then). */
  readonly call: Value | undefined;
  /** Some mode does something a program can see (worked out once: kernels test it on every call). */
  readonly watched: boolean;
}

/** Settings from modes and a handler (frozen: states share them). */
export function floatErrorSettings(
  modes: Readonly<Record<FloatErrorKind, FloatErrorMode>>,
  call: Value | undefined,
): FloatErrorSettings {
  const watched = FLOAT_ERROR_KINDS.some(
    (kind) => modes[kind] === 'raise' || modes[kind] === 'call' || modes[kind] === 'log',
  );
  return Object.freeze({
    divide: modes.divide,
    over: modes.over,
    under: modes.under,
    invalid: modes.invalid,
    call,
    watched,
  });
}

/** NumPy's defaults: warn, except underflow, which is ignored. */
export const DEFAULT_FLOAT_ERRORS: FloatErrorSettings = floatErrorSettings(
  { divide: 'warn', over: 'warn', under: 'ignore', invalid: 'warn' },
  undefined,
);

/** What the running program gives the kernels: its settings, and how 'call' calls its handler. */
export interface FloatErrorHandling {
  /** The settings now (read at each check: the statement may have changed them). */
  settings(): FloatErrorSettings;
  /** 'call' mode: calls the handler with NumPy's arguments (the error, and the flag of all errors found). */
  call(handler: Value, error: string, flag: number): void;
}

let program: FloatErrorHandling | undefined;

/** Runs `fn` with the running program's error handling (kernels outside it use NumPy's defaults). */
export function withProgramFloatErrors<T>(handling: FloatErrorHandling, fn: () => T): T {
  const outer = program;
  program = handling;
  try {
    return fn();
  } finally {
    program = outer;
  }
}

/** True when a kernel must look for errors: some setting does more than write to stderr. */
export function floatErrorsWatched(): boolean {
  return program?.settings().watched === true;
}

const ERROR_TEXT: Readonly<Record<FloatErrorKind, string>> = {
  divide: 'divide by zero',
  over: 'overflow',
  under: 'underflow',
  invalid: 'invalid value',
};

/** The bit of each kind in NumPy's status flag (`divide + 2*over + 4*under + 8*invalid`). */
export const FLOAT_ERROR_FLAG: Readonly<Record<FloatErrorKind, number>> = {
  divide: 1,
  over: 2,
  under: 4,
  invalid: 8,
};

/**
 * NumPy's FloatingPointError. It carries what the ufunc computed: NumPy
 * raises after its loop, so `a /= 0` has already written into `a`.
 */
export class FloatingPointError extends MatError {
  constructor(
    message: string,
    readonly result: NDArray | undefined,
  ) {
    super(message, 'FloatingPointError');
  }
}

/**
 * Handles the errors in `found` (a flag) that `ufunc` met computing
 * `result`, in NumPy's order, as the settings say.
 */
export function reportFloatErrors(found: number, ufunc: string, result?: NDArray): void {
  if (found === 0 || !program) return;
  const settings = program.settings();
  for (const kind of FLOAT_ERROR_KINDS) {
    if (!(found & FLOAT_ERROR_FLAG[kind])) continue;
    const text = ERROR_TEXT[kind];
    switch (settings[kind]) {
      case 'raise':
        throw new FloatingPointError(`${text} encountered in ${ufunc}`, result);
      case 'call':
        if (settings.call === undefined) {
          throw new MatError(
            `python callback specified for ${text} (in  ${ufunc}) but no function found.`,
            'NameError',
          );
        }
        program.call(settings.call, text, found);
        break;
      case 'log':
        // A log object needs a class with a write method, which .mat files cannot define.
        throw new MatError(
          `log specified for ${text} (in ${ufunc}) but no object with write method found.`,
          'NameError',
        );
      default:
        break;
    }
  }
}

/** The smallest normal magnitude of a float dtype: results below it underflowed (when inexact). */
function smallestNormal(dtype: DType): number {
  return dtype === 'float16' ? 2 ** -14 : dtype === 'float32' ? 2 ** -126 : 2 ** -1022;
}

/** The element-wise arithmetic operators' errors. */
export type CheckedOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';

/**
 * The errors `x op y = r` raised, element by element, as IEEE 754 flags
 * them: a NaN from non-NaN inputs is invalid; an infinity from finite
 * inputs divides by zero (a zero divisor, or zero to a negative power) or
 * overflows; a product, quotient or power that rounded to a tiny or zero
 * value underflowed. Integer loops only divide by zero (`//`, `%`), or
 * overflow in `min // -1` and in NumPy scalar arithmetic (`scalarInts`).
 */
export function binaryFloatErrors(
  op: CheckedOp,
  a: NDArray,
  b: NDArray,
  result: NDArray,
  scalarInts: boolean,
): number {
  const shape = result.shape;
  const x = a.size === result.size ? a.data : broadcastTo(a, shape).data;
  const y = b.size === result.size ? b.data : broadcastTo(b, shape).data;
  const r = result.data;
  const dtype = result.dtype;
  let found = 0;
  if (!isFloatDType(dtype)) {
    if (op !== '//' && op !== '%' && !scalarInts) return 0;
    for (let i = 0; i < r.length; i++) {
      if ((op === '//' || op === '%') && y[i] === 0) found |= FLOAT_ERROR_FLAG.divide;
      else if (op === '//' && y[i] === -1 && x[i] === signedMinimum(dtype)) found |= FLOAT_ERROR_FLAG.over;
      else if (scalarInts && (op === '+' || op === '-' || op === '*')) {
        if (!fitsExactly(op, x[i], y[i], dtype)) found |= FLOAT_ERROR_FLAG.over;
      }
    }
    return found;
  }
  const tiny = smallestNormal(dtype);
  for (let i = 0; i < r.length; i++) {
    const v = r[i];
    const p = x[i];
    const q = y[i];
    if (Number.isNaN(v)) {
      if (!Number.isNaN(p) && !Number.isNaN(q)) found |= FLOAT_ERROR_FLAG.invalid;
    } else if (!Number.isFinite(v)) {
      if (Number.isFinite(p) && Number.isFinite(q)) {
        const byZero = ((op === '/' || op === '//') && q === 0) || (op === '**' && p === 0);
        found |= byZero ? FLOAT_ERROR_FLAG.divide : FLOAT_ERROR_FLAG.over;
      }
    } else if (
      Math.abs(v) < tiny &&
      (op === '*' || op === '/' || op === '**') &&
      p !== 0 &&
      Number.isFinite(p) &&
      Number.isFinite(q) &&
      (op !== '*' || q !== 0) &&
      inexact(op, p, q, v)
    ) {
      found |= FLOAT_ERROR_FLAG.under;
    }
  }
  return found;
}

/** Whether a tiny result was rounded (an exact subnormal product, such as 1e-320 * 0.5, flags nothing). */
function inexact(op: CheckedOp, p: number, q: number, v: number): boolean {
  if (v === 0) return true;
  if (op === '*') return v / q !== p || v / p !== q;
  if (op === '/') return v * q !== p;
  return true;
}

/** The most negative value of a signed integer dtype (NaN for the others). */
function signedMinimum(dtype: DType): number {
  switch (dtype) {
    case 'int8':
      return -(2 ** 7);
    case 'int16':
      return -(2 ** 15);
    case 'int32':
      return -(2 ** 31);
    case 'int64':
      return -(2 ** 63);
    default:
      return Number.NaN;
  }
}

/** Whether `x op y` of two integers of `dtype` fits in it (NumPy scalar math checks; array loops wrap). */
function fitsExactly(op: '+' | '-' | '*', x: number, y: number, dtype: DType): boolean {
  const bx = BigInt(x);
  const by = BigInt(y);
  const exact = op === '+' ? bx + by : op === '-' ? bx - by : bx * by;
  const bits = BigInt(INT_BITS[dtype] ?? 64);
  const unsigned = dtype.startsWith('u');
  return unsigned
    ? BigInt.asUintN(Number(bits), exact) === exact
    : BigInt.asIntN(Number(bits), exact) === exact;
}

const INT_BITS: Readonly<Partial<Record<DType, number>>> = {
  int8: 8,
  int16: 16,
  int32: 32,
  int64: 64,
  uint8: 8,
  uint16: 16,
  uint32: 32,
  uint64: 64,
};

/** Math functions whose infinity at a finite point is a pole (divide by zero), not an overflow. */
const POLES = new Set(['log', 'log2', 'log10', 'log1p', 'arctanh']);
/** Math functions that can underflow (their tiny results are rounded). */
const UNDERFLOWS = new Set(['exp', 'exp2', 'square']);

/** The errors a unary math function `name` raised computing `result` from `input`. */
export function unaryFloatErrors(name: string, input: NDArray, result: NDArray): number {
  if (!isFloatDType(result.dtype)) return 0;
  const x = input.data;
  const r = result.data;
  const tiny = smallestNormal(result.dtype);
  const pole = POLES.has(name);
  const underflows = UNDERFLOWS.has(name);
  let found = 0;
  for (let i = 0; i < r.length; i++) {
    const v = r[i];
    const p = x[i];
    if (Number.isNaN(v)) {
      if (!Number.isNaN(p)) found |= FLOAT_ERROR_FLAG.invalid;
    } else if (!Number.isFinite(v)) {
      if (Number.isFinite(p)) found |= pole ? FLOAT_ERROR_FLAG.divide : FLOAT_ERROR_FLAG.over;
    } else if (underflows && Math.abs(v) < tiny && Number.isFinite(p) && p !== 0) {
      // square of a tiny value is exact only rarely (a power of two); exp's results never are.
      if (name !== 'square' || v === 0 || v / p !== p) found |= FLOAT_ERROR_FLAG.under;
    }
  }
  return found;
}
