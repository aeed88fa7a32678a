import type { CellMarker, Program, Range, Statement } from '../ast';
import { parseProgram } from './program';

/** A text with the program parsed from it. */
export interface ParsedText {
  readonly text: string;
  readonly program: Program;
}

export interface ReparseOptions {
  /**
   * Move the statements after the edit by their own `range` only, and the
   * nodes inside them when {@link settled} asks. For a caller that looks
   * inside few of them (the evaluator re-runs only what an edit affects):
   * a keystroke near the top of a long file moves every statement below it,
   * and copying all their trees was most of the keystroke's parse.
   */
  readonly deferInner?: boolean;
}

/**
 * Parses `text`, an edit of `previous.text`, re-parsing only the lines
 * around the edit: statements before it are kept as they are, statements
 * after it are kept with their ranges moved by the edit's change in length.
 * Gives exactly what `parseProgram(text)` gives (the property tests check
 * it; with `deferInner`, once every statement is {@link settled}); where
 * that cannot be guaranteed cheaply it falls back to a full parse.
 */
export function reparse(previous: ParsedText, text: string, options: ReparseOptions = {}): Program {
  const old = previous.text;
  if (old === text) return previous.program;
  const statements = previous.program.statements;
  if (statements.length === 0) return parseProgram(text);

  const { prefix, suffix } = commonEnds(old, text);
  const delta = text.length - old.length;

  const first = restartStatement(old, statements, prefix);
  const restart = first === 0 ? 0 : lineStart(old, statements[first].range.start);
  // A BOM is skipped only at the very start of a file.
  if (restart > 0 && text.charCodeAt(restart) === 0xfeff) return parseProgram(text);

  const resume = resumeStatement(old, text, statements, first, old.length - suffix, delta);
  const oldEnd = resume < statements.length ? statements[resume].range.start : old.length;
  const end = oldEnd + delta;
  // Messages name document lines ("expected an indented block after 'for' statement on line 3").
  const middle = parseProgram(text.slice(restart, end), () => lineNumberAt(text, restart));
  const last = middle.statements[middle.statements.length - 1];
  const lineDelta = lineBreaks(text, restart, end) - lineBreaks(old, restart, oldEnd);
  // A region that ends open (an unclosed bracket, a decorator, a block header) would have run on.
  if (resume < statements.length && last && !closed(last)) return parseProgram(text);

  return {
    statements: [
      ...statements.slice(0, first),
      ...middle.statements.map((statement) => shifted(statement, restart)),
      ...statements.slice(resume).map((statement) => {
        // A syntax error has no inner nodes to defer, but its message may name a line that moved.
        if (statement.kind === 'syntax-error')
          return shifted(movedLines(settled(statement), lineDelta), delta);
        return options.deferInner ? deferred(statement, delta) : shifted(statement, delta);
      }),
    ],
    cells: [
      ...previous.program.cells.filter((cell) => cell.range.start < restart),
      ...middle.cells.map((cell) => shiftedCell(cell, restart)),
      ...previous.program.cells
        .filter((cell) => cell.range.start >= oldEnd)
        .map((cell) => shiftedCell(cell, delta)),
    ],
  };
}

/**
 * The first statement to parse again: the one before the first statement
 * the edit touches (a statement's end can depend on the line after it), and
 * further back past statements that end open or share a line with it.
 */
function restartStatement(old: string, statements: readonly Statement[], editStart: number): number {
  let touched = statements.findIndex((statement) => statement.range.end >= editStart);
  if (touched < 0) touched = statements.length;
  let first = Math.max(0, touched - 1);
  while (first > 0) {
    const start = lineStart(old, statements[first].range.start);
    const before = statements[first - 1];
    if (before.range.end <= start && closed(before)) break;
    first--;
  }
  return first;
}

/**
 * The first statement after the edit that can be kept: it starts a line
 * at indentation 0 beyond the edit (its line break included), the statement
 * before it ended closed, and nothing in the edited text can join its line
 * to the one before (`\` continuation, `else` after an `if` block).
 */
