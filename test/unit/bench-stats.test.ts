/**
 * The benchmark suite's pure helpers (bench/lib): statistics, agreement,
 * formatting, the generated editor document and the report. No timing is
 * asserted anywhere: the suite's numbers are reported, never tested.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateMatFile, lastLine, typeDigit } from '../../bench/lib/matfile';
import { renderReport } from '../../bench/lib/report';
import {
  formatBytes,
  formatDifference,
  formatNumber,
  formatRatio,
  iterationsFor,
  markdownTable,
  median,
  pairedSpeedup,
  productFlops,
  quantile,
  relativeDifference,
  summarize,
} from '../../bench/lib/stats';
import type { Results } from '../../bench/lib/types';
import { evaluateDocument } from '../../src/engine/document';

describe('median and quantile', () => {
  test('odd and even counts, unsorted input left alone', () => {
    const values = [5, 1, 3];
    assert.equal(median(values), 3);
    assert.deepEqual(values, [5, 1, 3]);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
  });
  test('no values is an error', () => {
    assert.throws(() => median([]), /no values/);
    assert.throws(() => quantile([], 0.5), /no values/);
  });
  test('quantiles interpolate between order statistics', () => {
    assert.equal(quantile([1, 2, 3, 4, 5], 0), 1);
    assert.equal(quantile([1, 2, 3, 4, 5], 1), 5);
    assert.equal(quantile([1, 2, 3, 4, 5], 0.5), 3);
    assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
  });
});

describe('pairedSpeedup', () => {
  test('median of the per-pair ratios reference/ours', () => {
    // Pairs: 2/1 = 2, 9/3 = 3, 4/1 = 4 → 3 (the ratio of medians would be 4/1).
    assert.equal(pairedSpeedup([1, 3, 1], [2, 9, 4]), 3);
  });
  test('below 1 when ours is slower', () => {
    assert.equal(pairedSpeedup([2, 2], [1, 1]), 0.5);
  });
  test('only common pairs count; none gives NaN', () => {
    assert.equal(pairedSpeedup([1, 1, 100], [2, 2]), 2);
    assert.ok(Number.isNaN(pairedSpeedup([], [1])));
  });
});

describe('relativeDifference', () => {
  test('normwise: largest difference over largest reference value', () => {
    assert.equal(relativeDifference([1, 2, 4.5], [1, 2, 4]), 0.5 / 4);
    assert.equal(relativeDifference([1, 2], [1, 2]), 0);
    assert.equal(relativeDifference(new Float64Array([0, 0]), [0, 0]), 0);
  });
  test('a difference against zeros, a length mismatch or a lone NaN is infinite', () => {
    assert.equal(relativeDifference([1e-300], [0]), Number.POSITIVE_INFINITY);
    assert.equal(relativeDifference([1, 2], [1]), Number.POSITIVE_INFINITY);
    assert.equal(relativeDifference([Number.NaN, 1], [0, 1]), Number.POSITIVE_INFINITY);
  });
  test('NaN in the same place agrees', () => {
    assert.equal(relativeDifference([Number.NaN, 1], [Number.NaN, 1]), 0);
  });
});

describe('summarize', () => {
  test('medians per side and speed-ups of ours against each other side', () => {
    const s = summarize({ ours: [1, 2, 3], numpy: [2, 4, 6], mathjs: [30, 60, 90], empty: [] });
    assert.deepEqual(Object.keys(s.sides).sort(), ['mathjs', 'numpy', 'ours']);
    assert.equal(s.sides.ours.median, 2);
    assert.deepEqual(s.sides.numpy.seconds, [2, 4, 6]);
    assert.deepEqual(s.speedups, { numpy: 2, mathjs: 30 });
  });
  test('without ours there are no speed-ups', () => {
    assert.deepEqual(summarize({ numpy: [1] }).speedups, {});
  });
});

describe('formatting', () => {
  test('numbers keep about three significant digits, with separators', () => {
    assert.equal(formatNumber(1234567), '1,234,567');
    assert.equal(formatNumber(12.345), '12.3');
    assert.equal(formatNumber(0.012345), '0.0123');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(0.00001234), '1.23e-5');
    assert.equal(formatNumber(Number.NaN), '–');
    assert.equal(formatNumber(Number.POSITIVE_INFINITY), '∞');
  });
  test('ratios, differences and sizes', () => {
    assert.equal(formatRatio(12.345), '12.3×');
    assert.equal(formatRatio(0.0456), '0.0456×');
    assert.equal(formatRatio(123.4), '123.4×');
    assert.equal(formatRatio(Number.NaN), '–');
    assert.equal(formatDifference(0), '0');
    assert.equal(formatDifference(2.22e-16), '2.2e-16');
    assert.equal(formatDifference(Number.POSITIVE_INFINITY), '∞');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(211_456), '211 kB');
    assert.equal(formatBytes(1_500_000), '1.50 MB');
  });
  test('Markdown tables escape pipes, pad missing cells and align columns', () => {
    assert.equal(
      markdownTable(['A', 'B'], [['x|y', '1'], ['z'], ['√2 ✓', '10']]),
      ['| A    |   B |', '| ---- | --: |', '| x\\|y |   1 |', '| z    |     |', '| √2 ✓ |  10 |'].join('\n'),
    );
  });
  test('flops of a square product', () => {
    assert.equal(productFlops(512), 2 * 512 ** 3);
  });
});

describe('iterationsFor', () => {
  test('scales the trial to the target, at least 1, capped', () => {
    assert.equal(iterationsFor(0.01, 10, 0.1), 100);
    assert.equal(iterationsFor(5, 1, 0.1), 1);
    assert.equal(iterationsFor(1e-9, 1, 1, 1000), 1000);
    assert.equal(iterationsFor(0, 2, 1), 32);
  });
});

describe('the editor benchmark’s document', () => {
  const text = generateMatFile(1000);

  test('1,000 statements, one per line', () => {
    assert.equal(text.trimEnd().split('\n').length, 1000);
    assert.throws(() => generateMatFile(30), /multiple of 20/);
  });

  test('every statement evaluates without an error', () => {
    const small = generateMatFile(60);
    const evaluation = evaluateDocument(small);
    assert.equal(evaluation.statements.length, 60);
    const failed = evaluation.statements.filter((s) => s.outcome.kind === 'error').map((s) => s.source);
    assert.deepEqual(failed, []);
  });

  test('a keystroke types a digit after the line’s first number literal, not into a name', () => {
    const first = typeDigit(text, 0);
    assert.match(first.split('\n')[0], /^a0 = np\.array\(\[\[4\.0009, /);
    const last = lastLine(text);
    assert.equal(last, 999);
    const edited = typeDigit(text, last).split('\n')[last];
    assert.match(edited, /^d49 = np\.linalg\.det\(a49\) \+ g49 \* 0\.59$/);
    assert.throws(() => typeDigit('a = b\n', 0), /no number/);
  });

  test('an edit on the last line re-evaluates only that statement', () => {
    const small = generateMatFile(40);
    const base = evaluateDocument(small);
    const edited = evaluateDocument(typeDigit(small, lastLine(small)), { previous: base });
    assert.equal(edited.statements.filter((s) => !s.reused).length, 1);
  });
});

describe('renderReport', () => {
  const results: Results = {
    date: '2026-01-01T00:00:00.000Z',
    mode: 'quick',
    commit: '0123456789abcdef',
    seconds: 12,
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      memoryGiB: 24,
      node: '20.0.0',
      v8: '11',
      platform: 'linux x64',
      loadAverageBefore: [1, 1, 1],
      peak: { fma256: 20, muladd128: 16 },
      numpy: { numpy: '2.4.6', python: '3.11', openblasCore: 'Haswell', openblasThreads: 2 },
      mathjs: '15.2.0',
    },
    rows: [
      {
        group: 'training',
        id: 'train-5000',
        label: 'seed network, 5,000 epochs',
        work: 1,
        sides: { ours: { seconds: [1e-6], median: 1e-6 }, numpy: { seconds: [1e-4], median: 1e-4 } },
        speedups: { numpy: 100 },
        agreement: { relDiff: 2e-16, tolerance: 1e-10, ok: true },
        target: { text: '≥ 50× NumPy', met: true },
      },
      {
        group: 'products',
        id: 'matmul-512',
        label: 'a @ b, 512×512',
        work: productFlops(512),
        sides: { ours: { seconds: [0.0268], median: 0.0268 } },
        speedups: {},
        target: { text: '≥ 5× mathjs', met: null },
      },
      {
        group: 'coldstart',
        id: 'vsix',
        label: '.vsix size',
        sides: {},
        speedups: {},
        values: { bytes: 211_000 },
        target: { text: '< 1 MB', met: true },
      },
    ],
    errors: ['editor: something failed'],
  };
  const text = renderReport(results);
  // The tables' cells without the padding that aligns their columns.
  const cells = text.replace(/ {2,}/g, ' ');

  test('one table per group that ran, with throughputs, ratios, agreement and verdicts', () => {
    assert.match(
      cells,
      /\| seed network, 5,000 epochs \| 1,000,000 \| 10,000 \| 100\.0× \| 2\.0e-16 ✓ \| ≥ 50× NumPy: \*\*met\*\* \|/,
    );
    assert.match(cells, /\| a @ b, 512×512 \| 10\.0 \|/);
    assert.match(cells, /\| 50 % \(best 50 %\) \|/);
    assert.match(text, /≥ 5× mathjs: not measured/);
    assert.match(cells, /\| \.vsix size \| 211 kB \| < 1 MB: \*\*met\*\* \|/);
    assert.doesNotMatch(text, /editor’s path/);
  });

  test('the machine and the errors are listed', () => {
    assert.match(text, /Test CPU, 2 cores/);
    assert.match(text, /20\.0 GFLOP\/s/);
    assert.match(text, /NumPy 2\.4\.6/);
    assert.match(text, /## Errors\n\n- editor: something failed/);
  });
});
