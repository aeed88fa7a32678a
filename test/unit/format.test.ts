/**
 * NumPy's print formatting, checked against NumPy itself: every case in
 * test/fixtures/format.json (written by scripts/fixtures/gen_format.py) must
 * match str() or repr() exactly, for every dtype, plus the seed-notebook
 * outputs and `oneLine`.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { describe as describeValue, reprText } from '../../src/engine/display';
import { f16round } from '../../src/engine/dtypes';
import {
  DEFAULT_PRINT_OPTIONS,
  formatArray,
  formatArrayRepr,
  formatArrayWidths,
  formatScalar,
  oneLine,
  type PrintOptions,
} from '../../src/engine/format';
import { type DType, NDArray } from '../../src/engine/ndarray';

type Element = number | boolean | string;
type Nested = Element | Nested[];

interface FormatCase {
  /** str() or repr() of an array, str() or repr() of a NumPy scalar. */
  kind: 'array' | 'repr' | 'scalar' | 'scalar-repr';
  name: string;
  dtype: DType;
  shape: number[];
  data: Nested;
  options: Partial<PrintOptions>;
  expected: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/format.json', import.meta.url), 'utf8')) as {
  cases: FormatCase[];
};

function decode(x: Element): number {
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x === 'nan') return Number.NaN;
  if (x === 'inf') return Number.POSITIVE_INFINITY;
  if (x === '-inf') return Number.NEGATIVE_INFINITY;
  if (typeof x === 'string') throw new Error(`unexpected element ${x}`);
  return x;
}

function flatten(x: Nested, out: number[] = []): number[] {
  if (Array.isArray(x)) for (const v of x) flatten(v, out);
  else out.push(decode(x));
  return out;
}

/** The case's array, its elements rounded into float32/float16 as the engine holds them (a no-op on NumPy's values). */
function build(c: FormatCase): NDArray {
  const round = c.dtype === 'float32' ? Math.fround : c.dtype === 'float16' ? f16round : (x: number) => x;
  return new NDArray(Float64Array.from(flatten(c.data), round), c.shape, c.dtype);
}

function formatCase(c: FormatCase): string {
  switch (c.kind) {
    case 'array':
      return formatArray(build(c), c.options);
    case 'repr':
      return formatArrayRepr(build(c), c.options);
    case 'scalar':
      return formatScalar(build(c).item(), c.dtype);
    case 'scalar-repr':
      return reprText(build(c));
  }
}

function matrix(rows: number[][], dtype: DType = 'float64'): NDArray {
  return new NDArray(Float64Array.from(rows.flat()), [rows.length, rows[0].length], dtype);
}

describe('NumPy fixture', () => {
  test('has at least 300 cases', () => {
    assert.ok(fixture.cases.length >= 300, `only ${fixture.cases.length} cases`);
  });
  for (const c of fixture.cases) {
    test(c.name, () => {
      assert.equal(formatCase(c), c.expected);
    });
  }
});

describe('seed notebook outputs', () => {
  test('int Gram matrices', () => {
    assert.equal(
      formatArray(
        matrix(
          [
            [29, 11],
            [11, 5],
          ],
          'int64',
        ),
      ),
      '[[29 11]\n [11  5]]',
    );
    assert.equal(
      formatArray(
        matrix(
          [
            [20, 8, 14],
            [8, 4, 6],
            [14, 6, 10],
          ],
          'int64',
        ),
      ),
      '[[20  8 14]\n [ 8  4  6]\n [14  6 10]]',
    );
  });

  test('pinv of [[4,2,3],[2,0,1]]', () => {
    const pinv = matrix([
      [-0.08333333333333338, 0.5833333333333334],
      [0.4166666666666666, -0.9166666666666663],
      [0.16666666666666669, -0.16666666666666666],
    ]);
    assert.equal(
      formatArray(pinv),
      '[[-0.08333333  0.58333333]\n [ 0.41666667 -0.91666667]\n [ 0.16666667 -0.16666667]]',
    );
  });

  test('near-identity switches to scientific notation', () => {
    const m = matrix([
      [1.0, 7.771561172376096e-16],
      [-2.7755575615628914e-17, 1.0],
    ]);
    assert.equal(formatArray(m), '[[ 1.00000000e+00  7.77156117e-16]\n [-2.77555756e-17  1.00000000e+00]]');
  });

  test('sigmoid column', () => {
    const m = matrix([[0.9826347512345], [0.9672724698765], [0.0449707123456]]);
    assert.equal(formatArray(m), '[[0.98263475]\n [0.96727247]\n [0.04497071]]');
  });
});

