/**
 * Shared by the property-based and hostile-input tests: the inputs
 * (the seed example and the oracle corpus), fast-check arbitraries for
 * random text, token soups and mutations of real files, and the
 * invariants every lex, parse and evaluation must keep whatever the input.
 */

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Range } from '../../src/engine/ast';
import type { DocumentEvaluation } from '../../src/engine/document';
import { evaluationToJson } from '../../src/engine/json';
import type { LexResult } from '../../src/engine/lexer';
import type { Limits } from '../../src/engine/limits';
import { snapshotOf } from '../../src/engine/snapshot';

/** Small limits, so a mutation that builds something huge or slow costs little. */
export const SMALL_LIMITS: Limits = { maxElements: 200_000, maxMilliseconds: 200 };

/** One fixed seed for every property, so a failure reproduces (fast-check prints the path to shrink to). */
export const FC_SEED = 7_2026;

const repoRoot = new URL('../../', import.meta.url);

/** The seed example and every corpus file, by name. */
export function sourceFiles(): { name: string; text: string }[] {
  const corpusDir = new URL('scripts/fixtures/corpus/', repoRoot);
  const corpus = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.mat'))
    .sort()
    .map((f) => ({ name: `corpus/${f}`, text: readFileSync(new URL(f, corpusDir), 'utf8') }));
  const seed = {
    name: 'examples/seed.mat',
    text: readFileSync(new URL('examples/seed.mat', repoRoot), 'utf8'),
  };
  return [seed, ...corpus];
}

/** Pieces of `.mat` (and not-quite-`.mat`) text that stress the lexer, the parser and the evaluator. */
export const SNIPPETS: readonly string[] = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '=',
  '==',
  '+',
  '-',
  '*',
  '**',
  '/',
  '//',
  '%',
  '@',
  '.',
  ';',
  '+=',
  '@=',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  '    ',
  '#',
  '# %%',
  '\\',
  '\\\n',
  '"',
  "'",
  '"""',
  'r"',
  'f"',
  '0',
  '1',
  '-1',
  '2.5',
  '.5',
  '1e308',
  '1e-320',
  '0x1F',
  '007',
  '10**400',
  '2**63',
  '99999999999999999999',
  '1j',
  'np.',
  'np.linalg.',
  'np.random.',
  'a',
  'x',
  'α',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '.T',
  '.shape',
  '[0]',
  '[:, 1]',
  '[::-1]',
  'lambda x: ',
  'def f(x): return ',
  'f(',
  'for i in range(3):',
  'if x:',
  'else:',
  'import numpy as np',
  'import os',
  'None',
  'True',
  'nan',
  'inf',
  'pinv(',
  'dot(',
  'zeros((300, 300))',
  'eye(1000)',
  'train(',
  'print(',
  'np.random.seed(',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\u2028',
  '\u00A0',
  '\u2212',
  '😀',
  '$',
  '?',
  '!',
  '`',
];

/** Any UTF-16 code unit, lone surrogates included (what a corrupted file can hold). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Random text: code points over all of Unicode, raw code units, or printable ASCII. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: codeUnit, maxLength: 120 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
);

/** A token soup: snippets and short random strings glued with random separators. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SNIPPETS) }, fc.string({ maxLength: 3 })),
      fc.constantFrom('', '', ' ', '\n', ', '),
    ),
    { maxLength: 50 },
  )
  .map((parts) => parts.map(([token, sep]) => token + sep).join(''));

/** One edit of a text; positions are taken modulo the text's length when applied. */
export type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'swap'; readonly at: number; readonly other: number }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly kind: 'duplicateLine'; readonly line: number }
  | { readonly kind: 'deleteLine'; readonly line: number }
  | { readonly kind: 'swapLines'; readonly line: number; readonly other: number };

const position = fc.nat({ max: 1_000_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(fc.constantFrom(...SNIPPETS), codeUnit, fc.string({ unit: 'binary', maxLength: 4 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: position, other: position }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: position,
    length: fc.integer({ min: 1, max: 60 }),
  }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: position }),
  fc.record({ kind: fc.constant('deleteLine' as const), line: position }),
  fc.record({ kind: fc.constant('swapLines' as const), line: position, other: position }),
);

/** Applies one mutation. NUL bytes are left out: they make the whole file "not a script" (tested apart). */
export function mutate(text: string, m: Mutation): string {
  const at = (p: number) => (text.length === 0 ? 0 : p % (text.length + 1));
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at(m.at)) + m.text.replace(/\0/g, '') + text.slice(at(m.at));
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'swap': {
      const [i, j] = [at(m.at), at(m.other)].sort((x, y) => x - y);
      if (j >= text.length || i === j) return text;
      return text.slice(0, i) + text[j] + text.slice(i + 1, j) + text[i] + text.slice(j + 1);
    }
    case 'duplicate': {
      const piece = text.slice(at(m.at), at(m.at) + m.length);
      return text.slice(0, at(m.at)) + piece + text.slice(at(m.at));
    }
    case 'duplicateLine':
    case 'deleteLine':
    case 'swapLines': {
      const lines = text.split('\n');
      const i = m.line % lines.length;
      if (m.kind === 'duplicateLine') lines.splice(i, 0, lines[i]);
      else if (m.kind === 'deleteLine') lines.splice(i, 1);
      else {
        const j = m.other % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      return lines.join('\n');
    }
  }
}

