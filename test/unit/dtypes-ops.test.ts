/**
 * The narrow dtypes (int8, uint8, int32, float32, …) through the kernels
 * of ops/ and linalg/: each result's dtype and values as NumPy 2.4 gives
 * them. The comment above each check is the Python line that produced
 * the expected values.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { DType } from '../../src/engine/dtypes';
import { MatError } from '../../src/engine/errors';
import { clearBudget } from '../../src/engine/limits';
import { matmul, trace } from '../../src/engine/linalg';
import { NDArray } from '../../src/engine/ndarray';
import * as ops from '../../src/engine/ops';

/** An array of `dtype` holding `values` as that dtype holds them (float32: rounded). */
function array(dtype: DType, values: number[], shape: number[] = [values.length]): NDArray {
  const data = Float64Array.from(values, (v) => (dtype === 'float32' ? Math.fround(v) : v));
  return new NDArray(data, shape, dtype);
}

/** A Python number as the built-ins pass one to a kernel (weak in promotion). */
function pythonFloat(value: number): NDArray {
  const scalar = NDArray.scalar(value, 'float64');
  scalar.weak = true;
  return scalar;
}

function check(result: NDArray, dtype: DType, values: number[]): void {
  assert.equal(result.dtype, dtype);
  assert.deepEqual(Array.from(result.data), values);
}

const I8 = () => array('int8', [100, -100, 7, 3]);
const U8 = () => array('uint8', [200, 100, 7, 3]);
const F32 = () => array('float32', [0.1, 0.2, 0.7, 1.3]);

afterEach(() => clearBudget());

describe('running sums and differences', () => {
  test('cumsum widens narrow ints (int8: int64, uint8: uint64) and keeps float32', () => {
    // np.cumsum(np.array([100,-100,7,3], dtype=np.int8)).tolist()
    check(ops.cumulate('sum', I8(), null), 'int64', [100, 0, 7, 10]);
    // np.cumsum(np.array([200,100,7,3], dtype=np.uint8)) -> array([200, 300, 307, 310], dtype=uint64)
    check(ops.cumulate('sum', U8(), null), 'uint64', [200, 300, 307, 310]);
    // np.cumsum(np.array([0.1,0.2,0.7,1.3], dtype=np.float32)).tolist()
    check(
      ops.cumulate('sum', F32(), null),
      'float32',
      [0.10000000149011612, 0.30000001192092896, 1.0, 2.299999952316284],
    );
  });

  test('cumprod(dtype=int8) wraps at every step', () => {
    // np.cumprod(np.array([100,-100,7,3], dtype=np.int8), dtype=np.int8).tolist()
    check(ops.cumulate('prod', I8(), null, 'int8'), 'int8', [100, -16, -112, -80]);
  });

  test('diff keeps the dtype: int8 and uint8 wrap, float32 rounds', () => {
    // np.diff(np.array([100,-100,7,3], dtype=np.int8)).tolist()
    check(ops.diff(I8(), 1, -1), 'int8', [56, 107, -4]);
    // np.diff(np.array([200,100,7,3], dtype=np.uint8)).tolist()
    check(ops.diff(U8(), 1, -1), 'uint8', [156, 163, 252]);
    // np.diff(np.array([0.1,0.2,0.7,1.3], dtype=np.float32)).tolist()
    check(ops.diff(F32(), 1, -1), 'float32', [0.10000000149011612, 0.5, 0.5999999642372131]);
  });
});

