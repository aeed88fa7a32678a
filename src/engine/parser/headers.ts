/**
 * Headers of compound statements, from the keyword through the `:`:
 * `if test:`, `for target in iter:`, `while test:`, `def name(params):`,
 * `with item as target, ...:`. The cursor is left after the `:`, where a
 * one-line body may follow.
 */

import type { Expr, Param, Target } from '../ast';
import type { Token } from '../lexer';
import { StatementParser } from './statements';
import { toTarget } from './targets';

/** A `def` line up to and including its `:`. */
export interface DefHeader {
  readonly name: Token;
  readonly params: readonly Param[];
  readonly colon: Token;
}

export class HeaderParser extends StatementParser {
  /** `if test:`, `elif test:`, `while test:`. */
  parseTestHeader(): { test: Expr; colon: Token } {
    this.next();
    const test = this.parseTest();
    return { test, colon: this.expectOp(':') };
  }

  /** `else:` (also after a loop). */
  parseElseHeader(): Token {
    this.next();
    return this.expectOp(':');
  }

  /** `for target in iter:`; the iterable may be a bare tuple (`for x in a, b:`). */
  parseForHeader(): { target: Target; iter: Expr; colon: Token } {
    this.next();
    const target = this.parseTargetList();
    if (!this.isName('in')) this.unexpected();
    this.next();
    const iter = this.parseValueList();
    return { target, iter, colon: this.expectOp(':') };
  }

  /** `def name(params):`, an optional `-> annotation` read and dropped. */
  parseDefHeader(): DefHeader {
    this.next();
    const name = this.expectIdentifier();
    const open = this.expectOp('(');
    const params = this.parseParams(')');
    this.expectClose(open, ')');
    if (this.eatOp('->')) this.parseTest();
    return { name, params, colon: this.expectOp(':') };
  }

  /** `with a as b, c:` or the parenthesised form `with (a as b, c):`. */
  parseWithHeader(): { items: { context: Expr; target?: Target }[]; colon: Token } {
    this.next();
    const open = this.isOp('(') && this.parenthesisedWith() ? this.next() : undefined;
    const items: { context: Expr; target?: Target }[] = [];
    do {
      if (open && this.isOp(')')) break;
      const context = this.parseTest();
      if (this.isName('as')) {
        this.next();
        const target = toTarget(this.parseTargetItem(), 'with', (e) => this.outerRange(e));
        items.push({ context, target });
      } else {
        items.push({ context });
      }
    } while (this.eatOp(','));
    if (open) this.expectClose(open, ')');
    return { items, colon: this.expectOp(':') };
  }

  /**
   * Is the `(` after `with` the parenthesised item list, not the start of
   * an expression (`with (a):`, `with (yield)`)? It is when the matching `)`
   * is followed directly by the header's `:` and an `as` or a comma sits
   * directly inside the parentheses.
   */
  private parenthesisedWith(): boolean {
    let depth = 0;
    let listLike = false;
    for (let k = this.index; k < this.end; k++) {
      const t = this.tokens[k];
      if (t.kind === 'op' && '([{'.includes(t.text) && t.text.length === 1) depth++;
      else if (t.kind === 'op' && ')]}'.includes(t.text) && t.text.length === 1) {
        depth--;
        if (depth === 0) {
          const after = this.tokens[k + 1];
          return listLike && k + 1 < this.end && after.kind === 'op' && after.text === ':';
        }
      } else if (
        depth === 1 &&
        ((t.kind === 'name' && t.text === 'as') || (t.kind === 'op' && t.text === ','))
      ) {
        listLike = true;
      }
    }
    return false;
  }
}