/** A file from `files` with 1 to 6 mutations applied. */
export function mutatedFile(files: readonly { name: string; text: string }[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([index, edits]) => edits.reduce(mutate, files[index].text));
}

/** Start of the line holding offset `at` (or of the first line a `\\` joins to it). */
function lineStartOf(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  const before = text.slice(0, i).replace(/(\r\n|\r|\n)$/, '');
  return i > 0 && /\\[ \t]*$/.test(before) ? lineStartOf(text, before.length) : i;
}

/** End of the line holding offset `at`, its line break included (and the lines a `\\` joins to it). */
function lineEndOf(text: string, at: number): number {
  let i = at;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  const end = Math.min(text.length, i + (text.startsWith('\r\n', i) ? 2 : 1));
  return /\\[ \t]*$/.test(text.slice(at, i)) && end < text.length ? lineEndOf(text, end) : end;
}

function rangeOk(range: Range, length: number): boolean {
  return (
    Number.isInteger(range.start) &&
    Number.isInteger(range.end) &&
    range.start >= 0 &&
    range.start <= range.end &&
    range.end <= length
  );
}

/** Tokens lie in the text, in order, without overlapping; the last is `eof` at the end. */
export function checkTokens(text: string, lexed: LexResult): void {
  let prevEnd = 0;
  for (const tok of lexed.tokens) {
    assert.ok(rangeOk(tok, text.length), `token ${JSON.stringify(tok)} within [0, ${text.length}]`);
    assert.ok(tok.start >= prevEnd, `token ${JSON.stringify(tok)} after the previous one (${prevEnd})`);
    prevEnd = tok.end;
    if (tok.kind === 'error') assert.ok(tok.message, 'an error token says what is wrong');
  }
  const last = lexed.tokens[lexed.tokens.length - 1];
  assert.equal(last.kind, 'eof');
  assert.equal(last.start, text.length);
  for (const c of lexed.comments) assert.ok(rangeOk(c, text.length), `comment ${JSON.stringify(c)}`);
}

/**
 * An evaluation has one result per statement (none when the file is not a
 * script), each with the statement's range and a value, nothing, or an
 * error with a message and a valid range; no engine bug ("InternalError")
 * reached a statement; and the editor's snapshot and the CLI's JSON can be
 * built from it (formatting must not throw either).
 */
export function checkEvaluation(text: string, evaluation: DocumentEvaluation): void {
  if (evaluation.notAScript) {
    assert.equal(evaluation.statements.length, 0);
    return;
  }
  assert.equal(evaluation.statements.length, evaluation.program.statements.length);
  evaluation.statements.forEach((result, i) => {
    assert.deepEqual(result.range, evaluation.program.statements[i].range);
    assert.ok(rangeOk(result.range, text.length), `statement range ${JSON.stringify(result.range)}`);
    const { outcome } = result;
    if (outcome.kind === 'error') {
      assert.ok(rangeOk(outcome.range, text.length), `error range ${JSON.stringify(outcome)}`);
      // A syntax error may point at the indentation before its statement or the end of its line.
      const [from, to] =
        outcome.pythonType === 'SyntaxError'
          ? [lineStartOf(text, result.range.start), lineEndOf(text, result.range.end)]
          : [result.range.start, result.range.end];
      // An error raised inside a function a statement called sits in that function's body, elsewhere in the file.
      const inBody =
        (outcome.context?.length ?? 0) > 0 &&
        evaluation.program.statements.some(
          (s) => outcome.range.start >= s.range.start && outcome.range.end <= s.range.end,
        );
      const inside = (outcome.range.start >= from && outcome.range.end <= to) || inBody;
      assert.ok(
        inside,
        `error range ${JSON.stringify(outcome)} inside its statement ${JSON.stringify(result.range)}`,
      );
      // A bare `assert` raises an AssertionError without a message, as in Python.
      assert.ok(
        outcome.message.length > 0 || outcome.pythonType === 'AssertionError',
        'an error has a message',
      );
      assert.notEqual(
        outcome.pythonType,
        'InternalError',
        `engine bug on ${JSON.stringify(result.source.slice(0, 200))}: ${outcome.message}`,
      );
    } else {
      assert.ok(outcome.kind === 'value' || outcome.kind === 'empty');
    }
    for (const call of result.calls) assert.ok(rangeOk(call.range, text.length), 'call range');
  });
  const snapshot = snapshotOf(evaluation);
  assert.equal(snapshot.statements.length, evaluation.statements.length);
  evaluationToJson(evaluation);
}

