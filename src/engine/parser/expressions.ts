/**
 * Expression grammar: recursive descent with Python's precedence, lowest
 * first: `lambda`; comparison; (bitwise, rejected); `+ -`; `* / // % @`;
 * unary `- +`; `**` (right-associative, its right side may be unary);
 * postfix call / index / attribute; atoms.
 *
 * Recursion is bounded by `MAX_NESTING_DEPTH`; chains of binary operators
 * and postfix operations are loops, so only nesting costs stack.
 */

import type { Argument, BinaryOp, Expr, LambdaExpr, Param, Range, SliceExpr } from '../ast';
import { KEYWORDS, type Token } from '../lexer';
import { Cursor, MAX_NESTING_DEPTH } from './cursor';

// A module-local binding: read on every name token, cheaper than an imported binding.
const RESERVED: ReadonlySet<string> = KEYWORDS;

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
const BITWISE = new Set(['|', '^', '&', '<<', '>>']);
const TERM = new Set(['*', '/', '//', '%', '@']);

export class ExpressionParser extends Cursor {
  /**
   * Range including enclosing parentheses, for parenthesised nodes: the node
   * itself keeps the range of its own text, but a parent spans the parens.
   */
  protected readonly outer = new Map<Expr, Range>();
  protected depth = 0;

  override reset(tokens: readonly Token[], from: number, end: number): void {
    super.reset(tokens, from, end);
    this.depth = 0;
  }

  protected startOf(e: Expr): number {
    return this.outer.get(e)?.start ?? e.range.start;
  }

  protected endOf(e: Expr): number {
    return this.outer.get(e)?.end ?? e.range.end;
  }

  /** `e`'s range with any enclosing parentheses. */
  protected outerRange(e: Expr): Range {
    return this.outer.get(e) ?? e.range;
  }

  private enter(tok: Token): void {
    if (++this.depth > MAX_NESTING_DEPTH) {
      this.fail(`expression nested too deeply (limit ${MAX_NESTING_DEPTH})`, tok);
    }
  }

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

