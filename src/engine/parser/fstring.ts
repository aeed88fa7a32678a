/**
 * F-string bodies (`f"loss {loss:.4f}"`) split into literal text and
 * fields, with Python 3.11's rules and messages. The expression of a field
 * is handed back to the expression parser with its document offsets, so its
 * nodes' ranges point into the string as written.
 */

import type { Expr, FStringExpr, FStringField, Range } from '../ast';
import type { Token } from '../lexer';
import { decodeEscapes } from './chars';
import { ParseError } from './cursor';

/** Parses the document text `start`..`end` as one expression. */
export type ParseEmbedded = (start: number, end: number) => Expr;

/** Python 3.11 allows a field inside a format spec, but no deeper. */
const MAX_SPEC_NESTING = 2;

/** Where a string token's body lies, between its quotes. */
export function stringBody(text: string, tok: Token): { start: number; end: number; raw: boolean } {
  const prefix = tok.prefix ?? '';
  const quotePos = tok.start + prefix.length;
  const q = text.charCodeAt(quotePos);
  const triple = text.charCodeAt(quotePos + 1) === q && text.charCodeAt(quotePos + 2) === q;
  const quoteLen = triple ? 3 : 1;
  return { start: quotePos + quoteLen, end: tok.end - quoteLen, raw: prefix.includes('r') };
}

/**
 * Appends the parts of the f-string token `tok` to `parts`, joining literal
 * text with a literal already at the end (adjacent literals concatenate).
 */
export function appendFStringParts(
  text: string,
  tok: Token,
  parts: (string | FStringField)[],
  parseEmbedded: ParseEmbedded,
): void {
  const body = stringBody(text, tok);
  const scanner = new FStringScanner(text, body.end, body.raw, parseEmbedded);
  const { parts: own } = scanner.body(body.start, 0);
  for (const part of own) appendPart(parts, part);
}

/** Adds `part`, merging two literal texts in a row. */
export function appendPart(parts: (string | FStringField)[], part: string | FStringField): void {
  const last = parts.length - 1;
  if (typeof part === 'string') {
    if (part === '') return;
    if (last >= 0 && typeof parts[last] === 'string') parts[last] = (parts[last] as string) + part;
    else parts.push(part);
  } else {
    parts.push(part);
  }
}

class FStringScanner {
  constructor(
    private readonly text: string,
    /** End of the string's body (its closing quote). */
    private readonly bodyEnd: number,
    private readonly raw: boolean,
    private readonly parseEmbedded: ParseEmbedded,
  ) {}

  private fail(message: string, at: number, end = at): never {
    throw new ParseError(`f-string: ${message}`, { start: at, end: Math.max(at, end) });
  }

  /**
   * Literal text and fields from `from`, to the end of the body or, inside a
   * format spec (`nesting` > 0), to the `}` closing the field.
   */
  body(from: number, nesting: number): { parts: (string | FStringField)[]; end: number } {
    const text = this.text;
    const parts: (string | FStringField)[] = [];
    let literalStart = from;
    const flush = (to: number) => appendPart(parts, this.literal(literalStart, to));
    let i = from;
    while (i < this.bodyEnd) {
      const c = text.charCodeAt(i);
      if (c === 92 && !this.raw) {
        // An escape; `\N{NAME}` holds braces that are not a field.
        if (text[i + 1] === 'N' && text[i + 2] === '{') {
          const close = text.indexOf('}', i + 3);
          i = close < 0 || close >= this.bodyEnd ? i + 3 : close + 1;
        } else if (text[i + 1] !== '{' && text[i + 1] !== '}') {
          i += 2;
        } else {
          i++;
        }
      } else if (c === 123) {
        if (text.charCodeAt(i + 1) === 123 && nesting === 0) {
          flush(i + 1);
          i += 2;
          literalStart = i;
          continue;
        }
        flush(i);
        if (nesting >= MAX_SPEC_NESTING) this.fail('expressions nested too deeply', i);
        const field = this.field(i, nesting);
        parts.push(field);
        i = field.range.end;
        literalStart = i;
      } else if (c === 125) {
        if (nesting > 0) {
          flush(i);
          return { parts, end: i };
        }
        if (text.charCodeAt(i + 1) !== 125) this.fail("single '}' is not allowed", i, i + 1);
        flush(i + 1);
        i += 2;
        literalStart = i;
      } else {
        i++;
      }
    }
    if (nesting > 0) this.fail("expecting '}'", this.bodyEnd);
    flush(this.bodyEnd);
    return { parts, end: this.bodyEnd };
  }

