/**
 * Expression grammar: recursive descent with Python's precedence, lowest
 * first: `lambda`; `x if c else y`; `or`; `and`; `not`; comparisons (a
 * chain of two or more is one `compare` node); `|`; `^`; `&`; `<< >>`;
 * `+ -`; `* / // % @`; unary `- + ~`; `**` (right-associative, its right
 * side may be unary); then the operands of `postfix.ts` and `atoms.ts`.
 *
 * Recursion is bounded by `MAX_NESTING_DEPTH`; chains of binary operators
 * and postfix operations are loops, so only nesting costs stack.
 */

import type { BinaryOp, CompareOp, Expr, LambdaExpr, Target } from '../ast';
import { lex, type Token } from '../lexer';
import { ParseError } from './cursor';
import { PostfixParser } from './postfix';
import { toTarget } from './targets';

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
const TERM = new Set(['*', '/', '//', '%', '@']);
const SHIFT = new Set(['<<', '>>']);

export class ExpressionParser extends PostfixParser {
  /** `a` or a bare tuple `a, *b,` (right of `=`, after `return`, as a statement). */
  parseExprList(): Expr {
    const first = this.parseStarOrTest();
    if (!this.isOp(',')) return first;
    const items = [first];
    let end = this.endOf(first);
    while (this.isOp(',')) {
      end = this.next().end;
      if (!this.canStartExpr()) break;
      const item = this.parseStarOrTest();
      items.push(item);
      end = this.endOf(item);
    }
    return { kind: 'tuple', items, range: { start: this.startOf(first), end } };
  }

  /** `parseExprList` where a lone `*a` is not allowed (CPython: "can't use starred expression here"). */
  parseValueList(): Expr {
    const e = this.parseExprList();
    if (e.kind === 'starred') this.fail("can't use starred expression here", e.range);
    return e;
  }

  /** One expression, `lambda` and conditional included (Python's `test`). */
  parseTest(): Expr {
    const tok = this.peek();
    this.enter(tok);
    let e: Expr;
    if (tok.kind === 'name' && tok.text === 'lambda' && !this.atEnd()) {
      e = this.parseLambda();
    } else {
      e = this.parseDisjunction();
      if (this.isName('if')) {
        this.next();
        const test = this.parseDisjunction();
        if (!this.isName('else')) {
          this.fail("expected 'else' after 'if' expression", { start: this.startOf(e), end: this.lastEnd });
        }
        this.next();
        const orelse = this.parseTest();
        e = {
          kind: 'ifexp',
          test,
          body: e,
          orelse,
          range: { start: this.startOf(e), end: this.endOf(orelse) },
        };
      }
    }
    this.depth--;
    return e;
  }

  private parseLambda(): LambdaExpr {
    const kw = this.next();
    const params = this.parseParams(':');
    if (!this.eatOp(':')) this.unexpected();
    const body = this.parseTest();
    return { kind: 'lambda', params, body, range: { start: kw.start, end: this.endOf(body) } };
  }

  protected parseDisjunction(): Expr {
    return this.boolOp('or', () => this.parseConjunction());
  }

  private parseConjunction(): Expr {
    return this.boolOp('and', () => this.parseInversion());
  }

  /** `a and b and c` as one node with three values. */
  private boolOp(op: 'and' | 'or', operand: () => Expr): Expr {
    const first = operand();
    if (!this.isName(op)) return first;
    const values = [first];
    while (this.isName(op)) {
      this.next();
      values.push(operand());
    }
    const last = values[values.length - 1];
    return { kind: 'boolop', op, values, range: { start: this.startOf(first), end: this.endOf(last) } };
  }

  private parseInversion(): Expr {
    const t = this.peek();
    if (!this.isName('not')) return this.parseComparison();
    this.next();
    this.enter(t);
    const operand = this.parseInversion();
    this.depth--;
    return { kind: 'unary', op: 'not', operand, range: { start: t.start, end: this.endOf(operand) } };
  }

  private parseComparison(): Expr {
    const first = this.parseBitOr();
    const rest: { op: CompareOp; right: Expr; opRange: { start: number; end: number } }[] = [];
    for (;;) {
      const op = this.comparisonOp();
      if (!op) break;
      rest.push({ op: op.op, right: this.parseBitOr(), opRange: op.range });
    }
    if (rest.length === 0) return first;
    const last = rest[rest.length - 1].right;
    const range = { start: this.startOf(first), end: this.endOf(last) };
    if (rest.length === 1) {
      const { op, right, opRange } = rest[0];
      return { kind: 'binary', op, left: first, right, opRange, range };
    }
    return { kind: 'compare', first, rest, range };
  }

