/**
 * Hand-written checks of src/engine/ops that the NumPy fixtures cannot
 * express: limits, immutability, the JS-facing helpers and the iterators.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { LimitError } from '../../src/engine/errors';
import { clearBudget, resetBudget } from '../../src/engine/limits';
import { NDArray } from '../../src/engine/ndarray';
import * as ops from '../../src/engine/ops';

const f64 = (values: number[], shape: number[] = [values.length]) =>
  new NDArray(Float64Array.from(values), shape, 'float64');
const i64 = (values: number[], shape: number[] = [values.length]) =>
  new NDArray(Float64Array.from(values), shape, 'int64');
const int = (v: number) => NDArray.scalar(v, 'int64');

afterEach(() => clearBudget());

describe('limits', () => {
  test('zeros((100000, 100000)) stops at the size limit instead of allocating', () => {
    resetBudget({ maxElements: 1_000_000, maxMilliseconds: 5_000 });
    assert.throws(() => ops.zeros([100_000, 100_000]), LimitError);
    assert.throws(() => ops.arange(int(1e12)), LimitError);
  });

  test('long kernels stop at the time limit', () => {
    clearBudget();
    const big = ops.zeros([2000, 2000]);
    resetBudget({ maxElements: Number.POSITIVE_INFINITY, maxMilliseconds: -1 });
    assert.throws(() => ops.reduce('sum', big, 0, false), /time limit/);
    assert.throws(() => ops.transpose(big), /time limit/);
  });
});

describe('immutability', () => {
  test('setIndex, reshape and friends leave their input untouched', () => {
    clearBudget();
    const a = i64([1, 2, 3, 4], [2, 2]);
    const b = ops.setIndex(a, [{ kind: 'int', value: 0 }], int(9));
    assert.deepEqual(Array.from(a.data), [1, 2, 3, 4]);
    assert.deepEqual(Array.from(b.data), [9, 9, 3, 4]);
    for (const r of [
      ops.reshape(a, [4]),
      ops.ravel(a),
      ops.transpose(a),
      ops.squeeze(a),
      ops.clip(a, null, null),
    ]) {
      assert.notEqual(r.data, a.data);
    }
  });
});

describe('helpers for the evaluator', () => {
  test('toNested gives booleans for bool arrays and a bare value for 0-d', () => {
    clearBudget();
    assert.deepEqual(ops.toNested(i64([1, 2, 3, 4, 5, 6], [2, 3])), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(ops.toNested(new NDArray(Float64Array.of(1, 0), [2], 'bool')), [true, false]);
    assert.equal(ops.toNested(NDArray.scalar(2.5, 'float64')), 2.5);
    assert.deepEqual(ops.toNested(ops.zeros([2, 0])), [[], []]);
  });

  test('toIntList, toScalarNumber, isScalar, resultDType', () => {
    assert.deepEqual(ops.toIntList(i64([2, 3])), [2, 3]);
    assert.deepEqual(ops.toIntList(int(5)), [5]);
    assert.throws(() => ops.toIntList(f64([2.5])), /'float' object cannot be interpreted as an integer/);
    assert.equal(ops.toScalarNumber(int(7), 'n'), 7);
    assert.throws(() => ops.toScalarNumber(i64([1, 2]), 'n'), /n must be a scalar/);
    assert.equal(ops.isScalar(int(1)), true);
    assert.equal(ops.isScalar(i64([1])), false);
    assert.equal(ops.resultDType(int(1), f64([1])), 'float64');
    assert.equal(ops.resultDType('bool', 'int64'), 'int64');
  });

  test('allTrue/anyTrue follow truthiness (nan is true)', () => {
    assert.equal(ops.allTrue(f64([1, Number.NaN])), true);
    assert.equal(ops.allTrue(f64([1, 0])), false);
    assert.equal(ops.allTrue(f64([])), true);
    assert.equal(ops.anyTrue(f64([])), false);
    assert.equal(ops.anyTrue(f64([0, Number.NaN])), true);
  });

  test('arrayFromItems: evaluated rows stack; flat ragged rows report after 1 dimension', () => {
    clearBudget();
    const m = ops.arrayFromItems([i64([1, 2]), f64([3, 4])]);
    assert.deepEqual(m.shape, [2, 2]);
    assert.equal(m.dtype, 'float64');
    assert.throws(
      () => ops.arrayFromItems([i64([1, 2]), i64([3])]),
      /inhomogeneous shape after 1 dimensions. The detected shape was \(2,\) \+ inhomogeneous part\./,
    );
    // Nested literals passed unstacked get NumPy's deeper diagnosis.
    const row = (...v: number[]) => v.map(int);
    assert.throws(
      () =>
        ops.arrayFromItems([
          [row(1, 2), row(3, 4)],
          [row(1, 2), row(3)],
        ]),
      /after 2 dimensions. The detected shape was \(2, 2\)/,
    );
  });
});

describe('iterators and fast paths', () => {
  test('forEachBlock merges contiguous axes into one block', () => {
    const calls: [number, number][] = [];
    ops.forEachBlock([4, 5, 6], [[4, 5, 6], []], (_b, n, m) => calls.push([n, m]));
    assert.deepEqual(calls, [[120, 1]]);
    calls.length = 0;
    ops.forEachBlock([1000, 4], [[1000, 4], [4]], (_b, n, m) => calls.push([n, m]));
    assert.deepEqual(calls, [[4, 1000]]);
  });

  test('the same-shape, scalar and broadcast paths agree', () => {
    clearBudget();
    const a = f64([1, 2, 3, 4, 5, 6], [2, 3]);
    const s = NDArray.scalar(2, 'float64');
    const full = ops.full([2, 3], s);
    const row = f64([2, 2, 2], [1, 3]);
    const expect = Array.from(ops.binary('**', a, full).data);
    assert.deepEqual(Array.from(ops.binary('**', a, s).data), expect);
    assert.deepEqual(Array.from(ops.binary('**', a, row).data), expect);
  });

  test('pairwiseSum matches a plain sum for short runs and differs as NumPy does for long ones', () => {
    const d = Float64Array.from({ length: 10 }, (_, i) => 0.1 * (i + 1));
    let plain = 0;
    for (const v of d.subarray(0, 7)) plain += v;
    assert.equal(ops.pairwiseSum(d, 0, 7), plain);
    // np.sum([0.1] * 10) == 1.0 exactly thanks to the 8 accumulators; a loop gives 0.9999999999999999.
    assert.equal(ops.pairwiseSum(new Float64Array(10).fill(0.1), 0, 10), 1);
  });

  test('integer results never show -0', () => {
    clearBudget();
    const r = ops.binary('*', i64([-2, 0]), i64([0, -3]));
    assert.ok(r.data.every((v) => !Object.is(v, -0)));
    assert.ok(!Object.is(ops.binary('%', i64([-6]), i64([3])).data[0], -0));
    assert.ok(!Object.is(ops.binary('//', i64([0]), i64([-3])).data[0], -0));
  });
});
