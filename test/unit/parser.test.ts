import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Expr, Statement } from '../../src/engine/ast';
import { parse } from '../../src/engine/parser';
import { checkInvariants, one, SEED, sxProgram, sxStmt } from './parser-helpers';

function expr(src: string): Expr {
  const s = one(src);
  assert.equal(s.kind, 'expr', `${src}: ${sxStmt(s)}`);
  return (s as Extract<Statement, { kind: 'expr' }>).expr;
}

describe('parser: precedence', () => {
  const table: [string, string][] = [
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['(1 - 2) * 3', '(* (- 1 2) 3)'],
    ['a @ b + c', '(+ (@ a b) c)'],
    ['a // b % c * d / e', '(/ (* (% (// a b) c) d) e)'],
    ['-2**2', '(- (** 2 2))'],
    ['2**-1', '(** 2 (- 1))'],
    ['2**3**2', '(** 2 (** 3 2))'],
    ['-a.T', '(- (. a T))'],
    ['+-x', '(+ (- x))'],
    ['a < b + 1', '(< a (+ b 1))'],
    ['a == b', '(== a b)'],
    ['a != b * 2', '(!= a (* b 2))'],
    ['(a < b) < c', '(< (< a b) c)'],
    ['lambda x, y=2: x + y', '(lambda (x y=2) (+ x y))'],
    ['lambda: 0', '(lambda () 0)'],
    ['f(a, b=1)', '(call f a b=1)'],
    ['np.linalg.pinv(a).T', '(. (call (. (. np linalg) pinv) a) T)'],
    ['a[0, 1:3, ::2, -1]', '(idx a 0 (: 1 3 _) (: _ _ 2) (- 1))'],
    ['a[:, None]', '(idx a (: _ _ _) None)'],
    ['a[1:]', '(idx a (: 1 _ _))'],
    ['a[::]', '(idx a (: _ _ _))'],
    ['X.shape[1]', '(idx (. X shape) 1)'],
    ['f(x)(y)[0]', '(idx (call (call f x) y) 0)'],
    ['[1, 2, 3,]', '[1 2 3]'],
    ['[]', '[]'],
    ['[[4, 2, 3], [2, 0, 1]]', '[[4 2 3] [2 0 1]]'],
    ['(4, 3)', '(tuple 4 3)'],
    ['(3,)', '(tuple 3)'],
    ['()', '(tuple)'],
    ['((1))', '1'],
    ['1, 2', '(tuple 1 2)'],
    ['True, False, None', '(tuple True False None)'],
    ["f(dtype='float')", '(call f dtype="float")'],
    ['\'a\' "b"', '"ab"'],
    ['3.', '3.0'],
    ['1e-3 + .5', '(+ 0.001 0.5)'],
    ['np.sum(d, axis=0, keepdims=True)', '(call (. np sum) d axis=0 keepdims=True)'],
    ['np.random.uniform(size=(4, 3))', '(call (. (. np random) uniform) size=(tuple 4 3))'],
    ['f(lambda x: x * 2)', '(call f (lambda (x) (* x 2)))'],
  ];
  for (const [src, want] of table) {
    it(`${src}  →  ${want}`, () => assert.equal(sxProgram(src), want));
  }
});

