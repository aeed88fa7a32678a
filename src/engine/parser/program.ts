/**
 * The program driver: walks logical lines, splits simple lines at `;`,
 * groups a compound statement with its indented body and clauses, and turns
 * every failure into a `SyntaxErrorStatement` for that top-level statement
 * alone, so one bad statement never stops the rest of the file.
 */

import type { CellMarker, Program, Range, Statement, SyntaxErrorStatement } from '../ast';
import { isCellMarkerComment, type LogicalLine, lex, type Token } from '../lexer';
import { span } from './atoms';
import { BlockParser, continuations, opensBlock, segmentEnd } from './blocks';
import { ParseError } from './cursor';
import { MAX_TREE_HEIGHT, statementTooTall } from './walk';

/** What encloses a top-level statement: nothing. */
const TOP = { inLoop: false, inFunction: false };

/**
 * Parses a whole `.mat` file. Never throws, whatever the input.
 * `firstLine` is the document line `text` starts on (for a re-parse of
 * part of a file; a function is called only if a message needs it):
 * messages such as "expected an indented block after 'for' statement on
 * line 3" name document lines.
 */
export function parseProgram(text: string, firstLine: number | (() => number) = 1): Program {
  try {
    return new ProgramParser(text, firstLine).run();
  } catch (e) {
    // Only a parser bug gets here; report it on the file rather than take the editor down.
    const message = `internal parser error: ${e instanceof Error ? e.message : String(e)}`;
    const whole = { start: 0, end: text.length };
    return {
      statements: [
        {
          kind: 'syntax-error',
          message,
          pythonType: 'SyntaxError',
          range: whole,
          errorRange: { start: 0, end: 0 },
        },
      ],
      cells: [],
    };
  }
}

