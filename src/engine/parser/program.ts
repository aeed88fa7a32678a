/**
 * The program driver: walks logical lines, splits them at `;`, groups block
 * headers with their indented bodies, and turns every failure into a
 * `SyntaxErrorStatement` for that statement alone, so one bad line never
 * stops the rest of the file.
 */

import type {
  CellMarker,
  Expr,
  Program,
  Range,
  Statement,
  SyntaxErrorStatement,
  UnsupportedStatement,
} from '../ast';
import { isCellMarkerComment, type LogicalLine, lex, type Token } from '../lexer';
import { ParseError } from './cursor';
import { StatementParser } from './statements';
import { exceedsHeight, MAX_TREE_HEIGHT, statementExprs } from './walk';

/** Keywords whose statement v1 does not run; the line and its indented body become one `UnsupportedStatement`. */
const UNSUPPORTED = new Set([
  'for',
  'while',
  'if',
  'elif',
  'else',
  'class',
  'with',
  'try',
  'except',
  'finally',
  'async',
  'return',
  'global',
  'nonlocal',
  'del',
  'raise',
  'assert',
  'break',
  'continue',
  'yield',
  'await',
]);
/** Clauses that continue the compound statement right above them (`else` after an `if` block). */
const CONTINUATIONS = new Set(['elif', 'else', 'except', 'finally']);
const COMPOUND = new Set(['if', 'for', 'while', 'try', 'with', 'async']);

const ONE_RETURN =
  "a def body must be a single 'return <expression>' line in v1 (other statements inside functions are not supported)";

/** Parses a whole `.mat` file. Never throws, whatever the input. */
export function parseProgram(text: string): Program {
  try {
    return new ProgramParser(text).run();
  } catch (e) {
    // Only a parser bug gets here; report it on the file rather than take the editor down.
    const message = `internal parser error: ${e instanceof Error ? e.message : String(e)}`;
    const whole = { start: 0, end: text.length };
    return {
      statements: [{ kind: 'syntax-error', message, range: whole, errorRange: { start: 0, end: 0 } }],
      cells: [],
    };
  }
}

class ProgramParser {
  private readonly statements: Statement[] = [];
  private readonly p: StatementParser;
  private tokens: readonly Token[] = [];
  private lines: readonly LogicalLine[] = [];
  /** Start offsets of `# %%` markers, ascending. */
  private markerStarts: number[] = [];
  /** First error token of the last segment found by `segmentEnd`, if any. */
  private segmentError: Token | undefined;

  constructor(private readonly text: string) {
    this.p = new StatementParser(text);
  }

  run(): Program {
    const { tokens, comments, lines } = lex(this.text);
    this.tokens = tokens;
    this.lines = lines;
    const cells = this.collectCells(comments);
    this.markerStarts = cells.map((c) => c.range.start);
    let i = 0;
    while (i < lines.length) i = this.line(i);
    return { statements: this.statements, cells };
  }

