/**
 * Blocks: compound statements (`if`/`elif`/`else`, `for`, `while`, `def`,
 * `with`) with one-line or indented bodies, nested to any depth within
 * Python's own limits, and the constructs the language does not run
 * (`class`, `try`, `async`, decorators, `match`, `yield`) as one
 * `UnsupportedStatement` each. Works on the logical lines of one top-level
 * statement; any error is thrown as a `ParseError`, and the program driver
 * turns the whole top-level statement into one syntax error.
 */

import type { Block, Statement, UnsupportedStatement } from '../ast';
import type { LogicalLine, Token } from '../lexer';
import { span } from './atoms';
import { ParseError } from './cursor';
import { HeaderParser } from './headers';
import type { StatementContext } from './statements';

/** Python's tokenizer allows 100 indentation levels, the top level included. */
export const MAX_INDENT_LEVELS = 100;
/** CPython's limit on nested loops, `with` and `try` blocks in one function. */
const MAX_STATIC_BLOCKS = 20;

/** Keywords that open a block of a construct the language does not run. */
const UNSUPPORTED = new Set(['class', 'try', 'async']);
/** Clauses that only continue a statement above; one that starts a statement is "invalid syntax". */
const CLAUSES = new Set(['elif', 'else', 'except', 'finally']);
const COMPOUND = new Set(['if', 'for', 'while', 'def', 'with', ...UNSUPPORTED, ...CLAUSES]);

/** How CPython names each header in "expected an indented block after ...". */
const HEADER_NAME: Record<string, string> = {
  def: 'function definition',
  class: 'class definition',
};

interface Context extends StatementContext {
  /** Enclosing loops and `with` blocks in this function (CPython allows 20). */
  readonly blocks: number;
  /** Block bodies entered so far; the top level is 0. */
  readonly levels: number;
}

/** The context of a top-level statement. */
const TOP: Context = { inLoop: false, inFunction: false, blocks: 0, levels: 0 };

/**
 * Which clause keywords may continue a statement whose last clause began
 * with `keyword` (`first` is the statement's own keyword): `elif`/`else`
 * after `if`, `else` after a loop, `except`/`else`/`finally` after `try`,
 * the decorated `def`/`class` after a decorator.
 */
export function continuations(first: string, keyword: string): readonly string[] {
  switch (keyword) {
    case 'if':
    case 'elif':
      return ['elif', 'else'];
    case 'for':
    case 'while':
      return ['else'];
    case 'try':
    case 'except':
      return ['except', 'else', 'finally'];
    case 'else':
      return first === 'try' ? ['finally'] : [];
    case '@':
      return ['@', 'def', 'class', 'async'];
    default:
      return [];
  }
}

/** Does the statement starting at `tok` open a block (or a construct that owns the lines below it)? */
export function opensBlock(tok: Token, next: Token): boolean {
  if (tok.kind === 'op') return tok.text === '@';
  if (tok.kind !== 'name') return false;
  return COMPOUND.has(tok.text) || isMatchStatement(tok, next);
}

/** `match x:` (a soft keyword): `match` followed by an operand, not `match = ...` or `match(...)` as a call. */
function isMatchStatement(tok: Token, next: Token): boolean {
  if (tok.text !== 'match') return false;
  return (
    next.kind === 'name' ||
    next.kind === 'number' ||
    next.kind === 'string' ||
    (next.kind === 'op' && '[{-'.includes(next.text) && next.text.length === 1)
  );
}

