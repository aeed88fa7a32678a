import { complexDType, type DType, isFloatDType, promoteTypes, roundInto } from '../dtypes';
import { MatError } from '../errors';
import type { NormOrder } from '../linalg';
import {
  cholesky,
  cond,
  det,
  dot,
  eig,
  eigh,
  eigvals,
  eigvalsh,
  inv,
  lstsq,
  matmul,
  matrixPower,
  matrixRank,
  multiDot,
  norm,
  outer,
  pinv,
  qr,
  slogdet,
  solve,
  svdHermitian,
  svdLapack,
  trace,
} from '../linalg';
import { NDArray } from '../ndarray';
import { complexArray } from '../ops/complexArrays';
import { isArray, type NamedTupleClass, type TupleValue, type Value } from '../values';
import { optional, required, scalar, toArray, toBool, toInt, toNumber } from './convert';
import { type BuiltinImpl, params } from './registry';

function toNormOrder(value: Value | undefined): NormOrder {
  if (value === undefined || (!isArray(value) && value.kind === 'none')) return null;
  if (!isArray(value) && value.kind === 'string') {
    if (value.value === 'fro' || value.value === 'nuc') return value.value;
    throw new MatError(`Invalid norm order '${value.value}' for matrices`, 'ValueError');
  }
  return toNumber(value, 'ord');
}

function toNormAxis(value: Value | undefined): number | [number, number] | null {
  if (value === undefined) return null;
  if (!isArray(value) && value.kind === 'tuple') {
    if (value.items.length !== 2) throw new MatError('Improper number of dimensions to norm.', 'ValueError');
    return [toInt(value.items[0], 'axis'), toInt(value.items[1], 'axis')];
  }
  return toInt(value, 'axis');
}

/** NumPy's named tuples of `numpy.linalg` results (`SVDResult(U=…, S=…, Vh=…)`). */
function linalgResult(name: string, fields: readonly string[]): (items: readonly NDArray[]) => TupleValue {
  const named: NamedTupleClass = { name, module: 'numpy.linalg._linalg', fields };
  return (items) => ({ kind: 'tuple', items, named });
}

const svdResult = linalgResult('SVDResult', ['U', 'S', 'Vh']);
const qrResult = linalgResult('QRResult', ['Q', 'R']);
const slogdetResult = linalgResult('SlogdetResult', ['sign', 'logabsdet']);
const eighResult = linalgResult('EighResult', ['eigenvalues', 'eigenvectors']);
const eigResult = linalgResult('EigResult', ['eigenvalues', 'eigenvectors']);

/**
 * NumPy's eig results: real arrays when every eigenvalue is real, complex
 * ones (complex64 for float32 input) as soon as one is not.
 */
function eigArray(re: NDArray, im: NDArray, complex: boolean, dtype: DType): NDArray {
  if (!complex) return inDType(re, dtype);
  return complexArray(re.data.slice(), im.data.slice(), re.shape, complexDType(dtype));
}

/** NumPy's `UPLO` argument: 'L' or 'U', either case; true for the upper triangle. */
function toUpper(value: Value | undefined): boolean {
  const text = value === undefined ? 'L' : toText(value, 'UPLO').toUpperCase();
  if (text !== 'L' && text !== 'U') throw new MatError("UPLO argument must be 'L' or 'U'", 'ValueError');
  return text === 'U';
}

/** A keyword that NumPy reads as a string (`mode='r'`). */
function toText(value: Value, what: string): string {
  if (!isArray(value) && value.kind === 'string') return value.value;
  throw new MatError(`${what} must be a string`, 'TypeError');
}

/** `operator.index(n)`, as `matrix_power` takes its exponent. */
function toExponent(value: Value): number {
  if (isArray(value) && value.ndim === 0 && value.dtype !== 'float64') return value.item();
  throw new MatError('exponent must be an integer', 'TypeError');
}

/** A list or tuple of array-likes (`multi_dot([a, b, c])`). */
function toArrayList(value: Value, what: string): NDArray[] {
  if (!isArray(value) && (value.kind === 'list' || value.kind === 'tuple')) {
    return value.items.map((item) => toArray(item, what));
  }
  // NumPy iterates any sequence; an array's rows are its items.
  const array = toArray(value, what);
  if (array.ndim === 0) throw new MatError(`object of type '${array.dtype}' has no len()`, 'TypeError');
  const rowSize = array.size / array.shape[0];
  const data = array.data;
  return Array.from(
    { length: array.shape[0] },
    (_, i) => new NDArray(data.slice(i * rowSize, (i + 1) * rowSize), array.shape.slice(1), array.dtype),
  );
}