  /** Consumes a comparison operator (`not in` and `is not` are two tokens, one operator). */
  private comparisonOp(): { op: CompareOp; range: { start: number; end: number } } | undefined {
    if (this.atEnd()) return undefined;
    const t = this.peek();
    if (t.kind === 'op' && COMPARE.has(t.text)) {
      this.next();
      return { op: t.text as CompareOp, range: { start: t.start, end: t.end } };
    }
    if (t.kind !== 'name') return undefined;
    if (t.text === 'in') {
      this.next();
      return { op: 'in', range: { start: t.start, end: t.end } };
    }
    if (t.text === 'is') {
      this.next();
      const not = this.isName('not') ? this.next() : undefined;
      return { op: not ? 'is not' : 'is', range: { start: t.start, end: (not ?? t).end } };
    }
    const after = this.peekAt(1);
    if (t.text === 'not' && after.kind === 'name' && after.text === 'in' && this.index + 1 < this.end) {
      this.next();
      this.next();
      return { op: 'not in', range: { start: t.start, end: after.end } };
    }
    return undefined;
  }

  protected parseBitOr(): Expr {
    return this.leftAssoc(
      (t) => t === '|',
      () => this.parseXor(),
    );
  }

  private parseXor(): Expr {
    return this.leftAssoc(
      (t) => t === '^',
      () => this.parseBitAnd(),
    );
  }

  private parseBitAnd(): Expr {
    return this.leftAssoc(
      (t) => t === '&',
      () => this.parseShift(),
    );
  }

  private parseShift(): Expr {
    return this.leftAssoc(
      (t) => SHIFT.has(t),
      () => this.parseArith(),
    );
  }

  private parseArith(): Expr {
    return this.leftAssoc(
      (t) => t === '+' || t === '-',
      () => this.parseTerm(),
    );
  }

  private parseTerm(): Expr {
    return this.leftAssoc(
      (t) => TERM.has(t),
      () => this.parseFactor(),
    );
  }

  /** A left-associative chain of the operators `isOp` accepts, as a loop. */
  private leftAssoc(isOp: (text: string) => boolean, operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !isOp(t.text) || this.atEnd()) return left;
      this.next();
      left = this.binary(t, left, operand());
    }
  }

  private parseFactor(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && !this.atEnd() && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.next();
      this.enter(t);
      const operand = this.parseFactor();
      this.depth--;
      return { kind: 'unary', op: t.text, operand, range: { start: t.start, end: this.endOf(operand) } };
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

  /** A target item: `*rest` or an operand (`a`, `a[0]`, `a.b`, `(a, b)`). */
  protected parseTargetItem(): Expr {
    const star = this.eatOp('*');
    if (!star) return this.parsePostfix();
    const value = this.parsePostfix();
    return { kind: 'starred', value, range: { start: star.start, end: this.endOf(value) } };
  }

  /** `x` or `i, (a, b)` after `for`, stopping before `in`. */
  protected parseTargetList(): Target {
    const first = this.parseTargetItem();
    if (!this.isOp(',')) return toTarget(first, 'for', (e) => this.outerRange(e));
    const items = [first];
    let end = this.endOf(first);
    while (this.isOp(',')) {
      end = this.next().end;
      if (!this.isOp('*') && !this.canStartExpr()) break;
      const item = this.parseTargetItem();
      items.push(item);
      end = this.endOf(item);
    }
    const tuple: Expr = { kind: 'tuple', items, range: { start: this.startOf(first), end } };
    return toTarget(tuple, 'for', (e) => this.outerRange(e));
  }

  /**
   * An f-string field's expression: the document text `start`..`end`,
   * lexed as if parenthesised (a field may span lines) and parsed by a
   * fresh parser that continues this one's nesting depth.
   */
  protected parseEmbedded(start: number, end: number): Expr {
    const { tokens } = lex(`(${this.text.slice(start, end)})`);
    const shift = start - 1;
    const moved = tokens.map((t) => ({ ...t, start: t.start + shift, end: t.end + shift }));
    let close = moved.length - 1;
    while (close > 0 && (moved[close].kind === 'newline' || moved[close].kind === 'eof')) close--;
    const inner = new ExpressionParser(this.text);
    inner.reset(moved, 1, close);
    inner.depth = this.depth;
    const closing = moved[close];
    if (closing.kind !== 'op' || closing.text !== ')' || closing.end !== end + 1) {
      throw new ParseError('invalid syntax', { start, end });
    }
    const e = inner.parseExprList();
    if (!inner.atEnd() && inner.canStartExpr() && inner.peek().kind !== 'error') {
      // A field is parenthesised, so two operands in a row are CPython's missing-comma case.
      inner.fail('invalid syntax. Perhaps you forgot a comma?', {
        start: inner.startOf(e),
        end: inner.peek().end,
      });
    }
    if (!inner.atEnd()) inner.unexpected();
    if (e.kind === 'starred') inner.fail("can't use starred expression here", e.range);
    return e;
  }
}
