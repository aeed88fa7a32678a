/**
 * The oracle corpus: every scripts/fixtures/corpus/*.mat file and every
 * worked example in examples/, run statement by statement through real
 * NumPy by scripts/fixtures/gen_corpus.py (test/fixtures/corpus.json), must
 * give the same records from our engine:
 * the same statements (line, source), the same error (Python exception type
 * and message) where NumPy raised, and otherwise the same dtype and shape,
 * exactly the same printed text, and the same value (exact for int and bool,
 * within 1e-12 of the array's largest magnitude for floats).
 *
 * A statement where we knowingly differ from NumPy is listed in
 * test/fixtures/corpus-known-differences.json:
 *
 *   { "seed.mat": { "25": { "ignore": ["text"], "reason": "BLAS noise digits" } } }
 *
 * keyed by file and 1-based line; `ignore` names what is not compared for the
 * statements starting on that line ("text", "value", "dtype", "shape",
 * "message", or "all"), and every entry must say why in `reason`.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { evaluateToJson, type JsonStatement } from '../../src/engine/json';

type Field = 'text' | 'value' | 'dtype' | 'shape' | 'message' | 'all';
const FIELDS: readonly Field[] = ['text', 'value', 'dtype', 'shape', 'message', 'all'];

interface KnownDifference {
  ignore: Field[];
  reason: string;
}

type Corpus = Record<string, JsonStatement[]>;
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

/**
 * Print texts must be equal, except that float results may differ in the
 * last digits of floating-point noise (the summation order of a BLAS, a
 * libm's last bit): then the words and punctuation must still agree and
 * every number must be within the value tolerance.
 */
function assertTextClose(
  actual: string | undefined,
  expected: string | undefined,
  record: JsonStatement,
  where: string,
) {
  if (actual === expected || record.dtype !== 'float64' || actual === undefined || expected === undefined) {
    assert.equal(actual, expected, `${where}: text`);
    return;
  }
  const words = (text: string) => text.replace(NUMBER, '#').replace(/\s+/g, ' ');
  assert.equal(words(actual), words(expected), `${where}: text (ignoring digits)`);
  const got = actual.match(NUMBER) ?? [];
  const want = expected.match(NUMBER) ?? [];
  const tolerance = RELATIVE_TOLERANCE * Math.max(largestMagnitude(record.value), Number.MIN_VALUE);
  want.forEach((w, i) => {
    assert.ok(
      Math.abs(Number(got[i]) - Number(w)) <= tolerance,
      `${where}: text ${JSON.stringify(actual)} differs from NumPy's ${JSON.stringify(expected)} beyond noise`,
    );
  });
}

function checkStatement(
  actual: JsonStatement,
  expected: JsonStatement,
  ignore: ReadonlySet<Field>,
  where: string,
) {
  assert.equal(actual.line, expected.line, `${where}: line`);
  assert.equal(actual.source, expected.source, `${where}: source`);
  if (ignore.has('all')) return;

  if (expected.error) {
    assert.ok(
      actual.error,
      `${where}: NumPy raised ${expected.error.type}: ${expected.error.message}; we gave ${actual.text}`,
    );
    assert.equal(actual.error.type, expected.error.type, `${where}: error type`);
    if (!ignore.has('message'))
      assert.equal(actual.error.message, expected.error.message, `${where}: error message`);
    return;
  }
  assert.equal(actual.error, undefined, `${where}: unexpected error ${JSON.stringify(actual.error)}`);

  // No value and no text: an import or a train(...) record, whose summary
  // the language defines for itself.
  if (!('value' in expected) && expected.text === undefined) return;

  if (!ignore.has('dtype')) assert.equal(actual.dtype, expected.dtype, `${where}: dtype`);
  if (!ignore.has('shape')) assert.deepEqual(actual.shape, expected.shape, `${where}: shape`);
  if (!ignore.has('text')) assertTextClose(actual.text, expected.text, expected, where);
  if (!ignore.has('value') && 'value' in expected) {
    assert.ok('value' in actual, `${where}: no value`);
    assertValueClose(
      actual.value,
      expected.value,
      expected.dtype !== undefined && expected.dtype !== 'float64',
      where,
    );
  }
}

describe('corpus fixture', () => {
  test('has 40+ files and 1,000+ statements', () => {
    const files = Object.keys(corpus).length;
    const statements = Object.values(corpus).reduce((n, records) => n + records.length, 0);
    assert.ok(files >= 40, `only ${files} files`);
    assert.ok(statements >= 1000, `only ${statements} statements`);
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
    let actualRecords: JsonStatement[] | undefined;
    let failure: unknown;
    try {
      actualRecords = evaluateToJson(text);
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

    expectedRecords.forEach((expected, i) => {
      const title = `${expected.line}: ${expected.source.split('\n')[0]}`;
      test(title, () => {
        if (failure) throw failure;
        const actual = actualRecords![i];
        assert.ok(actual, `${file}: statement ${i + 1} is missing`);
        const ignore = new Set(known[file]?.[String(expected.line)]?.ignore ?? []);
        checkStatement(
          actual,
          expected,
          ignore,
          `${file}:${expected.line} \`${expected.source.split('\n')[0]}\``,
        );
      });
    });
  });
}
