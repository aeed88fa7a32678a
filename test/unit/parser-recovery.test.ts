import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyntaxErrorStatement } from '../../src/engine/ast';
import { MAX_NESTING_DEPTH, parse } from '../../src/engine/parser';
import { checkInvariants, SEED, sxStmt } from './parser-helpers';

/** The only statement of `src`, which must be a syntax error. */
function syntaxError(src: string): SyntaxErrorStatement {
  const { statements } = parse(src);
  assert.equal(statements.length, 1, `${JSON.stringify(src)}: ${statements.map(sxStmt)}`);
  const s = statements[0];
  assert.equal(s.kind, 'syntax-error', `${JSON.stringify(src)}: ${sxStmt(s)}`);
  return s as SyntaxErrorStatement;
}

describe('parser: syntax error messages', () => {
  // [source, message, text under errorRange]
  const table: [string, string, string][] = [
    ['f(a b)', "expected ',' or ')' but found 'b'", 'b'],
    ['x = ]', "expected an expression but found ']'", ']'],
    ['x = 1 +', 'expected an expression but found end of file', ''],
    ['print(a', "unclosed '(' opened here (expected ')' but found end of file)", '('],
    ['x = [1, 2', "unclosed '[' opened here (expected ']' but found end of file)", '['],
    ['x = (1, 2]', "closing parenthesis ']' does not match opening parenthesis '('", ']'],
    ['a = 1)', "unmatched ')'", ')'],
    ['a = 1 2', "expected an operator or the end of the statement (missing comma?) but found '2'", '2'],
    [
      'a < b < c',
      "chained comparisons like 'a < b < c' are not supported; compare two values at a time",
      '<',
    ],
    ['a | b', "bitwise operators ('|') are not supported in v1", '|'],
    ['a & b', "bitwise operators ('&') are not supported in v1", '&'],
    ['a ^ b', "bitwise operators ('^') are not supported in v1", '^'],
    ['~a', "the '~' operator is not supported in v1", '~'],
    ['not a', "the 'not' operator is not supported in v1", 'not'],
    ['a or b', "the 'or' operator is not supported in v1", 'or'],
    ['a if b else c', "conditional expressions ('a if condition else b') are not supported in v1", 'if'],
    ['a in b', "the 'in' operator is not supported in v1", 'in'],
    ['f(*args)', "unpacking with '*' is not supported in v1", '*'],
    ['[x for x in y]', 'comprehensions are not supported in v1', 'for'],
    ['f(x=1, 2)', 'positional argument follows keyword argument', '2'],
    ['f(x=1, x=2)', 'keyword argument repeated: x', 'x'],
    ['f(a + 1 = 2)', 'expression cannot contain assignment, perhaps you meant "=="?', 'a + 1 ='],
    ['x = 2j', 'complex numbers are not supported', '2j'],
    ['x = a $ b', "invalid character '$' (U+0024)", '$'],
    ['x = "abc', 'unterminated string literal', '"abc'],
    ['f() = 3', "cannot assign to function call here. Maybe you meant '==' instead of '='?", 'f()'],
    ['True = 1', 'cannot assign to True', 'True'],
    ['a.b = 1', "assigning to an attribute ('a.b = ...') is not supported in v1", 'a.b'],
    ['(a, b) += 1', "'tuple' is an illegal expression for augmented assignment", '(a, b)'],
    ['x := 1', "the ':=' operator is not supported in v1", ':='],
    ['a[]', "expected an index but found ']'", ']'],
    ['{1: 2}', "dict and set literals ('{...}') are not supported in v1", '{'],
    ["f'{x}'", 'f-strings are not supported in v1', "f'{x}'"],
    ['print "hi"', "Missing parentheses in call to 'print'. Did you mean print(...)?", 'print "hi"'],
    ['x: int = 1', "variable annotations ('x: int') are not supported in v1", ':'],
    ['import', 'expected a module name but found end of file', ''],
    ['from numpy', "expected 'import' but found end of file", ''],
    ['def f(x):', "expected an indented 'return <expression>' line after the def's ':'", ':'],
    ['def f(*a): return a', "'*' in a parameter list is not supported in v1", '*'],
    ['def f(x, x): return x', "duplicate argument 'x' in function definition", 'x'],
    ['def f(x=1, y): return x', 'parameter without a default follows parameter with a default', 'y'],
    ['lambda x x', "expected ',' or ':' but found 'x'", 'x'],
    ['; ;', "expected a statement but found ';'", ';'],
    ['2 +* 3', "expected an expression but found '*'", '*'],
  ];
  for (const [src, message, under] of table) {
    it(`${src}  →  ${message}`, () => {
      const s = syntaxError(src);
      assert.equal(s.message, message);
      assert.equal(src.slice(s.errorRange.start, s.errorRange.end), under);
      if (!src.includes(';')) assert.deepEqual(s.range, { start: 0, end: src.length });
    });
  }

  it('rejects a def whose body is more than one return line, as one statement', () => {
    const src = 'def f(x):\n    y = x * 2\n    return y\nz = 1';
    const [def, z] = parse(src).statements;
    assert.equal(def.kind, 'syntax-error');
    if (def.kind !== 'syntax-error') return;
    assert.match(def.message, /single 'return <expression>' line/);
    assert.equal(src.slice(def.range.start, def.range.end), 'def f(x):\n    y = x * 2\n    return y');
    assert.equal(src.slice(def.errorRange.start, def.errorRange.end), 'y = x * 2');
    assert.equal(sxStmt(z), '(= z 1)');
  });
});

