/**
 * Atoms of the expression grammar: literals, names, strings and f-strings,
 * and the bracketed displays (tuples, lists, dicts, sets) with their
 * comprehensions. Postfix operations live in `postfix.ts` and operators in
 * `expressions.ts`; both extend this class.
 */

import type {
  ComprehensionClause,
  ComprehensionExpr,
  Expr,
  FStringField,
  NumberLiteral,
  Range,
  StarredExpr,
  Target,
} from '../ast';
import { KEYWORDS, type Token } from '../lexer';
import { Cursor, MAX_NESTING_DEPTH } from './cursor';
import { appendFStringParts, appendPart } from './fstring';

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

  /** One more level of recursion; fails past `MAX_NESTING_DEPTH` so no input overflows the stack. */
  protected enter(tok: Token): void {
    if (++this.depth > MAX_NESTING_DEPTH) {
      this.fail(`expression nested too deeply (limit ${MAX_NESTING_DEPTH})`, tok);
    }
  }

  /** One full expression: `lambda`, conditional, and everything below (Python's `test`). */
  abstract parseTest(): Expr;
  /** `a or b` and below: a comprehension's iterable and conditions. */
  protected abstract parseDisjunction(): Expr;
  /** `a | b` and below: what may follow a `*` or `**`. */
  protected abstract parseBitOr(): Expr;
  /** A target list up to `in`: `x`, `i, (a, b)`. */
  protected abstract parseTargetList(): Target;
  /** The document text `start`..`end` (an f-string field) parsed as an expression. */
  protected abstract parseEmbedded(start: number, end: number): Expr;

  protected parseAtom(): Expr {
    const t = this.peek();
    if (this.atEnd()) this.unexpected();
    switch (t.kind) {
      case 'number':
        this.next();
        return numberLiteral(t);
      case 'string':
        return this.parseStrings();
      case 'name':
        if (t.text === 'True' || t.text === 'False') {
          this.next();
          return { kind: 'bool', value: t.text === 'True', range: span(t) };
        }
        if (t.text === 'None') {
          this.next();
          return { kind: 'none', range: span(t) };
        }
        if (t.text === 'yield' || t.text === 'await') {
          this.fail(`'${t.text}' is not supported: generators and async code are out of scope`, t);
        }
        if (RESERVED.has(t.text)) this.unexpected();
        this.next();
        return { kind: 'name', name: t.text, range: span(t) };
      case 'op':
        if (t.text === '(') return this.parseParen();
        if (t.text === '[') return this.parseList();
        if (t.text === '{') return this.parseBrace();
        if (')]}'.includes(t.text) && t.text.length === 1) this.fail(`unmatched '${t.text}'`, t);
        if (t.text === '...') {
          this.next();
          return { kind: 'ellipsis', range: span(t) };
        }
        break;
    }
    return this.unexpected();
  }

  /** An item of a list, tuple, set or call: `*a` or an expression. */
  protected parseStarOrTest(): Expr {
    const star = this.eatOp('*');
    if (!star) return this.parseTest();
    this.enter(star);
    const value = this.parseBitOr();
    this.depth--;
    const node: StarredExpr = {
      kind: 'starred',
      value,
      range: { start: star.start, end: this.endOf(value) },
    };
    return node;
  }

  /**
   * Comma-separated items up to `closer` (a trailing comma is fine). Two
   * items with no comma between get CPython's "Perhaps you forgot a comma?".
   */
  protected parseItems(
    open: Token,
    closer: string,
    item: () => Expr | undefined,
  ): { close: Token; comma: boolean } {
    let comma = false;
    while (!this.isOp(closer)) {
      const e = item();
      if (this.eatOp(',')) {
        comma = true;
        continue;
      }
      if (e && this.canStartExpr() && !this.isOp(closer) && this.peek().kind !== 'error') {
        this.fail('invalid syntax. Perhaps you forgot a comma?', {
          start: this.startOf(e),
          end: this.peek().end,
        });
      }
      break;
    }
    return { close: this.expectClose(open, closer), comma };
  }

  protected expectClose(open: Token, closer: string): Token {
    if (this.isOp(closer)) return this.next();
    const t = this.peek();
    if (t.kind === 'newline' || t.kind === 'eof') this.fail(`'${open.text}' was never closed`, open);
    if (t.kind === 'op' && ')]}'.includes(t.text) && !this.atEnd()) {
      this.fail(`closing parenthesis '${t.text}' does not match opening parenthesis '${open.text}'`, t);
    }
    return this.unexpected();
  }

  /** `(e)`, `()`, `(a,)`, `(a, *b)`, `(x for x in y)`. */
  private parseParen(): Expr {
    const open = this.next();
    const items: Expr[] = [];
    let generator: Expr | undefined;
    const { close, comma } = this.parseItems(open, ')', () => {
      const item = this.parseStarOrTest();
      if (items.length === 0 && this.isName('for')) {
        generator = this.parseComprehension('generator', open, item);
        return undefined;
      }
      items.push(item);
      return item;
    });
    const range = { start: open.start, end: close.end };
    if (generator) return { ...(generator as ComprehensionExpr), range };
    if (items.length === 1 && !comma) {
      const inner = items[0];
      if (inner.kind === 'starred') this.fail("can't use starred expression here", inner.range);
      this.outer.set(inner, range);
      return inner;
    }
    return { kind: 'tuple', items, range };
  }

  /** `[a, *b]` or `[x for x in y]`. */
  private parseList(): Expr {
    const open = this.next();
    const items: Expr[] = [];
    let comprehension: ComprehensionExpr | undefined;
    const { close } = this.parseItems(open, ']', () => {
      const item = this.parseStarOrTest();
      if (items.length === 0 && this.isName('for')) {
        comprehension = this.parseComprehension('list', open, item);
        return undefined;
      }
      items.push(item);
      return item;
    });
    const range = { start: open.start, end: close.end };
    if (comprehension) return { ...comprehension, range };
    return { kind: 'list', items, range };
  }

  /** `{}`, `{k: v, **m}`, `{a, *b}`, and their comprehensions. */
  private parseBrace(): Expr {
    const open = this.next();
    const entries: { key?: Expr; value: Expr }[] = [];
    const items: Expr[] = [];
    let isDict: boolean | undefined;
    let comprehension: ComprehensionExpr | undefined;
    const { close } = this.parseItems(open, '}', () => {
      const first = isDict === undefined;
      const dstar = this.isOp('**') ? this.next() : undefined;
      if (dstar) {
        if (isDict === false) this.unexpected(undefined, dstar);
        isDict = true;
        this.enter(dstar);
        const value = this.parseBitOr();
        this.depth--;
        entries.push({ value });
        if (first && this.isName('for')) {
          this.fail('dict unpacking cannot be used in dict comprehension', {
            start: dstar.start,
            end: this.endOf(value),
          });
        }
        return value;
      }
      const key = this.parseStarOrTest();
      if (isDict !== false && key.kind !== 'starred' && this.eatOp(':')) {
        if (isDict === undefined) isDict = true;
        const value = this.parseTest();
        if (first && this.isName('for')) {
          comprehension = this.parseComprehension('dict', open, value, key);
          return undefined;
        }
        entries.push({ key, value });
        return value;
      }
      if (isDict) this.fail("':' expected after dictionary key", this.outerRange(key));
      isDict = false;
      if (first && this.isName('for')) {
        comprehension = this.parseComprehension('set', open, key);
        return undefined;
      }
      items.push(key);
      return key;
    });
    const range = { start: open.start, end: close.end };
    if (comprehension) return { ...comprehension, range };
    if (isDict === false) return { kind: 'set', items, range };
    return { kind: 'dict', entries, range };
  }

  /** The `for ... in ... if ...` clauses after `element`; the caller sets the final range. */
  protected parseComprehension(
    type: ComprehensionExpr['type'],
    open: Token,
    element: Expr,
    key?: Expr,
  ): ComprehensionExpr {
    if (element.kind === 'starred') {
      this.fail('iterable unpacking cannot be used in comprehension', element.range);
    }
    const clauses: ComprehensionClause[] = [];
    while (this.isName('for')) {
      const kw = this.next();
      const target = this.parseTargetList();
      if (!this.isName('in')) this.unexpected();
      this.next();
      const iter = this.parseDisjunction();
      const ifs: Expr[] = [];
      while (this.isName('if')) {
        this.next();
        ifs.push(this.parseDisjunction());
      }
      const last = ifs.length > 0 ? ifs[ifs.length - 1] : iter;
      clauses.push({ target, iter, ifs, range: { start: kw.start, end: this.endOf(last) } });
    }
    if (this.isName('async')) this.fail("'async' comprehensions are not supported", this.peek());
    const range = { start: open.start, end: this.lastEnd };
    return key
      ? { kind: 'comprehension', type, element, key, clauses, range }
      : { kind: 'comprehension', type, element, clauses, range };
  }

  /** Adjacent string literals join, as in Python: `'a' 'b'` is `'ab'`, `'a' f'{b}'` an f-string. */
  private parseStrings(): Expr {
    const first = this.peek();
    const tokens: Token[] = [];
    while (this.peek().kind === 'string' && !this.atEnd()) tokens.push(this.next());
    const last = tokens[tokens.length - 1];
    const range = { start: first.start, end: last.end };
    const bytes = tokens.filter((s) => s.prefix?.includes('b')).length;
    if (bytes > 0 && bytes < tokens.length) this.fail('cannot mix bytes and nonbytes literals', range);
    if (bytes > 0) this.fail('bytes literals are not supported', range);
    if (!tokens.some((s) => s.prefix?.includes('f'))) {
      return { kind: 'string', value: tokens.map((s) => s.text).join(''), range };
    }
    const parts: (string | FStringField)[] = [];
    for (const s of tokens) {
      if (s.prefix?.includes('f')) {
        appendFStringParts(this.text, s, parts, (start, end) => this.parseEmbedded(start, end));
      } else {
        appendPart(parts, s.text);
      }
    }
    return { kind: 'fstring', parts, range };
  }
}

/** The token's range as a fresh object. */
export function span(t: Token): Range {
  return { start: t.start, end: t.end };
}

function numberLiteral(t: Token): NumberLiteral {
  const node: NumberLiteral = { kind: 'number', value: t.value!, isInt: t.isInt!, range: span(t) };
  if (t.imaginary) return { ...node, imaginary: true };
  if (t.big !== undefined) return { ...node, big: t.big };
  return node;
}
