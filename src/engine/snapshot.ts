import type { Range } from './ast';
import { describe } from './display';
import type { DocumentEvaluation, InnerResult, StatementResult } from './document';
import type { PrintOptions } from './format';
import type { LineIndex } from './positions';
import { contextText } from './run/outcome';
import { isArray, typeName, type Value } from './values';

/**
 * A plain-data copy of an evaluation: what the editor shows, with positions
 * as lines and characters. It crosses the worker boundary (structured clone)
 * and holds no engine objects.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface SpanSnapshot {
  readonly start: Position;
  readonly end: Position;
}

export interface ShownValue {
  readonly oneLine: string;
  readonly block: string;
  readonly shape?: readonly number[];
  readonly dtype?: string;
  /** Python's type name: `numpy.ndarray`, `int`, `tuple`, `TrainResult`… */
  readonly type: string;
  /** True when the statement was a `print(...)`. */
  readonly printed?: boolean;
}

export interface ErrorSnapshot {
  readonly message: string;
  /** Python's exception class (`ValueError`), or `SyntaxError`, `LimitError`, `UnsupportedError`. */
  readonly type: string;
  readonly span: SpanSnapshot;
  /** How a block reached it, innermost first: `iteration 3 of the loop on line 12`, `in f() called on line 5`. */
  readonly context?: readonly string[];
}

/** How a number evolved over the runs of a statement inside a loop: for the hover's summary and sparkline. */
export interface EvolutionSnapshot {
  readonly first: number;
  readonly min: number;
  readonly max: number;
  /** An even sample of the values, in order (at most 64). */
  readonly samples: readonly number[];
}

/** A statement inside a loop or function body, as its top-level statement's last run left it. */
export interface InnerSnapshot {
  readonly span: SpanSnapshot;
  /** How many times it ran. */
  readonly count: number;
  /** Its value the last time it ran. */
  readonly value?: ShownValue;
  readonly error?: { readonly message: string; readonly type: string };
  /** The last line it printed, for a `print(...)`. */
  readonly printed?: string;
  readonly evolution?: EvolutionSnapshot;
}

export interface CallSnapshot {
  readonly span: SpanSnapshot;
  /** The callee as written: `np.dot`, `pinv`, `@`. */
  readonly callee: string;
  readonly value: ShownValue;
}

export interface StatementSnapshot {
  readonly span: SpanSnapshot;
  readonly value?: ShownValue;
  readonly error?: ErrorSnapshot;
  readonly calls: readonly CallSnapshot[];
  /** Names this statement bound, with their new values (for hovers). */
  readonly bindings: readonly { readonly name: string; readonly value: ShownValue }[];
  /** Statements inside its blocks (and in functions it called) that ran. */
  readonly inner?: readonly InnerSnapshot[];
}

export interface DocumentSnapshot {
  readonly statements: readonly StatementSnapshot[];
  readonly cells: readonly { readonly line: number; readonly title: string }[];
  /** Set when the file is not a script (a MATLAB binary `.mat`): the message to show once. */
  readonly notAScript?: string;
  /** Variables defined at the end of the file, for completion. */
  readonly variables: readonly string[];
}

