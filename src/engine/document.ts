import type { Expr, Program, Range, SliceExpr, Statement } from './ast';
import { withProgramPrintOptions } from './format';
import { DEFAULT_LIMITS, type Limits, resetBudget } from './limits';
import { NDArray } from './ndarray';
import { parse } from './parser';
import { commonEnds, reparse, settled } from './parser/incremental';
import { exprChildren, statementExprs } from './parser/walk';
import { LineIndex } from './positions';
import { beginOrigin, endOrigin, freeze, type Origin } from './run/heap';
import { Interpreter } from './run/interpreter';
import { boundNames } from './run/names';
import type { CallRecord, InnerResult, Outcome } from './run/outcome';
import { GlobalState, type StateAccess } from './scope';
import { notAScriptReason } from './scriptKind';
import type { Value } from './values';

export type { CallRecord, InnerResult, Outcome };

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
  /** The values of the names it bound, as they were when it ended (later statements may write into them). */
  readonly bindings: ReadonlyMap<string, Value>;
  /** Statements inside its blocks (and in functions it called) that ran: last value, count. */
  readonly inner: readonly InnerResult[];
  /** Exactly what it printed. */
  readonly printed: string;
  /** The objects it created, and the older objects it wrote into. */
  readonly origin: Origin;
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
  // Where the text changed: results that point outside their own statement (into a function's
  // body) move by where that place moved, or run again when the edit touched it.
  const change = old.length > 0 && previous ? textChange(previous.text, text) : undefined;
  const results: StatementResult[] = [];
  const initial = new GlobalState();
  let state = initial;
  // Statements that wrote into objects of earlier statements changed those statements' states:
  // start again from the last state no later statement wrote into.
  // Kept statements whose results can move with the edit (those pointing into edited text run again).
  const movable = counterpart.map((j) => (j >= 0 && change ? (movableBy(old[j], change) ? 1 : 0) : 1));
  const restart = restartPoint(old, counterpart, movable);
  // Until a statement re-runs, reused results keep their very states.
  let diverged = false;
  // Once a re-run statement writes into an older object, later results cannot be trusted.
  let reuseAllowed = !restart.mutations;
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index];
    const j = counterpart[index];
    const earlier = j >= 0 ? old[j] : undefined;
    if (earlier && movable[index] && !diverged && j === index && index < restart.before) {
      results.push(moved(earlier, statement, j, earlier.state, change));
      state = earlier.state;
      continue;
    }
    if (
      earlier &&
      movable[index] &&
      reuseAllowed &&
      unaffected(earlier, state, j > 0 ? old[j - 1].state : initial)
    ) {
      const after = state.fork();
      for (const name of earlier.access.writes) {
        const value = earlier.state.lookup(name);
        if (value === undefined) after.remove(name);
        else after.set(name, value);
      }
      if (earlier.access.usesRng) after.adoptRng(earlier.state);
      if (earlier.access.setsPrintOptions) after.adoptPrintOptions(earlier.state);
      if (earlier.access.setsFloatErrors) after.adoptFloatErrors(earlier.state);
      results.push(moved(earlier, statement, j, after, change));
      state = after;
      continue;
    }
    if (options.isCancelled?.()) break;
    diverged = true;
    options.onStatement?.(index);
    state = state.fork();
    const access = state.track();
    const run = new Interpreter(state, text);
    resetBudget(limits);
    const current = settled(statement);
    const origin = beginOrigin();
    let outcome: Outcome;
    try {
      const running = state;
      outcome = withProgramPrintOptions(
        () => running.printOptions(),
        () => run.run(current),
      );
    } finally {
      endOrigin();
    }
    state.untrack();
    state.peekRng();
    if (origin.foreignWrites) reuseAllowed = false;
    results.push({
      statement: current,
      range: statement.range,
      source: sourceOf(text, statement.range),
      outcome: outcome.kind === 'value' ? { kind: 'value', value: freeze(outcome.value) } : outcome,
      calls: run.calls.map((call) => ({ ...call, value: freeze(call.value) })),
      state,
      access,
      bindings: frozenBindings(current, state, outcome),
      inner: [...run.inner.values()].map((record) =>
        record.value === undefined ? record : { ...record, value: freeze(record.value) },
      ),
      printed: run.printed,
      origin,
      reused: false,
      previousIndex: -1,
    });
  }
  return { text, program, statements: results, lines, limits, finalState: state };
}

const NO_BINDINGS: ReadonlyMap<string, Value> = new Map();

