/**
 * Version 2 syntax: Python's compound statements, operators, displays,
 * comprehensions, f-strings, targets and imports, with ranges, and CPython
 * 3.11's messages for what it rejects (recorded from `compile()`, so these
 * tests need no Python at run time).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Range, Statement, SyntaxErrorStatement } from '../../src/engine/ast';
import { parse, statementExprs } from '../../src/engine/parser';
import { checkInvariants, one, sxProgram } from './parser-helpers';

const text = (src: string, r: Range) => src.slice(r.start, r.end);

function error(src: string): SyntaxErrorStatement {
  const s = one(src);
  assert.equal(s.kind, 'syntax-error', JSON.stringify(s));
  return s as SyntaxErrorStatement;
}

function check(table: [string, string][]) {
  for (const [src, want] of table) {
    it(`${JSON.stringify(src)}  →  ${want}`, () => {
      assert.equal(sxProgram(src), want);
      checkInvariants(src, parse(src));
    });
  }
}

describe('parser v2: operators', () => {
  check([
    ['a and b and c', '(and a b c)'],
    ['a or b and c', '(or a (and b c))'],
    ['not a == b', '(not (== a b))'],
    ['not not a', '(not (not a))'],
    ['~a & b', '(& (~ a) b)'],
    ['a | b ^ c & d << 1 + 2', '(| a (^ b (& c (<< d (+ 1 2)))))'],
    ['a << b >> c', '(>> (<< a b) c)'],
    ['a | b == c', '(== (| a b) c)'],
    ['a in b', '(in a b)'],
    ['a not in b', '(not in a b)'],
    ['a is b', '(is a b)'],
    ['a is not None', '(is not a None)'],
    ['0 < x <= 5', '(compare 0 < x <= 5)'],
    ['a == b != c in d', '(compare a == b != c in d)'],
    ['x if c else y', '(ifexp c x y)'],
    ['a if b else c if d else e', '(ifexp b a (ifexp d c e))'],
    ['lambda: x if y else z', '(lambda () (ifexp y x z))'],
    ['lambda x, *a, k=1, **kw: 0', '(lambda (x *a k!kw=1 **kw) 0)'],
    ['lambda *, k: k', '(lambda (k!kw) k)'],
    ['-2 ** 2', '(- (** 2 2))'],
  ]);

  it('gives a comparison chain one opRange per operator', () => {
    const src = 'a < b is not c';
    const s = one(src);
    assert.ok(s.kind === 'expr' && s.expr.kind === 'compare');
    if (s.kind !== 'expr' || s.expr.kind !== 'compare') return;
    assert.deepEqual(
      s.expr.rest.map((r) => text(src, r.opRange)),
      ['<', 'is not'],
    );
  });
});

describe('parser v2: literals and displays', () => {
  check([
    ['2j', '2j'],
    ['1 + 1.5J', '(+ 1 1.5j)'],
    ['2**64', '(** 2 64)'],
    ['18446744073709551616', '18446744073709551616n'],
    ['[0x1F, 0o17, 0b101, 1_000]', '[31 15 5 1000]'],
    ['...', '...'],
    ['{}', '(dict)'],
    ["{'a': 1, **b}", '(dict "a":1 **b)'],
    ['{1, 2}', '(set 1 2)'],
    ['{*a, 1}', '(set *a 1)'],
    ['[*a, *b]', '[*a *b]'],
    ['*a, b', '(tuple *a b)'],
    ['(*a,)', '(tuple *a)'],
    ['f(*args, **kwargs)', '(call f *args **kwargs)'],
    ['f(a, *b, c=1, **d)', '(call f a *b c=1 **d)'],
    ["'a' 'b'", '"ab"'],
  ]);
});

describe('parser v2: comprehensions', () => {
  check([
    ['[x * x for x in xs]', '(list-comp (* x x) (for x xs))'],
    ['[x for x in xs if x if y for z in x]', '(list-comp x (for x xs (if x) (if y)) (for z x))'],
    ['{k: v for k, v in d.items()}', '(dict-comp k:v (for (targets k v) (call (. d items))))'],
    ['{x for x in s}', '(set-comp x (for x s))'],
    ['(x for x in y)', '(generator-comp x (for x y))'],
    ['sum(x*x for x in xs)', '(call sum (generator-comp (* x x) (for x xs)))'],
    ['[(i, j) for i, (j, k) in pairs]', '(list-comp (tuple i j) (for (targets i (targets j k)) pairs))'],
    ['[x for x in a or b]', '(list-comp x (for x (or a b)))'],
  ]);

  it('gives a bare generator argument the call’s parentheses as its range', () => {
    const src = 'sum(x*x for x in xs)';
    const s = one(src);
    assert.ok(s.kind === 'expr' && s.expr.kind === 'call');
    if (s.kind !== 'expr' || s.expr.kind !== 'call') return;
    assert.equal(text(src, s.expr.args[0].value.range), '(x*x for x in xs)');
    const gen = s.expr.args[0].value;
    assert.ok(gen.kind === 'comprehension');
    if (gen.kind === 'comprehension') assert.equal(text(src, gen.clauses[0].range), 'for x in xs');
  });
});

describe('parser v2: subscripts', () => {
  check([
    ['a[1:2, ..., None]', '(idx a (: 1 2 _) ... None)'],
    ['a[i,]', '(idx a i ,)'],
    ['a[i, j]', '(idx a i j)'],
    ['a[::2, *idx]', '(idx a (: _ _ 2) *idx)'],
  ]);
});

describe('parser v2: f-strings', () => {
  check([
    ["f'loss {loss:.4f}'", '(f "loss " {loss :(f ".4f")})'],
    ["f'{x!r:>{width}}'", '(f {x !r :(f ">" {width})})'],
    ["f'{x=}'", '(f {x ="x="})'],
    ["f'{x = !s}'", '(f {x !s ="x = "})'],
    ["f'{{a}} {b}'", '(f "{a} " {b})'],
    ["'a' f'{b}' 'c'", '(f "a" {b} "c")'],
    ["f'{a}' f'{b}'", '(f {a} {b})'],
    ["f'\\n{a}'", '(f "\\n" {a})'],
    ["rf'\\n{a}'", '(f "\\\\n" {a})'],
    ['f"{d[\'k\']}"', '(f {(idx d "k")})'],
    ["f'{a!=b}'", '(f {(!= a b)})'],
    ["f'{(lambda: 1)()}'", '(f {(call (lambda () 1))})'],
  ]);

  it('gives expressions inside fields their document offsets', () => {
    const src = "y = f'n={n + 1:>{w}}'";
    const s = one(src);
    assert.ok(s.kind === 'assign' && s.value.kind === 'fstring');
    if (s.kind !== 'assign' || s.value.kind !== 'fstring') return;
    const field = s.value.parts[1];
    assert.ok(typeof field !== 'string');
    if (typeof field === 'string') return;
    assert.equal(text(src, field.range), '{n + 1:>{w}}');
    assert.equal(text(src, field.expr.range), 'n + 1');
    const inner = field.spec?.parts[1];
    assert.ok(inner && typeof inner !== 'string');
    if (inner && typeof inner !== 'string') assert.equal(text(src, inner.expr.range), 'w');
    checkInvariants(src, parse(src));
  });

  it('rejects fields nested past a format spec, as CPython does', () => {
    assert.equal(error("f'{x:{y:{z}}}'").message, 'f-string: expressions nested too deeply');
    assert.equal(error("f'{a#}'").message, "f-string: expression part cannot include '#'");
  });
});

describe('parser v2: targets', () => {
  check([
    ['a, (b, c) = x', '(= (targets a (targets b c)) x)'],
    ['[a, b] = x', '(= (targets a b) x)'],
    ['a, *rest = x', '(= (targets a *rest) x)'],
    ['[a, [b, *c]] = x', '(= (targets a (targets b *c)) x)'],
    ['obj.x = 1', '(= (. obj x) 1)'],
    ['obj.x += 1', '(+= (. obj x) 1)'],
    ['a[0].b, c[1] = 1, 2', '(= (targets (. (idx a 0) b) (idx c 1)) (tuple 1 2))'],
    ['x &= 1; x |= 2; x ^= 3; x <<= 4; x >>= 5', '(&= x 1) | (|= x 2) | (^= x 3) | (<<= x 4) | (>>= x 5)'],
    ['x: int = 1', '(= x 1)'],
    ['x: int', '(pass)'],
    ['del a, b[0], c.d', '(del a (idx b 0) (. c d))'],
    ['del (a, b), [c]', '(del (targets a b) (targets c))'],
  ]);
});

describe('parser v2: simple statements', () => {
  check([
    ['global a, b', '(global a b)'],
    ['def f():\n    nonlocal a', '(def f () {(nonlocal a)})'],
    ['assert x > 0', '(assert (> x 0))'],
    ["assert x, 'msg'", '(assert x "msg")'],
    ['raise', '(raise)'],
    ['raise ValueError("bad")', '(raise (call ValueError "bad"))'],
    ['raise E from e', '(raise E from e)'],
    ['pass', '(pass)'],
  ]);
});

describe('parser v2: imports', () => {
  check([
    ['import numpy', '(import numpy)'],
    ['import numpy as np', '(import numpy as np)'],
    ['import numpy.linalg as la', '(import numpy.linalg as la)'],
    ['import math', '(import math)'],
    ['import a, b', '(import a) | (import b)'],
    ['from numpy import dot, linalg as la', '(import numpy (dot, linalg as la))'],
    ['from numpy.linalg import *', '(import numpy.linalg (*))'],
  ]);

  it('gives the module and each name their ranges', () => {
    const src = 'from numpy.linalg import inv as invert, pinv';
    const s = one(src);
    assert.ok(s.kind === 'import');
    if (s.kind !== 'import') return;
    assert.equal(text(src, s.moduleRange!), 'numpy.linalg');
    assert.deepEqual(
      s.names!.map((n) => text(src, n.range)),
      ['inv as invert', 'pinv'],
    );
    const two = parse('import numpy.linalg as la, math').statements;
    assert.deepEqual(
      two.map((t) =>
        t.kind === 'import'
          ? [t.module, t.alias, text('import numpy.linalg as la, math', t.moduleRange!)]
          : [],
      ),
      [
        ['numpy.linalg', 'la', 'numpy.linalg'],
        ['math', undefined, 'math'],
      ],
    );
  });
});

describe('parser v2: compound statements', () => {
  check([
    ['for i in range(3): x += i', '(for i (call range 3) {(+= x i)})'],
    ['for i in x: a; b', '(for i x {a; b})'],
    ['for i, (x, y) in pts:\n    pass', '(for (targets i (targets x y)) pts {(pass)})'],
    ['for x in a, b:\n    pass', '(for x (tuple a b) {(pass)})'],
    ['for x in y:\n    if x: break\nelse:\n    z = 1', '(for x y {(if x {(break)})} else {(= z 1)})'],
    [
      'while n > 0:\n    n -= 1\n    continue\nelse:\n    done = True',
      '(while (> n 0) {(-= n 1); (continue)} else {(= done True)})',
    ],
    [
      'if a:\n    x = 1\nelif b:\n    x = 2\nelif c:\n    x = 3\nelse:\n    x = 4',
      '(if a {(= x 1)} else {(elif b {(= x 2)} else {(elif c {(= x 3)} else {(= x 4)})})})',
    ],
    ['if a: x = 1\nelse: x = 2', '(if a {(= x 1)} else {(= x 2)})'],
    [
      'def f(a, b=2, *args, c, d=4, **kw):\n    """Doc."""\n    return a',
      '(def f (a b=2 *args c!kw d!kw=4 **kw) {"Doc."; (return a)})',
    ],
    ['def f(a, /, b): pass', '(def f (a!pos b) {(pass)})'],
    ['def f(x: int = 1) -> int:\n    return x', '(def f (x=1) {(return x)})'],
    [
      'def outer():\n    def inner():\n        return 1\n    return inner',
      '(def outer () {(def inner () {(return 1)}); (return inner)})',
    ],
    [
      'with np.printoptions(precision=3) as opts, b:\n    print(a)',
      '(with (call (. np printoptions) precision=3) as opts, b {(call print a)})',
    ],
    ['with (a as b, c as d):\n    pass', '(with a as b, c as d {(pass)})'],
    ['with (a):\n    pass', '(with a {(pass)})'],
    ['for i in x:\n\n    # comment\n    y = i  # trailing\n\nz = 2', '(for i x {(= y i)}) | (= z 2)'],
  ]);

  it('makes a top-level compound statement one statement with exact ranges', () => {
    const src =
      'x = 0\nfor i in range(3):\n    if i > 0:\n        x += i\n    else:\n        pass  # no-op\n\n# after\ny = x\n';
    const program = parse(src);
    checkInvariants(src, program);
    assert.deepEqual(
      program.statements.map((s) => s.kind),
      ['assign', 'for', 'assign'],
    );
    const loop = program.statements[1];
    assert.ok(loop.kind === 'for');
    if (loop.kind !== 'for') return;
    assert.equal(
      text(src, loop.range),
      'for i in range(3):\n    if i > 0:\n        x += i\n    else:\n        pass',
    );
    assert.equal(text(src, loop.headerRange), 'for i in range(3):');
    const inner = loop.body[0];
    assert.ok(inner.kind === 'if');
    if (inner.kind !== 'if') return;
    assert.equal(text(src, inner.headerRange), 'if i > 0:');
    assert.equal(text(src, inner.range), 'if i > 0:\n        x += i\n    else:\n        pass');
    assert.equal(text(src, inner.body[0].range), 'x += i');
  });

  it('gives an elif its own range and header', () => {
    const src = 'if a:\n    b\nelif c:\n    d\nelse:\n    e';
    const s = one(src);
    assert.ok(s.kind === 'if' && s.orelse[0].kind === 'if');
    if (s.kind !== 'if' || s.orelse[0].kind !== 'if') return;
    const elif = s.orelse[0];
    assert.equal(elif.elif, true);
    assert.equal(text(src, elif.headerRange), 'elif c:');
    assert.equal(text(src, elif.range), 'elif c:\n    d\nelse:\n    e');
  });

  it('lists the expressions inside blocks among a statement’s expressions', () => {
    const s = one('for i in xs:\n    y = f(i)\nelse:\n    z = g()');
    assert.equal(statementExprs(s).length, 6);
  });

  it('never runs a block across a cell marker', () => {
    const src = 'for i in x:\n    y = i\n# %%\n    z = 1\nw = 2';
    assert.deepEqual(
      parse(src).statements.map((s) => s.kind),
      ['for', 'syntax-error', 'assign'],
    );
  });

  it('keeps the simple statement before a misplaced compound one', () => {
    const src = 'x = 1; for i in y:\n    pass\nz = 2';
    const [x, bad, z] = parse(src).statements;
    assert.equal(x.kind, 'assign');
    assert.ok(bad.kind === 'syntax-error');
    if (bad.kind === 'syntax-error') {
      assert.equal(bad.message, 'invalid syntax');
      assert.equal(text(src, bad.errorRange), 'for');
      assert.equal(text(src, bad.range), 'for i in y:\n    pass');
    }
    assert.equal(z.kind, 'assign');
  });
});

describe('parser v2: errors in blocks', () => {
  // [source, python type, message, text under errorRange] — CPython 3.11's words.
  const table: [string, string, string, string][] = [
    [
      'for i in range(3):\nx = 1',
      'IndentationError',
      "expected an indented block after 'for' statement on line 1",
      '',
    ],
    ['x = 1\n\nif x:', 'IndentationError', "expected an indented block after 'if' statement on line 3", ''],
    ['def f(x):', 'IndentationError', 'expected an indented block after function definition on line 1', ''],
    [
      'if 1:\n  pass\nelif 2:\n  pass\nelse:',
      'IndentationError',
      "expected an indented block after 'else' statement on line 5",
      '',
    ],
    ['if 1:\n    a\n  b', 'IndentationError', 'unindent does not match any outer indentation level', '  '],
    ['if 1:\n    a\n        b', 'IndentationError', 'unexpected indent', '        '],
    ['for x in y: pass\n    z', 'IndentationError', 'unexpected indent', '    '],
    ['while x\n  pass', 'SyntaxError', "expected ':'", ''],
    ['def f():\n    x = 1\n    return x +', 'SyntaxError', 'invalid syntax', ''],
    ['def f():\n    y = (1,\n    return y', 'SyntaxError', "'(' was never closed", '('],
  ];
  for (const [src, type, message, under] of table) {
    it(`${JSON.stringify(src)}  →  ${type}: ${message}`, () => {
      const statements = parse(src).statements;
      const s = statements.find((t) => t.kind === 'syntax-error') as SyntaxErrorStatement;
      assert.ok(s, JSON.stringify(statements));
      assert.equal(s.pythonType, type);
      assert.equal(s.message, message);
      assert.equal(text(src, s.errorRange), under);
    });
  }

  it('makes the whole top-level statement the error and resumes after it', () => {
    const src = 'a = 1\nfor i in x:\n    if i:\n        b = (\n    c = 2\nd = 3';
    const kinds = parse(src).statements.map((s: Statement) => s.kind);
    assert.deepEqual(kinds, ['assign', 'syntax-error', 'assign']);
    const err = parse(src).statements[1] as SyntaxErrorStatement;
    assert.equal(text(src, err.range), 'for i in x:\n    if i:\n        b = (\n    c = 2');
  });

  it('stops 10,000 nested blocks at Python’s indentation limit, without overflowing the stack', () => {
    let src = '';
    for (let k = 0; k < 10_000; k++) src += `${' '.repeat(k)}if 1:\n`;
    src += `${' '.repeat(10_000)}pass\n`;
    const s = error(src);
    assert.equal(s.pythonType, 'IndentationError');
    assert.equal(s.message, 'too many levels of indentation');
    let ok = '';
    for (let k = 0; k < 99; k++) ok += `${' '.repeat(k)}if 1:\n`;
    assert.equal(one(`${ok}${' '.repeat(99)}pass\n`).kind, 'if');
  });

  it('stops 21 nested loops, as CPython does', () => {
    let src = '';
    for (let k = 0; k < 21; k++) src += `${' '.repeat(k)}for x in y:\n`;
    src += `${' '.repeat(21)}pass\n`;
    assert.equal(error(src).message, 'too many statically nested blocks');
  });

  it('counts block levels in the tree-height limit', () => {
    const chain = `${'a+'.repeat(999)}a`;
    assert.equal(one(`x = ${chain}`).kind, 'assign');
    assert.match(error(`if 1:\n    x = ${chain}`).message, /too long or nested too deeply/);
  });
});
