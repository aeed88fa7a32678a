/**
 * NumPy's real dtypes: what each is (kind, size, range), which casts are
 * safe, NumPy 2's promotion, and the C casts NumPy's loops do. Every dtype's
 * elements live in a Float64Array (run/ndarray.ts): each kernel computes in
 * doubles and `roundInto` brings its results back to the array's dtype
 * (wrap-around for the fixed-width ints, IEEE rounding for float32/16), which
 * is exact for + - * / of every type but int64's and float64's own.
 */

import { MatError } from './errors';

export type DType =
  | 'bool'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'complex64'
  | 'complex128';

/** NumPy's `dtype.kind`: b(ool), i(nt), u(nsigned), f(loat), c(omplex). */
export type DTypeKind = 'b' | 'i' | 'u' | 'f' | 'c';

export interface DTypeInfo {
  readonly kind: DTypeKind;
  /** Bytes per element. */
  readonly itemsize: number;
  /** NumPy's one-letter code (`dtype.char`). */
  readonly char: string;
  /** The smallest and largest values (ints and bool). */
  readonly min: number;
  readonly max: number;
}

function ints(kind: 'i' | 'u', bits: number, char: string): DTypeInfo {
  const signed = kind === 'i';
  return {
    kind,
    itemsize: bits / 8,
    char,
    min: signed ? -(2 ** (bits - 1)) : 0,
    max: signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1,
  };
}

function floats(bits: number, char: string, max: number): DTypeInfo {
  return { kind: 'f', itemsize: bits / 8, char, min: -max, max };
}

export const DTYPES: Readonly<Record<DType, DTypeInfo>> = {
  bool: { kind: 'b', itemsize: 1, char: '?', min: 0, max: 1 },
  int8: ints('i', 8, 'b'),
  uint8: ints('u', 8, 'B'),
  int16: ints('i', 16, 'h'),
  uint16: ints('u', 16, 'H'),
  int32: ints('i', 32, 'i'),
  uint32: ints('u', 32, 'I'),
  int64: ints('i', 64, 'l'),
  uint64: ints('u', 64, 'L'),
  float16: floats(16, 'e', 65504),
  float32: floats(32, 'f', 3.4028234663852886e38),
  float64: floats(64, 'd', Number.MAX_VALUE),
  complex64: { kind: 'c', itemsize: 8, char: 'F', min: -3.4028234663852886e38, max: 3.4028234663852886e38 },
  complex128: { kind: 'c', itemsize: 16, char: 'D', min: -Number.MAX_VALUE, max: Number.MAX_VALUE },
};

/** Every dtype, in NumPy's order of promotion (the first safe target of two types is their promotion). */
export const DTYPE_ORDER: readonly DType[] = [
  'bool',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'float16',
  'float32',
  'float64',
  'complex64',
  'complex128',
];

export function isFloatDType(dtype: DType): boolean {
  return DTYPES[dtype].kind === 'f';
}

/** complex64 or complex128. */
export function isComplexDType(dtype: DType): boolean {
  return DTYPES[dtype].kind === 'c';
}

/** The dtype of a complex dtype's real and imaginary parts (float32 for complex64); a real dtype's own. */
export function componentDType(dtype: DType): DType {
  return dtype === 'complex64' ? 'float32' : dtype === 'complex128' ? 'float64' : dtype;
}

/** The complex dtype whose parts hold `dtype`'s values: complex64 for float32 and narrower, complex128 otherwise. */
export function complexDType(dtype: DType): DType {
  return DTYPES[dtype].kind === 'c' ? dtype : canCastSafely(dtype, 'complex64') ? 'complex64' : 'complex128';
}

/** A signed or unsigned integer dtype (not bool). */
export function isIntegerDType(dtype: DType): boolean {
  const kind = DTYPES[dtype].kind;
  return kind === 'i' || kind === 'u';
}

/** Bool or an integer dtype: what NumPy's integer-only functions accept. */
export function isIntegral(dtype: DType): boolean {
  const kind = DTYPES[dtype].kind;
  return kind !== 'f' && kind !== 'c';
}

/** The result dtype of a float function (sqrt, exp): floats keep theirs, ints get the narrowest float that holds them (float16 for 8 bits, float32 for 16). */
export function floatResultDType(dtype: DType): DType {
  const info = DTYPES[dtype];
  if (info.kind === 'f' || info.kind === 'c') return dtype;
  if (info.itemsize === 1) return 'float16';
  if (info.itemsize === 2) return 'float32';
  return 'float64';
}