describe('options and scalars', () => {
  test('defaults are NumPy defaults', () => {
    assert.deepEqual(
      { ...DEFAULT_PRINT_OPTIONS },
      {
        precision: 8,
        linewidth: 75,
        threshold: 1000,
        edgeitems: 3,
        suppress: false,
        floatmode: 'maxprec',
        sign: '-',
        nanstr: 'nan',
        infstr: 'inf',
      },
    );
  });

  test('infinite linewidth never wraps', () => {
    const a = new NDArray(
      Float64Array.from({ length: 100 }, (_, i) => i),
      [100],
      'int64',
    );
    assert.ok(!formatArray(a, { linewidth: Number.POSITIVE_INFINITY }).includes('\n'));
  });

  test('scalars', () => {
    assert.equal(formatScalar(29, 'int64'), '29');
    assert.equal(formatScalar(1, 'bool'), 'True');
    assert.equal(formatScalar(0, 'bool'), 'False');
    assert.equal(formatScalar(0.1, 'float64'), '0.1');
    assert.equal(formatScalar(3, 'float64'), '3.0');
    assert.equal(formatScalar(1e-5, 'float64'), '1e-05');
    assert.equal(formatScalar(1e16, 'float64'), '1e+16');
    assert.equal(formatScalar(1.5e16, 'float64'), '1.5e+16');
    assert.equal(formatScalar(Number.NaN, 'float64'), 'nan');
    assert.equal(formatScalar(Number.POSITIVE_INFINITY, 'float64'), 'inf');
    assert.equal(formatScalar(Number.NEGATIVE_INFINITY, 'float64'), '-inf');
    assert.equal(formatScalar(-0, 'float64'), '-0.0');
  });
});

describe('oneLine', () => {
  test('joins rows with one space', () => {
    assert.equal(oneLine('[[29 11]\n [11  5]]'), '[[29 11] [11  5]]');
    assert.equal(oneLine('[[20  8 14]\n [ 8  4  6]\n [14  6 10]]'), '[[20  8 14] [ 8  4  6] [14  6 10]]');
  });

  test('keeps padding inside a row', () => {
    assert.equal(
      oneLine('[[-0.08333333  0.58333333]\n [ 0.41666667 -0.91666667]]'),
      '[[-0.08333333  0.58333333] [ 0.41666667 -0.91666667]]',
    );
  });

  test('collapses the blank lines between 3-D blocks', () => {
    assert.equal(oneLine('[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]'), '[[[0 1] [2 3]] [[4 5] [6 7]]]');
  });

  test('leaves single-line text alone', () => {
    assert.equal(oneLine('[1 2 3]'), '[1 2 3]');
    assert.equal(oneLine('3.5'), '3.5');
  });
});

describe('one formatting, several line widths', () => {
  // 0..1 in 40 steps: wraps at 75 columns, so the block and the inline form differ.
  const wide = new NDArray(
    Float64Array.from({ length: 40 }, (_, i) => i / 39),
    [2, 20],
    'float64',
  );
  const summarised = new NDArray(
    Float64Array.from({ length: 2000 }, (_, i) => Math.sqrt(i)),
    [40, 50],
    'float64',
  );

  test('each width gives what formatArray gives at that width', () => {
    for (const a of [wide, summarised]) {
      for (const options of [{}, { precision: 3 }, { linewidth: 40 }]) {
        const widths = [75, 40, Number.POSITIVE_INFINITY];
        assert.deepEqual(
          formatArrayWidths(a, options, widths),
          widths.map((linewidth) => formatArray(a, { ...options, linewidth })),
        );
      }
    }
  });

  test('the editor shows the wrapped block and the unwrapped line', () => {
    for (const options of [{}, { linewidth: 30 }, { linewidth: undefined }]) {
      const shown = describeValue(wide, options);
      assert.equal(shown.block, formatArray(wide, options));
      assert.ok(shown.block.split('\n').length > 2, 'the block wraps');
      assert.equal(
        shown.oneLine,
        oneLine(formatArray(wide, { ...options, linewidth: Number.POSITIVE_INFINITY })),
      );
      assert.ok(!shown.oneLine.includes('\n'));
    }
  });
});