  private collectCells(comments: readonly Token[]): CellMarker[] {
    const cells: CellMarker[] = [];
    for (const c of comments) {
      if (!isCellMarkerComment(c.text)) continue;
      let start = c.start;
      while (start > 0 && ' \t\f'.includes(this.text[start - 1])) start--;
      const prev = this.text.charCodeAt(start - 1);
      const ownLine = start === 0 || prev === 10 || prev === 13 || (start === 1 && prev === 0xfeff);
      if (ownLine) {
        cells.push({ range: { start, end: c.end }, title: c.text.replace(/^#[ \t]*%%/, '').trim() });
      }
    }
    return cells;
  }

  /** Parses logical line `i` (and any lines it owns); returns the index of the next line to parse. */
  private line(i: number): number {
    const line = this.lines[i];
    if (line.indent > 0) return this.unexpectedIndent(i);
    let s = line.first;
    while (s < line.newline) {
      const seg = this.segmentEnd(s, line.newline);
      const first = this.tokens[s];
      if (s === seg) {
        // A run of `;` is one error, so `;;;;...` cannot flood the file with statements.
        let k = s;
        while (k + 1 < line.newline && this.tokens[k + 1].kind === 'op' && this.tokens[k + 1].text === ';')
          k++;
        this.error("expected a statement but found ';'", this.span(s, k + 1), first);
        s = k + 1;
        continue;
      }
      if (first.kind === 'name' && UNSUPPORTED.has(first.text)) {
        return this.unsupported(i, s);
      } else if (first.kind === 'op' && first.text === '@') {
        return this.decorated(i, s);
      } else if (first.kind === 'name' && first.text === 'def') {
        return this.def(i, s, seg);
      } else {
        this.simple(s, seg);
      }
      s = seg + 1;
    }
    return i + 1;
  }

  /** Index of the `;` (outside brackets) or `newline` ending the statement that starts at token `s`. */
  private segmentEnd(s: number, lineEnd: number): number {
    let depth = 0;
    this.segmentError = undefined;
    for (let k = s; k < lineEnd; k++) {
      const t = this.tokens[k];
      if (t.kind === 'error') {
        this.segmentError ??= t;
      } else if (t.kind === 'op' && t.text.length === 1) {
        if ('([{'.includes(t.text)) depth++;
        else if (')]}'.includes(t.text)) depth = Math.max(0, depth - 1);
        else if (t.text === ';' && depth === 0) return k;
      }
    }
    return lineEnd;
  }

  private simple(s: number, seg: number): void {
    const range = this.span(s, seg);
    if (this.segmentError) {
      this.error(this.segmentError.message ?? 'invalid syntax', range, this.segmentError);
      return;
    }
    const first = this.tokens[s];
    this.p.reset(this.tokens, s, seg);
    try {
      if (first.kind === 'name' && (first.text === 'import' || first.text === 'from')) {
        this.statements.push(...this.p.parseImport());
      } else if (first.kind === 'name' && first.text === 'pass') {
        this.statements.push(this.p.parsePass());
      } else {
        this.push(this.p.parseSimple(), seg - s);
      }
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      const why = this.explainUnclosed(e, s, seg);
      this.error(why.message, range, why.range);
    }
  }

  /**
   * A statement that ran into its end with a bracket still open failed
   * because of that bracket: point at it, keeping what was expected.
   */
  private explainUnclosed(e: ParseError, s: number, seg: number): ParseError {
    const end = this.tokens[seg];
    if (end.kind !== 'newline' || e.range.start < end.start || e.message.startsWith('unclosed')) return e;
    const open: Token[] = [];
    for (let k = s; k < seg; k++) {
      const t = this.tokens[k];
      if (t.kind !== 'op' || t.text.length !== 1) continue;
      const at = ')]}'.indexOf(t.text);
      if ('([{'.includes(t.text)) open.push(t);
      else if (at >= 0) {
        const match = open.map((o) => o.text).lastIndexOf('([{'[at]);
        if (match >= 0) open.length = match;
      }
    }
    const inner = open[open.length - 1];
    if (!inner) return e;
    return new ParseError(`unclosed '${inner.text}' opened here (${e.message})`, inner);
  }

  /**
   * Adds `stmt`, or a syntax error if its expressions are too deep for a
   * recursive evaluator. Every tree level consumes at least one token, so
   * only statements of more than `MAX_TREE_HEIGHT` tokens need the walk.
   */
  private push(stmt: Statement, tokenCount: number): void {
    if (tokenCount > MAX_TREE_HEIGHT && exceedsHeight(statementExprs(stmt), MAX_TREE_HEIGHT)) {
      const message = `expression too long or nested too deeply (limit ${MAX_TREE_HEIGHT} levels)`;
      this.error(message, stmt.range, stmt.range);
      return;
    }
    this.statements.push(stmt);
  }

  private error(message: string, range: Range, errorRange: Range): void {
    const stmt: SyntaxErrorStatement = {
      kind: 'syntax-error',
      message,
      range: { start: range.start, end: range.end },
      errorRange: { start: errorRange.start, end: errorRange.end },
    };
    this.statements.push(stmt);
  }

  /** Range from token `s` to the last token before index `end`. */
  private span(s: number, end: number): Range {
    return { start: this.tokens[s].start, end: this.tokens[Math.max(s, end - 1)].end };
  }

  /** End offset of logical line `i`'s last token. */
  private lineEnd(i: number): number {
    return this.tokens[this.lines[i].newline - 1].end;
  }

  /** Is there a `# %%` marker between offsets `from` and `to`? A block never runs across cells. */
  private markerBetween(from: number, to: number): boolean {
    const m = this.markerStarts;
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (m[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < m.length && m[lo] < to;
  }

  /** Index of the first line after line `i` that is not indented more than it (its body's end). */
  private bodyEnd(i: number): number {
    const indent = this.lines[i].indent;
    let j = i + 1;
    while (j < this.lines.length && this.lines[j].indent > indent && !this.crossesMarker(j)) j++;
    return j;
  }

  private crossesMarker(j: number): boolean {
    return this.markerBetween(this.lineEnd(j - 1), this.tokens[this.lines[j].first].start);
  }

  /** An indented run that no block header owns: one error for the run. */
  private unexpectedIndent(i: number): number {
    let j = i + 1;
    while (j < this.lines.length && this.lines[j].indent > 0 && !this.crossesMarker(j)) j++;
    const line = this.lines[i];
    const first = this.tokens[line.first];
    const range = { start: first.start, end: this.lineEnd(j - 1) };
    this.error('unexpected indent', range, { start: line.lineStart, end: first.start });
    return j;
  }

  /** `for ...:` and the like: the header, the rest of its line and its indented body. */
  private unsupported(i: number, s: number): number {
    const kw = this.tokens[s];
    const j = this.bodyEnd(i);
    const end = this.lineEnd(j - 1);
    const prev = this.statements[this.statements.length - 1];
    const isContinuation =
      CONTINUATIONS.has(kw.text) &&
      s === this.lines[i].first &&
      prev?.kind === 'unsupported' &&
      COMPOUND.has(prev.keyword) &&
      !this.markerBetween(prev.range.end, kw.start);
    if (isContinuation) {
      this.statements[this.statements.length - 1] = { ...prev, range: { start: prev.range.start, end } };
      return j;
    }
    const stmt: UnsupportedStatement = {
      kind: 'unsupported',
      keyword: kw.text,
      range: { start: kw.start, end },
      keywordRange: { start: kw.start, end: kw.end },
    };
    this.statements.push(stmt);
    return j;
  }

  /** `@decorator` lines and the `def`/`class` they decorate, as one unsupported statement. */
  private decorated(i: number, s: number): number {
    let j = this.bodyEnd(i);
    const startsWith = (k: number, words: string[]) => {
      const t = this.tokens[this.lines[k].first];
      return this.lines[k].indent === 0 && !this.crossesMarker(k) && words.includes(t.text);
    };
    while (j < this.lines.length && startsWith(j, ['@'])) j = this.bodyEnd(j);
    if (j < this.lines.length && startsWith(j, ['def', 'class', 'async'])) j = this.bodyEnd(j);
    const at = this.tokens[s];
    const range = { start: at.start, end: this.lineEnd(j - 1) };
    this.statements.push({
      kind: 'unsupported',
      keyword: '@',
      range,
      keywordRange: { start: at.start, end: at.end },
    });
    return j;
  }

  /** `def f(x): return e` on one line, or with the `return` line indented below it. */
  private def(i: number, s: number, seg: number): number {
    const line = this.lines[i];
    const j = this.bodyEnd(i);
    const whole = { start: this.tokens[s].start, end: this.lineEnd(j - 1) };
    this.p.reset(this.tokens, s, seg);
    try {
      const header = this.p.parseDefHeader();
      const headerTokens = this.p.consumed;
      let body: Expr;
      if (!this.p.atEnd()) {
        // One-line form: the rest of this statement is the body.
        const bodyStart = this.p.index;
        if (!this.isReturn(bodyStart)) throw new ParseError(ONE_RETURN, this.span(bodyStart, seg));
        if (seg + 1 < line.newline) throw new ParseError(ONE_RETURN, this.span(seg + 1, line.newline));
        if (j > i + 1) {
          const next = this.lines[i + 1];
          throw new ParseError(ONE_RETURN, this.span(next.first, next.newline));
        }
        this.p.reset(this.tokens, bodyStart, seg);
        body = this.p.parseReturn();
      } else {
        body = this.twoLineBody(header.colon, seg, line, i, j);
      }
      const range = { start: header.keyword.start, end: Math.max(this.p.exprEnd(body), body.range.end) };
      this.push(
        {
          kind: 'def',
          name: header.name.text,
          nameRange: { start: header.name.start, end: header.name.end },
          params: header.params,
          body,
          range,
        },
        headerTokens + this.p.consumed,
      );
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      this.error(e.message, whole, e.range);
    }
    return j;
  }

  /** The `return` line under `def f(x):` (an optional docstring line may come first). */
  private twoLineBody(colon: Token, seg: number, line: LogicalLine, i: number, j: number): Expr {
    if (seg + 1 < line.newline) throw new ParseError(ONE_RETURN, this.span(seg + 1, line.newline));
    if (j === i + 1) {
      throw new ParseError("expected an indented 'return <expression>' line after the def's ':'", colon);
    }
    // Statements of the body, as [first token, end token] pairs.
    const parts: [number, number][] = [];
    for (let k = i + 1; k < j && parts.length < 3; k++) {
      let s = this.lines[k].first;
      while (s < this.lines[k].newline && parts.length < 3) {
        const end = this.segmentEnd(s, this.lines[k].newline);
        if (end > s) parts.push([s, end]);
        s = end + 1;
      }
    }
    if (parts.length > 1 && this.isDocstring(parts[0][0], parts[0][1])) parts.shift();
    if (parts.length === 0) throw new ParseError(ONE_RETURN, colon);
    const [s, end] = parts[0];
    if (!this.isReturn(s)) throw new ParseError(ONE_RETURN, this.span(s, end));
    if (parts.length > 1) throw new ParseError(ONE_RETURN, this.span(parts[1][0], parts[1][1]));
    this.p.reset(this.tokens, s, end);
    return this.p.parseReturn();
  }

  private isReturn(k: number): boolean {
    const t = this.tokens[k];
    return t.kind === 'name' && t.text === 'return';
  }

  private isDocstring(s: number, end: number): boolean {
    for (let k = s; k < end; k++) if (this.tokens[k].kind !== 'string') return false;
    return true;
  }
}