/** NumPy's `can_cast(from, to, 'safe')`: every value of `from` is a value of `to`. */
export function canCastSafely(from: DType, to: DType): boolean {
  if (from === to || from === 'bool') return true;
  const a = DTYPES[from];
  const b = DTYPES[to];
  switch (b.kind) {
    case 'b':
      return false;
    case 'c':
      return a.kind === 'c'
        ? b.itemsize >= a.itemsize
        : b.itemsize >= 2 * DTYPES[floatResultDType(from)].itemsize;
    case 'f':
      if (a.kind === 'c') return false;
      return a.kind === 'f'
        ? b.itemsize >= a.itemsize
        : b.itemsize >= DTYPES[floatResultDType(from)].itemsize;
    case 'i':
      return (a.kind === 'i' && b.itemsize >= a.itemsize) || (a.kind === 'u' && b.itemsize > a.itemsize);
    case 'u':
      return a.kind === 'u' && b.itemsize >= a.itemsize;
  }
}

/** NumPy's `can_cast(from, to, 'same_kind')`: safe, or within a kind (float64 → float32, int64 → int8). */
export function canCastSameKind(from: DType, to: DType): boolean {
  if (canCastSafely(from, to)) return true;
  const a = DTYPES[from].kind;
  const b = DTYPES[to].kind;
  if (a === 'c') return b === 'c';
  return a === b || (a === 'u' && b === 'i') || b === 'c' || (b === 'f' && a !== 'f');
}

/** `np.promote_types(a, b)`. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  for (const t of DTYPE_ORDER) if (canCastSafely(a, t) && canCastSafely(b, t)) return t;
  return 'float64';
}

/** The dtype sums and products accumulate in: small ints widen to int64 (unsigned to uint64), floats keep theirs. */
export function sumDType(dtype: DType): DType {
  const info = DTYPES[dtype];
  if (info.kind === 'f' || info.kind === 'c' || info.itemsize === 8) return dtype;
  return info.kind === 'u' ? 'uint64' : 'int64';
}

// --- rounding into a dtype -------------------------------------------------------------

const F32 = new Float32Array(1);

/** Rounds a double to the nearest float16 (ties to even), keeping infinities and NaN. */
export function f16round(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  if (a >= 65520) return sign * Number.POSITIVE_INFINITY; // past MAX + half an ulp
  // Spacing of float16 near a: 2**(e - 10), with subnormals below 2**-14.
  const e = Math.max(Math.floor(Math.log2(a)), -14);
  let ulp = 2 ** (e - 10);
  // log2 can be off by one near powers of two: correct so that a is in [2**e, 2**(e+1)).
  if (a >= 2 ** (e + 1)) ulp *= 2;
  else if (e > -14 && a < 2 ** e) ulp /= 2;
  const q = a / ulp; // exact: a power-of-two scaling
  let r = Math.floor(q);
  const d = q - r;
  if (d > 0.5 || (d === 0.5 && r % 2 === 1)) r += 1;
  return sign * r * ulp;
}

/** Wraps an integer value into a fixed-width int type (two's complement). */
function wrapInt(v: number, info: DTypeInfo): number {
  const span = info.max - info.min + 1;
  if (v >= info.min && v <= info.max) return v;
  let r = (v - info.min) % span;
  if (r < 0) r += span;
  return r + info.min;
}

const INT64_MIN = -(2 ** 63);
const INT32_MIN = -(2 ** 31);

/**
 * One value converted to `dtype` as NumPy's C cast loops do on x86-64. From
 * an integer type (`fromInteger`) the low bits are kept: ints wrap around.
 * From a float, the value truncates toward zero; a NaN, an infinity or a
 * value out of range goes through the CPU's "integer indefinite" (INT_MIN of
 * 32 or 64 bits) before it is truncated to the width, so
 * `np.array([np.nan]).astype(np.int8)` is 0 and `.astype(np.int32)` is
 * -2147483648. Floats round to the nearest float32/float16.
 */
export function castValue(v: number, dtype: DType, fromInteger = false): number {
  const info = DTYPES[dtype];
  switch (info.kind) {
    case 'b':
      return v !== 0 ? 1 : 0;
    case 'f':
    case 'c':
      if (dtype === 'float32' || dtype === 'complex64') {
        F32[0] = v;
        return F32[0];
      }
      return dtype === 'float16' ? f16round(v) : v;
    default: {
      if (v >= info.min && v <= info.max && Number.isInteger(v)) return v + 0;
      if (fromInteger) return dtype === 'int64' ? v : wrapInt(v, info) + 0;
      const t = Math.trunc(v);
      if (info.itemsize < 4 || dtype === 'int32') {
        const i32 = Number.isFinite(t) && t >= INT32_MIN && t < 2 ** 31 ? t : INT32_MIN;
        return wrapInt(i32, info) + 0;
      }
      if (dtype === 'int64') return Number.isFinite(t) && t >= INT64_MIN && t < 2 ** 63 ? t + 0 : INT64_MIN;
      const i64 = Number.isFinite(t) && t >= INT64_MIN && t < 2 ** 64 ? t : INT64_MIN;
      return wrapInt(i64, info) + 0;
    }
  }
}

