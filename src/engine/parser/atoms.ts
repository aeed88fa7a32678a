/**
 * Operands of the expression grammar: atoms (literals, names, brackets)
 * and their postfix operations (calls, indexing, attributes), plus the
 * parameter lists shared by `lambda` and `def`. Operators live in
 * `expressions.ts`, which extends this class.
 */

import type { Argument, Expr, Param, Range, SliceExpr } from '../ast';
import { KEYWORDS, type Token } from '../lexer';
import { Cursor, MAX_NESTING_DEPTH } from './cursor';

// A module-local binding: read on every name token, cheaper than an imported binding.
const RESERVED: ReadonlySet<string> = KEYWORDS;

export abstract class AtomParser extends Cursor {
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

  protected enter(tok: Token): void {
    if (++this.depth > MAX_NESTING_DEPTH) {
      this.fail(`expression nested too deeply (limit ${MAX_NESTING_DEPTH})`, tok);
    }
  }

  /** One full expression (implemented by the operator layer). */
  abstract parseTest(): Expr;

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

  protected parsePostfix(): Expr {
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
