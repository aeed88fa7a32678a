/**
 * The oracle corpus: every scripts/fixtures/corpus/*.mat file and every
 * worked example in examples/, run statement by statement through real
 * Python + NumPy by scripts/fixtures/gen_corpus.py (test/fixtures/corpus.json),
 * must give the same records from our engine (mat-language.md v2: a file
 * that runs under python3 + NumPy gives, statement by statement, the values,
 * dtypes, printed text and errors that Python + NumPy give). Per top-level
 * statement:
 *
 * - the same `line` and `source`;
 * - the same `printed` text (what the statement wrote to stdout);
 * - where Python raised, the same `error` (exception type, message, line);
 *   otherwise no error, and the same `text` (str(value)), `type` (Python's
 *   type name, `numpy.`-prefixed for NumPy's), `dtype`, `shape`, and
 *   `value` (exact for ints, bools, strings and None; floats within
 *   RELATIVE_TOLERANCE of the value's largest magnitude);
 * - the same `inner` records for the statements run inside loops, branches
 *   and called functions: `line`, `column`, `count` (how many times it ran),
 *   and the `text`, `type` or `error` of its last run.
 *
 * Texts (`printed`, `text`, inner `text`) are compared exactly, except that
 * a float may differ in its last digits of floating-point noise (the
 * summation order of a BLAS, a libm's last bit): then the texts must have the
 * same layout (equal once every digit is masked), every integer-looking
 * number must be equal, and every float-looking one (with `.` or an
 * exponent) within RELATIVE_TOLERANCE of the largest magnitude in the
 * expected text or value.
 *
 * A statement where we knowingly differ from Python + NumPy is listed in
 * test/fixtures/corpus-known-differences.json:
 *
 *   { "seed.mat": { "25": { "ignore": ["printed"], "reason": "BLAS noise digits" } } }
 *
 * keyed by file and 1-based line; `ignore` names what is not compared for the
 * statements starting on that line ("printed", "text", "type", "value",
 * "dtype", "shape", "message", "inner", or "all"), and every entry must say
 * why in `reason`.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { evaluateToJson } from '../../src/engine/json';

type Field = 'printed' | 'text' | 'type' | 'value' | 'dtype' | 'shape' | 'message' | 'inner' | 'all';
const FIELDS: readonly Field[] = [
  'printed',
  'text',
  'type',
  'value',
  'dtype',
  'shape',
  'message',
  'inner',
  'all',
];

/** An error as the corpus records it: 1-based position of the innermost frame in the .mat source. */
interface CorpusError {
  type: string;
  message: string;
  line: number;
  column: number;
}

/** One simple statement run inside a block during a top-level statement. */
interface InnerRecord {
  line: number;
  /** 1-based column of the inner statement's first character. */
  column: number;
  /** How many times it ran during the top-level statement. */
  count: number;
  /** str() of its value the last time it ran (absent for a None-valued expression such as print(...)). */
  text?: string;
  type?: string;
  /** The error its last run raised (or that passed through it from a call). */
  error?: CorpusError;
}

/** One top-level statement's record, as gen_corpus.py writes it and the engine's JSON mode gives it. */
interface CorpusRecord {
  line: number;
  source: string;
  printed?: string;
  text?: string;
  type?: string;
  value?: unknown;
  shape?: number[];
  dtype?: string;
  error?: CorpusError;
  inner?: InnerRecord[];
}

interface KnownDifference {
  ignore: Field[];
  reason: string;
}

type Corpus = Record<string, CorpusRecord[]>;
type KnownDifferences = Record<string, Record<string, KnownDifference>>;

const corpus = JSON.parse(
  readFileSync(new URL('../fixtures/corpus.json', import.meta.url), 'utf8'),
) as Corpus;
const known = JSON.parse(
  readFileSync(new URL('../fixtures/corpus-known-differences.json', import.meta.url), 'utf8'),
) as KnownDifferences;
const repoRoot = new URL('../../', import.meta.url);
const corpusDir = new URL('scripts/fixtures/corpus/', repoRoot);

/** A corpus key is a file in scripts/fixtures/corpus/, or `examples/<name>.mat` from the repository root. */
function sourceUrl(file: string): URL {
  return file.startsWith('examples/') ? new URL(file, repoRoot) : new URL(file, corpusDir);
}

/** The engine's records, typed as the corpus's (the engine's JsonStatement must fit this shape). */
function evaluate(text: string): CorpusRecord[] {
  const records: readonly CorpusRecord[] = evaluateToJson(text);
  return [...records];
}

/** How many units in the value's largest magnitude two floats may differ by. */
const RELATIVE_TOLERANCE = 1e-12;

type Leaf = number | string | boolean | null;

function leaves(value: unknown, out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) for (const item of value) leaves(item, out);
  else out.push(value as Leaf);
  return out;
}

function decode(x: Leaf): number | undefined {
  if (typeof x === 'number') return x;
  if (x === 'nan') return Number.NaN;
  if (x === 'inf') return Number.POSITIVE_INFINITY;
  if (x === '-inf') return Number.NEGATIVE_INFINITY;
  return undefined;
}

