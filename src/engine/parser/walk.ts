/**
 * Child enumeration for syntax-tree nodes, and the tree-height check that
 * keeps recursive consumers (the evaluator) safe from very long operator
 * chains such as `1+1+...+1` pasted as a 5 MB line.
 */

import type { Expr, SliceExpr, Statement } from '../ast';

/** Most levels a statement's expression tree may have. */
export const MAX_TREE_HEIGHT = 1000;

/** Direct sub-expressions of `e` (slices included), in source order. */
export function exprChildren(e: Expr | SliceExpr): (Expr | SliceExpr)[] {
  switch (e.kind) {
    case 'list':
    case 'tuple':
      return [...e.items];
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
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

/** Top-level expressions of a statement (assignment targets included). */
export function statementExprs(s: Statement): Expr[] {
  switch (s.kind) {
    case 'expr':
      return [s.expr];
    case 'assign':
      return [...s.targets.flatMap((t) => (t.kind === 'targets' ? t.items : [t])), s.value];
    case 'augassign':
      return [s.target, s.value];
    case 'def':
      return [...s.params.flatMap((p) => (p.defaultValue ? [p.defaultValue] : [])), s.body];
    default:
      return [];
  }
}

/** Does any of `roots` have more than `limit` levels? Iterative, so it is safe on any tree. */
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