describe('parser: recovery', () => {
  it('keeps going after a bad line: three statements, the middle one an error', () => {
    const src = 'a = 1\nb = (2 +* 3)\nc = a + 1\n';
    const { statements } = parse(src);
    assert.deepEqual(
      statements.map((s) => s.kind),
      ['assign', 'syntax-error', 'assign'],
    );
    const bad = statements[1] as SyntaxErrorStatement;
    assert.equal(bad.message, "expected an expression but found '*'");
    assert.equal(src.slice(bad.range.start, bad.range.end), 'b = (2 +* 3)');
    assert.equal(src.slice(bad.errorRange.start, bad.errorRange.end), '*');
  });

  it('recovers from one bad statement among several on a line', () => {
    const kinds = parse('a = 1; b = ; c = 2').statements.map((s) => s.kind);
    assert.deepEqual(kinds, ['assign', 'syntax-error', 'assign']);
  });

  const unclosed: [string, string[]][] = [
    ['c = np.dot(a, b\nd = np.dot(b, a)\nprint(c)', ['error', 'd = np.dot(b, a)', 'print(c)']],
    ['a = [[1, 2],\n     [3, 4]\nb = a', ['error', 'b = a']],
    ['y = [1, 2\nprint(y)', ['error', 'print(y)']],
    ['x = f(1,\n# %% next\ny = 2', ['error', 'y = 2']],
    ['x = [1, 2,\nfor i in x:\n    pass\ny = 1', ['error', 'for i in x:\n    pass', 'y = 1']],
    ['m = [1,\nimport numpy as np', ['error', 'import numpy as np']],
    ['m = (1 +\nn += 2', ['error', 'n += 2']],
    ['s = np.sum(d,\n   axis=0\nt = 1', ['error', 't = 1']],
  ];
  for (const [src, want] of unclosed) {
    it(`stops an unclosed bracket before a new statement: ${JSON.stringify(src)}`, () => {
      const { statements } = parse(src);
      assert.deepEqual(
        statements.map((s) => (s.kind === 'syntax-error' ? 'error' : src.slice(s.range.start, s.range.end))),
        want,
      );
      const err = statements[0] as SyntaxErrorStatement;
      assert.match(err.message, /^unclosed '[[(]' opened here/);
      assert.match(src.slice(err.errorRange.start, err.errorRange.end), /^[[(]$/);
    });
  }

  it('reports an indented run that follows no block header once', () => {
    const src = 'a = 1\n    b = 2\n    c = 3\nd = 4';
    const { statements } = parse(src);
    assert.deepEqual(
      statements.map((s) => s.kind),
      ['assign', 'syntax-error', 'assign'],
    );
    const err = statements[1] as SyntaxErrorStatement;
    assert.equal(err.message, 'unexpected indent');
    assert.equal(src.slice(err.range.start, err.range.end), 'b = 2\n    c = 3');
    assert.equal(src.slice(err.errorRange.start, err.errorRange.end), '    ');
  });

  it('never lets a block swallow lines past a cell marker', () => {
    const src = 'for i in x:\n    y = i\n# %%\n    z = 1\nw = 2';
    assert.deepEqual(
      parse(src).statements.map((s) => s.kind),
      ['unsupported', 'syntax-error', 'assign'],
    );
  });
});

describe('parser: robustness', () => {
  const cpuMs = (f: () => void) => {
    const start = process.cpuUsage();
    f();
    return process.cpuUsage(start).user / 1000;
  };

  for (const [label, src] of [
    ['100,000 open parentheses', '('.repeat(100_000)],
    ['100,000 nested brackets, closed', `x = ${'['.repeat(100_000)}1${']'.repeat(100_000)}`],
    ['100,000 unary minuses', `${'-'.repeat(100_000)}1`],
    ['a 100,000-long power tower', `${'2**'.repeat(100_000)}1`],
  ]) {
    it(`stops at the nesting limit on ${label}`, () => {
      const s = syntaxError(src);
      assert.equal(s.message, `expression nested too deeply (limit ${MAX_NESTING_DEPTH})`);
    });
  }

  it('accepts nesting just under the limit', () => {
    const depth = MAX_NESTING_DEPTH - 5;
    const s = parse(`x = ${'('.repeat(depth)}1${')'.repeat(depth)}`).statements[0];
    assert.equal(sxStmt(s), '(= x 1)');
  });

  it('parses a 5 MB line in linear time', () => {
    const list = `x = [${'1, '.repeat(1_700_000)}1]`;
    const sum = `y = ${'a+'.repeat(2_500_000)}1`;
    const ms = cpuMs(() => {
      const s = parse(list).statements[0];
      assert.ok(s.kind === 'assign' && s.value.kind === 'list' && s.value.items.length === 1_700_001);
      // A left-deep chain this long would overflow a recursive evaluator, so it is refused.
      assert.match(syntaxError(sum).message, /too long or nested too deeply/);
    });
    // Quadratic behaviour would take hours; this bound only has to catch that.
    assert.ok(ms < 30_000, `${ms} ms`);
  });

  it('parses 100,000 statements well under a second', () => {
    const src = 'a = b + 1\n'.repeat(100_000);
    parse(src); // warm up the JIT
    const ms = cpuMs(() => assert.equal(parse(src).statements.length, 100_000));
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it('returns sane trees for random input and random slices of the seed notebook', () => {
    // Deterministic PRNG (mulberry32) so a failure reproduces.
    let seed = 12345;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet =
      'ab1 2.0e_x()[]{},:;=+-*/%@<>!~&|^#\'"\\\n\t\r lambda def for if return import\u00e9\u2212\0';
    const words = alphabet.split(' ');
    for (let n = 0; n < 400; n++) {
      let text = '';
      const len = Math.floor(rand() * 60);
      for (let k = 0; k < len; k++) {
        text +=
          rand() < 0.8
            ? alphabet[Math.floor(rand() * alphabet.length)]
            : ` ${words[Math.floor(rand() * words.length)]} `;
      }
      checkInvariants(text, parse(text));
    }
    for (let n = 0; n < 300; n++) {
      const a = Math.floor(rand() * SEED.length);
      const b = a + Math.floor(rand() * 400);
      const text = SEED.slice(a, b);
      checkInvariants(text, parse(text));
    }
  });
});