/** Same nesting (shape) of lists in both values. */
function sameNesting(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => sameNesting(actual[i], item))
    );
  }
  return !Array.isArray(actual);
}

/** Types whose JSON value holds no float: compared exactly. */
const EXACT_TYPES = new Set(['int', 'bool', 'str', 'NoneType', 'numpy.bool']);

function isExact(record: CorpusRecord): boolean {
  if (record.dtype !== undefined) return /^(u?int|bool)/.test(record.dtype);
  return record.type !== undefined && EXACT_TYPES.has(record.type);
}

/**
 * Floats within RELATIVE_TOLERANCE of the largest finite magnitude in the
 * expected value (so noise around 0 next to 1.0 passes, as NumPy's own
 * digits would), nan/inf exactly; everything else (ints, bools, strings,
 * null) exactly.
 */
function assertValueClose(actual: unknown, expected: unknown, exact: boolean, where: string): void {
  if (exact) {
    assert.deepEqual(actual, expected, `${where}: value`);
    return;
  }
  assert.ok(sameNesting(actual, expected), `${where}: value nesting differs: ${JSON.stringify(actual)}`);
  const a = leaves(actual);
  const e = leaves(expected);
  let scale = 0;
  for (const x of e) {
    const n = decode(x);
    if (n !== undefined && Number.isFinite(n)) scale = Math.max(scale, Math.abs(n));
  }
  const tolerance = RELATIVE_TOLERANCE * scale;
  for (let i = 0; i < e.length; i++) {
    const want = decode(e[i]);
    const got = decode(a[i]);
    if (want === undefined || !Number.isFinite(want) || typeof e[i] === 'boolean') {
      assert.deepEqual(a[i], e[i], `${where}: value element ${i}`);
    } else {
      assert.ok(
        got !== undefined && Math.abs(got - want) <= tolerance,
        `${where}: value element ${i} is ${JSON.stringify(a[i])}, NumPy has ${want} (tolerance ${tolerance})`,
      );
    }
  }
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

function largestMagnitude(value: unknown): number {
  if (typeof value === 'number') return Math.abs(value);
  if (Array.isArray(value)) return value.reduce((m: number, v) => Math.max(m, largestMagnitude(v)), 0);
  return 0;
}

const isFloatToken = (token: string) => /[.e]/i.test(token);

/**
 * Texts must be equal, except for floating-point noise in the last digits of
 * floats: same layout once digits are masked, integer-looking numbers equal,
 * float-looking numbers within RELATIVE_TOLERANCE of the largest magnitude in
 * the expected text (or `value`, when given).
 */
function assertTextClose(
  actual: string | undefined,
  expected: string | undefined,
  where: string,
  value?: unknown,
) {
  if (actual === expected || actual === undefined || expected === undefined) {
    assert.equal(actual, expected, where);
    return;
  }
  const layout = (text: string) => text.replace(/\d/g, '#');
  assert.equal(layout(actual), layout(expected), where);
  const got = actual.match(NUMBER) ?? [];
  const want = expected.match(NUMBER) ?? [];
  let scale = largestMagnitude(value);
  for (const token of want) {
    const n = Math.abs(Number(token));
    if (isFloatToken(token) && Number.isFinite(n)) scale = Math.max(scale, n);
  }
  const tolerance = RELATIVE_TOLERANCE * Math.max(scale, Number.MIN_VALUE);
  want.forEach((w, i) => {
    const close = isFloatToken(w) ? Math.abs(Number(got[i]) - Number(w)) <= tolerance : got[i] === w;
    assert.ok(close, `${where}: ${JSON.stringify(actual)} differs from Python's ${JSON.stringify(expected)}`);
  });
}

function assertSameError(
  actual: CorpusError | undefined,
  expected: CorpusError,
  compareMessage: boolean,
  where: string,
) {
  assert.ok(actual, `${where}: Python raised ${expected.type}: ${expected.message}; we did not`);
  assert.equal(actual.type, expected.type, `${where}: error type`);
  if (compareMessage) assert.equal(actual.message, expected.message, `${where}: error message`);
  assert.equal(actual.line, expected.line, `${where}: error line`);
}

function checkInner(
  actual: readonly InnerRecord[] | undefined,
  expected: readonly InnerRecord[] | undefined,
  ignore: ReadonlySet<Field>,
  where: string,
) {
  const byPosition = (a: InnerRecord, b: InnerRecord) => a.line - b.line || a.column - b.column;
  const got = [...(actual ?? [])].sort(byPosition);
  const want = expected ?? [];
  const positions = (records: readonly InnerRecord[]) =>
    records.map((r) => `${r.line}:${r.column}×${r.count}`).join(' ');
  assert.equal(positions(got), positions(want), `${where}: inner statements (line:column×count)`);
  want.forEach((w, i) => {
    const g = got[i];
    const at = `${where}: inner ${w.line}:${w.column}`;
    if (w.error) {
      assertSameError(g.error, w.error, !ignore.has('message'), at);
      return;
    }
    assert.equal(g.error, undefined, `${at}: unexpected error ${JSON.stringify(g.error)}`);
    if (!ignore.has('text')) assertTextClose(g.text, w.text, `${at}: text`);
    if (!ignore.has('type')) assert.equal(g.type, w.type, `${at}: type`);
  });
}

function checkStatement(
  actual: CorpusRecord,
  expected: CorpusRecord,
  ignore: ReadonlySet<Field>,
  where: string,
) {
  assert.equal(actual.line, expected.line, `${where}: line`);
  assert.equal(actual.source, expected.source, `${where}: source`);
  if (ignore.has('all')) return;

  if (!ignore.has('printed')) assertTextClose(actual.printed, expected.printed, `${where}: printed`);
  if (!ignore.has('inner')) checkInner(actual.inner, expected.inner, ignore, where);

  if (expected.error) {
    assertSameError(actual.error, expected.error, !ignore.has('message'), where);
    return;
  }
  assert.equal(actual.error, undefined, `${where}: unexpected error ${JSON.stringify(actual.error)}`);

  // A train(...) result: the language prints its own summary of it.
  if (expected.type === 'TrainResult') return;

  if (!ignore.has('text')) assertTextClose(actual.text, expected.text, `${where}: text`, expected.value);
  if (!ignore.has('type')) assert.equal(actual.type, expected.type, `${where}: type`);
  if (!ignore.has('dtype')) assert.equal(actual.dtype, expected.dtype, `${where}: dtype`);
  if (!ignore.has('shape')) assert.deepEqual(actual.shape, expected.shape, `${where}: shape`);
  if (!ignore.has('value') && 'value' in expected) {
    assert.ok('value' in actual, `${where}: no value`);
    assertValueClose(actual.value, expected.value, isExact(expected), where);
  }
}

describe('corpus fixture', () => {
  test('has 80+ files and 3,000+ statements', () => {
    const files = Object.keys(corpus).length;
    const statements = Object.values(corpus).reduce((n, records) => n + records.length, 0);
    assert.ok(files >= 80, `only ${files} files`);
    assert.ok(statements >= 3000, `only ${statements} statements`);
  });

  test('every known difference names an existing statement, what it ignores, and why', () => {
    for (const [file, entries] of Object.entries(known)) {
      assert.ok(corpus[file], `${file} is not in the corpus`);
      for (const [line, entry] of Object.entries(entries)) {
        const where = `${file}:${line}`;
        assert.ok(
          corpus[file].some((r) => String(r.line) === line),
          `${where}: no statement starts on this line`,
        );
        assert.ok(
          typeof entry.reason === 'string' && entry.reason.trim().length > 0,
          `${where}: needs a reason`,
        );
        assert.ok(
          Array.isArray(entry.ignore) && entry.ignore.length > 0,
          `${where}: needs a non-empty ignore list`,
        );
        for (const field of entry.ignore)
          assert.ok(FIELDS.includes(field), `${where}: unknown field '${field}'`);
      }
    }
  });
});

for (const [file, expectedRecords] of Object.entries(corpus)) {
  describe(file, () => {
    const text = readFileSync(sourceUrl(file), 'utf8');
    let actualRecords: CorpusRecord[] | undefined;
    let failure: unknown;
    try {
      actualRecords = evaluate(text);
    } catch (error) {
      failure = error;
    }

    test('evaluates to the same number of statements', () => {
      if (failure) throw failure;
      assert.equal(
        actualRecords!.length,
        expectedRecords.length,
        `statements: ${actualRecords!.map((r) => `${r.line}:${r.source.split('\n')[0]}`).join(' | ')}`,
      );
    });

    // Lines whose known difference still shows (a line can hold several statements: `a; A`).
    const stillDiffering = new Set<string>();
    expectedRecords.forEach((expected, i) => {
      const title = `${expected.line}: ${expected.source.split('\n')[0]}`;
      test(title, () => {
        if (failure) throw failure;
        const actual = actualRecords![i];
        assert.ok(actual, `${file}: statement ${i + 1} is missing`);
        const ignore = new Set(known[file]?.[String(expected.line)]?.ignore ?? []);
        const where = `${file}:${expected.line} \`${expected.source.split('\n')[0]}\``;
        checkStatement(actual, expected, ignore, where);
        if (ignore.size > 0) {
          let differs = false;
          try {
            checkStatement(actual, expected, new Set(), where);
          } catch {
            differs = true;
          }
          if (differs) stillDiffering.add(String(expected.line));
        }
      });
    });

    test('every known difference listed for this file still differs', () => {
      // One that no longer differs must leave the list, so that the list stays true.
      const stale = Object.keys(known[file] ?? {}).filter((line) => !stillDiffering.has(line));
      assert.deepEqual(stale, [], `${file}: lines listed as known differences that now agree with NumPy`);
    });
  });
}