export function spanOf(lines: LineIndex, range: Range): SpanSnapshot {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

export function shownValue(value: Value, print?: Partial<PrintOptions>): ShownValue {
  const display = describe(value, print);
  const printed = !isArray(value) && value.kind === 'printed';
  const inner = printed && value.values.length === 1 ? value.values[0] : value;
  return {
    oneLine: display.oneLine,
    block: display.block,
    shape: display.shape,
    dtype: display.dtype,
    type: typeName(inner),
    ...(printed ? { printed: true } : {}),
  };
}

// Values of reused statements keep their formatted text: formatting is the
// costly part of a snapshot, positions are cheap to recompute (a reused
// statement may have moved).
const shownCache = new WeakMap<Value, { print: string; shown: ShownValue }>();

function cachedShownValue(value: Value, print: Partial<PrintOptions>, printKey: string): ShownValue {
  const cached = shownCache.get(value);
  if (cached && cached.print === printKey) return cached.shown;
  const shown = shownValue(value, print);
  shownCache.set(value, { print: printKey, shown });
  return shown;
}

function statementSnapshot(
  result: StatementResult,
  lines: LineIndex,
  print: Partial<PrintOptions>,
  printKey: string,
  callerPrint: Partial<PrintOptions>,
): StatementSnapshot {
  const { outcome } = result;
  const shown = (value: Value) => cachedShownValue(value, print, printKey);
  // A value given inside `with np.printoptions(...)` shows with the options it had there.
  const innerShown = (inner: InnerResult) => {
    const own = { ...callerPrint, ...inner.print };
    const key = JSON.stringify(own);
    return key === printKey ? shown : (value: Value) => cachedShownValue(value, own, key);
  };
  return {
    span: spanOf(lines, result.range),
    ...(outcome.kind === 'value' ? { value: shown(outcome.value) } : {}),
    ...(outcome.kind === 'error'
      ? {
          error: {
            message: outcome.note ? `${outcome.message}${outcome.note}` : outcome.message,
            type: outcome.pythonType,
            span: spanOf(lines, outcome.range),
            ...(outcome.context
              ? {
                  context: outcome.context.map((entry) =>
                    contextText(entry, (at) => lines.positionAt(at).line + 1),
                  ),
                }
              : {}),
          },
        }
      : {}),
    calls: result.calls.map((call) => ({
      span: spanOf(lines, call.range),
      callee: call.callee,
      value: shown(call.value),
    })),
    bindings:
      outcome.kind === 'error'
        ? []
        : [...result.bindings].map(([name, value]) => ({ name, value: shown(value) })),
    ...(result.inner.length > 0
      ? { inner: result.inner.map((inner) => innerSnapshot(inner, lines, innerShown(inner))) }
      : {}),
  };
}

function innerSnapshot(
  inner: InnerResult,
  lines: LineIndex,
  shown: (value: Value) => ShownValue,
): InnerSnapshot {
  const value = inner.value;
  const showsValue =
    value !== undefined && !(inner.statement.kind === 'expr' && !isArray(value) && value.kind === 'none');
  return {
    span: spanOf(lines, inner.range),
    count: inner.count,
    ...(showsValue ? { value: shown(value) } : {}),
    ...(inner.error ? { error: { message: inner.error.message, type: inner.error.pythonType } } : {}),
    ...(inner.printed !== undefined ? { printed: inner.printed } : {}),
    ...(inner.first !== undefined && inner.count > 1
      ? {
          evolution: {
            first: inner.first,
            min: inner.min as number,
            max: inner.max as number,
            samples: [...(inner.samples ?? [])],
          },
        }
      : {}),
  };
}

/** The editor's view of an evaluation. */
export function snapshotOf(
  evaluation: DocumentEvaluation,
  print: Partial<PrintOptions> = {},
): DocumentSnapshot {
  return snapshotUpdate(evaluation, print).snapshot;
}

/**
 * A statement's snapshot that the receiver already holds: entry `kept` of
 * its previous snapshot, moved down `lineDelta` lines (up when negative).
 */
export interface KeptStatement {
  readonly kept: number;
  readonly lineDelta: number;
}

/**
 * A snapshot as it crosses the worker boundary: statements that did not
 * change since the previous snapshot are references to it, so a keystroke
 * in a long file sends (and clones) only what it changed.
 */
export interface SnapshotUpdate extends Omit<DocumentSnapshot, 'statements'> {
  readonly statements: readonly (StatementSnapshot | KeptStatement)[];
}

/** An earlier evaluation of the same document with the snapshot made of it. */
export interface SnapshotBase {
  readonly evaluation: DocumentEvaluation;
  readonly snapshot: DocumentSnapshot;
  readonly print: Partial<PrintOptions>;
}

/**
 * The snapshot of `evaluation`, and the update that turns `base.snapshot`
 * into it. A statement carried over from the base evaluation keeps its
 * snapshot (its text is the same, so when it starts at the same column all
 * its positions move by whole lines).
 */
export function snapshotUpdate(
  evaluation: DocumentEvaluation,
  print: Partial<PrintOptions> = {},
  base?: SnapshotBase,
): { snapshot: DocumentSnapshot; update: SnapshotUpdate } {
  const printKey = JSON.stringify(print);
  const sameBase = base !== undefined && JSON.stringify(base.print) === printKey;
  const statements: StatementSnapshot[] = [];
  const updates: (StatementSnapshot | KeptStatement)[] = [];
  for (const result of evaluation.statements) {
    const own = resultPrintOptions(result, print);
    // A kept snapshot was formatted with the print options the program had then.
    const earlier =
      sameBase &&
      result.previousIndex >= 0 &&
      samePrintSettings(result, base.evaluation.statements[result.previousIndex])
        ? base.snapshot.statements[result.previousIndex]
        : undefined;
    // A result that recorded places outside its statement (a called function's body) is sent whole:
    // those places moved with the text around them, not with the statement.
    if (earlier && !pointsOutside(result)) {
      const start = evaluation.lines.positionAt(result.range.start);
      if (start.character === earlier.span.start.character) {
        const lineDelta = start.line - earlier.span.start.line;
        statements.push(movedLines(earlier, lineDelta));
        updates.push({ kept: result.previousIndex, lineDelta });
        continue;
      }
    }
    const fresh = statementSnapshot(
      result,
      evaluation.lines,
      own ?? {},
      own === print ? printKey : JSON.stringify(own),
      print,
    );
    statements.push(fresh);
    updates.push(fresh);
  }
  const rest = {
    cells: evaluation.program.cells.map((cell) => ({
      line: evaluation.lines.positionAt(cell.range.start).line,
      title: cell.title,
    })),
    ...(evaluation.notAScript ? { notAScript: evaluation.notAScript } : {}),
    variables: [...evaluation.finalState.names()],
  };
  return { snapshot: { ...rest, statements }, update: { ...rest, statements: updates } };
}

/** The snapshot an update describes, given the previous one it refers to (none for a full snapshot). */
export function applyUpdate(
  previous: DocumentSnapshot | undefined,
  update: SnapshotUpdate,
): DocumentSnapshot {
  const statements = update.statements.map((entry) => {
    if (!('kept' in entry)) return entry;
    const earlier = previous?.statements[entry.kept];
    if (!earlier)
      throw new Error(`snapshot update refers to statement ${entry.kept}, which the receiver lacks`);
    return movedLines(earlier, entry.lineDelta);
  });
  return { ...update, statements };
}

/** True when an update carries every statement in full (it needs no previous snapshot). */
export function isSelfContained(update: SnapshotUpdate): boolean {
  return update.statements.every((entry) => !('kept' in entry));
}

function pointsOutside(result: StatementResult): boolean {
  const own = result.range;
  const outside = (range: Range) => range.start < own.start || range.end > own.end;
  if (result.outcome.kind === 'error' && outside(result.outcome.range)) return true;
  return result.inner.some((record) => outside(record.range));
}

function movedLines(statement: StatementSnapshot, lineDelta: number): StatementSnapshot {
  if (lineDelta === 0) return statement;
  const move = (span: SpanSnapshot): SpanSnapshot => ({
    start: { line: span.start.line + lineDelta, character: span.start.character },
    end: { line: span.end.line + lineDelta, character: span.end.character },
  });
  // Statements of functions defined elsewhere do not move with this one.
  const within = (span: SpanSnapshot) =>
    span.start.line >= statement.span.start.line && span.end.line <= statement.span.end.line;
  const moveInside = (span: SpanSnapshot) => (within(span) ? move(span) : span);
  return {
    ...statement,
    span: move(statement.span),
    ...(statement.error ? { error: { ...statement.error, span: moveInside(statement.error.span) } } : {}),
    calls: statement.calls.map((call) => ({ ...call, span: move(call.span) })),
    ...(statement.inner
      ? { inner: statement.inner.map((inner) => ({ ...inner, span: moveInside(inner.span) })) }
      : {}),
  };
}

function samePrintSettings(result: StatementResult, earlier: StatementResult | undefined): boolean {
  if (!earlier) return false;
  return JSON.stringify(result.state.peekPrintOptions()) === JSON.stringify(earlier.state.peekPrintOptions());
}

/**
 * The print options a statement's results are shown with: the caller's (the
 * editor's settings, the CLI's --precision) under what the program had set
 * by then with `np.set_printoptions`, as NumPy would print them.
 */
export function resultPrintOptions(
  result: StatementResult,
  print: Partial<PrintOptions> | undefined,
): Partial<PrintOptions> | undefined {
  const program = result.state.peekPrintOptions();
  return Object.keys(program).length === 0 ? print : { ...print, ...program };
}
