/**
 * Token cursor over one statement: the parser is handed the token slice of
 * a single statement, so it can never read past it, and a failure costs only
 * that statement.
 */

import type { Range } from '../ast';
import { isValueName, KEYWORDS, type Token } from '../lexer';

// A module-local binding: read on every name token, cheaper than an imported binding.
const RESERVED: ReadonlySet<string> = KEYWORDS;

/**
 * Why a statement failed to parse. Thrown inside the parser and turned into
 * a `SyntaxErrorStatement` at the statement boundary; never escapes `parse`.
 * Deliberately not an `Error`: capturing stack traces would make a file full
 * of bad lines slow to parse.
 */
export class ParseError {
  constructor(
    readonly message: string,
    readonly range: Range,
    /** Python's exception class for it: `IndentationError` for indentation errors. */
    readonly pythonType: 'SyntaxError' | 'IndentationError' = 'SyntaxError',
  ) {}
}

/** Deepest bracket/operator nesting the recursive descent follows before giving up. */
export const MAX_NESTING_DEPTH = 200;

export class Cursor {
  protected tokens: readonly Token[] = [];
  protected pos = 0;
  /** Index of the token that ends the statement (a `;` or `newline`); never consumed. */
  protected end = 0;
  /** End offset of the last consumed token. */
  protected lastEnd = 0;
  /** Index of the statement's first token. */
  private from = 0;

  constructor(protected readonly text: string) {}

  /** Points the cursor at tokens `from`..`end` (exclusive). */
  reset(tokens: readonly Token[], from: number, end: number): void {
    this.tokens = tokens;
    this.from = from;
    this.pos = from;
    this.end = end;
    this.lastEnd = tokens[from]?.start ?? 0;
  }

  protected peek(): Token {
    return this.tokens[Math.min(this.pos, this.end)];
  }

  protected peekAt(k: number): Token {
    const i = this.pos + k;
    return this.tokens[Math.min(i, this.end)];
  }

  protected next(): Token {
    const tok = this.peek();
    if (this.pos < this.end) {
      this.pos++;
      this.lastEnd = tok.end;
    }
    return tok;
  }

  /** Index of the next token. */
  get index(): number {
    return this.pos;
  }

  /** Number of tokens consumed since the last `reset`. */
  get consumed(): number {
    return this.pos - this.from;
  }

  /** The token before the next one, within this statement. */
  protected previous(): Token | undefined {
    return this.pos > this.from ? this.tokens[this.pos - 1] : undefined;
  }

  /** All of the statement's tokens are consumed. */
  atEnd(): boolean {
    return this.pos >= this.end;
  }

  protected isOp(op: string): boolean {
    const tok = this.peek();
    return tok.kind === 'op' && tok.text === op && this.pos < this.end;
  }

  protected eatOp(op: string): Token | undefined {
    return this.isOp(op) ? this.next() : undefined;
  }

  protected isName(name: string): boolean {
    const tok = this.peek();
    return tok.kind === 'name' && tok.text === name && this.pos < this.end;
  }

  protected isIdentifier(): boolean {
    const tok = this.peek();
    return this.pos < this.end && tok.kind === 'name' && !RESERVED.has(tok.text);
  }

  /** Consumes an identifier (not a keyword), or fails with Python's "invalid syntax". */
  protected expectIdentifier(): Token {
    if (!this.isIdentifier()) this.unexpected();
    return this.next();
  }

  /** Consumes `op`; for `:` and `(` a missing one gets Python's "expected ':'" message. */
  protected expectOp(op: string): Token {
    if (!this.isOp(op)) {
      if (op === ':' || op === '(') this.unexpected(`'${op}'`);
      this.unexpected();
    }
    return this.next();
  }

  /** Can the next token begin an expression (so a `,` before it is not a trailing comma)? */
  protected canStartExpr(): boolean {
    if (this.atEnd()) return false;
    const tok = this.peek();
    switch (tok.kind) {
      case 'number':
      case 'string':
      case 'error':
        return true;
      case 'name':
        return isValueName(tok.text) || tok.text === 'lambda' || tok.text === 'not' || tok.text === 'await';
      case 'op':
        return '([{-+~*'.includes(tok.text) || tok.text === '**' || tok.text === '...';
      default:
        return false;
    }
  }

  protected fail(message: string, range: Range): never {
    throw new ParseError(message, { start: range.start, end: range.end });
  }

  /**
   * Fails at `tok` the way CPython does: the error token's own message, or
   * "expected ':'" when `expected` names the one token that must come, or
   * "invalid syntax". (The missing-comma hint is given where items are read.)
   */
  protected unexpected(expected?: string, tok: Token = this.peek()): never {
    if (tok.kind === 'error') this.fail(tok.message ?? 'invalid syntax', tok);
    // At the end of a line the error is where the line ends, not on its line break.
    const at = tok.kind === 'newline' || tok.kind === 'eof' ? { start: tok.start, end: tok.start } : tok;
    if (tok.kind === 'op' && tok.text === ':=') {
      this.fail("assignment expressions (':=') are not supported", tok);
    }
    if (expected !== undefined) this.fail(`expected ${expected}`, at);
    this.fail('invalid syntax', at);
  }
}
