/**
 * Shared by the parser tests: an S-expression printer for trees, a walker
 * over every range a program holds, and the seed notebook's code cells.
 */

import assert from 'node:assert/strict';
import type {
  Expr,
  FStringField,
  Param,
  Program,
  Range,
  SliceExpr,
  Statement,
  Target,
} from '../../src/engine/ast';
import { childStatements, exprChildren, headerExprs, parse } from '../../src/engine/parser';

/** `(+ a (* b c))`-style rendering; `_` for a missing slice part. */
export function sx(e: Expr | SliceExpr | undefined): string {
  if (e === undefined) return '_';
  const list = (xs: readonly (Expr | SliceExpr)[]) => xs.map((x) => ` ${sx(x)}`).join('');
  switch (e.kind) {
    case 'number':
      if (e.imaginary) return `${e.value}j`;
      if (e.big !== undefined) return `${e.big}n`;
      return !e.isInt && Number.isInteger(e.value) ? `${e.value}.0` : String(e.value);
    case 'bool':
      return e.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'ellipsis':
      return '...';
    case 'string':
      return JSON.stringify(e.value);
    case 'fstring':
      return `(f${e.parts.map((p) => ` ${typeof p === 'string' ? JSON.stringify(p) : sxField(p)}`).join('')})`;
    case 'name':
      return e.name;
    case 'list':
      return `[${e.items.map(sx).join(' ')}]`;
    case 'tuple':
      return `(tuple${list(e.items)})`;
    case 'set':
      return `(set${list(e.items)})`;
    case 'dict':
      return `(dict${e.entries.map((d) => (d.key ? ` ${sx(d.key)}:${sx(d.value)}` : ` **${sx(d.value)}`)).join('')})`;
    case 'starred':
      return `*${sx(e.value)}`;
    case 'comprehension': {
      const element = e.key ? `${sx(e.key)}:${sx(e.element)}` : sx(e.element);
      const clauses = e.clauses.map(
        (c) => ` (for ${sxTarget(c.target)} ${sx(c.iter)}${c.ifs.map((i) => ` (if ${sx(i)})`).join('')})`,
      );
      return `(${e.type}-comp ${element}${clauses.join('')})`;
    }
    case 'unary':
      return `(${e.op} ${sx(e.operand)})`;
    case 'binary':
      return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case 'compare':
      return `(compare ${sx(e.first)}${e.rest.map((r) => ` ${r.op} ${sx(r.right)}`).join('')})`;
    case 'boolop':
      return `(${e.op}${list(e.values)})`;
    case 'ifexp':
      return `(ifexp ${sx(e.test)} ${sx(e.body)} ${sx(e.orelse)})`;
    case 'attribute':
      return `(. ${sx(e.object)} ${e.name})`;
    case 'call':
      return `(call ${sx(e.callee)}${e.args.map((a) => ` ${a.star ?? ''}${a.name ? `${a.name}=` : ''}${sx(a.value)}`).join('')})`;
    case 'index':
      return `(idx ${sx(e.object)}${list(e.indices)}${e.trailingComma ? ' ,' : ''})`;
    case 'slice':
      return `(: ${sx(e.start)} ${sx(e.stop)} ${sx(e.step)})`;
    case 'lambda':
      return `(lambda (${sxParams(e.params)}) ${sx(e.body)})`;
  }
}

function sxField(f: FStringField): string {
  const conversion = f.conversion ? ` !${f.conversion}` : '';
  const spec = f.spec ? ` :${sx(f.spec)}` : '';
  const debug = f.debugText !== undefined ? ` =${JSON.stringify(f.debugText)}` : '';
  return `{${sx(f.expr)}${conversion}${spec}${debug}}`;
}

/** Parameters as `a b=1 / *args c ** kwargs`-style text (`/`-only and keyword-only marked). */
export function sxParams(params: readonly Param[]): string {
  return params
    .map((p) => {
      const name = `${p.star ?? ''}${p.name}`;
      const mark = p.keywordOnly ? '!kw' : p.positionalOnly ? '!pos' : '';
      return `${name}${mark}${p.defaultValue ? `=${sx(p.defaultValue)}` : ''}`;
    })
    .join(' ');
}

export function sxTarget(t: Target): string {
  if (t.kind === 'targets') return `(targets${t.items.map((i) => ` ${sxTarget(i)}`).join('')})`;
  if (t.kind === 'star-target') return `*${sxTarget(t.target)}`;
  return sx(t);
}

function sxBlock(b: readonly Statement[]): string {
  return `{${b.map(sxStmt).join('; ')}}`;
}

