/**
 * Expression grammar: recursive descent with Python's precedence, lowest
 * first: `lambda`; comparison; (bitwise, rejected); `+ -`; `* / // % @`;
 * unary `- +`; `**` (right-associative, its right side may be unary);
 * then the operands of `atoms.ts` (postfix call / index / attribute; atoms).
 *
 * Recursion is bounded by `MAX_NESTING_DEPTH`; chains of binary operators
 * and postfix operations are loops, so only nesting costs stack.
 */

import type { BinaryOp, Expr, LambdaExpr } from '../ast';
import type { Token } from '../lexer';
import { AtomParser } from './atoms';

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
const BITWISE = new Set(['|', '^', '&', '<<', '>>']);
const TERM = new Set(['*', '/', '//', '%', '@']);

export class ExpressionParser extends AtomParser {
  /** `a` or a bare tuple `a, b,` (right of `=`, after `return`, as a statement). */
  parseExprList(): Expr {
    const first = this.parseTest();
    if (!this.isOp(',')) return first;
    const items = [first];
    let end = this.endOf(first);
    while (this.isOp(',')) {
      end = this.next().end;
      if (!this.canStartExpr()) break;
      const item = this.parseTest();
      items.push(item);
      end = this.endOf(item);
    }
    return { kind: 'tuple', items, range: { start: this.startOf(first), end } };
  }

  /** One expression, `lambda` included (Python's `test`). */
  parseTest(): Expr {
    const tok = this.peek();
    this.enter(tok);
    let e: Expr;
    if (tok.kind === 'name' && tok.text === 'lambda' && !this.atEnd()) {
      e = this.parseLambda();
    } else {
      e = this.parseComparison();
      const t = this.peek();
      if (t.kind === 'name' && !this.atEnd()) {
        if (t.text === 'if') {
          this.fail("conditional expressions ('a if condition else b') are not supported in v1", t);
        }
        if (t.text === 'and' || t.text === 'or')
          this.fail(`the '${t.text}' operator is not supported in v1`, t);
        if (t.text === 'for') this.fail('comprehensions are not supported in v1', t);
      }
    }
    this.depth--;
    return e;
  }

  private parseLambda(): LambdaExpr {
    const kw = this.next();
    const params = this.parseParams(':');
    if (!this.isOp(':')) this.unexpected(params.length > 0 ? "',' or ':'" : "a parameter name or ':'");
    this.next();
    const body = this.parseTest();
    return { kind: 'lambda', params, body, range: { start: kw.start, end: this.endOf(body) } };
  }

  private parseComparison(): Expr {
    const left = this.parseBitwise();
    const op = this.comparisonOp();
    if (!op) return left;
    this.next();
    const node = this.binary(op, left, this.parseBitwise());
    const again = this.comparisonOp();
    if (again) {
      this.fail(
        "chained comparisons like 'a < b < c' are not supported; compare two values at a time",
        again,
      );
    }
    return node;
  }

  private comparisonOp(): Token | undefined {
    if (this.atEnd()) return undefined;
    const t = this.peek();
    if (t.kind === 'op' && COMPARE.has(t.text)) return t;
    if (t.kind === 'name' && (t.text === 'in' || t.text === 'is')) {
      this.fail(`the '${t.text}' operator is not supported in v1`, t);
    }
    if (t.kind === 'name' && t.text === 'not' && this.peekAt(1).text === 'in') {
      this.fail("the 'not in' operator is not supported in v1", { start: t.start, end: this.peekAt(1).end });
    }
    return undefined;
  }

  /** `| ^ & << >>` are rejected where they would bind, so the message lands on the operator. */
  private parseBitwise(): Expr {
    const e = this.parseArith();
    const t = this.peek();
    if (t.kind === 'op' && BITWISE.has(t.text) && !this.atEnd()) {
      this.fail(`bitwise operators ('${t.text}') are not supported in v1`, t);
    }
    return e;
  }

  private parseArith(): Expr {
    let left = this.parseTerm();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '+' && t.text !== '-') || this.atEnd()) return left;
      this.next();
      left = this.binary(t, left, this.parseTerm());
    }
  }

  private parseTerm(): Expr {
    let left = this.parseFactor();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !TERM.has(t.text) || this.atEnd()) return left;
      this.next();
      left = this.binary(t, left, this.parseFactor());
    }
  }

  private parseFactor(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && !this.atEnd()) {
      if (t.text === '-' || t.text === '+') {
        this.next();
        this.enter(t);
        const operand = this.parseFactor();
        this.depth--;
        return { kind: 'unary', op: t.text, operand, range: { start: t.start, end: this.endOf(operand) } };
      }
      if (t.text === '~') this.fail("the '~' operator is not supported in v1", t);
    }
    return this.parsePower();
  }

  private parsePower(): Expr {
    const base = this.parsePostfix();
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== '**' || this.atEnd()) return base;
    this.next();
    this.enter(t);
    // The exponent is a factor, so `2 ** -1` works and `2 ** 3 ** 2` groups to the right.
    const exponent = this.parseFactor();
    this.depth--;
    return this.binary(t, base, exponent);
  }

  private binary(op: Token, left: Expr, right: Expr): Expr {
    return {
      kind: 'binary',
      op: op.text as BinaryOp,
      left,
      right,
      opRange: { start: op.start, end: op.end },
      range: { start: this.startOf(left), end: this.endOf(right) },
    };
  }
}