/** The built-in prototypes a hostile file might try to reach. */
const PROTOTYPES: Readonly<Record<string, object>> = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
  Number: Number.prototype,
  Boolean: Boolean.prototype,
  Map: Map.prototype,
  Set: Set.prototype,
  Float64Array: Float64Array.prototype,
  Error: Error.prototype,
};

/**
 * Every own property of the built-in prototypes (name, and the value or
 * accessors it holds), plus each prototype's own prototype: compare a
 * snapshot taken before a file runs with one taken after.
 */
export function prototypeSnapshot(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, proto] of Object.entries(PROTOTYPES)) {
    out.set(`${name}.[[Prototype]]`, Object.getPrototypeOf(proto));
    out.set(`${name}.[[Extensible]]`, Object.isExtensible(proto));
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key)!;
      const label = `${name}.${String(key)}`;
      out.set(label, 'value' in d ? d.value : d.get);
      if (d.set) out.set(`${label} (setter)`, d.set);
    }
  }
  return out;
}

/** Asserts that no prototype gained, lost or changed a property since `before`. */
export function assertPrototypesUnchanged(before: Map<string, unknown>): void {
  const after = prototypeSnapshot();
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
  for (const [key, value] of before) assert.ok(Object.is(after.get(key), value), `${key} unchanged`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
}

const PRELUDE = [
  'a = np.array([[1.0, 2.0], [3.0, 4.0]])',
  'b = np.array([[1, 2, 3], [4, 5, 6]])',
  'v = np.array([1, 2, 3])',
  'e = np.array([])',
  't = (2, 3)',
  'f = lambda x, k=2: x * k',
];

const ATOMS = [
  '0',
  '1',
  '-1',
  '3',
  '0.5',
  '1e308',
  '1e-320',
  'np.nan',
  'np.inf',
  'True',
  'None',
  "'float'",
  "'fro'",
  "'constructor'",
  '()',
  '(2,)',
  '(2, 3)',
  '(0,)',
  '(-1, 2)',
  '(100000, 100000)',
  '[1, 2, 3]',
  '[[1, 2], [3, 4]]',
  '[[1.5, np.nan], [np.inf, 0]]',
  '[]',
  '[[1], [2, 3]]',
  'a',
  'b',
  'v',
  'e',
  't',
  'f',
  '10**18',
  '2**62',
  '1e9',
  'lambda x: x',
];
const METHODS = [
  'T',
  'shape',
  'ndim',
  'dtype',
  'sum()',
  'sum(axis=0)',
  'mean(axis=1)',
  'reshape(-1)',
  'reshape(2, -1)',
  'astype(int)',
  'max()',
  'argmax()',
  'clip(0, 1)',
  'round(2)',
  'dot(a)',
  'item()',
  '__proto__',
];
const KEYWORDS = [
  'axis',
  'keepdims',
  'dtype',
  'size',
  'ord',
  'k',
  'lr',
  'epochs',
  'hidden',
  'seed',
  'low',
  'high',
];
const OPERATORS = ['+', '-', '*', '/', '//', '%', '**', '@', '==', '<', '!='];

/**
 * Well-formed statements over the built-ins (bare and `np.`), operators,
 * methods, indexing and keyword arguments, with hostile values mixed in:
 * what a user trying absurd things in a real file would write.
 */
export function wellFormedProgram(functionNames: readonly string[]): fc.Arbitrary<string> {
  const { expr } = fc.letrec<{ expr: string; arg: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...ATOMS),
      fc
        .tuple(fc.constantFrom(...functionNames), fc.array(tie('arg'), { maxLength: 3 }))
        .map(([name, args]) => `${name}(${args.join(', ')})`),
      fc
        .tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr'))
        .map(([left, op, right]) => `(${left} ${op} ${right})`),
      fc.tuple(tie('expr'), fc.constantFrom(...METHODS)).map(([object, m]) => `(${object}).${m}`),
      fc
        .tuple(
          tie('expr'),
          fc.constantFrom('[0]', '[-1]', '[:, 0]', '[1:]', '[::-1]', '[0, 0]', '[5]', '[None]'),
        )
        .map(([object, index]) => `(${object})${index}`),
    ),
    arg: fc.oneof(
      tie('expr'),
      fc.tuple(fc.constantFrom(...KEYWORDS), tie('expr')).map(([k, value]) => `${k}=${value}`),
    ),
  }));
  return fc
    .array(fc.tuple(fc.boolean(), expr), { minLength: 1, maxLength: 5 })
    .map((lines) =>
      [...PRELUDE, ...lines.map(([bind, e], i) => (bind ? `r${i} = ${e}` : e))].join('\n').concat('\n'),
    );
}
