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
  // [source, message (CPython 3.11's, where it has one), text under errorRange]
  const table: [string, string, string][] = [
    ['f(a b)', 'invalid syntax. Perhaps you forgot a comma?', 'a b'],
    ['[1, 2 3]', 'invalid syntax. Perhaps you forgot a comma?', '2 3'],
    ['x = ]', "unmatched ']'", ']'],
    ['x = 1 +', 'invalid syntax', ''],
    ['print(a', "'(' was never closed", '('],
    ['x = [1, 2', "'[' was never closed", '['],
    ['x = (1, 2]', "closing parenthesis ']' does not match opening parenthesis '('", ']'],
    ['a = 1)', "unmatched ')'", ')'],
    ['a = 1 2', 'invalid syntax', '2'],
    ['f(x=1, 2)', 'positional argument follows keyword argument', '2'],
    ['f(x=1, x=2)', 'keyword argument repeated: x', 'x=2'],
    ['f(**k, *a)', 'iterable argument unpacking follows keyword argument unpacking', '*a'],
    ['f(**a, b)', 'positional argument follows keyword argument unpacking', 'b'],
    ['f(1, x for x in y)', 'Generator expression must be parenthesized', 'x for x in y'],
    ['f(a + 1 = 2)', 'expression cannot contain assignment, perhaps you meant "=="?', 'a + 1 ='],
    ['x = 0x1g', 'invalid hexadecimal literal', '0x1g'],
    ['x = 0o8', "invalid digit '8' in octal literal", '0o8'],
    ['x = 1jx', 'invalid imaginary literal', '1jx'],
    ['x = a $ b', "invalid character '$' (U+0024)", '$'],
    ['x = "abc', 'unterminated string literal', '"abc'],
    ['1 = x', "cannot assign to literal here. Maybe you meant '==' instead of '='?", '1'],
    ['f() = 3', "cannot assign to function call here. Maybe you meant '==' instead of '='?", 'f()'],
    ['x = f() = 1', 'cannot assign to function call', 'f()'],
    ['a, f() = 1', "cannot assign to function call here. Maybe you meant '==' instead of '='?", 'f()'],
    ['True = 1', 'cannot assign to True', 'True'],
    ['a < b = 1', 'cannot assign to comparison', 'a < b'],
    ['a if b else c = 1', 'cannot assign to conditional expression', 'a if b else c'],
    ['a, *b, *c = x', 'multiple starred expressions in assignment', 'a, *b, *c'],
    ['*a = x', 'starred assignment target must be in a list or tuple', '*a'],
    ['x = *a', "can't use starred expression here", '*a'],
    ['(a, b) += 1', "'tuple' is an illegal expression for augmented assignment", '(a, b)'],
    ['f() += 1', "'function call' is an illegal expression for augmented assignment", 'f()'],
    ['del f()', 'cannot delete function call', 'f()'],
    ['del *a', 'cannot delete starred', '*a'],
    ['for f() in c: pass', 'cannot assign to function call', 'f()'],
    ['with a as 1: pass', 'cannot assign to literal', '1'],
    ['x := 1', "assignment expressions (':=') are not supported", ':='],
    ['a[]', 'invalid syntax', ']'],
    ['{1: 2, 3}', "':' expected after dictionary key", '3'],
    ['[*a for a in b]', 'iterable unpacking cannot be used in comprehension', '*a'],
    ["f'{x!z}'", "f-string: invalid conversion character: expected 's', 'r', or 'a'", ''],
    ["f'{}'", 'f-string: empty expression not allowed', ''],
    ["f'{x'", "f-string: expecting '}'", ''],
    ["f'}'", "f-string: single '}' is not allowed", '}'],
    ["f'{a b}'", 'f-string: invalid syntax. Perhaps you forgot a comma?', 'a b'],
    ["'a' b'b'", 'cannot mix bytes and nonbytes literals', "'a' b'b'"],
    ['print "hi"', "Missing parentheses in call to 'print'. Did you mean print(...)?", 'print "hi"'],
    ['a if b', "expected 'else' after 'if' expression", 'a if b'],
    ['import', 'invalid syntax', ''],
    ['from numpy', 'invalid syntax', ''],
    ['from m import a,', 'trailing comma not allowed without surrounding parentheses', ''],
    ['if x\n  pass', "expected ':'", ''],
    ['def f:\n  pass', "expected '('", ':'],
    ['if 1:\n  pass\nelse 2:\n  pass', "expected ':'", '2'],
    ['def f(*): pass', 'named arguments must follow bare *', '*'],
    ['def f(**k, a): pass', 'arguments cannot follow var-keyword argument', 'a'],
    ['def f(*a, *b): pass', '* argument may appear only once', '*'],
    ['def f(x, x): return x', "duplicate argument 'x' in function definition", 'x'],
    ['def f(x=1, y): return x', 'non-default argument follows default argument', 'y'],
    ['lambda x x', 'invalid syntax', 'x'],
    ['; ;', 'invalid syntax', ';'],
    ['2 +* 3', 'invalid syntax', '*'],
    ['return 1', "'return' outside function", 'return 1'],
    ['break', "'break' outside loop", 'break'],
    ['continue', "'continue' not properly in loop", 'continue'],
    ['nonlocal x', 'nonlocal declaration not allowed at module level', 'nonlocal x'],
    ['for x in y:\n  pass\nelse:\n  break', "'break' outside loop", 'break'],
    ['while 1:\n  def f():\n    break', "'break' outside loop", 'break'],
    ['def f():\n  for x in y:\n    def g():\n      continue', "'continue' not properly in loop", 'continue'],
    ['if x: for y in z: pass', 'invalid syntax', 'for'],
    ['else:\n  x', 'invalid syntax', 'else'],
    ['if 1:\n  pass\nelif:\n  pass', 'invalid syntax', ':'],
  ];
  for (const [src, message, under] of table) {
    it(`${src}  →  ${message}`, () => {
      const s = syntaxError(src);
      assert.equal(s.message, message);
      assert.equal(src.slice(s.errorRange.start, s.errorRange.end), under);
      assert.deepEqual(s.range, { start: 0, end: src.length });
    });
  }

  it('makes a compound statement with an error anywhere inside it one syntax error', () => {
    const src = 'def f(x):\n    y = x * 2\n    if y:\n        return y +\n    return y\nz = 1';
    const [def, z] = parse(src).statements;
    assert.equal(def.kind, 'syntax-error');
    if (def.kind !== 'syntax-error') return;
    assert.equal(def.message, 'invalid syntax');
    assert.equal(src.slice(def.range.start, def.range.end), src.slice(0, src.indexOf('\nz')));
    assert.equal(def.errorRange.start, src.indexOf('+') + 1);
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
    assert.equal(bad.message, 'invalid syntax');
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
      assert.match(err.message, /^'[[(]' was never closed$/);
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
    assert.equal(src.slice(err.errorRange.start, err.errorRange.end), 'b');
  });

  it('never lets a block swallow lines past a cell marker', () => {
    const src = 'for i in x:\n    y = i\n# %%\n    z = 1\nw = 2';
    assert.deepEqual(
      parse(src).statements.map((s) => s.kind),
      ['for', 'syntax-error', 'assign'],
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
