/**
 * One focused test per engine bug the hostile-input work found (the
 * corpus in test/fixtures/hostile/ covers them end to end; these pin each
 * fix to the unit that has it).
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateDocument } from '../../src/engine/document';
import { LimitError } from '../../src/engine/errors';
import { formatArray } from '../../src/engine/format/array';
import { arrayToJson, evaluateToJson } from '../../src/engine/json';
import { clearBudget, reserve, resetBudget, useClock } from '../../src/engine/limits';
import { NDArray } from '../../src/engine/ndarray';
import { GlobalState } from '../../src/engine/scope';
import { closestName, quoted } from '../../src/engine/suggest';

const LIMITS = { maxElements: 5_000_000, maxMilliseconds: 200 };

function one(
  source: string,
  limits = LIMITS,
): { text?: string; type?: string; message?: string; at?: string } {
  const evaluation = evaluateDocument(source, { limits });
  const last = evaluation.statements[evaluation.statements.length - 1];
  const { outcome } = last;
  if (outcome.kind === 'error') {
    return {
      type: outcome.pythonType,
      message: outcome.message,
      at: source.slice(outcome.range.start, outcome.range.end),
    };
  }
  return { text: evaluateToJson(source, { limits }).at(-1)?.text };
}

describe('engine fixes from the hostile-input work', () => {
  test("dtype names are looked up as own keys: 'constructor' is not a dtype (it printed a crash)", () => {
    assert.deepEqual(one("zeros(2, dtype='constructor')").type, 'TypeError');
    assert.deepEqual(one("np.array([1.0]).astype('__proto__')").type, 'TypeError');
    assert.equal(one("np.array([1.0]).dtype == 'toString'").text, 'False');
  });

  test("int64 array results beyond 2**63 wrap as NumPy's where a double holds them, else an OverflowError, never inf; Python ints stay exact", () => {
    // What NumPy prints for each (its int64 wraps modulo 2**64).
    for (const [source, text] of [
      ['np.array([2**62]) * 4', '[0]'],
      ['np.array([2**62]) + np.array([2**62])', '[-9223372036854775808]'],
      ['np.sum(np.array([2**62, 2**62]))', '-9223372036854775808'],
      ['np.prod(np.array([10**10, 10**10]))', '7766279631452241920'],
    ]) {
      assert.equal(one(source).text, text, source);
    }
    for (const source of [
      // NumPy: [-420491770248316829], which no double holds exactly.
      'np.array([3]) ** 41',
      'np.array([[2**62]]) @ np.array([[4]])',
      'np.dot(np.array([2**62]), np.array([4]))',
    ]) {
      assert.equal(one(source).type, 'OverflowError', source);
    }
    assert.equal(one('2 ** 62').text, '4611686018427387904');
    assert.equal(one('-(2 ** 62) * 2').text, '-9223372036854775808');
    // Python's ints are unbounded: exact, as python3 prints them.
    assert.equal(one('2 ** 63').text, '9223372036854775808');
    assert.equal(one('99999999999999999999 + 1').text, '100000000000000000000');
    assert.equal(one('10 ** 400').text, `1${'0'.repeat(400)}`);
    assert.equal(one('2 ** 10 ** 9').type, 'OverflowError');
  });

  test("int() of nan, inf or a huge float gives Python's errors", () => {
    assert.deepEqual(one('int(np.nan)'), {
      type: 'ValueError',
      message: 'cannot convert float NaN to integer',
      at: 'int(np.nan)',
    });
    assert.equal(one('int(-np.inf)').message, 'cannot convert float infinity to integer');
    // The exact integer value of the double, as Python gives it.
    assert.equal(one('int(1e300)').text, BigInt(1e300).toString());
    assert.equal(one('int(-2.7)').text, '-2');
  });

  test('ints past 2**53 print exactly, and printing never throws', () => {
    assert.equal(one('np.array([np.inf]).astype(int)').text, '[-9223372036854775808]');
    const odd = new NDArray(Float64Array.of(Number.POSITIVE_INFINITY, 1), [2], 'int64');
    assert.doesNotThrow(() => formatArray(odd));
  });

  test('a list literal of 200,000 items builds (a spread call overflowed the stack)', () => {
    const source = `x = [${'1, '.repeat(200_000)}1]\nnp.array(x).shape\n`;
    assert.equal(one(source, { maxElements: 1_000_000, maxMilliseconds: 5000 }).text, '(200001,)');
  });

  test('train() checks the time limit inside big epochs and rejects non-finite data', () => {
    // On a clock that advances at each reading: stopping means the trainer keeps reading it.
    let readings = 0;
    const restore = useClock(() => ++readings);
    let big: ReturnType<typeof one>;
    try {
      big = one('train(np.random.rand(1000, 1000), np.random.rand(1000, 1), epochs=3000)', {
        maxElements: 50_000_000,
        maxMilliseconds: 200,
      });
    } finally {
      restore();
    }
    assert.equal(big.type, 'LimitError');
    assert.match(big.message ?? '', /time limit reached/);
    assert.equal(
      one('train(np.array([[0, np.nan], [1, 1]]), np.array([[0], [1]]))').message,
      'train() needs finite numbers in X, but X[0, 1] is nan',
    );
    assert.deepEqual(one('train(np.eye(2), np.eye(2), seed=-1)').type, 'ValueError');
    assert.deepEqual(one('train(np.zeros((0, 2)), np.zeros((0, 1)))').type, 'ValueError');
    assert.equal(
      one('train(np.eye(2), np.eye(2), lr=np.inf)').message,
      'train() needs a finite learning rate, got inf',
    );
  });

  test("random draws: an infinite range is NumPy's OverflowError, randint sizes count before allocating", () => {
    assert.deepEqual(one('np.random.uniform(np.nan)').message, 'Range exceeds valid bounds');
    assert.deepEqual(one('np.random.uniform(np.array([0, -np.inf]))').type, 'OverflowError');
    assert.equal(one('np.random.randint(0, 2**60)').type, 'ValueError');
    assert.match(one('np.random.randint(0, 2, size=10**8)').message ?? '', /size limit reached/);
    assert.equal(one('np.random.seed(0)\nnp.random.randint(0, 10, size=5)').text, '[5 0 3 3 7]');
  });

  test('did-you-mean skips names too long to compare (the edit distance is quadratic)', () => {
    const long = 'a'.repeat(50_000);
    assert.equal(closestName(long, [`${long}b`]), undefined);
    assert.equal(closestName('dto', ['dot']), 'dot');
    assert.equal(quoted('x'.repeat(81)), `${'x'.repeat(40)}… (81 characters)`);
    const source = `${long} = 1\n${long}b(1)\n`;
    assert.match(one(source).message ?? '', /^name 'a{40}… \(50,001 characters\)' is not defined$/);
  });

  test('the JSON of an empty array with a huge leading dimension is [] (it exhausted the heap)', () => {
    const empty = new NDArray(new Float64Array(0), [1e18, 0], 'float64');
    assert.deepEqual(arrayToJson(empty), []);
    assert.deepEqual(arrayToJson(new NDArray(new Float64Array(0), [2, 0], 'float64')), [[], []]);
  });

  test('variables are shared between statement states: 20,000 distinct names stay linear', () => {
    const source = Array.from({ length: 20_000 }, (_, i) => `v${i} = ${i}`).join('\n');
    const evaluation = evaluateDocument(source, { limits: LIMITS });
    assert.equal([...evaluation.finalState.names()].length, 20_000);
    assert.equal(evaluation.statements[10].state.get('v10999'), undefined);
    const parent = new GlobalState();
    parent.set('a', NDArray.scalar(1, 'int64'));
    const child = parent.fork();
    child.set('a', NDArray.scalar(2, 'int64'));
    child.set('__proto__', NDArray.scalar(3, 'int64'));
    assert.equal((parent.get('a') as NDArray).data[0], 1);
    assert.equal(parent.get('__proto__'), undefined);
    assert.deepEqual([...child.names()], ['__proto__', 'a']);
  });

  test('a NaN pivot spreads NaN through LU, as LAPACK does, instead of "Singular matrix"', () => {
    assert.equal(one('np.linalg.det(np.array([[np.nan, 0], [0, 1]]))').text, 'nan');
    assert.match(one('np.linalg.inv(np.array([[np.nan, 0], [0, 1]]))').text ?? '', /nan/);
    assert.equal(one('np.linalg.inv(np.array([[1, 2], [2, 4]]))').message, 'Singular matrix');
  });

  test("an error inside a user function's body is Python's, on the expression that raised it", () => {
    assert.deepEqual(one('f = lambda x: x @ x\ny = 1 + f(1)'), {
      type: 'TypeError',
      message: "unsupported operand type(s) for @: 'int' and 'int'",
      at: 'x @ x',
    });
    assert.equal(one('(lambda x: x @ x)(1)').at, 'x @ x');
  });

  test('tuples that double, share items or nest deep meet the limits and print cut short', () => {
    const doubled = `t = (1, 2)\n${'t = t + t\n'.repeat(26)}len(t)\n`;
    const evaluation = evaluateDocument(doubled, {
      limits: { maxElements: 50_000_000, maxMilliseconds: 1000 },
    });
    const outcomes = evaluation.statements.map((s) => s.outcome);
    assert.equal(outcomes[26].kind, 'error');
    assert.equal(evaluateToJson(doubled).at(-1)?.text, '33554432');
    const shared = `s = (1,)\n${'s = (s, s)\n'.repeat(40)}`;
    const json = evaluateToJson(`${shared}s == s\nnp.array(s)\n`, { limits: LIMITS });
    assert.match(json[40].text ?? '', /\.\.\.\)$/);
    assert.equal(json[41].text, 'True');
    assert.equal(json[42].error?.type, 'LimitError');
    const deep = evaluateToJson(`n = (1,)\n${'n = (n,)\n'.repeat(150)}`).at(-1)?.text ?? '';
    assert.match(deep, /^\({101}\.\.\.\)(,\)){100}$/);
  });

  test('a lone surrogate is reported as non-printable, never quoted into the message', () => {
    assert.equal(one('\uD800 = 1').message, 'invalid non-printable character U+D800');
  });

  test('element counts past 2**53 are printed exactly in the size-limit message', () => {
    resetBudget({ maxElements: 1000, maxMilliseconds: 1000 });
    assert.throws(
      () => reserve(2 ** 62),
      (e: unknown) => {
        assert.ok(e instanceof LimitError);
        assert.match(e.message, /needs 4,611,686,018,427,387,904 array elements/);
        return true;
      },
    );
    clearBudget();
  });
});
