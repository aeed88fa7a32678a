import type { Program, Range, Statement } from './ast';
import { type CallRecord, Evaluator, type Outcome } from './evaluator';
import { DEFAULT_LIMITS, type Limits, resetBudget } from './limits';
import { parse } from './parser';
import { LineIndex } from './positions';
import { GlobalState } from './scope';

/** One statement's result, as the editor and the CLI show it. */
export interface StatementResult {
  readonly statement: Statement;
  /** The statement's text range (offsets). */
  readonly range: Range;
  /** The statement's source text. */
  readonly source: string;
  readonly outcome: Outcome;
  /** Values of the calls inside the statement (`dot(a, b)` within a larger expression too). */
  readonly calls: readonly CallRecord[];
  /** Variables and generator after this statement; the next statement starts from a fork of it. */
  readonly state: GlobalState;
  /** True when this result was carried over from the previous evaluation unchanged. */
  readonly reused: boolean;
}

export interface DocumentEvaluation {
  readonly text: string;
  readonly program: Program;
  readonly statements: readonly StatementResult[];
  readonly lines: LineIndex;
  /** Set when the file is not a script (a MATLAB binary `.mat`, NUL bytes): nothing was evaluated. */
  readonly notAScript?: string;
  readonly limits: Limits;
  /** Variables after the last statement. */
  readonly finalState: GlobalState;
}

export interface EvaluateOptions {
  readonly limits?: Limits;
  /** The previous evaluation of the same document: unchanged leading statements are reused. */
  readonly previous?: DocumentEvaluation;
  /** Called between statements; returning true stops the evaluation early (the document changed again). */
  readonly isCancelled?: () => boolean;
  /** Called before each statement runs with its index (a worker records it, to blame the right statement if it dies). */
  readonly onStatement?: (index: number) => void;
}

const MATLAB_HEADER = 'MATLAB 5.0 MAT-file';

/**
 * Why a file must not be evaluated, or undefined for a script. MATLAB's
 * binary data files share the `.mat` extension.
 */
export function notAScriptReason(text: string): string | undefined {
  const head = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (head.startsWith(MATLAB_HEADER)) {
    return 'This is a MATLAB binary .mat data file, not a Matrix Playground script: it is not evaluated.';
  }
  if (text.includes('\0')) {
    return 'This file holds NUL bytes (binary data), so it is not evaluated as a Matrix Playground script.';
  }
  return undefined;
}

/**
 * Evaluates a document's text statement by statement. With `previous`, the
 * statements before the first changed one keep their results (same source
 * at the same offset, same limits) and evaluation resumes from there.
 */
export function evaluateDocument(text: string, options: EvaluateOptions = {}): DocumentEvaluation {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const lines = new LineIndex(text);
  const reason = notAScriptReason(text);
  if (reason) {
    const empty: Program = { statements: [], cells: [] };
    return {
      text,
      program: empty,
      statements: [],
      lines,
      notAScript: reason,
      limits,
      finalState: new GlobalState(),
    };
  }
  const program = parse(text);
  const results: StatementResult[] = [];
  let state = new GlobalState();
  const previous = options.previous;
  const reusable =
    previous && !previous.notAScript && sameLimits(previous.limits, limits) ? previous.statements : [];
  let index = 0;
  for (; index < program.statements.length && index < reusable.length; index++) {
    const statement = program.statements[index];
    const old = reusable[index];
    if (old.range.start !== statement.range.start || old.source !== sourceOf(text, statement.range)) break;
    results.push({ ...old, statement, reused: true });
    state = old.state;
  }
  for (; index < program.statements.length; index++) {
    if (options.isCancelled?.()) break;
    const statement = program.statements[index];
    options.onStatement?.(index);
    state = state.fork();
    const run = new Evaluator(state, text);
    resetBudget(limits);
    const outcome = run.run(statement);
    state.peekRng();
    results.push({
      statement,
      range: statement.range,
      source: sourceOf(text, statement.range),
      outcome,
      calls: run.calls,
      state,
      reused: false,
    });
  }
  return { text, program, statements: results, lines, limits, finalState: state };
}

function sourceOf(text: string, range: Range): string {
  return text.slice(range.start, range.end);
}

function sameLimits(a: Limits, b: Limits): boolean {
  return a.maxElements === b.maxElements && a.maxMilliseconds === b.maxMilliseconds;
}