/**
 * Brings a kernel's double results into `dtype` in place: wrap-around for the
 * narrow ints, rounding for float32/float16. float64, int64 and bool results
 * are already what they are (int64 overflow is checked where it can happen).
 */
export function roundInto(data: Float64Array, dtype: DType): Float64Array {
  switch (dtype) {
    case 'float64':
    case 'complex128':
    case 'int64':
    case 'bool':
      return data;
    case 'float32':
    case 'complex64':
      for (let i = 0; i < data.length; i++) data[i] = Math.fround(data[i]);
      return data;
    default:
      // Kernel results of an int type are exact integers: they wrap around.
      for (let i = 0; i < data.length; i++) data[i] = castValue(data[i], dtype, true);
      return data;
  }
}

/** Is the dtype one the kernels' results need `roundInto` for? */
export function needsRounding(dtype: DType): boolean {
  return dtype !== 'float64' && dtype !== 'complex128' && dtype !== 'int64' && dtype !== 'bool';
}

// --- names ------------------------------------------------------------------------------

/** Every spelling `np.dtype(...)` takes for the dtypes we model, by string. */
const DTYPE_STRINGS: Readonly<Record<string, DType>> = (() => {
  const names: Record<string, DType> = {
    float: 'float64',
    double: 'float64',
    single: 'float32',
    half: 'float16',
    int: 'int64',
    int_: 'int64',
    intp: 'int64',
    uintp: 'uint64',
    uint: 'uint64',
    long: 'int64',
    ulong: 'uint64',
    longlong: 'int64',
    ulonglong: 'uint64',
    intc: 'int32',
    uintc: 'uint32',
    short: 'int16',
    ushort: 'uint16',
    byte: 'int8',
    ubyte: 'uint8',
    bool: 'bool',
    bool_: 'bool',
    b1: 'bool',
    p: 'int64',
    P: 'uint64',
    q: 'int64',
    Q: 'uint64',
    n: 'int64',
    N: 'uint64',
    complex: 'complex128',
    cdouble: 'complex128',
    csingle: 'complex64',
  };
  for (const dtype of DTYPE_ORDER) {
    const info = DTYPES[dtype];
    names[dtype] = dtype;
    names[info.char] = dtype;
    if (dtype !== 'bool') {
      const code = `${info.kind}${info.itemsize}`;
      for (const order of ['', '<', '=', '|']) names[`${order}${code}`] = dtype;
      for (const order of ['<', '=', '|']) names[`${order}${info.char}`] = dtype;
    }
  }
  return names;
})();

/** The dtype a string names (`'f4'`, `'int32'`, `'d'`), or undefined. */
export function dtypeFromString(text: string): DType | undefined {
  // Own keys only: 'constructor' must not reach Object.prototype.
  return Object.hasOwn(DTYPE_STRINGS, text) ? DTYPE_STRINGS[text] : undefined;
}

/** NumPy's abstract scalar classes (`np.floating`, `np.integer`, …) by name, as tests of a dtype. */
export const ABSTRACT_SCALAR_TYPES: Readonly<Record<string, (dtype: DType) => boolean>> = {
  generic: () => true,
  number: (d) => DTYPES[d].kind !== 'b',
  integer: (d) => DTYPES[d].kind === 'i' || DTYPES[d].kind === 'u',
  signedinteger: (d) => DTYPES[d].kind === 'i',
  unsignedinteger: (d) => DTYPES[d].kind === 'u',
  inexact: (d) => DTYPES[d].kind === 'f' || DTYPES[d].kind === 'c',
  floating: (d) => DTYPES[d].kind === 'f',
  complexfloating: (d) => DTYPES[d].kind === 'c',
};

/** The abstract classes above each other: is `sub` (as `np.floating`) a subclass of `base` (as `np.number`)? */
export function abstractSubclass(sub: string, base: string): boolean {
  const chain: Readonly<Record<string, readonly string[]>> = {
    generic: ['generic'],
    number: ['number', 'generic'],
    integer: ['integer', 'number', 'generic'],
    signedinteger: ['signedinteger', 'integer', 'number', 'generic'],
    unsignedinteger: ['unsignedinteger', 'integer', 'number', 'generic'],
    inexact: ['inexact', 'number', 'generic'],
    floating: ['floating', 'inexact', 'number', 'generic'],
    complexfloating: ['complexfloating', 'inexact', 'number', 'generic'],
  };
  return Object.hasOwn(chain, sub) && chain[sub].includes(base);
}

