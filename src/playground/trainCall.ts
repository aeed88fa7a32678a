/**
 * Finding `train(...)` calls in a syntax tree and matching their arguments to
 * `train(X, y, hidden, lr, epochs, seed)`'s parameters. Pure: shared by the
 * CodeLens plan, the data extraction and the source rewrite.
 */

import type { Argument, CallExpr, Expr, Program, SliceExpr } from '../engine/ast';
import { exprChildren, statementExprs } from '../engine/parser';
import { PARAMS, type Param } from './protocol';

/** A `train(...)` call and the statement it sits in. */
export interface TrainCallSite {
  readonly call: CallExpr;
  readonly statementIndex: number;
}

/** A call's arguments by parameter, or why they do not fit `train`'s signature. */
export type BoundTrainArgs =
  | { readonly ok: true; readonly args: ReadonlyMap<Param, Argument> }
  | { readonly ok: false; readonly error: string };

function isTrainCall(node: Expr | SliceExpr): node is CallExpr {
  return node.kind === 'call' && node.callee.kind === 'name' && node.callee.name === 'train';
}

/**
 * Every `train(...)` call in source order (nested ones too), outside `def`
 * bodies: a call there has its arguments only when the function runs.
 */
export function findTrainCalls(program: Program): TrainCallSite[] {
  const sites: TrainCallSite[] = [];
  program.statements.forEach((statement, statementIndex) => {
    if (statement.kind === 'def') return;
    const stack: (Expr | SliceExpr)[] = statementExprs(statement).reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === 'lambda') continue;
      if (isTrainCall(node)) sites.push({ call: node, statementIndex });
      stack.push(...exprChildren(node).reverse());
    }
  });
  return sites.sort((a, b) => a.call.range.start - b.call.range.start);
}

/** The call starting exactly at `offset`, if any. */
export function trainCallAt(program: Program, offset: number): TrainCallSite | undefined {
  return findTrainCalls(program).find((site) => site.call.range.start === offset);
}

/** Matches arguments to parameters the way `train` binds them (positional, then by keyword). */
export function bindTrainArgs(call: CallExpr): BoundTrainArgs {
  const args = new Map<Param, Argument>();
  let positional = 0;
  for (const arg of call.args) {
    if (arg.name === undefined) {
      if (positional >= PARAMS.length) {
        return { ok: false, error: `train() takes at most ${PARAMS.length} positional arguments` };
      }
      args.set(PARAMS[positional++], arg);
      continue;
    }
    const param = PARAMS.find((p) => p === arg.name);
    if (!param) return { ok: false, error: `train() got an unexpected keyword argument '${arg.name}'` };
    if (args.has(param)) return { ok: false, error: `train() got multiple values for argument '${param}'` };
    args.set(param, arg);
  }
  return { ok: true, args };
}

/**
 * Where the call that started at `offset` is now, after an edit moved text
 * around it: the call starting there, else the call whose text contains
 * that offset (its start was edited), else undefined (it is gone).
 */
export function relocateTrainCall(program: Program, offset: number): number | undefined {
  const sites = findTrainCalls(program);
  const exact = sites.find((s) => s.call.range.start === offset);
  if (exact) return offset;
  const around = sites.filter((s) => s.call.range.start <= offset && offset < s.call.range.end);
  // The innermost call holding it, when calls nest.
  return around.length > 0 ? around[around.length - 1].call.range.start : undefined;
}