  private literal(start: number, end: number): string {
    const raw = this.text.slice(start, end);
    return this.raw ? raw : decodeEscapes(raw);
  }

  /** The field whose `{` is at `open`. */
  private field(open: number, nesting: number): FStringField {
    const text = this.text;
    const exprStart = open + 1;
    const stop = this.expressionEnd(exprStart);
    let exprEnd = stop;
    let i = stop;
    let debugText: string | undefined;
    if (text[i] === '=') {
      exprEnd = i;
      i++;
      while (i < this.bodyEnd && ' \t\n\r\f'.includes(text[i])) i++;
      debugText = text.slice(exprStart, i);
    }
    if (text.slice(exprStart, exprEnd).trim() === '') this.fail('empty expression not allowed', exprEnd);
    const expr = this.embedded(exprStart, exprEnd);
    let conversion: FStringField['conversion'];
    if (text[i] === '!') {
      const c = text[i + 1];
      const after = text[i + 2];
      if ((c !== 'r' && c !== 's' && c !== 'a') || (after !== ':' && after !== '}')) {
        this.fail("invalid conversion character: expected 's', 'r', or 'a'", i + 1);
      }
      conversion = c;
      i += 2;
    }
    let spec: FStringExpr | undefined;
    if (text[i] === ':') {
      const inner = this.body(i + 1, nesting + 1);
      spec = { kind: 'fstring', parts: inner.parts, range: { start: i + 1, end: inner.end } };
      i = inner.end;
    }
    if (text[i] !== '}' || i >= this.bodyEnd) this.fail("expecting '}'", Math.min(i, this.bodyEnd));
    const range: Range = { start: open, end: i + 1 };
    const field: FStringField = { expr, range };
    return {
      ...field,
      ...(conversion ? { conversion } : {}),
      ...(spec ? { spec } : {}),
      ...(debugText !== undefined ? { debugText } : {}),
    };
  }

  /** The expression, re-parsed from the document; its errors read as f-string errors. */
  private embedded(start: number, end: number): Expr {
    try {
      return this.parseEmbedded(start, end);
    } catch (e) {
      if (!(e instanceof ParseError) || e.message.startsWith('f-string')) throw e;
      throw new ParseError(`f-string: ${e.message}`, e.range);
    }
  }

  /**
   * Where the field's expression ends: at the first `}`, `!` (not `!=`),
   * `:` or `=` (the `{x=}` form) outside brackets and strings.
   */
  private expressionEnd(from: number): number {
    const text = this.text;
    let depth = 0;
    let i = from;
    while (i < this.bodyEnd) {
      const c = text[i];
      if (c === "'" || c === '"') {
        i = this.skipString(i);
        continue;
      }
      if (c === '\\') this.fail('expression part cannot include a backslash', i, i + 1);
      if (c === '#') this.fail("expression part cannot include '#'", i, i + 1);
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || (c === '}' && depth > 0)) depth--;
      else if (depth === 0) {
        const next = text[i + 1];
        if (c === '}' || c === ':') return i;
        if (c === '!' && next !== '=') return i;
        if (c === '=' && next !== '=' && !'=!<>'.includes(text[i - 1])) return i;
        if (c === '=' && next === '=') i++;
      }
      i++;
    }
    return this.fail("expecting '}'", this.bodyEnd);
  }

  /** Index after the string literal whose quote is at `at`. */
  private skipString(at: number): number {
    const text = this.text;
    const q = text[at];
    const triple = text[at + 1] === q && text[at + 2] === q;
    const closer = triple ? q.repeat(3) : q;
    const close = text.indexOf(closer, at + closer.length);
    if (close < 0 || close + closer.length > this.bodyEnd) this.fail("expecting '}'", this.bodyEnd);
    return close + closer.length;
  }
}