describe('element-wise numerics', () => {
  test('hypot of int8 is float16, of float32 and a Python float float32', () => {
    // np.hypot(i8, i8).tolist()  (i8 = np.array([100,-100,7,3], dtype=np.int8))
    check(ops.floatBinary('hypot', I8(), I8()), 'float16', [141.375, 141.375, 9.8984375, 4.2421875]);
    // np.hypot(np.array([0.1,0.2,0.7,1.3], dtype=np.float32), 3.0).dtype
    assert.equal(ops.floatBinary('hypot', F32(), pythonFloat(3)).dtype, 'float32');
    // np.hypot(np.array([1, 2], dtype=np.int32), np.array([1, 2], dtype=np.int32)).dtype
    assert.equal(ops.floatBinary('hypot', array('int32', [1, 2]), array('int32', [1, 2])).dtype, 'float64');
  });

  test('reciprocal: int8 through the C cast, bool through the int8 loop', () => {
    // np.reciprocal(np.array([1,0,2,-1], dtype=np.int8)).tolist()
    check(ops.reciprocal(array('int8', [1, 0, 2, -1])), 'int8', [1, 0, 0, -1]);
    // np.reciprocal(np.array([True, False])) -> array([1, 0], dtype=int8)
    check(ops.reciprocal(array('bool', [1, 0])), 'int8', [1, 0]);
  });

  test('convolve of int8 wraps in int8', () => {
    // np.convolve(i8, i8).tolist()
    check(ops.convolve(I8(), I8(), 2), 'int8', [16, -32, -120, -32, -39, 42, 9]);
  });

  test('gradient of float32 is float32, of int8 float64', () => {
    // np.gradient(np.array([0.1,0.2,0.7,1.3], dtype=np.float32)).dtype
    assert.equal(ops.gradient(F32(), ops.gradientSpacings(F32(), [], [0]), [0], 1)[0].dtype, 'float32');
    // np.gradient(i8).tolist() -> [-200.0, -46.5, 51.5, -4.0]
    check(
      ops.gradient(I8(), ops.gradientSpacings(I8(), [], [0]), [0], 1)[0],
      'float64',
      [-200, -46.5, 51.5, -4],
    );
  });
});

describe('products', () => {
  test('kron, inner and cross of int8 wrap in int8', () => {
    // np.kron(i8[:2], i8[:2]).tolist()
    check(ops.kron(array('int8', [100, -100]), array('int8', [100, -100])), 'int8', [16, -16, -16, 16]);
    // np.inner(i8, i8) -> np.int8(90)
    check(ops.inner(I8(), I8()), 'int8', [90]);
    // np.cross(i8[:3], i8[1:]).tolist()
    check(ops.cross(array('int8', [100, -100, 7]), array('int8', [-100, 7, 3])), 'int8', [-93, 24, -84]);
  });

  test('matmul: int8 @ int8 is int8 (wrapped), float32 @ float32 float32 (rounded)', () => {
    // (np.array([[100,2],[3,4]], dtype=np.int8) @ same).tolist()
    const a = array('int8', [100, 2, 3, 4], [2, 2]);
    check(matmul(a, a), 'int8', [22, -48, 56, 22]);
    // f = np.array([[0.1,0.2],[0.3,0.4]], dtype=np.float32); (f @ f).tolist()
    const f = array('float32', [0.1, 0.2, 0.3, 0.4], [2, 2]);
    check(
      matmul(f, f),
      'float32',
      [0.07000000029802322, 0.10000000149011612, 0.15000000596046448, 0.2200000137090683],
    );
  });

  test('trace of uint8 sums in uint64', () => {
    // np.trace(np.array([[200,0],[0,100]], dtype=np.uint8)) -> np.uint64(300)
    check(trace(array('uint8', [200, 0, 0, 100], [2, 2])), 'uint64', [300]);
  });

  test('einsum of int8 is int8, wrapped', () => {
    // np.einsum('i,i->', i8, i8) -> np.int8(90)
    const result = ops.einsum('i,i->', [I8(), I8()], { casting: 'safe', optimize: false });
    assert.ok(result.kind === 'array');
    check(result.array, 'int8', [90]);
  });
});

