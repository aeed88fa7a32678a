/**
 * Python's text formatting, checked against CPython itself: every case in
 * test/fixtures/python-format.json (written by
 * scripts/fixtures/gen_python_format.py) must give Python's exact text, or
 * Python's exception type and message.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MatError } from '../../src/engine/errors';
import {
  complexRepr,
  type FormatArg,
  floatRepr,
  formatBool,
  formatComplex,
  formatFloat,
  formatInt,
  formatString,
  formatValue,
  intRepr,
  percentFormat,
  strFormat,
  stringRepr,
} from '../../src/engine/format/python';
import { NON_PRINTABLE_RANGES } from '../../src/engine/format/pythonPrintable';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Case {
  f: string;
  a: Json[];
  r?: string;
  e?: [string, string];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/python-format.json', import.meta.url), 'utf8'),
) as {
  python: string;
  nonPrintable: string;
  cases: Case[];
};

function float(x: Json): number {
  if (x === 'nan') return Number.NaN;
  if (x === 'inf') return Number.POSITIVE_INFINITY;
  if (x === '-inf') return Number.NEGATIVE_INFINITY;
  if (typeof x !== 'number') throw new Error(`bad float ${JSON.stringify(x)}`);
  return x;
}

function int(x: Json): number | bigint {
  if (typeof x === 'string') return BigInt(x);
  if (typeof x !== 'number') throw new Error(`bad int ${JSON.stringify(x)}`);
  return x;
}

function arg(x: Json): FormatArg {
  const o = x as Record<string, Json>;
  switch (o.k) {
    case 'int':
      return { kind: 'int', value: int(o.v) };
    case 'float':
      return { kind: 'float', value: float(o.v) };
    case 'bool':
      return { kind: 'bool', value: o.v as boolean };
    case 'str':
      return { kind: 'str', value: o.v as string };
    case 'complex':
      return { kind: 'complex', re: float(o.re), im: float(o.im) };
    default: {
      const other: FormatArg = { kind: 'other', str: o.str as string, repr: o.repr as string };
      if (o.typeName !== undefined) other.typeName = o.typeName as string;
      if (o.number !== undefined) other.number = o.integer ? int(o.number) : float(o.number);
      if (o.integer) other.integer = true;
      if (o.mapping) other.mapping = true;
      return other;
    }
  }
}

function entries(x: Json): Map<string, FormatArg> {
  return new Map((x as [string, Json][]).map(([k, v]) => [k, arg(v)]));
}

function run(c: Case): string {
  const a = c.a;
  switch (c.f) {
    case 'floatRepr':
      return floatRepr(float(a[0]));
    case 'intRepr':
      return intRepr(int(a[0]));
    case 'stringRepr':
      return stringRepr(a[0] as string);
    case 'complexRepr':
      return complexRepr(float(a[0]), float(a[1]));
    case 'formatFloat':
      return formatFloat(float(a[0]), a[1] as string);
    case 'formatInt':
      return formatInt(int(a[0]), a[1] as string);
    case 'formatBool':
      return formatBool(a[0] as boolean, a[1] as string);
    case 'formatString':
      return formatString(a[0] as string, a[1] as string);
    case 'formatComplex':
      return formatComplex(float(a[0]), float(a[1]), a[2] as string);
    case 'formatValue':
      return formatValue(arg(a[0]), a[1] as string);
    case 'percentFormat': {
      const x = a[1];
      if (Array.isArray(x)) return percentFormat(a[0] as string, x.map(arg));
      if (x !== null && typeof x === 'object' && 'map' in x)
        return percentFormat(a[0] as string, entries(x.map));
      return percentFormat(a[0] as string, arg(x));
    }
    case 'strFormat':
      return strFormat(a[0] as string, (a[1] as Json[]).map(arg), entries(a[2]));
    default:
      throw new Error(`unknown function ${c.f}`);
  }
}

function outcome(c: Case): string {
  try {
    return `= ${JSON.stringify(run(c))}`;
  } catch (e) {
    if (e instanceof MatError) return `! ${e.pythonType}: ${e.message}`;
    return `!! ${String(e)}`;
  }
}

const groups = new Map<string, Case[]>();
for (const c of fixture.cases) {
  const list = groups.get(c.f);
  if (list) list.push(c);
  else groups.set(c.f, [c]);
}

describe(`Python ${fixture.python} formatting`, () => {
  for (const [name, list] of groups) {
    test(`${name} (${list.length} cases)`, () => {
      const failures: string[] = [];
      for (const c of list) {
        const expected = c.e ? `! ${c.e[0]}: ${c.e[1]}` : `= ${JSON.stringify(c.r)}`;
        const actual = outcome(c);
        if (actual !== expected)
          failures.push(`${JSON.stringify(c.a).slice(0, 200)}\n  expected ${expected}\n  actual   ${actual}`);
      }
      assert.equal(
        failures.length,
        0,
        `${failures.length} of ${list.length} differ:\n${failures.slice(0, 12).join('\n')}`,
      );
    });
  }

  test('the fixture covers every export', () => {
    for (const name of [
      'floatRepr',
      'intRepr',
      'stringRepr',
      'complexRepr',
      'formatFloat',
      'formatInt',
      'formatBool',
    ]) {
      assert.ok(groups.has(name), name);
    }
    for (const name of ['formatString', 'formatComplex', 'formatValue', 'percentFormat', 'strFormat']) {
      assert.ok(groups.has(name), name);
    }
  });

  test("repr(str) knows exactly the characters this Python's isprintable() rejects", () => {
    assert.equal(
      NON_PRINTABLE_RANGES,
      fixture.nonPrintable,
      "copy the fixture's nonPrintable into pythonPrintable.ts",
    );
    // Around every range boundary: kept as is when printable, escaped otherwise.
    let next = 0;
    for (const part of fixture.nonPrintable.split(' ')) {
      const [gap, length] = part.split('+').map((h) => Number.parseInt(h, 16));
      const start = next + gap;
      const end = start + length;
      for (const [code, printable] of [
        [start - 1, true],
        [start, false],
        [end, false],
        [end + 1, true],
      ] as const) {
        if (code < 0x7f || code > 0x10ffff) continue;
        const ch = String.fromCodePoint(code);
        const kept = stringRepr(ch) === `'${ch}'`;
        assert.equal(kept, printable, `U+${code.toString(16)}`);
      }
      next = end + 1;
    }
  });

  test('repeated specs come from the cache and stay correct', () => {
    for (let i = 0; i < 3; i++) {
      assert.equal(formatFloat(0.125, '.2f'), '0.12');
      assert.equal(formatFloat(2.5, '.0f'), '2');
      assert.equal(formatInt(1234567, ','), '1,234,567');
    }
    assert.throws(() => formatFloat(1, 'd'), {
      message: "Unknown format code 'd' for object of type 'float'",
    });
    assert.throws(() => formatFloat(1, 'd'), {
      message: "Unknown format code 'd' for object of type 'float'",
    });
  });
});