/** One statement as an S-expression; syntax errors show their message. */
export function sxStmt(s: Statement): string {
  switch (s.kind) {
    case 'expr':
      return sx(s.expr);
    case 'assign':
      return `(= ${s.targets.map(sxTarget).join(' ')} ${sx(s.value)})`;
    case 'augassign':
      return `(${s.op}= ${sx(s.target)} ${sx(s.value)})`;
    case 'import': {
      const alias = s.alias ? ` as ${s.alias}` : '';
      const names = s.names
        ? ` (${s.names.map((n) => (n.alias ? `${n.name} as ${n.alias}` : n.name)).join(', ')})`
        : '';
      return `(import ${s.module}${alias}${names})`;
    }
    case 'def':
      return `(def ${s.name} (${sxParams(s.params)}) ${sxBlock(s.body)})`;
    case 'return':
      return s.value ? `(return ${sx(s.value)})` : '(return)';
    case 'if':
      return `(${s.elif ? 'elif' : 'if'} ${sx(s.test)} ${sxBlock(s.body)}${s.orelse.length ? ` else ${sxBlock(s.orelse)}` : ''})`;
    case 'for':
      return `(for ${sxTarget(s.target)} ${sx(s.iter)} ${sxBlock(s.body)}${s.orelse.length ? ` else ${sxBlock(s.orelse)}` : ''})`;
    case 'while':
      return `(while ${sx(s.test)} ${sxBlock(s.body)}${s.orelse.length ? ` else ${sxBlock(s.orelse)}` : ''})`;
    case 'with':
      return `(with${s.items.map((i) => ` ${sx(i.context)}${i.target ? ` as ${sxTarget(i.target)}` : ''}`).join(',')} ${sxBlock(s.body)})`;
    case 'break':
    case 'continue':
    case 'pass':
      return `(${s.kind})`;
    case 'global':
    case 'nonlocal':
      return `(${s.kind} ${s.names.join(' ')})`;
    case 'assert':
      return `(assert ${sx(s.test)}${s.message ? ` ${sx(s.message)}` : ''})`;
    case 'del':
      return `(del ${s.targets.map(sxTarget).join(' ')})`;
    case 'raise':
      return `(raise${s.exception ? ` ${sx(s.exception)}` : ''}${s.cause ? ` from ${sx(s.cause)}` : ''})`;
    case 'unsupported':
      return `(unsupported ${s.keyword})`;
    case 'syntax-error':
      return `(${s.pythonType === 'IndentationError' ? 'indentation-error' : 'error'} ${s.message})`;
  }
}

/** All statements of `src`, rendered and joined with ` | `. */
export function sxProgram(src: string): string {
  return parse(src).statements.map(sxStmt).join(' | ');
}

/** The only statement of `src`. */
export function one(src: string): Statement {
  const { statements } = parse(src);
  assert.equal(statements.length, 1, `one statement in ${JSON.stringify(src)}: ${statements.map(sxStmt)}`);
  return statements[0];
}

/** Every range in `program`, labelled, with each node's parent range (for containment checks). */
export function allRanges(program: Program): { label: string; range: Range; parent?: Range }[] {
  const out: { label: string; range: Range; parent?: Range }[] = [];
  const visit = (e: Expr | SliceExpr, parent: Range) => {
    out.push({ label: e.kind, range: e.range, parent });
    if (e.kind === 'binary') out.push({ label: 'opRange', range: e.opRange, parent: e.range });
    if (e.kind === 'compare')
      for (const r of e.rest) out.push({ label: 'opRange', range: r.opRange, parent: e.range });
    if (e.kind === 'attribute') out.push({ label: 'nameRange', range: e.nameRange, parent: e.range });
    if (e.kind === 'call') {
      out.push({ label: 'argsRange', range: e.argsRange, parent: e.range });
      for (const a of e.args) out.push({ label: 'arg', range: a.range, parent: e.argsRange });
    }
    if (e.kind === 'fstring') {
      for (const p of e.parts)
        if (typeof p !== 'string') out.push({ label: 'field', range: p.range, parent: e.range });
    }
    if (e.kind === 'comprehension') {
      for (const c of e.clauses) out.push({ label: 'clause', range: c.range, parent: e.range });
    }
    if (e.kind === 'lambda')
      for (const p of e.params) out.push({ label: 'param', range: p.range, parent: e.range });
    for (const child of exprChildren(e)) visit(child, e.range);
  };
  const statement = (s: Statement, parent?: Range) => {
    out.push({ label: `statement ${s.kind}`, range: s.range, parent });
    if (s.kind === 'syntax-error') out.push({ label: 'errorRange', range: s.errorRange });
    if (s.kind === 'unsupported') out.push({ label: 'keywordRange', range: s.keywordRange, parent: s.range });
    if ('headerRange' in s) out.push({ label: 'headerRange', range: s.headerRange, parent: s.range });
    if (s.kind === 'def') {
      out.push({ label: 'def name', range: s.nameRange, parent: s.headerRange });
      for (const p of s.params) out.push({ label: 'param', range: p.range, parent: s.headerRange });
    }
    if (s.kind === 'import') {
      if (s.moduleRange) out.push({ label: 'moduleRange', range: s.moduleRange, parent: s.range });
      for (const n of s.names ?? []) out.push({ label: 'import name', range: n.range, parent: s.range });
    }
    if (s.kind === 'augassign') out.push({ label: 'aug op', range: s.opRange, parent: s.range });
    for (const e of headerExprs(s)) visit(e, 'headerRange' in s ? s.headerRange : s.range);
    for (const child of childStatements(s)) statement(child, s.range);
  };
  for (const s of program.statements) statement(s);
  for (const c of program.cells) out.push({ label: 'cell', range: c.range });
  return out;
}

