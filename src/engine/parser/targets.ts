/**
 * Turning a parsed expression into a `Target` (left of `=`, after `for`,
 * `as` or `del`), with CPython's message for what cannot be one. The parser
 * reads a target as an expression first because it only learns it was a
 * target when it meets the `=`.
 */

import type { AttributeExpr, Expr, IndexExpr, NameExpr, Range, Target } from '../ast';
import { ParseError } from './cursor';

/** Where the target stands; it decides CPython's wording. */
export type TargetContext = 'assign' | 'assign-chained' | 'for' | 'with' | 'del';

/** `e`'s range with enclosing parentheses, as the parser knows it. */
export type OuterRange = (e: Expr) => Range;

/**
 * `e` as a target, or a `ParseError` worded as CPython words it:
 * `cannot assign to function call here. Maybe you meant '==' instead of '='?`
 * (the hint only for the first target of an `=`), `cannot delete literal`...
 */
export function toTarget(e: Expr, context: TargetContext, outer: OuterRange): Target {
  const target = convert(e, context, outer, false);
  if (target.kind === 'star-target') {
    const message =
      context === 'del' ? 'cannot delete starred' : 'starred assignment target must be in a list or tuple';
    throw new ParseError(message, outer(e));
  }
  return target;
}

function convert(e: Expr, context: TargetContext, outer: OuterRange, inSequence: boolean): Target {
  switch (e.kind) {
    case 'name':
    case 'index':
    case 'attribute':
      return e;
    case 'tuple':
    case 'list': {
      const items = e.items.map((item) => convert(item, context, outer, true));
      const stars = items.filter((item) => item.kind === 'star-target');
      if (stars.length > 1 && context !== 'del') {
        throw new ParseError('multiple starred expressions in assignment', outer(e));
      }
      return { kind: 'targets', items, range: e.range };
    }
    case 'starred': {
      if (context === 'del') throw new ParseError('cannot delete starred', outer(e));
      const inner = convert(e.value, context, outer, inSequence);
      if (inner.kind === 'star-target') throw new ParseError(invalid(e, context), outer(e));
      return { kind: 'star-target', target: inner, range: e.range };
    }
    default:
      throw new ParseError(invalid(e, context), outer(e));
  }
}

/** CPython's message for `e`, which cannot be a target in `context`. */
function invalid(e: Expr, context: TargetContext): string {
  const [what, hint] = describe(e);
  if (context === 'del') return `cannot delete ${what}`;
  if (what === 'True' || what === 'False' || what === 'None') return `cannot assign to ${what}`;
  const suffix = hint && context === 'assign' ? " here. Maybe you meant '==' instead of '='?" : '';
  return `cannot assign to ${what}${suffix}`;
}

/** CPython's name for an expression's kind, and whether its '=' hint applies. */
function describe(e: Expr): [string, boolean] {
  switch (e.kind) {
    case 'bool':
      return [e.value ? 'True' : 'False', false];
    case 'none':
      return ['None', false];
    case 'number':
    case 'string':
      return ['literal', true];
    case 'fstring':
      return ['f-string expression', true];
    case 'ellipsis':
      return ['ellipsis', true];
    case 'call':
      return ['function call', true];
    case 'dict':
      return ['dict literal', true];
    case 'set':
      return ['set display', true];
    case 'comprehension':
      return e.type === 'generator' ? ['generator expression', false] : [`${e.type} comprehension`, true];
    case 'compare':
      return ['comparison', false];
    case 'binary':
      return isComparison(e.op) ? ['comparison', false] : ['expression', true];
    case 'unary':
      return ['expression', e.op !== 'not'];
    case 'ifexp':
      return ['conditional expression', false];
    case 'lambda':
      return ['lambda', false];
    case 'starred':
      return ['starred', false];
    default:
      return ['expression', false];
  }
}

function isComparison(op: string): boolean {
  return ['==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is', 'is not'].includes(op);
}

/** The target of `x += 1`: a name, subscript or attribute, or CPython's message. */
export function toAugTarget(e: Expr, outer: OuterRange): NameExpr | IndexExpr | AttributeExpr {
  if (e.kind === 'name' || e.kind === 'index' || e.kind === 'attribute') return e;
  const what = e.kind === 'tuple' || e.kind === 'list' ? e.kind : describe(e)[0];
  throw new ParseError(`'${what}' is an illegal expression for augmented assignment`, outer(e));
}