describe('order statistics', () => {
  test('median: float32 stays float32, int8 gives float64', () => {
    // np.median(f32).item()
    check(ops.median(F32(), null, false), 'float32', [0.44999998807907104]);
    // np.median(i8) -> np.float64(5.0)
    check(ops.median(I8(), null, false), 'float64', [5]);
  });

  test('quantile of float32 with a Python q is float32, with a float64 array q float64', () => {
    // np.quantile(f32, 0.3).item()
    const weakQ = pythonFloat(0.3);
    check(ops.quantile(F32(), weakQ, null, false), 'float32', [0.1899999976158142]);
    // np.quantile(f32, [0.3]).dtype
    assert.equal(ops.quantile(F32(), array('float64', [0.3]), null, false).dtype, 'float64');
    // np.quantile(i8, 0.3, method='lower') -> np.int8(-100)
    check(ops.nanQuantile(I8(), weakQ, null, false, 'lower'), 'int8', [-100]);
  });

  test('nanmean and nanmedian of float32 are float32', () => {
    const x = array('float32', [1, 2, Number.NaN, 0.1]);
    // np.nanmean(np.array([1,2,np.nan,0.1], dtype=np.float32)).item()
    check(ops.nanMean(x, null, false), 'float32', [1.0333333015441895]);
    // np.nanmedian(np.array([1,2,np.nan,0.1], dtype=np.float32)) -> np.float32(1.0)
    check(ops.nanMedian(x, null, false), 'float32', [1]);
    // np.nanmedian(i8) -> np.float64(5.0)
    check(ops.nanMedian(I8(), null, false), 'float64', [5]);
  });

  test('histogram of float32 has float32 edges (NumPy computes them in float32)', () => {
    // np.histogram(f32, bins=3)[1].tolist(); the counts: [2, 1, 1]
    const [counts, edges] = ops.histogram(F32(), { count: 3 }, null, false, null);
    check(counts, 'int64', [2, 1, 1]);
    check(
      edges,
      'float32',
      [0.10000000149011612, 0.4999999701976776, 0.8999999761581421, 1.2999999523162842],
    );
  });
});

describe('building and indexing', () => {
  test('arange(130, dtype=int8) wraps past 127', () => {
    // np.arange(130, dtype=np.int8)[-3:].tolist()
    assert.deepEqual(Array.from(ops.countingRange(130, 'int8').data.slice(-3)), [127, -128, -127]);
  });

  test('take and sort keep int8', () => {
    // np.take(i8, [1, 0]).dtype, np.sort(i8).dtype
    assert.equal(ops.take(I8(), array('int64', [1, 0]), null, 'raise').dtype, 'int8');
    assert.equal(ops.sort(I8(), -1).dtype, 'int8');
  });

  test('setting a scalar that does not fit an int8 array is an OverflowError', () => {
    // a = np.array([1, 2], dtype=np.int8); a[0] = 300  -> OverflowError: Python integer 300 out of bounds for int8
    const a = array('int8', [1, 2]);
    // A Python int reaches the kernel as a weak scalar (builtins/convert.ts toArray).
    const pythonInt = NDArray.scalar(300, 'int64');
    pythonInt.weak = true;
    assert.throws(
      () => ops.setIndex(a, [{ kind: 'int', value: 0 }], pythonInt),
      (e: unknown) => e instanceof MatError && /Python integer 300 out of bounds for int8/.test(e.message),
    );
    // a[0] = np.int64(300) -> a signed array range-checks NumPy scalars too: OverflowError
    assert.throws(
      () => ops.setIndex(a, [{ kind: 'int', value: 0 }], NDArray.scalar(300, 'int64')),
      (e: unknown) => e instanceof MatError && /Python integer 300 out of bounds for int8/.test(e.message),
    );
    // u = np.zeros(2, dtype=np.uint8); u[0] = np.int64(300) -> an unsigned one wraps: 44
    check(
      ops.setIndex(array('uint8', [0, 0]), [{ kind: 'int', value: 0 }], NDArray.scalar(300, 'int64')),
      'uint8',
      [44, 0],
    );
    // a[:] = np.array([300, 2])  -> wraps: [44, 2]
    check(
      ops.setIndex(a, [{ kind: 'slice', start: null, stop: null, step: null }], array('int64', [300, 2])),
      'int8',
      [44, 2],
    );
  });
});