/** The names a statement bound, with their values as they are now. */
function frozenBindings(
  statement: Statement,
  state: GlobalState,
  outcome: Outcome,
): ReadonlyMap<string, Value> {
  if (outcome.kind === 'error') return NO_BINDINGS;
  const names = boundNames(statement);
  if (names.length === 0) return NO_BINDINGS;
  const out = new Map<string, Value>();
  for (const name of names) {
    const value = state.lookup(name);
    if (value !== undefined) out.set(name, freeze(value));
  }
  return out;
}

/**
 * Where the previous evaluation's states stop being trustworthy. The
 * statements from the first changed one on run again, from the state the
 * statement before them left. A statement among those that wrote into an
 * object an earlier statement created changed that state too: then the
 * run must start before that object's creator (and so on). `before` is the
 * first statement index kept from reuse for that reason (the length when
 * none); `mutations` says whether any statement that runs again wrote
 * across, so that nothing after it may be reused.
 */
function restartPoint(
  old: readonly StatementResult[],
  counterpart: Int32Array,
  movable: Int32Array,
): { readonly before: number; readonly mutations: boolean } {
  // The statements kept as they are: the same source at the same index, movable with the edit.
  let head = 0;
  while (head < counterpart.length && head < old.length && counterpart[head] === head && movable[head])
    head++;
  const indexOf = new Map<Origin, number>();
  for (let i = 0; i < old.length; i++) indexOf.set(old[i].origin, i);
  let before = head;
  let mutations = false;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = before; i < old.length; i++) {
      for (const written of old[i].origin.foreignWrites ?? []) {
        mutations = true;
        const creator = indexOf.get(written) ?? 0;
        if (creator < before) {
          before = creator;
          changed = true;
        }
      }
    }
  }
  return { before: mutations ? before : Number.POSITIVE_INFINITY, mutations };
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
  if (access.usesPrintOptions && !before.samePrintOptions(earlierBefore)) return false;
  if (access.usesFloatErrors && !before.sameFloatErrors(earlierBefore)) return false;
  return !access.usesRng || before.sameRng(earlierBefore);
}

/** An edit: the old text's `[start, oldEnd)` became `delta` characters longer (shorter when negative). */
interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly delta: number;
}

/** The one region where `text` differs from `old`. */
function textChange(old: string, text: string): TextChange {
  const { prefix, suffix } = commonEnds(old, text);
  return { start: prefix, oldEnd: old.length - suffix, delta: text.length - old.length };
}

/** Where an old range is in the new text, or undefined when the edit touched it. */
function mapRange(range: Range, change: TextChange): Range | undefined {
  if (range.end <= change.start) return range;
  if (range.start >= change.oldEnd)
    return { start: range.start + change.delta, end: range.end + change.delta };
  return undefined;
}

/**
 * Can an earlier result move to the new text? Its own statement is
 * unchanged (matched by source); what it recorded elsewhere (the statements
 * of a function it called, an error raised there) must be untouched too.
 */
function movableBy(earlier: StatementResult, change: TextChange): boolean {
  const own = earlier.range;
  const outside = (range: Range) => range.start < own.start || range.end > own.end;
  for (const record of earlier.inner) {
    if (outside(record.range) && !mapRange(record.range, change)) return false;
  }
  const { outcome } = earlier;
  if (outcome.kind !== 'error') return true;
  // A syntax error's message can name a line ("… after 'for' statement on line 3"): it runs
  // again, with the message of the new parse, rather than keep a line number that moved.
  if (NAMES_A_LINE.test(outcome.message)) return false;
  if (outside(outcome.range) && !mapRange(outcome.range, change)) return false;
  return (outcome.context ?? []).every((entry) => {
    const at = { start: entry.at, end: entry.at };
    return !outside(at) || mapRange(at, change) !== undefined;
  });
}

const NAMES_A_LINE = / on line \d+$/;

