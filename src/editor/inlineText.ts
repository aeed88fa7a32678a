import type { DocumentSnapshot, InnerSnapshot, ShownValue, StatementSnapshot } from '../engine/snapshot';

/**
 * What the inline results show on each line — pure, so it is unit-tested
 * without VS Code. One plain line per statement (a decoration's text cannot
 * wrap); the hover shows the full block.
 */

export type InlineKind = 'value' | 'error';

export interface InlineLine {
  /** 0-based line the text goes after (a statement's last line). */
  readonly line: number;
  readonly text: string;
  readonly kind: InlineKind;
}

export const RESULT_ARROW = '→';
const ELLIPSIS = '…';

/** Cuts text to at most `max` characters, ending with `…` when cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}${ELLIPSIS}`;
}

/** A shape as `2×3` (`scalar` for 0-d). */
export function shapeLabel(shape: readonly number[] | undefined): string {
  if (!shape) return '';
  return shape.length === 0 ? 'scalar' : shape.join('×');
}

/** `2×2 int64`, `float64`, `tuple`: a value's kind in a few characters, for CodeLens titles. */
export function valueSummary(value: ShownValue): string {
  if (value.shape && value.dtype)
    return value.shape.length === 0 ? value.dtype : `${shapeLabel(value.shape)} ${value.dtype}`;
  return value.type;
}

/** An error's text with how a block reached it: `ZeroDivisionError: division by zero (iteration 3 of the loop on line 5)`. */
export function errorText(error: NonNullable<StatementSnapshot['error']>): string {
  const where = error.context && error.context.length > 0 ? ` (${error.context.join(', ')})` : '';
  return `${error.type}: ${error.message}${where}`;
}

function statementText(statement: StatementSnapshot): { text: string; kind: InlineKind } | undefined {
  if (statement.error) return { text: errorText(statement.error), kind: 'error' };
  // A block shows its results on its own lines; what it printed shows on the print statements.
  if (statement.inner && statement.inner.length > 0) return undefined;
  if (statement.value) {
    const { value } = statement;
    // A bare `None` (from `np.random.seed(0)`) says nothing worth a line.
    if (value.type === 'NoneType' && !value.printed) return undefined;
    return { text: value.oneLine, kind: 'value' };
  }
  return undefined;
}

export interface InlineOptions {
  readonly maxLength: number;
  /** Statements to show (indices); undefined shows all. */
  readonly visible?: ReadonlySet<number>;
  /** Calls whose values the user asked for (CodeLens), as `line:character` of the call start. */
  readonly revealedCalls?: ReadonlySet<string>;
}

export function callKey(line: number, character: number): string {
  return `${line}:${character}`;
}

/** `×5,000`: how many times a statement inside a loop ran. */
export function countLabel(count: number): string {
  return `×${count.toLocaleString('en-US')}`;
}

/** What a statement inside a block shows: its last value (or printed line), and how often it ran. */
interface InnerText {
  readonly shown: string;
  /** `  (×5,000)`, kept whole when the value is cut to fit. */
  readonly count: string;
}

function innerText(inner: InnerSnapshot): InnerText | undefined {
  const shown =
    inner.printed ?? (inner.value && inner.value.type !== 'NoneType' ? inner.value.oneLine : undefined);
  if (shown === undefined) return inner.count > 1 ? { shown: countLabel(inner.count), count: '' } : undefined;
  return { shown, count: inner.count > 1 ? `  (${countLabel(inner.count)})` : '' };
}

/** The inline text of a line inside a block: a long value is cut, its run count stays. */
function innerLineText(texts: readonly InnerText[], max: number): string {
  const prefix = `${RESULT_ARROW} `;
  if (texts.length === 1) {
    const [{ shown, count }] = texts;
    return `${prefix}${cut(shown, Math.max(1, max - prefix.length - count.length))}${count}`;
  }
  return cut(`${prefix}${texts.map((t) => `${t.shown}${t.count}`).join('  ·  ')}`, max);
}

/** Where a statement's error shows: on the statement inside it that raised, or at its end when that is elsewhere. */
function errorLine(statement: StatementSnapshot): number {
  const at = statement.error?.span.end.line ?? statement.span.end.line;
  return at >= statement.span.start.line && at <= statement.span.end.line ? at : statement.span.end.line;
}

/** The inline text for every line that gets one. */
export function inlineLines(snapshot: DocumentSnapshot, options: InlineOptions): InlineLine[] {
  const lines: InlineLine[] = [];
  // Statements inside blocks: the latest top-level statement that ran one decides what it shows.
  const inner = new Map<number, { texts: Map<string, InnerText> }>();
  snapshot.statements.forEach((statement, index) => {
    if (!statement.inner || (options.visible && !options.visible.has(index))) return;
    for (const entry of statement.inner) {
      const text = innerText(entry);
      const line = entry.span.end.line;
      const key = `${entry.span.start.line}:${entry.span.start.character}`;
      let slot = inner.get(line);
      if (!slot) {
        slot = { texts: new Map() };
        inner.set(line, slot);
      }
      if (text === undefined) slot.texts.delete(key);
      else slot.texts.set(key, text);
    }
  });
  const innerLineIndex = new Map<number, number>();
  for (const [line, slot] of inner) {
    if (slot.texts.size === 0) continue;
    innerLineIndex.set(line, lines.length);
    lines.push({ line, text: innerLineText([...slot.texts.values()], options.maxLength), kind: 'value' });
  }
  const replaced = new Set<number>();
  snapshot.statements.forEach((statement, index) => {
    const parts: string[] = [];
    let kind: InlineKind = 'value';
    if (!options.visible || options.visible.has(index)) {
      const shown = statementText(statement);
      if (shown) {
        parts.push(shown.text);
        kind = shown.kind;
      }
    }
    for (const call of statement.calls) {
      if (options.revealedCalls?.has(callKey(call.span.start.line, call.span.start.character))) {
        parts.push(`${call.callee === '@' ? '@' : call.callee}(…) = ${call.value.oneLine}`);
      }
    }
    if (parts.length === 0) return;
    const text = `${RESULT_ARROW} ${parts.join('  ·  ')}`;
    const line = kind === 'error' ? errorLine(statement) : statement.span.end.line;
    // An error replaces what the statement inside a block that raised it showed there.
    const existing = kind === 'error' ? innerLineIndex.get(line) : undefined;
    if (existing !== undefined) replaced.add(existing);
    lines.push({ line, text: cut(text, options.maxLength), kind });
  });
  const kept = replaced.size > 0 ? lines.filter((_, i) => !replaced.has(i)) : lines;
  return innerLineIndex.size > 0 ? kept.sort((a, b) => a.line - b.line) : kept;
}

/** The block text of a value as `#` comment lines, the way a notebook shows output under a cell. */
export function asComment(block: string, indent = ''): string {
  return block
    .split('\n')
    .map((line) => `${indent}# ${line}`.trimEnd())
    .join('\n');
}