/** The NumPy scalar classes under `np.` (`np.float32`, `np.uint8`, `np.single`) and their dtypes. */
export const NUMPY_SCALAR_TYPES: Readonly<Record<string, DType>> = {
  int8: 'int8',
  uint8: 'uint8',
  int16: 'int16',
  uint16: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  int64: 'int64',
  uint64: 'uint64',
  float16: 'float16',
  float32: 'float32',
  float64: 'float64',
  bool_: 'bool',
  byte: 'int8',
  ubyte: 'uint8',
  short: 'int16',
  ushort: 'uint16',
  intc: 'int32',
  uintc: 'uint32',
  int_: 'int64',
  intp: 'int64',
  uint: 'uint64',
  uintp: 'uint64',
  long: 'int64',
  ulong: 'uint64',
  longlong: 'int64',
  ulonglong: 'uint64',
  half: 'float16',
  single: 'float32',
  double: 'float64',
  complex64: 'complex64',
  complex128: 'complex128',
  csingle: 'complex64',
  cdouble: 'complex128',
};

/**
 * A Python number converted to `dtype` as NumPy 2 converts one (`np.uint8(300)`,
 * `np.array([300], dtype=np.uint8)`, `int8_array + 300`): a float is first made
 * an int (NaN and infinities refused), and an int outside the dtype's range is
 * an OverflowError rather than a wrap-around.
 */
export function castPythonNumber(value: number, isFloat: boolean, dtype: DType, big?: bigint): number {
  const info = DTYPES[dtype];
  if (info.kind === 'b' || info.kind === 'f' || info.kind === 'c') return castValue(value, dtype);
  if (isFloat) {
    if (Number.isNaN(value)) throw new MatError('cannot convert float NaN to integer', 'ValueError');
    if (!Number.isFinite(value))
      throw new MatError('cannot convert float infinity to integer', 'OverflowError');
  }
  const int = Math.trunc(value) + 0;
  if (dtype === 'int64' && !(int >= info.min && int < 2 ** 63)) {
    throw new MatError('Python int too large to convert to C long', 'OverflowError');
  }
  if (int < info.min || int > info.max) {
    const text =
      big !== undefined ? big.toString() : Number.isSafeInteger(int) ? String(int) : BigInt(int).toString();
    throw new MatError(`Python integer ${text} out of bounds for ${dtype}`, 'OverflowError');
  }
  return int;
}

/** What promotion needs of an operand: its dtype, and whether it is a Python number (weak, NEP 50). */
export interface Operand {
  readonly dtype: DType;
  readonly weak?: boolean;
}

/**
 * `np.result_type` under NumPy 2's rules (NEP 50): arrays and NumPy scalars
 * promote by `promoteTypes`; a Python number is weak and takes the others'
 * dtype when its kind fits (`int8_array + 1` is int8, `float32_array * 0.5`
 * is float32), otherwise the default of its kind (`int8_array * 0.5` is
 * float64, `bool_array + 1` is int64).
 */
export function resultType(operands: readonly (Operand | DType)[]): DType {
  let strong: DType | undefined;
  let weakKind: 'b' | 'i' | 'f' | 'c' | undefined;
  const rank = { b: 0, i: 1, f: 2, c: 3 } as const;
  for (const o of operands) {
    const dtype = typeof o === 'string' ? o : o.dtype;
    if (typeof o !== 'string' && o.weak) {
      const own = DTYPES[dtype].kind;
      const kind = own === 'f' || own === 'c' ? own : dtype === 'bool' ? 'b' : 'i';
      if (weakKind === undefined || rank[kind] > rank[weakKind]) weakKind = kind;
    } else strong = strong === undefined ? dtype : promoteTypes(strong, dtype);
  }
  if (strong === undefined)
    return weakKind === 'c'
      ? 'complex128'
      : weakKind === 'f'
        ? 'float64'
        : weakKind === 'i'
          ? 'int64'
          : 'bool';
  const kind = DTYPES[strong].kind;
  // A Python complex takes a float's precision (float32 → complex64) and makes ints complex128.
  if (weakKind === 'c' && kind !== 'c') return kind === 'f' ? complexDType(strong) : 'complex128';
  if (weakKind === 'f' && kind !== 'f' && kind !== 'c') return promoteTypes(strong, 'float64');
  if (weakKind === 'i' && kind === 'b') return 'int64';
  return strong;
}