/** An earlier result for the same source now at `statement`'s place: ranges shift with it. */
function moved(
  earlier: StatementResult,
  statement: Statement,
  previousIndex: number,
  state: GlobalState,
  change: TextChange | undefined,
): StatementResult {
  const delta = statement.range.start - earlier.range.start;
  const own = earlier.range;
  // Ranges inside the statement move with it; those elsewhere move with the text around them.
  const shift = (range: Range): Range => {
    if (range.start >= own.start && range.end <= own.end) {
      return delta === 0 ? range : { start: range.start + delta, end: range.end + delta };
    }
    return change ? (mapRange(range, change) ?? range) : range;
  };
  const outcome = earlier.outcome;
  // A def that did not move keeps the very node its function runs, so a later move relocates it.
  const current =
    statement.kind !== 'def'
      ? delta !== 0
        ? relocateLambdas(earlier, statement, state)
        : statement
      : delta !== 0
        ? relocateFunction(earlier, statement, state)
        : earlier.statement;
  // Spelled out rather than spread: this runs for every kept statement of a long file on each keystroke.
  return {
    statement: current,
    range: statement.range,
    source: earlier.source,
    outcome:
      outcome.kind === 'error'
        ? {
            ...outcome,
            range: shift(outcome.range),
            ...(outcome.context
              ? {
                  context: outcome.context.map((entry) => ({
                    ...entry,
                    at: shift({ start: entry.at, end: entry.at }).start,
                  })),
                }
              : {}),
          }
        : outcome,
    calls:
      delta === 0 || earlier.calls.length === 0
        ? earlier.calls
        : earlier.calls.map((call) => ({ range: shift(call.range), callee: call.callee, value: call.value })),
    state,
    access: earlier.access,
    bindings: earlier.bindings,
    inner:
      earlier.inner.length === 0 || (delta === 0 && !change)
        ? earlier.inner
        : earlier.inner.map((record) => movedInner(record, shift)),
    printed: earlier.printed,
    origin: earlier.origin,
    reused: true,
    previousIndex,
  };
}

/**
 * A `def` that moved without running again: its function (the same object,
 * so statements that call it need not run again) now runs the moved body,
 * so what its statements record lands where they are now.
 */
function relocateFunction(earlier: StatementResult, statement: Statement, state: GlobalState): Statement {
  if (statement.kind !== 'def') return statement;
  const fn = state.lookup(statement.name);
  if (!fn || fn instanceof NDArray || fn.kind !== 'function' || fn.node !== earlier.statement)
    return statement;
  const now = settled(statement);
  if (now.kind !== 'def') return statement;
  const mutable = fn as { -readonly [K in keyof typeof fn]: (typeof fn)[K] };
  mutable.body = now.body;
  mutable.params = now.params;
  mutable.node = now;
  return now;
}

/** The `lambda` expressions of a statement, in a fixed walk order. */
function lambdasOf(statement: Statement): Expr[] {
  const found: Expr[] = [];
  const stack: (Expr | SliceExpr)[] = statementExprs(statement);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'lambda') found.push(node);
    for (const child of exprChildren(node)) stack.push(child);
  }
  return found;
}

/**
 * The lambdas a moved statement made (`f = lambda x: ...`, also inside a
 * list or dict it bound) now run their moved bodies, as `relocateFunction`
 * does for a `def`, so an error inside one points at where it is now.
 */
function relocateLambdas(earlier: StatementResult, statement: Statement, state: GlobalState): Statement {
  const before = lambdasOf(earlier.statement);
  if (before.length === 0) return statement;
  const now = settled(statement);
  const after = lambdasOf(now);
  if (after.length !== before.length) return statement;
  const seen = new Set<object>();
  const relocate = (value: Value | undefined): void => {
    if (value === undefined || value instanceof NDArray || seen.has(value)) return;
    seen.add(value);
    if (value.kind === 'function') {
      const k = before.indexOf(value.node as Expr);
      const node = after[k];
      if (k < 0 || node?.kind !== 'lambda') return;
      const mutable = value as { -readonly [K in keyof typeof value]: (typeof value)[K] };
      mutable.params = node.params;
      mutable.body = [{ kind: 'return', value: node.body, range: node.body.range }];
      mutable.node = node;
    } else if (value.kind === 'list' || value.kind === 'tuple')
      for (const item of value.items) relocate(item);
    else if (value.kind === 'dict') for (const entry of value.entries.values()) relocate(entry.value);
  };
  for (const name of earlier.access.writes) relocate(state.lookup(name));
  return now;
}

/** An inner result moved to the new text. */
function movedInner(record: InnerResult, shift: (range: Range) => Range): InnerResult {
  const range = shift(record.range);
  return {
    ...record,
    range,
    ...(record.error ? { error: { ...record.error, range: shift(record.error.range) } } : {}),
  };
}

function sourceOf(text: string, range: Range): string {
  return text.slice(range.start, range.end);
}

function sameLimits(a: Limits, b: Limits): boolean {
  return a.maxElements === b.maxElements && a.maxMilliseconds === b.maxMilliseconds;
}