  /** Parameters up to (not including) `closer`: `x, y=2`. */
  protected parseParams(closer: string): Param[] {
    const params: Param[] = [];
    const seen = new Set<string>();
    let sawDefault = false;
    while (!this.isOp(closer)) {
      const t = this.peek();
      if (t.kind === 'op' && (t.text === '*' || t.text === '**' || t.text === '/') && !this.atEnd()) {
        this.fail(`'${t.text}' in a parameter list is not supported in v1`, t);
      }
      const name = this.expectIdentifier('a parameter name');
      if (seen.has(name.text)) this.fail(`duplicate argument '${name.text}' in function definition`, name);
      seen.add(name.text);
      if (closer !== ':' && this.isOp(':'))
        this.fail('type annotations are not supported in v1', this.peek());
      let defaultValue: Expr | undefined;
      if (this.eatOp('=')) {
        defaultValue = this.parseTest();
        sawDefault = true;
      } else if (sawDefault) {
        this.fail('parameter without a default follows parameter with a default', name);
      }
      const end = defaultValue ? this.endOf(defaultValue) : name.end;
      params.push({ name: name.text, range: { start: name.start, end }, defaultValue });
      if (!this.eatOp(',')) break;
    }
    return params;
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

  private parsePostfix(): Expr {
    let e = this.parseAtom();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || this.atEnd()) return e;
      if (t.text === '(') {
        e = this.parseCall(e);
      } else if (t.text === '[') {
        e = this.parseIndex(e);
      } else if (t.text === '.') {
        this.next();
        const name = this.expectIdentifier("an attribute name after '.'");
        const nameRange = { start: name.start, end: name.end };
        e = {
          kind: 'attribute',
          object: e,
          name: name.text,
          nameRange,
          range: { start: this.startOf(e), end: name.end },
        };
      } else {
        return e;
      }
    }
  }

  private parseCall(callee: Expr): Expr {
    const open = this.next();
    const args: Argument[] = [];
    const names = new Set<string>();
    let sawKeyword = false;
    const { close } = this.parseItems(open, ')', () => {
      const arg = this.parseArgument();
      if (arg.name !== undefined) {
        if (names.has(arg.name)) this.fail(`keyword argument repeated: ${arg.name}`, arg.nameRange!);
        names.add(arg.name);
        sawKeyword = true;
      } else if (sawKeyword) {
        this.fail('positional argument follows keyword argument', arg.range);
      }
      args.push(arg);
    });
    return {
      kind: 'call',
      callee,
      args,
      argsRange: { start: open.start, end: close.end },
      range: { start: this.startOf(callee), end: close.end },
    };
  }

  private parseArgument(): Argument {
    const t = this.peek();
    const after = this.peekAt(1);
    if (t.kind === 'name' && !RESERVED.has(t.text) && after.kind === 'op' && after.text === '=') {
      this.next();
      this.next();
      const value = this.parseTest();
      const nameRange = { start: t.start, end: t.end };
      return { name: t.text, nameRange, value, range: { start: t.start, end: this.endOf(value) } };
    }
    const value = this.parseTest();
    if (this.isOp('=')) {
      this.fail('expression cannot contain assignment, perhaps you meant "=="?', {
        start: this.startOf(value),
        end: this.peek().end,
      });
    }
    return { value, range: this.outerRange(value) };
  }

  private parseIndex(object: Expr): Expr {
    const open = this.next();
    if (this.isOp(']')) this.unexpected('an index');
    const indices: (Expr | SliceExpr)[] = [];
    const { close } = this.parseItems(open, ']', () => {
      indices.push(this.parseSubscript());
    });
    return { kind: 'index', object, indices, range: { start: this.startOf(object), end: close.end } };
  }

  /** `i`, or a slice `start:stop:step` with any part left out. */
  private parseSubscript(): Expr | SliceExpr {
    let start: Expr | undefined;
    if (!this.isOp(':')) {
      start = this.parseTest();
      if (!this.isOp(':')) return start;
    }
    const colon = this.next();
    let end = colon.end;
    let stop: Expr | undefined;
    let step: Expr | undefined;
    if (this.canStartExpr()) {
      stop = this.parseTest();
      end = this.endOf(stop);
    }
    const colon2 = this.eatOp(':');
    if (colon2) {
      end = colon2.end;
      if (this.canStartExpr()) {
        step = this.parseTest();
        end = this.endOf(step);
      }
    }
    const first = start ? this.startOf(start) : colon.start;
    return { kind: 'slice', start, stop, step, range: { start: first, end } };
  }

  /** Comma-separated items up to `closer` (a trailing comma is fine); returns the closer and whether a comma was seen. */
  private parseItems(open: Token, closer: string, item: () => void): { close: Token; comma: boolean } {
    let comma = false;
    while (!this.isOp(closer)) {
      item();
      if (!this.eatOp(',')) break;
      comma = true;
    }
    return { close: this.expectClose(open, closer), comma };
  }

  private expectClose(open: Token, closer: string): Token {
    if (this.isOp(closer)) return this.next();
    const t = this.peek();
    if (t.kind === 'newline' || t.kind === 'eof') {
      this.fail(
        `unclosed '${open.text}' opened here (expected '${closer}' but found ${this.describe(t)})`,
        open,
      );
    }
    if (t.kind === 'op' && ')]}'.includes(t.text) && !this.atEnd()) {
      this.fail(`closing parenthesis '${t.text}' does not match opening parenthesis '${open.text}'`, t);
    }
    return this.unexpected(`',' or '${closer}'`);
  }

  private parseAtom(): Expr {
    const t = this.peek();
    if (this.atEnd()) this.unexpected('an expression');
    switch (t.kind) {
      case 'number':
        this.next();
        return { kind: 'number', value: t.value!, isInt: t.isInt!, range: { start: t.start, end: t.end } };
      case 'string':
        return this.parseStrings();
      case 'name':
        if (t.text === 'True' || t.text === 'False') {
          this.next();
          return { kind: 'bool', value: t.text === 'True', range: { start: t.start, end: t.end } };
        }
        if (t.text === 'None') {
          this.next();
          return { kind: 'none', range: { start: t.start, end: t.end } };
        }
        if (t.text === 'not') this.fail("the 'not' operator is not supported in v1", t);
        if (RESERVED.has(t.text)) this.unexpected('an expression');
        this.next();
        return { kind: 'name', name: t.text, range: { start: t.start, end: t.end } };
      case 'op':
        if (t.text === '(') return this.parseParen();
        if (t.text === '[') {
          const open = this.next();
          const items: Expr[] = [];
          const { close } = this.parseItems(open, ']', () => {
            items.push(this.parseTest());
          });
          return { kind: 'list', items, range: { start: open.start, end: close.end } };
        }
        if (t.text === '{') this.fail("dict and set literals ('{...}') are not supported in v1", t);
        if ((t.text === '*' || t.text === '**') && this.startsItem()) {
          this.fail(`unpacking with '${t.text}' is not supported in v1`, t);
        }
        break;
    }
    return this.unexpected('an expression');
  }

  /** Is the next token the first of a list item, argument or statement (where `*x` would unpack)? */
  private startsItem(): boolean {
    const prev = this.previous();
    return prev === undefined || (prev.kind === 'op' && ['(', '[', ',', '='].includes(prev.text));
  }

  /** `(e)`, `()`, `(a,)`, `(a, b)`. */
  private parseParen(): Expr {
    const open = this.next();
    const items: Expr[] = [];
    const { close, comma } = this.parseItems(open, ')', () => {
      items.push(this.parseTest());
    });
    const range = { start: open.start, end: close.end };
    if (items.length === 1 && !comma) {
      this.outer.set(items[0], range);
      return items[0];
    }
    return { kind: 'tuple', items, range };
  }

  /** Adjacent string literals join, as in Python: `'a' 'b'` is `'ab'`. */
  private parseStrings(): Expr {
    const first = this.peek();
    let value = '';
    let end = first.end;
    while (this.peek().kind === 'string' && !this.atEnd()) {
      const s = this.next();
      if (s.prefix?.includes('f')) this.fail('f-strings are not supported in v1', s);
      if (s.prefix?.includes('b')) this.fail('bytes literals are not supported in v1', s);
      value += s.text;
      end = s.end;
    }
    return { kind: 'string', value, range: { start: first.start, end } };
  }
}