describe('parser: statements', () => {
  const table: [string, string][] = [
    ['x = 1', '(= x 1)'],
    ['a = b = 0', '(= a b 0)'],
    ['a[0] = 5', '(= (idx a 0) 5)'],
    ['a[0, :] = b', '(= (idx a 0 (: _ _ _)) b)'],
    ['a, b = 1, 2', '(= (targets a b) (tuple 1 2))'],
    ['(a, b) = [1, 2]', '(= (targets a b) [1 2])'],
    ['a, = t', '(= (targets a) t)'],
    ['x += 1', '(+= x 1)'],
    ['x -= y * 2', '(-= x (* y 2))'],
    ['a[0] *= 3', '(*= (idx a 0) 3)'],
    ['x /= 2; x //= 2; x %= 2; x **= 2; x @= m', '(/= x 2) | (//= x 2) | (%= x 2) | (**= x 2) | (@= x m)'],
    ['print(c)', '(call print c)'],
    ['a', 'a'],
    ['import numpy', '(import numpy)'],
    ['import numpy as np', '(import numpy as np)'],
    ['import numpy.linalg as la, scipy', '(import numpy.linalg as la) | (import scipy)'],
    ['from numpy import a, b', '(import numpy (a, b))'],
    ['from numpy import (a as x, b,)', '(import numpy (a as x, b))'],
    ['from numpy import *', '(import numpy (*))'],
    ['from numpy.linalg import inv', '(import numpy.linalg (inv))'],
    ['from . import x', '(import . (x))'],
    ['import pandas as pd', '(import pandas as pd)'],
    ['def f(x, y=2): return x * y', '(def f (x y=2) {(return (* x y))})'],
    ['def f(): return 1, 2', '(def f () {(return (tuple 1 2))})'],
    [
      'def sigmoid (x):\n    return 1/(1 + np.exp(-x))',
      '(def sigmoid (x) {(return (/ 1 (+ 1 (call (. np exp) (- x)))))})',
    ],
    ['def f(x):\n\n    # note\n    return x\n', '(def f (x) {(return x)})'],
    ['def f(x):\n    """Doubles."""\n    return 2 * x', '(def f (x) {"Doubles."; (return (* 2 x))})'],
    ['def f(x): return', '(def f (x) {(return)})'],
    ['sq = lambda x: x ** 2', '(= sq (lambda (x) (** x 2)))'],
    ['pass', '(pass)'],
    ['pass; x = 1', '(pass) | (= x 1)'],
    ['x = 1;', '(= x 1)'],
    ['a = 1; b = 2;c=3', '(= a 1) | (= b 2) | (= c 3)'],
  ];
  for (const [src, want] of table) {
    it(JSON.stringify(src), () => assert.equal(sxProgram(src), want));
  }

  const unsupported: [string, string][] = [
    ['try:\n  x\nexcept Exception:\n  y\nfinally:\n  z', '(unsupported try)'],
    ['class A:\n    x = 1\n\n    def f(self): return 1\nA', '(unsupported class) | A'],
    ['async def f(): return 1', '(unsupported async)'],
    ['@decorator\ndef f(x):\n    return x\ny = 1', '(unsupported @) | (= y 1)'],
    ['match x:\n    case 1:\n        pass\nmatch = 2', '(unsupported match) | (= match 2)'],
    ['def g():\n    yield 1', '(def g () {(unsupported yield)})'],
    [
      'for i in x:\n    try:\n        y\n    except E:\n        z\n    w = 1',
      '(for i x {(unsupported try); (= w 1)})',
    ],
  ];
  for (const [src, want] of unsupported) {
    it(`unsupported: ${JSON.stringify(src)}`, () => assert.equal(sxProgram(src), want));
  }

  it('gives an unsupported block its header, body and keyword ranges', () => {
    const src = 'x = 1\nclass A(B):\n    y = i\n\n    # done\n    z = y  # trailing\nw = 2';
    const s = parse(src).statements[1];
    assert.equal(s.kind, 'unsupported');
    if (s.kind !== 'unsupported') return;
    assert.equal(src.slice(s.range.start, s.range.end), 'class A(B):\n    y = i\n\n    # done\n    z = y');
    assert.equal(src.slice(s.keywordRange.start, s.keywordRange.end), 'class');
  });
});

describe('parser: the seed notebook', () => {
  const program = parse(SEED);
  const kinds = program.statements.map((s) => s.kind);

  it('parses every code cell without a syntax error', () => {
    assert.deepEqual(
      program.statements.filter((s) => s.kind === 'syntax-error'),
      [],
    );
    checkInvariants(SEED, program);
  });

  it('makes the training loop one for statement covering its body', () => {
    const loops = program.statements.filter((s) => s.kind === 'for');
    assert.equal(loops.length, 1);
    assert.ok(loops[0].kind === 'for' && loops[0].body.length === 16);
    const text = SEED.slice(loops[0].range.start, loops[0].range.end);
    assert.ok(text.startsWith('for i in range(epoch):\n    #Forward Propogation'));
    assert.ok(text.endsWith('bh += np.sum(d_hiddenlayer, axis=0,keepdims=True) *lr'));
  });

  it('parses both defs and the print after the loop', () => {
    const defs = program.statements.filter((s) => s.kind === 'def');
    assert.deepEqual(defs.map(sxStmt), [
      '(def sigmoid (x) {(return (/ 1 (+ 1 (call (. np exp) (- x)))))})',
      '(def derivatives_sigmoid (x) {(return (* x (- 1 x)))})',
    ]);
    const last = program.statements[program.statements.length - 1];
    assert.equal(sxStmt(last), '(call print output)');
    assert.equal(kinds[kinds.length - 2], 'for');
  });

  it('has the expected statement count and the notebook lines', () => {
    assert.equal(program.statements.length, 34);
    const texts = program.statements.map((s) => SEED.slice(s.range.start, s.range.end));
    assert.ok(texts.includes('epoch=5000'));
    assert.ok(texts.includes('inputlayer_neurons = X.shape[1]'));
    assert.ok(texts.includes('X=np.array([[1,0,1,0],[1,0,1,1],[0,1,0,1]])'));
  });
});

