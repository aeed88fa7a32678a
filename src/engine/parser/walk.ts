/**
 * Child enumeration for syntax-tree nodes, and the tree-height check that
 * keeps recursive consumers (the evaluator) safe from very long operator
 * chains such as `1+1+...+1` pasted as a 5 MB line, and from deeply nested
 * blocks. Everything here is iterative, so it is safe on any tree.
 */

import type { Expr, FStringExpr, SliceExpr, Statement, Target } from '../ast';

/** Most levels a statement's tree (blocks and expressions) may have. */
export const MAX_TREE_HEIGHT = 1000;

/** The expressions a target is made of: `a, (b[i], *c)` gives `a`, `b[i]`, `c`. */
export function targetExprs(t: Target): Expr[] {
  const out: Expr[] = [];
  const stack: Target[] = [t];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'targets') for (let k = node.items.length - 1; k >= 0; k--) stack.push(node.items[k]);
    else if (node.kind === 'star-target') stack.push(node.target);
    else out.push(node);
  }
  return out;
}

function fstringChildren(e: FStringExpr): Expr[] {
  const out: Expr[] = [];
  for (const part of e.parts) {
    if (typeof part === 'string') continue;
    out.push(part.expr);
    if (part.spec) out.push(part.spec);
  }
  return out;
}

/** Direct sub-expressions of `e` (slices included), in source order. */
export function exprChildren(e: Expr | SliceExpr): (Expr | SliceExpr)[] {
  switch (e.kind) {
    case 'list':
    case 'tuple':
    case 'set':
      return [...e.items];
    case 'dict':
      return e.entries.flatMap((entry) => (entry.key ? [entry.key, entry.value] : [entry.value]));
    case 'starred':
      return [e.value];
    case 'comprehension':
      return [
        ...(e.key ? [e.key] : []),
        e.element,
        ...e.clauses.flatMap((c) => [...targetExprs(c.target), c.iter, ...c.ifs]),
      ];
    case 'fstring':
      return fstringChildren(e);
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'compare':
      return [e.first, ...e.rest.map((r) => r.right)];
    case 'boolop':
      return [...e.values];
    case 'ifexp':
      return [e.body, e.test, e.orelse];
    case 'attribute':
      return [e.object];
    case 'call':
      return [e.callee, ...e.args.map((a) => a.value)];
    case 'index':
      return [e.object, ...e.indices];
    case 'slice':
      return [e.start, e.stop, e.step].filter((x): x is Expr => x !== undefined);
    case 'lambda':
      return [...e.params.flatMap((p) => (p.defaultValue ? [p.defaultValue] : [])), e.body];
    default:
      return [];
  }
}

/** A statement's own expressions (its header's, for a compound statement), targets included. */
export function headerExprs(s: Statement): Expr[] {
  switch (s.kind) {
    case 'expr':
      return [s.expr];
    case 'assign':
      return [...s.targets.flatMap(targetExprs), s.value];
    case 'augassign':
      return [s.target, s.value];
    case 'def':
      return s.params.flatMap((p) => (p.defaultValue ? [p.defaultValue] : []));
    case 'return':
      return s.value ? [s.value] : [];
    case 'if':
    case 'while':
      return [s.test];
    case 'for':
      return [...targetExprs(s.target), s.iter];
    case 'with':
      return s.items.flatMap((item) => [item.context, ...(item.target ? targetExprs(item.target) : [])]);
    case 'assert':
      return s.message ? [s.test, s.message] : [s.test];
    case 'del':
      return s.targets.flatMap(targetExprs);
    case 'raise':
      return [s.exception, s.cause].filter((x): x is Expr => x !== undefined);
    default:
      return [];
  }
}

/** The statements directly inside `s`'s blocks (body, then `else`/`elif`), in source order. */
export function childStatements(s: Statement): Statement[] {
  switch (s.kind) {
    case 'if':
    case 'for':
    case 'while':
      return [...s.body, ...s.orelse];
    case 'def':
    case 'with':
      return [...s.body];
    default:
      return [];
  }
}

/**
 * Every expression of a statement, those of the statements in its blocks
 * included (a `def`'s body too), in source order; targets included.
 */
export function statementExprs(s: Statement): Expr[] {
  const out: Expr[] = [];
  const stack: Statement[] = [s];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(...headerExprs(node));
    const children = childStatements(node);
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]);
  }
  return out;
}

/** Does any of `roots` have more than `limit` levels? */
export function exceedsHeight(roots: readonly (Expr | SliceExpr)[], limit: number): boolean {
  const nodes: (Expr | SliceExpr)[] = [...roots];
  const depths: number[] = roots.map(() => 1);
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    for (const child of exprChildren(node)) {
      nodes.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}

/**
 * Does `s` have more than `limit` levels, counting each block a level and
 * each expression level inside it (a top-level statement's expressions may
 * have `limit` levels, as before blocks existed)? A recursive evaluator
 * descends that far.
 */
export function statementTooTall(s: Statement, limit: number): boolean {
  const statements: Statement[] = [s];
  const depths: number[] = [0];
  while (statements.length > 0) {
    const node = statements.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    const own = headerExprs(node);
    if (own.length > 0 && exceedsHeight(own, limit - depth)) return true;
    for (const child of childStatements(node)) {
      statements.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}
