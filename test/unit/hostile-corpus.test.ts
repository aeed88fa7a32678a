/**
 * The hostile-input corpus, test/fixtures/hostile/: every `<name>.json`
 * there describes one input file (`<name>.mat`, or the file it names) and
 * what the engine must say about it. For each, the file is decoded the way
 * an editor would, evaluated, and checked:
 *
 * - nothing escapes as an exception and every statement has a value or an
 *   error with a valid range inside it (see `checkEvaluation`);
 * - the expected messages: `{ "line": 3, "error": "NameError", "message": "..." }`
 *   (exact) or `"match": "regex"`, `{ "line": 2, "text": "1" }` or
 *   `"textMatch"`, `"at"` for the text the error points at, `"orValue"` when
 *   a statement may finish instead of reaching the limit, `"withinMs"` for
 *   how long that statement may take on the time limit's clock (one
 *   millisecond per reading, see below); `line` is the 1-based line the
 *   statement starts on;
 * - `statements` (the count), `notAScript` (binary files are never
 *   evaluated), `seconds` (roughly what the file takes; ten times it is the
 *   test's hang guard), `limits`
 *   (defaults: the extension's);
 * - no built-in JavaScript prototype gained, lost or changed a property.
 *
 * The generated inputs come from scripts/fixtures/make_hostile.py.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type DocumentEvaluation, evaluateDocument } from '../../src/engine/document';
import { evaluationToJson } from '../../src/engine/json';
import { DEFAULT_LIMITS, useClock } from '../../src/engine/limits';
import { type Expectation, HOSTILE_DIR, type HostileSpec, hostileCases } from '../hostile-cases';
import { assertPrototypesUnchanged, checkEvaluation, prototypeSnapshot } from './property-helpers';

/**
 * UTF-8 that keeps surrogate code points (WTF-8): how a file holding lone
 * surrogates reaches the engine if its bytes are taken literally.
 */
function decodeWtf8(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  const cont = (k: number) => bytes[i + k] & 0x3f;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i += 1;
    } else if (b >= 0xc0 && b < 0xe0) {
      out += String.fromCharCode(((b & 0x1f) << 6) | cont(1));
      i += 2;
    } else if (b >= 0xe0 && b < 0xf0) {
      out += String.fromCharCode(((b & 0x0f) << 12) | (cont(1) << 6) | cont(2));
      i += 3;
    } else if (b >= 0xf0) {
      out += String.fromCodePoint(((b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3));
      i += 4;
    } else {
      out += '\uFFFD';
      i += 1;
    }
  }
  return out;
}

function decode(bytes: Uint8Array, how: HostileSpec['decode'] = 'utf-8'): string {
  if (how === 'wtf-8') return decodeWtf8(bytes);
  // Not fatal: invalid bytes become U+FFFD, as in an editor.
  return new TextDecoder(how).decode(bytes);
}

function loadCases(): { name: string; spec: HostileSpec; text: string }[] {
  return hostileCases().map(({ name, spec, file }) => ({
    name,
    spec,
    text: decode(readFileSync(join(HOSTILE_DIR, file)), spec.decode),
  }));
}

/** Index of the first statement starting on 1-based `line`. */
function statementOnLine(evaluation: DocumentEvaluation, line: number): number {
  const index = evaluation.statements.findIndex(
    (s) => evaluation.lines.positionAt(s.range.start).line + 1 === line,
  );
  assert.ok(index >= 0, `a statement starts on line ${line}`);
  return index;
}

function checkExpectation(
  evaluation: DocumentEvaluation,
  texts: readonly (string | undefined)[],
  durations: readonly number[],
  e: Expectation,
): void {
  const index = statementOnLine(evaluation, e.line);
  const { outcome, source } = evaluation.statements[index];
  const where = `line ${e.line} \`${source.slice(0, 60)}\``;
  if (e.withinMs !== undefined) {
    assert.ok(durations[index] < e.withinMs, `${where} took ${durations[index]} clock readings`);
  }
  if (e.error !== undefined) {
    if (e.orValue && outcome.kind === 'value') return;
    assert.equal(outcome.kind, 'error', `${where}: an error, got ${texts[index]?.slice(0, 200)}`);
    if (outcome.kind !== 'error') return;
    assert.equal(outcome.pythonType, e.error, `${where}: ${outcome.message}`);
    if (e.message !== undefined) assert.equal(outcome.message, e.message, where);
    if (e.match !== undefined) assert.match(outcome.message, new RegExp(e.match), where);
    if (e.at !== undefined) {
      assert.equal(evaluation.text.slice(outcome.range.start, outcome.range.end), e.at, `${where}: range`);
    }
    return;
  }
  const shown = outcome.kind === 'error' ? `${outcome.pythonType}: ${outcome.message}` : texts[index];
  assert.equal(outcome.kind, 'value', `${where}: a value, got ${shown}`);
  if (e.text !== undefined) assert.equal(texts[index], e.text, where);
  if (e.textMatch !== undefined) assert.match(texts[index] ?? '', new RegExp(e.textMatch), where);
}

describe('hostile inputs (test/fixtures/hostile)', () => {
  const cases = loadCases();

  test('the corpus is all there', () => {
    const names = cases.map((c) => c.name);
    for (const required of [
      'prototype-names',
      'prototype-attributes',
      'nested-brackets',
      'nested-parens',
      'long-line',
      'many-statements',
      'sizes',
      'big-linalg',
      'overflow',
      'nan',
      'line-endings',
      'matlab-v5',
      'nul-bytes',
      'lone-surrogates',
      'long-identifier',
      'chain-attributes',
      'chain-index',
      'nested-calls',
      'recursion',
      'division',
      'train-absurd',
      'no-escape',
      'tuples',
    ]) {
      assert.ok(names.includes(required), `${required}.json`);
    }
  });

  for (const { name, spec, text } of cases) {
    // Only a hang trips the timeout: ten times what the file takes on a loaded machine.
    test(name, { timeout: (spec.seconds ?? 60) * 10_000 }, () => {
      const prototypes = prototypeSnapshot();
      // The time limit reads a clock that advances 1 ms at each reading: a statement
      // stops at its limit exactly when it keeps reading the clock, however loaded the machine.
      let now = 0;
      const starts: number[] = [];
      const restore = useClock(() => ++now);
      let evaluation: DocumentEvaluation;
      try {
        evaluation = evaluateDocument(text, {
          limits: spec.limits ?? DEFAULT_LIMITS,
          onStatement: (i) => {
            starts[i] = now;
          },
        });
      } finally {
        restore();
      }
      const durations = starts.map((t, i) => (starts[i + 1] ?? now) - t);
      checkEvaluation(text, evaluation);
      assertPrototypesUnchanged(prototypes);

      if (spec.notAScript !== undefined) {
        assert.equal(evaluation.notAScript, spec.notAScript);
        assert.equal(evaluation.statements.length, 0);
        return;
      }
      assert.equal(evaluation.notAScript, undefined, 'evaluated as a script');
      if (spec.statements !== undefined) assert.equal(evaluation.statements.length, spec.statements);
      const texts = evaluationToJson(evaluation).map((r) => r.text);
      for (const e of spec.expect ?? []) checkExpectation(evaluation, texts, durations, e);
    });
  }
});
