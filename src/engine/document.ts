import type { Program, Range, Statement } from './ast';
import { type CallRecord, Evaluator, type Outcome } from './evaluator';
import { DEFAULT_LIMITS, type Limits, resetBudget } from './limits';
import { parse } from './parser';
import { reparse, settled } from './parser/incremental';
import { LineIndex } from './positions';
import { GlobalState, type StateAccess } from './scope';
import { notAScriptReason } from './scriptKind';

export { notAScriptReason };

/** One statement's result, as the editor and the CLI show it. */
export interface StatementResult {
  /**
   * The statement. Its own `range` is current; one carried over from an
   * earlier evaluation may keep its inner nodes' earlier ranges: look
   * inside through `settled()` (parser/incremental.ts).
   */
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
  /** What the statement read and bound when it ran: decides whether an edit above must re-run it. */
  readonly access: StateAccess;
  /** True when this result was carried over from the previous evaluation unchanged. */
  readonly reused: boolean;
  /** Index of the result it was carried over from in the previous evaluation; -1 when it ran. */
  readonly previousIndex: number;
}

export interface DocumentEvaluation {
  readonly text: string;
  /** The parsed text; as with {@link StatementResult.statement}, look inside a statement through `settled()`. */
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
  /** The previous evaluation of the same document: unchanged statements whose inputs are unchanged are reused. */
  readonly previous?: DocumentEvaluation;
  /** Called between statements; returning true stops the evaluation early (the document changed again). */
  readonly isCancelled?: () => boolean;
  /** Called before each statement runs with its index (a worker records it, to blame the right statement if it dies). */
  readonly onStatement?: (index: number) => void;
}

/**
 * Evaluates a document's text statement by statement. With `previous`, a
 * statement keeps its earlier result when its source is unchanged and
 * nothing it read changed: the same values bound to the names it looked up,
 * and the same generator state if it drew random numbers. So an edit
 * re-runs only the edited statements and those that depend on them, even
 * when everything below moved (their ranges shift with the edit).
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
  const previous = options.previous;
  // Statements that only move keep their inner nodes where they were until they run again.
  const program =
    previous && !previous.notAScript ? reparse(previous, text, { deferInner: true }) : parse(text);
  const statements = program.statements;
  const old =
    previous && !previous.notAScript && sameLimits(previous.limits, limits) ? previous.statements : [];
  const counterpart = matchStatements(
    statements.map((statement) => sourceOf(text, statement.range)),
    old.map((result) => result.source),
  );
  const results: StatementResult[] = [];
  const initial = new GlobalState();
  let state = initial;
  // Until a statement re-runs, reused results keep their very states.
  let diverged = false;
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index];
    const j = counterpart[index];
    const earlier = j >= 0 ? old[j] : undefined;
    if (earlier && !diverged && j === index) {
      results.push(moved(earlier, statement, j));
      state = earlier.state;
      continue;
    }
    if (earlier && unaffected(earlier, state, j > 0 ? old[j - 1].state : initial)) {
      const after = state.fork();
      for (const name of earlier.access.writes) after.set(name, earlier.state.lookup(name)!);
      if (earlier.access.usesRng) after.adoptRng(earlier.state);
      results.push(moved(earlier, statement, j, after));
      state = after;
      continue;
    }
    if (options.isCancelled?.()) break;
    diverged = true;
    options.onStatement?.(index);
    state = state.fork();
    const access = state.track();
    const run = new Evaluator(state, text);
    resetBudget(limits);
    const current = settled(statement);
    const outcome = run.run(current);
    state.untrack();
    state.peekRng();
    results.push({
      statement: current,
      range: statement.range,
      source: sourceOf(text, statement.range),
      outcome,
      calls: run.calls,
      state,
      access,
      reused: false,
      previousIndex: -1,
    });
  }
  return { text, program, statements: results, lines, limits, finalState: state };
}

/**
 * For each new statement, the index of the previous evaluation's statement
 * with the same source it may reuse, or -1: the longest common run of
 * sources at the start, then at the end (an edit changes, adds or removes
 * statements in between).
 */
function matchStatements(sources: readonly string[], oldSources: readonly string[]): Int32Array {
  const counterpart = new Int32Array(sources.length).fill(-1);
  let head = 0;
  while (head < sources.length && head < oldSources.length && sources[head] === oldSources[head]) {
    counterpart[head] = head;
    head++;
  }
  let tail = 0;
  while (
    tail < sources.length - head &&
    tail < oldSources.length - head &&
    sources[sources.length - 1 - tail] === oldSources[oldSources.length - 1 - tail]
  ) {
    counterpart[sources.length - 1 - tail] = oldSources.length - 1 - tail;
    tail++;
  }
  return counterpart;
}

/** True when a statement would do what it did before: everything it read is as it was then. */
function unaffected(earlier: StatementResult, before: GlobalState, earlierBefore: GlobalState): boolean {
  const access = earlier.access;
  if (access.readsAll) return false;
  for (const name of access.reads) if (before.lookup(name) !== earlierBefore.lookup(name)) return false;
  return !access.usesRng || before.sameRng(earlierBefore);
}

/** An earlier result for the same source now at `statement`'s place: ranges shift with it. */
function moved(
  earlier: StatementResult,
  statement: Statement,
  previousIndex: number,
  state: GlobalState = earlier.state,
): StatementResult {
  const delta = statement.range.start - earlier.range.start;
  const shift = (range: Range): Range => ({ start: range.start + delta, end: range.end + delta });
  const outcome = earlier.outcome;
  // Spelled out rather than spread: this runs for every kept statement of a long file on each keystroke.
  return {
    statement,
    range: statement.range,
    source: earlier.source,
    outcome: delta !== 0 && outcome.kind === 'error' ? { ...outcome, range: shift(outcome.range) } : outcome,
    calls:
      delta === 0 || earlier.calls.length === 0
        ? earlier.calls
        : earlier.calls.map((call) => ({ range: shift(call.range), callee: call.callee, value: call.value })),
    state,
    access: earlier.access,
    reused: true,
    previousIndex,
  };
}

function sourceOf(text: string, range: Range): string {
  return text.slice(range.start, range.end);
}

function sameLimits(a: Limits, b: Limits): boolean {
  return a.maxElements === b.maxElements && a.maxMilliseconds === b.maxMilliseconds;
}