class ProgramParser {
  private readonly statements: Statement[] = [];
  private tokens: readonly Token[] = [];
  private lines: readonly LogicalLine[] = [];
  private blocks!: BlockParser;
  /** Start offsets of `# %%` markers, ascending. */
  private markerStarts: number[] = [];
  /** Offsets where each physical line starts, built on the first message that names a line. */
  private lineStarts: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly firstLine: number | (() => number),
  ) {}

  run(): Program {
    const { tokens, comments, lines } = lex(this.text);
    this.tokens = tokens;
    this.lines = lines;
    this.blocks = new BlockParser(this.text, tokens, lines, (offset) => this.lineNumber(offset));
    const cells = this.collectCells(comments);
    this.markerStarts = cells.map((c) => c.range.start);
    let i = 0;
    while (i < lines.length) i = this.topLevel(i);
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

  /** Parses the top-level statement(s) starting at line `i`; returns the index of the next line. */
  private topLevel(i: number): number {
    const line = this.lines[i];
    if (line.indent > 0) return this.unexpectedIndent(i);
    const first = this.tokens[line.first];
    if (opensBlock(first, this.tokens[line.first + 1])) return this.compound(i);
    return this.simpleLine(i);
  }

  /** A compound statement: its lines are one statement, or one syntax error. */
  private compound(i: number): number {
    const end = this.groupEnd(i);
    const range = { start: this.tokens[this.lines[i].first].start, end: this.lineEnd(end - 1) };
    try {
      const stmt = this.blocks.parseTopLevel(i, end);
      this.push(stmt, this.lines[end - 1].newline - this.lines[i].first);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      const why = this.explainUnclosed(e, i, end);
      this.error(why.message, range, why.range, why.pythonType);
    }
    return end;
  }

  /**
   * One past the last line of the compound statement opening line `i`: the
   * lines indented below it and the clauses that continue it (`elif`,
   * `else`, `except`, the `def` under a decorator), never past a cell marker.
   */
  private groupEnd(i: number): number {
    const keyword = this.tokens[this.lines[i].first].text;
    let allowed = continuations(keyword, keyword);
    let j = i + 1;
    while (j < this.lines.length && !this.crossesMarker(j)) {
      if (this.lines[j].indent === 0) {
        const t = this.tokens[this.lines[j].first];
        if ((t.kind !== 'name' && t.kind !== 'op') || !allowed.includes(t.text)) break;
        allowed = continuations(keyword, t.text);
      }
      j++;
    }
    return j;
  }

  /** A line of simple statements separated by `;`, each its own statement. */
  private simpleLine(i: number): number {
    const line = this.lines[i];
    let s = line.first;
    while (s < line.newline) {
      const seg = segmentEnd(this.tokens, s, line.newline);
      const first = this.tokens[s];
      if (s === seg) {
        // A run of `;` is one error, so `;;;;...` cannot flood the file with statements.
        let k = s;
        while (k + 1 < line.newline && this.tokens[k + 1].kind === 'op' && this.tokens[k + 1].text === ';')
          k++;
        this.error('invalid syntax', this.span(s, k + 1), first);
        s = k + 1;
        continue;
      }
      if (opensBlock(first, this.tokens[s + 1])) {
        // `x = 1; for ...:` — Python allows no compound statement after `;`; it takes its body with it.
        let j = i + 1;
        while (j < this.lines.length && this.lines[j].indent > 0 && !this.crossesMarker(j)) j++;
        this.error('invalid syntax', { start: first.start, end: this.lineEnd(j - 1) }, first);
        return j;
      }
      try {
        for (const stmt of this.blocks.parseSegment(s, seg, TOP)) this.push(stmt, seg - s);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        const why = this.explainUnclosed(e, i, i + 1);
        this.error(why.message, this.span(s, seg), why.range, why.pythonType);
      }
      s = seg + 1;
    }
    return i + 1;
  }

  /**
   * A statement that ran into the end of a line with a bracket still open
   * failed because of that bracket: point at it with CPython's "'(' was
   * never closed".
   */
  private explainUnclosed(e: ParseError, from: number, to: number): ParseError {
    for (let j = from; j < to; j++) {
      const line = this.lines[j];
      const end = this.tokens[line.newline];
      if (e.range.start !== end.start || end.kind !== 'newline') continue;
      const open: Token[] = [];
      for (let k = line.first; k < line.newline; k++) {
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
      if (inner) return new ParseError(`'${inner.text}' was never closed`, span(inner));
    }
    return e;
  }

  /**
   * Adds `stmt`, or a syntax error if it is too deep for a recursive
   * evaluator (blocks and expressions together). Every level costs at
   * least one token, so only statements of more than `MAX_TREE_HEIGHT`
   * tokens need the walk.
   */
  private push(stmt: Statement, tokenCount: number): void {
    if (tokenCount > MAX_TREE_HEIGHT && statementTooTall(stmt, MAX_TREE_HEIGHT)) {
      const message = `expression too long or nested too deeply (limit ${MAX_TREE_HEIGHT} levels)`;
      this.error(message, stmt.range, stmt.range);
      return;
    }
    this.statements.push(stmt);
  }

  private error(
    message: string,
    range: Range,
    errorRange: Range,
    pythonType: SyntaxErrorStatement['pythonType'] = 'SyntaxError',
  ): void {
    this.statements.push({
      kind: 'syntax-error',
      message,
      pythonType,
      range: { start: range.start, end: range.end },
      errorRange: { start: errorRange.start, end: errorRange.end },
    });
  }

  /** Range from token `s` to the last token before index `end`. */
  private span(s: number, end: number): Range {
    return { start: this.tokens[s].start, end: this.tokens[Math.max(s, end - 1)].end };
  }

  /** End offset of logical line `i`'s last token. */
  private lineEnd(i: number): number {
    return this.tokens[this.lines[i].newline - 1].end;
  }

  /** Is there a `# %%` marker between the end of line `j - 1` and line `j`? A block never runs across cells. */
  private crossesMarker(j: number): boolean {
    const from = this.lineEnd(j - 1);
    const to = this.tokens[this.lines[j].first].start;
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

  /** An indented run that no block header owns: one error for the run. */
  private unexpectedIndent(i: number): number {
    let j = i + 1;
    while (j < this.lines.length && this.lines[j].indent > 0 && !this.crossesMarker(j)) j++;
    const line = this.lines[i];
    const first = this.tokens[line.first];
    const range = { start: first.start, end: this.lineEnd(j - 1) };
    // On the first token: the indentation lies before the statement, outside its range.
    this.error('unexpected indent', range, { start: first.start, end: first.end }, 'IndentationError');
    return j;
  }

  /** The document's line number (1-based) of `offset`. */
  private lineNumber(offset: number): number {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let k = 0; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c === 13 && text.charCodeAt(k + 1) === 10) k++;
        if (c === 10 || c === 13) starts.push(k + 1);
      }
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const first = typeof this.firstLine === 'number' ? this.firstLine : this.firstLine();
    return first + lo;
  }
}