/**
 * The dtype of `numpy.linalg`'s LAPACK results for these inputs: float32
 * when their common type is float32, float64 for every other (ints, bools);
 * float16 has no LAPACK loop, refused with NumPy's TypeError.
 */
function lapackDType(...arrays: readonly NDArray[]): DType {
  const common = arrays.map((a) => a.dtype).reduce(promoteTypes);
  if (common === 'float16') throw new MatError('array type float16 is unsupported in linalg', 'TypeError');
  return common === 'float32' ? 'float32' : 'float64';
}

/**
 * A result computed in float64 brought into `dtype` (float32 inputs give
 * float32 results, each value rounded; NumPy's float32 LAPACK computes in
 * float32, so the last digits may differ). int64 parts (ranks) stay.
 */
function inDType<T extends Value>(result: T, dtype: DType): T {
  if (dtype === 'float64') return result;
  const round = (a: NDArray) =>
    a.dtype === 'float64' ? new NDArray(roundInto(a.data.slice(), dtype), a.shape, dtype) : a;
  if (isArray(result)) return round(result) as T;
  if (result.kind === 'tuple')
    return { ...result, items: result.items.map((v) => (isArray(v) ? round(v) : v)) };
  return result;
}

/** The array argument `name` of a LAPACK function, with its result dtype. */
function lapackArg(args: Parameters<BuiltinImpl['call']>[0], name: string): [NDArray, DType] {
  const a = toArray(required(args, name), name);
  return [a, lapackDType(a)];
}

