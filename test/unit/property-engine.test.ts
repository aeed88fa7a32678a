/**
 * Property-based tests (fast-check) for the lexer, the parser and the
 * evaluator: random text, token soups and mutations of the seed example and
 * of the corpus files. Whatever the input, `lex` and `parse` return (never
 * throw) with every range inside the text and statements in order, and
 * `evaluateDocument` gives every statement a value or an error with a valid
 * range, within its time limit, with no engine bug reaching a statement.
 *
 * Seeded (FC_SEED) so a failure reproduces; fast-check prints the seed and
 * path of the shrunk counterexample.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BUILTINS, bareBuiltinNames } from '../../src/engine/builtins';
import { evaluateDocument } from '../../src/engine/document';
import { lex } from '../../src/engine/lexer';
import { useClock } from '../../src/engine/limits';
import { parse } from '../../src/engine/parser';
import { snapshotOf } from '../../src/engine/snapshot';
import { checkInvariants } from './parser-helpers';
import {
  assertPrototypesUnchanged,
  checkEvaluation,
  checkTokens,
  FC_SEED,
  mutate,
  mutatedFile,
  mutation,
  prototypeSnapshot,
  randomText,
  SMALL_LIMITS,
  sourceFiles,
  tokenSoup,
  wellFormedProgram,
} from './property-helpers';

const files = sourceFiles();
const anyText = fc.oneof(randomText, tokenSoup, mutatedFile(files));

/** Clock readings a statement may take past its limit: the one that trips it, and the reset. */
const READINGS_SLACK = 2;

/**
 * Evaluates on a clock that advances 1 ms at each reading, counting the
 * readings: a statement that runs on keeps reading the clock, so every one
 * must stop within its time limit in readings, on any machine however
 * loaded. One that never reads it would hang: the test's timeout catches that.
 */
function evaluateOnTicks(text: string): {
  evaluation: ReturnType<typeof evaluateDocument>;
  readings: number;
} {
  let readings = 0;
  const restore = useClock(() => ++readings);
  try {
    const evaluation = evaluateDocument(text, { limits: SMALL_LIMITS });
    return { evaluation, readings };
  } finally {
    restore();
  }
}

function assertWithinLimits(evaluation: ReturnType<typeof evaluateDocument>, readings: number): void {
  const most = evaluation.statements.length * (SMALL_LIMITS.maxMilliseconds + READINGS_SLACK);
  assert.ok(readings <= most, `${readings} clock readings for ${evaluation.statements.length} statements`);
}

/** Only a hang trips this: the properties run a few minutes at most on a loaded machine. */
const HANG_GUARD = { timeout: 20 * 60_000 };

function run<Ts extends unknown[]>(property: fc.IProperty<Ts>, numRuns: number): void {
  fc.assert(property, { seed: FC_SEED, numRuns, includeErrorInReport: true });
}

describe('lexer (property-based)', () => {
  test('never throws; tokens lie in the text, in order, ending at eof', () => {
    run(
      fc.property(anyText, (text) => {
        checkTokens(text, lex(text));
      }),
      1_500,
    );
  });
});

describe('parser (property-based)', () => {
  test('never throws; every node and error range lies in the text, statements do not overlap', () => {
    run(
      fc.property(anyText, (text) => {
        checkInvariants(text, parse(text));
      }),
      1_500,
    );
  });

  test('parsing is deterministic', () => {
    run(
      fc.property(fc.oneof(tokenSoup, mutatedFile(files)), (text) => {
        assert.deepEqual(parse(text), parse(text));
      }),
      200,
    );
  });
});

describe('evaluator (property-based)', () => {
  const protoBefore = prototypeSnapshot();

  test(
    'random text and token soups: a value or an error with a valid range for every statement',
    HANG_GUARD,
    () => {
      run(
        fc.property(fc.oneof(randomText, tokenSoup), (text) => {
          const { evaluation, readings } = evaluateOnTicks(text);
          checkEvaluation(text, evaluation);
          assertWithinLimits(evaluation, readings);
        }),
        2_000,
      );
    },
  );

  test(
    'mutated seed and corpus files: every statement gets a result, within the time limits',
    HANG_GUARD,
    () => {
      run(
        fc.property(mutatedFile(files), (text) => {
          const { evaluation, readings } = evaluateOnTicks(text);
          checkEvaluation(text, evaluation);
          assertWithinLimits(evaluation, readings);
        }),
        150,
      );
    },
  );

  test(
    'well-formed calls, operators and methods with hostile values: results or clear errors',
    HANG_GUARD,
    () => {
      const names = [...bareBuiltinNames(), ...[...BUILTINS.keys()].map((name) => `np.${name}`)];
      run(
        fc.property(wellFormedProgram(names), (text) => {
          const { evaluation, readings } = evaluateOnTicks(text);
          checkEvaluation(text, evaluation);
          assertWithinLimits(evaluation, readings);
        }),
        1_500,
      );
    },
  );

  test('re-evaluating after an edit (reusing the unchanged prefix) equals evaluating from scratch', () => {
    const files2 = files.filter((f) => !/train|random_|gradient|softmax|neural/.test(f.name));
    run(
      fc.property(
        fc.nat({ max: files2.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (index, edits) => {
          const original = files2[index].text;
          const edited = edits.reduce(mutate, original);
          const before = evaluateDocument(original, { limits: SMALL_LIMITS });
          const incremental = evaluateDocument(edited, { limits: SMALL_LIMITS, previous: before });
          const fresh = evaluateDocument(edited, { limits: SMALL_LIMITS });
          checkEvaluation(edited, incremental);
          // Where a limit stopped a statement, how far it got may differ: the time limit, and the
          // depth of a RecursionError that JavaScript's stack (deeper when called from a re-evaluation)
          // stopped before Python's limit of 1,000 calls.
          const limited = [incremental, fresh].some((e) =>
            e.statements.some(
              (s) =>
                s.outcome.kind === 'error' &&
                (s.outcome.pythonType === 'LimitError' || s.outcome.pythonType === 'RecursionError'),
            ),
          );
          if (!limited) assert.deepEqual(snapshotOf(incremental), snapshotOf(fresh));
        },
      ),
      60,
    );
  });

  test('no input changed a built-in prototype', () => {
    assertPrototypesUnchanged(protoBefore);
  });
});
