import type { AssignTarget, Range, Statement } from './ast';
import { describe } from './display';
import type { DocumentEvaluation, StatementResult } from './document';
import type { PrintOptions } from './format';
import type { LineIndex } from './positions';
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

function targetNames(target: AssignTarget, out: string[]): void {
  if (target.kind === 'name') out.push(target.name);
  else if (target.kind === 'index') {
    if (target.object.kind === 'name') out.push(target.object.name);
  } else for (const item of target.items) targetNames(item, out);
}

/** Names a statement binds (`a = …`, `a[0] = …`, `a += …`, `def f`). */
export function boundNames(statement: Statement): string[] {
  const names: string[] = [];
  if (statement.kind === 'assign') for (const target of statement.targets) targetNames(target, names);
  else if (statement.kind === 'augassign') targetNames(statement.target, names);
  else if (statement.kind === 'def') names.push(statement.name);
  return names;
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
): StatementSnapshot {
  const { outcome } = result;
  const shown = (value: Value) => cachedShownValue(value, print, printKey);
  return {
    span: spanOf(lines, result.range),
    ...(outcome.kind === 'value' ? { value: shown(outcome.value) } : {}),
    ...(outcome.kind === 'error'
      ? { error: { message: outcome.message, type: outcome.pythonType, span: spanOf(lines, outcome.range) } }
      : {}),
    calls: result.calls.map((call) => ({
      span: spanOf(lines, call.range),
      callee: call.callee,
      value: shown(call.value),
    })),
    bindings:
      outcome.kind === 'error'
        ? []
        : boundNames(result.statement).flatMap((name) => {
            const value = result.state.lookup(name);
            return value === undefined ? [] : [{ name, value: shown(value) }];
          }),
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
    const earlier =
      sameBase && result.previousIndex >= 0 ? base.snapshot.statements[result.previousIndex] : undefined;
    if (earlier) {
      const start = evaluation.lines.positionAt(result.range.start);
      if (start.character === earlier.span.start.character) {
        const lineDelta = start.line - earlier.span.start.line;
        statements.push(movedLines(earlier, lineDelta));
        updates.push({ kept: result.previousIndex, lineDelta });
        continue;
      }
    }
    const fresh = statementSnapshot(result, evaluation.lines, print, printKey);
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

function movedLines(statement: StatementSnapshot, lineDelta: number): StatementSnapshot {
  if (lineDelta === 0) return statement;
  const move = (span: SpanSnapshot): SpanSnapshot => ({
    start: { line: span.start.line + lineDelta, character: span.start.character },
    end: { line: span.end.line + lineDelta, character: span.end.character },
  });
  return {
    ...statement,
    span: move(statement.span),
    ...(statement.error ? { error: { ...statement.error, span: move(statement.error.span) } } : {}),
    calls: statement.calls.map((call) => ({ ...call, span: move(call.span) })),
  };
}
