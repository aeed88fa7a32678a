/**
 * Complex numbers beside the corpus (which compares them with python3 +
 * NumPy statement by statement): the table of which built-ins take complex
 * arguments names real built-ins and parameters, and a built-in or method
 * without complex support refuses a complex argument instead of computing
 * on its real parts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMPLEX_POLICY } from '../../src/engine/builtins/complexCalls';
import { BUILTINS } from '../../src/engine/builtins/index';
import { evaluateDocument } from '../../src/engine/document';
import { evaluateToJson } from '../../src/engine/json';

const LIMITS = { maxElements: 1_000_000, maxMilliseconds: 2_000 };

/** The last statement's error type and message, or its value's text. */
function last(source: string): { type?: string; message?: string; text?: string } {
  const evaluation = evaluateDocument(source, { limits: LIMITS });
  const outcome = evaluation.statements.at(-1)?.outcome;
  assert.ok(outcome);
  if (outcome.kind === 'error') return { type: outcome.pythonType, message: outcome.message };
  return { text: evaluateToJson(source, { limits: LIMITS }).at(-1)?.text };
}

describe('which built-ins take complex numbers', () => {
  test('every name in the policy is a NumPy built-in, and every linear parameter is one of its parameters', () => {
    for (const name of COMPLEX_POLICY.native) assert.ok(BUILTINS.has(name), `native: ${name}`);
    for (const name of COMPLEX_POLICY.own()) assert.ok(BUILTINS.has(name), `own: ${name}`);
    for (const [name, linear] of Object.entries(COMPLEX_POLICY.partwise)) {
      const spec = BUILTINS.get(name);
      assert.ok(spec, `partwise: ${name}`);
      for (const param of linear) {
        const bare = param.replace(/^\*/, '');
        assert.ok(
          spec.params.some((p) => p.name === bare) || spec.varargs === bare,
          `${name} has no parameter '${bare}'`,
        );
      }
    }
  });

  for (const [source, what] of [
    ['np.median(np.array([1 + 2j, 3]))', 'np.median'],
    ['np.std(np.array([1 + 2j, 3]))', 'np.std'],
    ['np.unique([2j, 1])', 'np.unique'],
    ['np.linalg.inv(np.array([[1j, 0], [0, 1]]))', 'np.linalg.inv'],
  ] as const) {
    test(`${what} refuses complex arguments rather than using their real parts`, () => {
      const result = last(`import numpy as np\n${source}`);
      assert.equal(result.type, 'NotImplementedError');
      assert.match(result.message ?? '', new RegExp(`^${what.replace('.', '\\.')} of complex numbers`));
    });
  }

  for (const method of ['fill', 'partition']) {
    test(`a.${method}() of a complex array is refused`, () => {
      const args = '0';
      const result = last(`import numpy as np\nz = np.array([2j, 1])\nz.${method}(${args})`);
      assert.equal(result.type, 'NotImplementedError');
      assert.match(result.message ?? '', new RegExp(`a\\.${method}\\(\\) of a complex array`));
    });
  }

  test("Python's own built-ins take complex numbers as Python does", () => {
    assert.equal(last('sum([1j, 2])').text, '(2+1j)');
    assert.equal(last('sorted([2j, 1j])').type, 'TypeError');
  });
});