/** Asserts the invariants every parse must keep, whatever the input. */
export function checkInvariants(text: string, program: Program): void {
  let prevEnd = 0;
  for (const s of program.statements) {
    assert.ok(s.range.start >= prevEnd, `statements in order, not overlapping: ${JSON.stringify(s)}`);
    prevEnd = s.range.end;
  }
  for (const { label, range, parent } of allRanges(program)) {
    const ok = range.start >= 0 && range.start <= range.end && range.end <= text.length;
    assert.ok(ok, `${label} range ${JSON.stringify(range)} within [0, ${text.length}]`);
    if (parent) {
      const inside = parent.start <= range.start && range.end <= parent.end;
      assert.ok(inside, `${label} ${JSON.stringify(range)} inside ${JSON.stringify(parent)}`);
    }
  }
}

/** The code cells of the seed notebook, as a user would paste them. */
export const SEED = `import numpy as np

a = np.array([[4, 2, 3],[2, 0, 1]])

b = np.transpose(a)

c = np.dot(a,b)

d = np.dot(b,a)

print(c)
print(d)

#element-wise multiplication must have a and b as the same dimensions
#deep learning is all about matrix multiplication and element-wise multiplication
pinv_a = np.linalg.pinv(a)

print(pinv_a)
print(np.dot(a, pinv_a))
print(np.dot(pinv_a, a))
import numpy as np
a = np.array([[1, 2],[3, 4]])
b = np.array([[5, 6],[7, 8]])
print(np.multiply(a,b))
print(np.multiply(b,a))
print(a*b)
print(b*a)
# Matrix multiplication is not commutative, AB is different from BA
import numpy as np

# check this out:
# https://www.analyticsvidhya.com/blog/2017/05/neural-network-from-scratch-in-python-and-r/
# Input array
X=np.array([[1,0,1,0],[1,0,1,1],[0,1,0,1]])

#Output
y=np.array([[1],[1],[0]])


#Sigmoid Function
def sigmoid (x):
    return 1/(1 + np.exp(-x))


#Derivative of Sigmoid Function
def derivatives_sigmoid(x):
    return x * (1 - x)



#Variable initialization
epoch=5000 #Setting training iterations
lr=0.1 #Setting learning rate
inputlayer_neurons = X.shape[1] #number of features in data set
hiddenlayer_neurons = 3 #number of hidden layers neurons
output_neurons = 1 #number of neurons at output layer

#weight and bias initialization
# w1
wh=np.random.uniform(size=(inputlayer_neurons,hiddenlayer_neurons))
#w2
bh=np.random.uniform(size=(1,hiddenlayer_neurons))
wout=np.random.uniform(size=(hiddenlayer_neurons,output_neurons))
bout=np.random.uniform(size=(1,output_neurons))


for i in range(epoch):
    #Forward Propogation
    hidden_layer_input1=np.dot(X,wh)
    hidden_layer_input=hidden_layer_input1 + bh
    hiddenlayer_activations = sigmoid(hidden_layer_input)
    output_layer_input1=np.dot(hiddenlayer_activations,wout)
    output_layer_input= output_layer_input1+ bout
    output = sigmoid(output_layer_input)

    #Backpropagation
    D = y-output
    slope_output_layer = derivatives_sigmoid(output)
    slope_hidden_layer = derivatives_sigmoid(hiddenlayer_activations)
    d_output = D * slope_output_layer
    Error_at_hidden_layer = d_output.dot(wout.T)
    d_hiddenlayer = Error_at_hidden_layer * slope_hidden_layer
    wout += hiddenlayer_activations.T.dot(d_output) *lr
    bout += np.sum(d_output, axis=0,keepdims=True) *lr
    wh += X.T.dot(d_hiddenlayer) *lr
    bh += np.sum(d_hiddenlayer, axis=0,keepdims=True) *lr

print(output)
 # nonconvex function means a line has many dips / valleys and it can be hard to find the global minimum to minimize the errors in the weights/ balances (?)
`;
