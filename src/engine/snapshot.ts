import type { AssignTarget, Range, Statement } from './ast';
import { describe } from './display';
import type { DocumentEvaluation, StatementResult } from './document';
import type { Outcome } from './evaluator';
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

// Snapshots of reused statements are reused too: formatting is the costly part.
const cache = new WeakMap<Outcome, { print: string; snapshot: StatementSnapshot }>();

function statementSnapshot(
  result: StatementResult,
  lines: LineIndex,
  print: Partial<PrintOptions>,
): StatementSnapshot {
  const printKey = JSON.stringify(print);
  const cached = cache.get(result.outcome);
  if (cached && cached.print === printKey && result.reused) return cached.snapshot;
  const { outcome } = result;
  const snapshot: StatementSnapshot = {
    span: spanOf(lines, result.range),
    ...(outcome.kind === 'value' ? { value: shownValue(outcome.value, print) } : {}),
    ...(outcome.kind === 'error'
      ? { error: { message: outcome.message, type: outcome.pythonType, span: spanOf(lines, outcome.range) } }
      : {}),
    calls: result.calls.map((call) => ({
      span: spanOf(lines, call.range),
      callee: call.callee,
      value: shownValue(call.value, print),
    })),
    bindings:
      outcome.kind === 'error'
        ? []
        : boundNames(result.statement).flatMap((name) => {
            const value = result.state.get(name);
            return value === undefined ? [] : [{ name, value: shownValue(value, print) }];
          }),
  };
  cache.set(result.outcome, { print: printKey, snapshot });
  return snapshot;
}

/** The editor's view of an evaluation. */
export function snapshotOf(
  evaluation: DocumentEvaluation,
  print: Partial<PrintOptions> = {},
): DocumentSnapshot {
  return {
    statements: evaluation.statements.map((result) => statementSnapshot(result, evaluation.lines, print)),
    cells: evaluation.program.cells.map((cell) => ({
      line: evaluation.lines.positionAt(cell.range.start).line,
      title: cell.title,
    })),
    ...(evaluation.notAScript ? { notAScript: evaluation.notAScript } : {}),
    variables: [...evaluation.finalState.names()],
  };
}