describe('parser: lines, cells and ranges', () => {
  it('reads a matrix written over several lines', () => {
    const src = 'm = [[1, 2, 3],\n     [4, 5, 6],\n\n     # middle\n     [7, 8, 9]]\nn = m';
    assert.equal(sxProgram(src), '(= m [[1 2 3] [4 5 6] [7 8 9]]) | (= n m)');
    const m = parse(src).statements[0];
    assert.equal(src.slice(m.range.start, m.range.end), src.split('\nn')[0]);
  });

  it('reads a call continued over lines, keyword arguments included', () => {
    assert.equal(
      sxProgram('s = np.sum(d,\n           axis=0,\n           keepdims=True)'),
      '(= s (call (. np sum) d axis=0 keepdims=True))',
    );
    assert.equal(sxProgram('x = 1 + \\\n    2'), '(= x (+ 1 2))');
  });

  it('collects # %% cell markers with their titles', () => {
    const src = '# %% Setup\na = 1\n  #%%\nb = 2 # %% not a marker\n# %%   Train  \r\n';
    const { cells } = parse(src);
    assert.deepEqual(
      cells.map((c) => [src.slice(c.range.start, c.range.end), c.title]),
      [
        ['# %% Setup', 'Setup'],
        ['  #%%', ''],
        ['# %%   Train  ', 'Train'],
      ],
    );
  });

  it('handles a BOM, CRLF and lone CR line ends, and tabs', () => {
    assert.equal(sxProgram('\ufeffa = 1\r\nb = [1,\r\n  2]\rc = 3'), '(= a 1) | (= b [1 2]) | (= c 3)');
    const src = 'for i in x:\n\ty = i\n\tz = y\nw = 1';
    assert.equal(sxProgram(src), '(for i x {(= y i); (= z y)}) | (= w 1)');
    assert.equal(sxProgram('def f(x):\n\treturn x'), '(def f (x) {(return x)})');
    const bom = parse('\ufeffx = 1').statements[0];
    assert.deepEqual(bom.range, { start: 1, end: 6 });
  });

  it('gives every node the range of exactly its text', () => {
    const src = 'y = (a + b) * c[0, 1:3]  # comment';
    const s = one(src);
    assert.equal(s.kind, 'assign');
    if (s.kind !== 'assign') return;
    const slice = (r: { start: number; end: number }) => src.slice(r.start, r.end);
    assert.equal(slice(s.range), 'y = (a + b) * c[0, 1:3]');
    const mul = s.value;
    assert.equal(mul.kind, 'binary');
    if (mul.kind !== 'binary') return;
    assert.equal(slice(mul.range), '(a + b) * c[0, 1:3]');
    assert.equal(slice(mul.opRange), '*');
    assert.equal(slice(mul.left.range), 'a + b');
    const idx = mul.right;
    assert.equal(idx.kind, 'index');
    if (idx.kind !== 'index') return;
    assert.deepEqual(
      idx.indices.map((i) => slice(i.range)),
      ['0', '1:3'],
    );
  });

  it('gives calls, arguments, attributes, lambdas and defs exact ranges', () => {
    const src = 'r = np.sum(d, axis=0)\nf = lambda x, y=2: x\ndef g(a, b=(1, 2)): return a\nt, u = 1, 2';
    const program = parse(src);
    checkInvariants(src, program);
    const text = (r: { start: number; end: number }) => src.slice(r.start, r.end);
    const [r, f, g, t] = program.statements;
    assert.ok(r.kind === 'assign' && r.value.kind === 'call');
    if (r.kind !== 'assign' || r.value.kind !== 'call') return;
    assert.equal(text(r.value.argsRange), '(d, axis=0)');
    assert.deepEqual(
      r.value.args.map((a) => text(a.range)),
      ['d', 'axis=0'],
    );
    assert.equal(text(r.value.args[1].nameRange!), 'axis');
    const callee = r.value.callee;
    assert.ok(callee.kind === 'attribute');
    if (callee.kind === 'attribute') assert.equal(text(callee.nameRange), 'sum');
    assert.ok(f.kind === 'assign' && f.value.kind === 'lambda');
    if (f.kind === 'assign' && f.value.kind === 'lambda') {
      assert.equal(text(f.value.range), 'lambda x, y=2: x');
      assert.deepEqual(
        f.value.params.map((p) => text(p.range)),
        ['x', 'y=2'],
      );
    }
    assert.ok(g.kind === 'def');
    if (g.kind === 'def') {
      assert.equal(text(g.range), 'def g(a, b=(1, 2)): return a');
      assert.equal(text(g.nameRange), 'g');
    }
    assert.ok(t.kind === 'assign');
    if (t.kind === 'assign') {
      assert.equal(text(t.targets[0].range), 't, u');
      assert.equal(text(t.value.range), '1, 2');
    }
  });

  it('keeps numbers int or float as written', () => {
    const e = expr('[3, 3.0, 1e3, 0x10, 1_000]');
    assert.ok(e.kind === 'list');
    if (e.kind === 'list') {
      assert.deepEqual(
        e.items.map((i) => (i.kind === 'number' ? [i.value, i.isInt] : null)),
        [
          [3, true],
          [3, false],
          [1000, false],
          [16, true],
          [1000, true],
        ],
      );
    }
  });
});