export class BlockParser {
  private readonly p: HeaderParser;
  /** One past the last line of the statement being parsed. */
  private limit = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly lines: readonly LogicalLine[],
    /** The document's 1-based line number of an offset, for CPython's messages. */
    private readonly lineNumber: (offset: number) => number,
  ) {
    this.p = new HeaderParser(text);
  }

  /**
   * The compound statement opening line `i` of a top-level statement whose
   * lines are `i`..`limit` (exclusive). Fails unless it uses all of them.
   */
  parseTopLevel(i: number, limit: number): Statement {
    this.limit = limit;
    const out: Statement[] = [];
    const j = this.parseLine(i, TOP, out);
    if (j < limit) {
      // A line the statement did not take: indented after a one-line body, or a stray clause (`else:`).
      const line = this.lines[j];
      if (line.indent > 0) this.indentationError('unexpected indent', line);
      throw new ParseError('invalid syntax', span(this.tokens[line.first]));
    }
    return out[0];
  }

  /** The simple statements of `;` segments `s`..`end` of one line (a one-line body or a top-level line). */
  parseSimpleLine(s: number, end: number, context: StatementContext, out: Statement[]): void {
    let k = s;
    while (k < end) {
      const seg = segmentEnd(this.tokens, k, end);
      out.push(...this.parseSegment(k, seg, context));
      k = seg + 1;
    }
  }

  /** One `;` segment: a simple statement, or an error for an empty one or a misplaced compound statement. */
  parseSegment(s: number, seg: number, context: StatementContext): Statement[] {
    const first = this.tokens[s];
    if (s === seg) throw new ParseError('invalid syntax', span(first));
    for (let k = s; k < seg; k++) {
      const t = this.tokens[k];
      if (t.kind === 'error') throw new ParseError(t.message ?? 'invalid syntax', span(t));
    }
    if (opensBlock(first, this.tokens[s + 1])) throw new ParseError('invalid syntax', span(first));
    if (first.kind === 'name' && (first.text === 'yield' || first.text === 'await')) {
      return [unsupported(first, { start: first.start, end: this.tokens[seg - 1].end })];
    }
    this.p.reset(this.tokens, s, seg);
    return this.p.parseSimpleStatement(context);
  }

  /** Parses logical line `j` into `out`; returns the index of the next line to parse. */
  private parseLine(j: number, context: Context, out: Statement[]): number {
    const line = this.lines[j];
    const first = this.tokens[line.first];
    if (!opensBlock(first, this.tokens[line.first + 1])) {
      this.parseSimpleLine(line.first, line.newline, context, out);
      return j + 1;
    }
    if (CLAUSES.has(first.text)) throw new ParseError('invalid syntax', span(first));
    if (first.kind === 'op' || UNSUPPORTED.has(first.text) || first.text === 'match') {
      return this.unsupported(j, out);
    }
    switch (first.text) {
      case 'if':
        return this.parseIf(j, context, out, false);
      case 'for':
      case 'while':
        return this.parseLoop(j, context, out);
      case 'def':
        return this.parseDef(j, context, out);
      default:
        return this.parseWith(j, context, out);
    }
  }

  private parseIf(j: number, context: Context, out: Statement[], elif: boolean): number {
    const line = this.lines[j];
    const kw = this.tokens[line.first];
    const { test, colon } = this.header(j, () => this.p.parseTestHeader());
    const headerRange = { start: kw.start, end: colon.end };
    let next = this.parseBody(j, kw, colon, context);
    const body = next.body;
    let orelse: Statement[] = [];
    const clause = this.clauseAt(next.line, line.indent);
    if (clause === 'elif') {
      const inner: Statement[] = [];
      next = { body, line: this.parseIf(next.line, context, inner, true) };
      orelse = inner;
    } else if (clause === 'else') {
      next = this.parseElse(next.line, context);
      orelse = next.body;
    }
    const last = orelse.length > 0 ? orelse : body;
    const range = { start: kw.start, end: last[last.length - 1].range.end };
    out.push({ kind: 'if', test, body, orelse, ...(elif ? { elif: true } : {}), headerRange, range });
    return next.line;
  }

  private parseLoop(j: number, context: Context, out: Statement[]): number {
    const line = this.lines[j];
    const kw = this.tokens[line.first];
    const inner = this.enterBlock(kw, context);
    const isFor = kw.text === 'for';
    const forHeader = isFor ? this.header(j, () => this.p.parseForHeader()) : undefined;
    const whileHeader = isFor ? undefined : this.header(j, () => this.p.parseTestHeader());
    const colon = (forHeader ?? whileHeader)!.colon;
    const headerRange = { start: kw.start, end: colon.end };
    let next = this.parseBody(j, kw, colon, { ...inner, inLoop: true });
    const body = next.body;
    let orelse: Block = [];
    if (this.clauseAt(next.line, line.indent) === 'else') {
      // The `else` block runs after the loop, so `break` there belongs to an outer loop.
      next = this.parseElse(next.line, context);
      orelse = next.body;
    }
    const last = orelse.length > 0 ? orelse : body;
    const range = { start: kw.start, end: last[last.length - 1].range.end };
    if (forHeader) {
      const { target, iter } = forHeader;
      out.push({ kind: 'for', target, iter, body, orelse, headerRange, range });
    } else {
      out.push({ kind: 'while', test: whileHeader!.test, body, orelse, headerRange, range });
    }
    return next.line;
  }

  private parseDef(j: number, context: Context, out: Statement[]): number {
    const kw = this.tokens[this.lines[j].first];
    const { name, params, colon } = this.header(j, () => this.p.parseDefHeader());
    const inner: Context = { inLoop: false, inFunction: true, blocks: 0, levels: context.levels };
    const next = this.parseBody(j, kw, colon, inner);
    const range = { start: kw.start, end: next.body[next.body.length - 1].range.end };
    out.push({
      kind: 'def',
      name: name.text,
      nameRange: span(name),
      params,
      body: next.body,
      headerRange: { start: kw.start, end: colon.end },
      range,
    });
    return next.line;
  }

  private parseWith(j: number, context: Context, out: Statement[]): number {
    const kw = this.tokens[this.lines[j].first];
    const inner = this.enterBlock(kw, context);
    const { items, colon } = this.header(j, () => this.p.parseWithHeader());
    const next = this.parseBody(j, kw, colon, inner);
    const range = { start: kw.start, end: next.body[next.body.length - 1].range.end };
    out.push({
      kind: 'with',
      items,
      body: next.body,
      headerRange: { start: kw.start, end: colon.end },
      range,
    });
    return next.line;
  }

  /** The `else:` clause on line `j` and its body. */
  private parseElse(j: number, context: Context): { body: Statement[]; line: number } {
    const kw = this.tokens[this.lines[j].first];
    const colon = this.header(j, () => this.p.parseElseHeader());
    return this.parseBody(j, kw, colon, context);
  }

  /** Parses a header on line `j` with the cursor over the whole line. */
  private header<T>(j: number, parse: () => T): T {
    const line = this.lines[j];
    this.p.reset(this.tokens, line.first, line.newline);
    return parse();
  }

  private enterBlock(kw: Token, context: Context): Context {
    if (context.blocks + 1 > MAX_STATIC_BLOCKS)
      throw new ParseError('too many statically nested blocks', span(kw));
    return { ...context, blocks: context.blocks + 1 };
  }

  /** The clause keyword (`elif`, `else`) opening line `j` at `indent`, if that line belongs to this statement. */
  private clauseAt(j: number, indent: number): string | undefined {
    if (j >= this.limit || this.lines[j].indent !== indent) return undefined;
    const t = this.tokens[this.lines[j].first];
    return t.kind === 'name' && (t.text === 'elif' || t.text === 'else') ? t.text : undefined;
  }

  /**
   * The body after the header whose `:` is `colon` on line `j`: the rest of
   * that line (`for i in x: a; b`), or the lines indented below it.
   */
  private parseBody(
    j: number,
    kw: Token,
    colon: Token,
    context: Context,
  ): { body: Statement[]; line: number } {
    const line = this.lines[j];
    const body: Statement[] = [];
    const after = this.p.index;
    if (after < line.newline) {
      this.parseSimpleLine(after, line.newline, context, body);
      return { body, line: j + 1 };
    }
    let k = j + 1;
    if (k >= this.limit || this.lines[k].indent <= line.indent) {
      const what = HEADER_NAME[kw.text] ?? `'${kw.text}' statement`;
      const message = `expected an indented block after ${what} on line ${this.lineNumber(kw.start)}`;
      const at =
        k < this.limit ? span(this.tokens[this.lines[k].first]) : { start: colon.end, end: colon.end };
      throw new ParseError(message, at, 'IndentationError');
    }
    const indent = this.lines[k].indent;
    const inner = { ...context, levels: context.levels + 1 };
    if (inner.levels >= MAX_INDENT_LEVELS)
      this.indentationError('too many levels of indentation', this.lines[k]);
    while (k < this.limit && this.lines[k].indent > line.indent) {
      const next = this.lines[k];
      if (next.indent > indent) this.indentationError('unexpected indent', next);
      if (next.indent < indent)
        this.indentationError('unindent does not match any outer indentation level', next);
      k = this.parseLine(k, inner, body);
    }
    return { body, line: k };
  }

  private indentationError(message: string, line: LogicalLine): never {
    const first = this.tokens[line.first];
    throw new ParseError(message, { start: line.lineStart, end: first.start }, 'IndentationError');
  }

  /**
   * `class`, `try`, `async`, `match`, a decorator: the line, the lines
   * indented below it, and its clauses (`except`, `finally`, the decorated
   * `def`) as one `UnsupportedStatement`.
   */
  private unsupported(j: number, out: Statement[]): number {
    const line = this.lines[j];
    const kw = this.tokens[line.first];
    let last: number;
    let allowed = continuations(kw.text, kw.text);
    let k = this.afterIndented(j);
    last = k - 1;
    while (k < this.limit && this.lines[k].indent === line.indent) {
      const t = this.tokens[this.lines[k].first];
      if (!allowed.includes(t.text)) break;
      allowed = continuations(kw.text, t.text);
      k = this.afterIndented(k);
      last = k - 1;
    }
    const end = this.tokens[this.lines[last].newline - 1].end;
    out.push(unsupported(kw, { start: kw.start, end }));
    return k;
  }

  /** The first line after `j` not indented more than it. */
  private afterIndented(j: number): number {
    const indent = this.lines[j].indent;
    let k = j + 1;
    while (k < this.limit && this.lines[k].indent > indent) k++;
    return k;
  }
}

function unsupported(kw: Token, range: { start: number; end: number }): UnsupportedStatement {
  return { kind: 'unsupported', keyword: kw.text, range, keywordRange: span(kw) };
}

/** Index of the `;` (outside brackets) or line end `end` closing the segment that starts at token `s`. */
export function segmentEnd(tokens: readonly Token[], s: number, end: number): number {
  let depth = 0;
  for (let k = s; k < end; k++) {
    const t = tokens[k];
    if (t.kind === 'op' && t.text.length === 1) {
      if ('([{'.includes(t.text)) depth++;
      else if (')]}'.includes(t.text)) depth = Math.max(0, depth - 1);
      else if (t.text === ';' && depth === 0) return k;
    }
  }
  return end;
}