/** Products and `np.linalg`. */
export const LINALG_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'dot',
    params: params('a', 'b'),
    call: (args) => dot(toArray(required(args, 'a'), 'a'), toArray(required(args, 'b'), 'b')),
  },
  {
    name: 'matmul',
    params: params('x1', 'x2'),
    call: (args) => matmul(toArray(required(args, 'x1'), 'x1'), toArray(required(args, 'x2'), 'x2')),
  },
  {
    name: 'outer',
    params: params('a', 'b'),
    call: (args) => outer(toArray(required(args, 'a'), 'a'), toArray(required(args, 'b'), 'b')),
  },
  {
    name: 'trace',
    params: params('a', 'offset?'),
    call: (args) => {
      const offset = optional(args, 'offset');
      return trace(toArray(required(args, 'a'), 'a'), offset ? toInt(offset, 'offset') : 0);
    },
  },
  {
    name: 'linalg.inv',
    params: params('a'),
    call: (args) => {
      const [a, dtype] = lapackArg(args, 'a');
      return inDType(inv(a), dtype);
    },
  },
  {
    name: 'linalg.pinv',
    params: params('a', 'rcond?', 'hermitian?', '*rtol?'),
    call: (args) => {
      const rcond = optional(args, 'rcond');
      const rtol = optional(args, 'rtol');
      const hermitian = optional(args, 'hermitian');
      const [a, dtype] = lapackArg(args, 'a');
      return inDType(
        pinv(
          a,
          rcond === undefined ? undefined : toNumber(rcond, 'rcond'),
          hermitian ? toBool(hermitian) : false,
          rtol === undefined ? undefined : toNumber(rtol, 'rtol'),
        ),
        dtype,
      );
    },
  },
  {
    name: 'linalg.det',
    params: params('a'),
    call: (args) => {
      const [a, dtype] = lapackArg(args, 'a');
      return inDType(det(a), dtype);
    },
  },
  {
    name: 'linalg.solve',
    params: params('a', 'b'),
    call: (args) => {
      const a = toArray(required(args, 'a'), 'a');
      const b = toArray(required(args, 'b'), 'b');
      return inDType(solve(a, b), lapackDType(a, b));
    },
  },
  {
    name: 'linalg.matrix_rank',
    params: params('A', 'tol?', 'hermitian?', '*rtol?'),
    call: (args) => {
      const tol = optional(args, 'tol');
      const rtol = optional(args, 'rtol');
      const hermitian = optional(args, 'hermitian');
      return matrixRank(
        toArray(required(args, 'A'), 'A'),
        tol === undefined ? undefined : toNumber(tol, 'tol'),
        hermitian ? toBool(hermitian) : false,
        rtol === undefined ? undefined : toNumber(rtol, 'rtol'),
      );
    },
  },
  {
    name: 'linalg.norm',
    params: params('x', 'ord?', 'axis?', 'keepdims?'),
    call: (args) => {
      const keep = optional(args, 'keepdims');
      const x = toArray(required(args, 'x'), 'x');
      const result = norm(
        x,
        toNormOrder(optional(args, 'ord')),
        toNormAxis(optional(args, 'axis')),
        keep ? toBool(keep) : false,
      );
      // A float keeps its dtype (float32 and float16 norms); ints and bools give float64.
      return inDType(result, isFloatDType(x.dtype) ? x.dtype : 'float64');
    },
  },
  {
    name: 'linalg.slogdet',
    params: params('a'),
    call: (args) => {
      const [a, dtype] = lapackArg(args, 'a');
      return inDType(slogdetResult(slogdet(a)), dtype);
    },
  },
  {
    name: 'linalg.svd',
    params: params('a', 'full_matrices?', 'compute_uv?', 'hermitian?'),
    call: (args) => {
      const full = optional(args, 'full_matrices');
      const uv = optional(args, 'compute_uv');
      const hermitian = optional(args, 'hermitian');
      const [a, dtype] = lapackArg(args, 'a');
      const computeUV = uv === undefined || toBool(uv);
      if (hermitian !== undefined && toBool(hermitian)) {
        const result = svdHermitian(a, computeUV);
        return inDType('u' in result ? svdResult([result.u, result.s, result.vh]) : result, dtype);
      }
      const result = svdLapack(a, computeUV, full === undefined ? true : toBool(full));
      return inDType('u' in result ? svdResult([result.u, result.s, result.vh]) : result, dtype);
    },
  },
  {
    name: 'linalg.qr',
    params: params('a', 'mode?'),
    call: (args) => {
      const mode = optional(args, 'mode');
      const [a, dtype] = lapackArg(args, 'a');
      const result = qr(a, mode === undefined ? 'reduced' : toText(mode, 'mode'));
      if ('array' in result) return inDType(result.array, dtype);
      return inDType(
        result.mode === 'raw' ? { kind: 'tuple', items: result.parts } : qrResult(result.parts),
        dtype,
      );
    },
  },
  {
    name: 'linalg.cholesky',
    params: params('a', '*upper?'),
    call: (args) => {
      const upper = optional(args, 'upper');
      const [a, dtype] = lapackArg(args, 'a');
      return inDType(cholesky(a, upper === undefined ? false : toBool(upper)), dtype);
    },
  },
  {
    name: 'linalg.lstsq',
    params: params('a', 'b', 'rcond?'),
    call: (args) => {
      const rcond = optional(args, 'rcond');
      const a = toArray(required(args, 'a'), 'a');
      const b = toArray(required(args, 'b'), 'b');
      const result = lstsq(
        a,
        b,
        rcond === undefined || (!isArray(rcond) && rcond.kind === 'none') ? null : toNumber(rcond, 'rcond'),
      );
      return inDType(
        { kind: 'tuple', items: [result.x, result.residuals, scalar(result.rank, 'int32'), result.s] },
        lapackDType(a, b),
      );
    },
  },
  {
    name: 'linalg.matrix_power',
    params: params('a', 'n'),
    call: (args) => matrixPower(toArray(required(args, 'a'), 'a'), toExponent(required(args, 'n'))),
  },
  {
    name: 'linalg.multi_dot',
    params: params('arrays', '*out?'),
    call: (args) => {
      if (optional(args, 'out') !== undefined) {
        throw new MatError(
          "multi_dot's out= is not supported in .mat files: assign the result instead",
          'TypeError',
        );
      }
      return multiDot(toArrayList(required(args, 'arrays'), 'arrays'));
    },
  },
  {
    name: 'linalg.cond',
    params: params('x', 'p?'),
    call: (args) => {
      const [x, dtype] = lapackArg(args, 'x');
      return inDType(cond(x, toNormOrder(optional(args, 'p'))), dtype);
    },
  },
  {
    name: 'linalg.eigh',
    params: params('a', 'UPLO?'),
    call: (args) => {
      const [a, dtype] = lapackArg(args, 'a');
      const { values, vectors } = eigh(a, toUpper(optional(args, 'UPLO')));
      return inDType(eighResult([values, vectors]), dtype);
    },
  },
  {
    name: 'linalg.eigvalsh',
    params: params('a', 'UPLO?'),
    call: (args) => {
      const [a, dtype] = lapackArg(args, 'a');
      return inDType(eigvalsh(a, toUpper(optional(args, 'UPLO'))), dtype);
    },
  },
  {
    name: 'linalg.eig',
    params: params('a'),
    call: (args) => {
      const [a, dtype] = lapackArg(args, 'a');
      const result = eig(a);
      const complex = result.imag.data.some((v) => v !== 0);
      return eigResult([
        eigArray(result.real, result.imag, complex, dtype),
        eigArray(result.vectorsReal, result.vectorsImag, complex, dtype),
      ]);
    },
  },
  {
    name: 'linalg.eigvals',
    params: params('a'),
    call: (args) => {
      const [a, dtype] = lapackArg(args, 'a');
      const result = eigvals(a);
      return eigArray(
        result.real,
        result.imag,
        result.imag.data.some((v) => v !== 0),
        dtype,
      );
    },
  },
];