function resumeStatement(
  old: string,
  text: string,
  statements: readonly Statement[],
  first: number,
  editEnd: number,
  delta: number,
): number {
  for (let q = first + 1; q < statements.length; q++) {
    const start = statements[q].range.start;
    if (start - 1 < editEnd) continue;
    const previousChar = old.charCodeAt(start - 1);
    if (previousChar !== 10 && previousChar !== 13) continue;
    if (!closed(statements[q - 1])) continue;
    if (CONTINUATION.test(old.slice(start, start + 10))) continue;
    if (BACKSLASH_LINE_END.test(text.slice(lineStart(text, start + delta - 1), start + delta))) continue;
    return q;
  }
  return statements.length;
}

const CONTINUATION = /^(elif|else|except|finally)\b/;
const BACKSLASH_LINE_END = /\\[ \t\f]*(\r\n|\r|\n)$/;

/** A statement whose end cannot move with the text after it. */
function closed(statement: Statement): boolean {
  return statement.kind !== 'syntax-error' && statement.kind !== 'unsupported';
}

/** The number of line breaks in `text` from `from` to `to`. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
}

const ON_LINE = / on line (\d+)$/;

/** A syntax error whose message names a line ("... on line 3"), with that line moved by `lines`. */
function movedLines(statement: Statement, lines: number): Statement {
  if (lines === 0 || statement.kind !== 'syntax-error') return statement;
  const m = ON_LINE.exec(statement.message);
  if (!m) return statement;
  const message = statement.message.replace(ON_LINE, ` on line ${Number(m[1]) + lines}`);
  return { ...statement, message };
}

/** The 1-based line number of offset `at` (`\r\n`, `\r` and `\n` each end a line, as in the lexer). */
function lineNumberAt(text: string, at: number): number {
  return 1 + lineBreaks(text, 0, at);
}

/** Start of the physical line holding offset `at`. */
function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

function shiftedCell(cell: CellMarker, delta: number): CellMarker {
  return delta === 0
    ? cell
    : { ...cell, range: { start: cell.range.start + delta, end: cell.range.end + delta } };
}

/** A copy of a syntax tree with every range moved by `delta`. */
function shifted<T>(node: T, delta: number): T {
  if (delta === 0) return node;
  return shiftNode(node, delta) as T;
}

/**
 * The longest common prefix of two texts, and the longest common suffix of
 * what follows it: the one region an edit changed.
 */
export function commonEnds(old: string, text: string): { readonly prefix: number; readonly suffix: number } {
  const shorter = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < shorter && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { prefix, suffix };
}

/** A statement moved by its own range only: where its inner nodes' ranges came from, and how far they moved since. */
const pendingMoves = new WeakMap<Statement, { readonly parsed: Statement; readonly delta: number }>();

/**
 * `statement` moved by `delta`, its own `range` at once and the nodes inside
 * it only through {@link settled}. Moving it again adds up the distance
 * from the statement as parsed.
 */
function deferred(statement: Statement, delta: number): Statement {
  if (delta === 0) return statement;
  const pending = pendingMoves.get(statement);
  const parsed = pending?.parsed ?? statement;
  const total = (pending?.delta ?? 0) + delta;
  if (total === 0) return parsed;
  const { start, end } = parsed.range;
  const moved = { ...parsed, range: { start: start + total, end: end + total } };
  pendingMoves.set(moved, { parsed, delta: total });
  return moved;
}

/**
 * The statement with every range inside it where it is now: what
 * `parseProgram` of the current text gives. Needed before looking inside a
 * statement that `reparse` moved with `deferInner`; any other is returned
 * as it is.
 */
export function settled(statement: Statement): Statement {
  const pending = pendingMoves.get(statement);
  return pending ? shifted(pending.parsed, pending.delta) : statement;
}

function shiftNode(node: unknown, delta: number): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) {
    const items = new Array(node.length);
    for (let i = 0; i < node.length; i++) items[i] = shiftNode(node[i], delta);
    return items;
  }
  const source = node as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key in source) {
    const value = source[key];
    // Every range field of the syntax tree is named `range` or `…Range` (ast.ts).
    if (typeof value !== 'object' || value === null) copy[key] = value;
    else if (key === 'range' || key.endsWith('Range')) {
      const range = value as Range;
      copy[key] = { start: range.start + delta, end: range.end + delta };
    } else copy[key] = shiftNode(value, delta);
  }
  return copy;
}
