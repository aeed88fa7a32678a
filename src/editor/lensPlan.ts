import type { Expr, Program, Range, SliceExpr } from '../engine/ast';
import { exprChildren, statementExprs } from '../engine/parser';

/**
 * Which CodeLenses a document gets — pure, from the syntax tree, so lenses
 * appear before (and without) any evaluation.
 */

/** Functions whose calls get a `▶ dot(a, b)` lens: the products and inverses a learner wants to see step by step. */
export const LENS_FUNCTIONS: ReadonlySet<string> = new Set([
  'dot',
  'matmul',
  'multiply',
  'pinv',
  'inv',
  'transpose',
  'train',
  'outer',
  'solve',
]);

export interface CallLens {
  readonly kind: 'call';
  /** The call's range (offsets): `dot(a, b)`, or `a @ b`. */
  readonly range: Range;
  /** Index of the statement holding the call. */
  readonly statementIndex: number;
  /** The function's short name (`dot`, `@`). */
  readonly name: string;
  /** The call's source text on one line, shortened: `dot(a, b)`. */
  readonly label: string;
}

export interface CellLens {
  readonly kind: 'cell';
  /** The `# %%` marker line's range. */
  readonly range: Range;
  readonly title: string;
}

export type LensPlan = CallLens | CellLens;

const MAX_LABEL = 40;

/** The function name a callee refers to: `np.linalg.pinv` → `pinv`. */
function calleeName(callee: Expr): string | undefined {
  if (callee.kind === 'name') return callee.name;
  if (callee.kind === 'attribute') return callee.name;
  return undefined;
}

export function compactLabel(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ').replace(/\(\s/g, '(').replace(/\s\)/g, ')');
  return oneLine.length <= MAX_LABEL ? oneLine : `${oneLine.slice(0, MAX_LABEL - 1)}…`;
}

/** Every lens of a parsed document, in source order. */
export function planLenses(text: string, program: Program): LensPlan[] {
  const lenses: LensPlan[] = [];
  for (const cell of program.cells) lenses.push({ kind: 'cell', range: cell.range, title: cell.title });
  program.statements.forEach((statement, statementIndex) => {
    const visit = (node: Expr | SliceExpr): void => {
      if (node.kind === 'call') {
        const name = calleeName(node.callee);
        if (name && LENS_FUNCTIONS.has(name)) {
          lenses.push({
            kind: 'call',
            range: node.range,
            statementIndex,
            name,
            label: compactLabel(text.slice(node.range.start, node.range.end)),
          });
        }
      } else if (node.kind === 'binary' && node.op === '@') {
        lenses.push({
          kind: 'call',
          range: node.range,
          statementIndex,
          name: '@',
          label: compactLabel(text.slice(node.range.start, node.range.end)),
        });
      }
      for (const child of exprChildren(node)) visit(child);
    };
    if (statement.kind === 'def' || statement.kind === 'unsupported' || statement.kind === 'syntax-error')
      return;
    for (const expr of statementExprs(statement)) visit(expr);
  });
  return lenses.sort((a, b) => a.range.start - b.range.start);
}