describe('fixed-width dtypes', () => {
  const scalarRepr = (value: number, dtype: DType) => reprText(NDArray.scalar(value, dtype));

  test('float32 and float16 scalars print their own shortest digits', () => {
    assert.equal(formatScalar(Math.fround(0.1), 'float32'), '0.1');
    assert.equal(scalarRepr(Math.fround(0.1), 'float32'), 'np.float32(0.1)');
    assert.equal(scalarRepr(Math.fround(Math.PI), 'float32'), 'np.float32(3.1415927)');
    assert.equal(scalarRepr(Math.fround(1e20), 'float32'), 'np.float32(1e+20)');
    assert.equal(scalarRepr(Math.fround(16777217), 'float32'), 'np.float32(1.6777216e+07)');
    assert.equal(scalarRepr(f16round(0.1), 'float16'), 'np.float16(0.1)');
  });

  test('a float32 scalar is scientific from 1e6, a float16 one from 1e3', () => {
    assert.equal(formatScalar(999999, 'float32'), '999999.0');
    assert.equal(formatScalar(1e6, 'float32'), '1e+06');
    assert.equal(formatScalar(Math.fround(123456789), 'float32'), '1.2345679e+08');
    // float32's 1e-4 lies below 1e-4.
    assert.equal(formatScalar(Math.fround(1e-4), 'float32'), '1e-04');
    assert.equal(formatScalar(999, 'float16'), '999.0');
    assert.equal(formatScalar(1000, 'float16'), '1e+03');
  });

  test('integer scalars of every width', () => {
    assert.equal(scalarRepr(5, 'int8'), 'np.int8(5)');
    assert.equal(scalarRepr(251, 'uint8'), 'np.uint8(251)');
    assert.equal(scalarRepr(-3, 'int32'), 'np.int32(-3)');
    assert.equal(scalarRepr(3, 'uint64'), 'np.uint64(3)');
    assert.equal(formatScalar(3, 'uint64'), '3');
  });

  test('repr names a dtype other than int64, float64 and bool', () => {
    const of = (values: number[], dtype: DType) =>
      new NDArray(Float64Array.from(values), [values.length], dtype);
    assert.equal(formatArrayRepr(of([1, 2, 3], 'int32')), 'array([1, 2, 3], dtype=int32)');
    assert.equal(
      formatArrayRepr(of([0.1, 0.2].map(Math.fround), 'float32')),
      'array([0.1, 0.2], dtype=float32)',
    );
    assert.equal(formatArrayRepr(of([], 'int32')), 'array([], dtype=int32)');
    assert.equal(formatArrayRepr(of([1, 2, 3], 'int64')), 'array([1, 2, 3])');
  });

  test('the dtype goes under the opening when it does not fit on the last line', () => {
    const a = new NDArray(
      Float64Array.from({ length: 30 }, (_, i) => i),
      [30],
      'int16',
    );
    assert.equal(
      formatArrayRepr(a),
      'array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n' +
        '       17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], dtype=int16)',
    );
    assert.equal(
      formatArrayRepr(a, { threshold: 10 }),
      'array([ 0,  1,  2, ..., 27, 28, 29], shape=(30,), dtype=int16)',
    );
    assert.equal(
      formatArrayRepr(a, { threshold: 10, linewidth: 40 }),
      'array([ 0,  1,  2, ..., 27, 28, 29],\n      shape=(30,), dtype=int16)',
    );
  });
});
