import type { DocumentSnapshot, ShownValue, StatementSnapshot } from '../engine/snapshot';

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

function statementText(statement: StatementSnapshot): { text: string; kind: InlineKind } | undefined {
  if (statement.error) return { text: `${statement.error.type}: ${statement.error.message}`, kind: 'error' };
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

/** The inline text for every line that gets one. */
export function inlineLines(snapshot: DocumentSnapshot, options: InlineOptions): InlineLine[] {
  const lines: InlineLine[] = [];
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
    lines.push({ line: statement.span.end.line, text: cut(text, options.maxLength), kind });
  });
  return lines;
}

/** The block text of a value as `#` comment lines, the way a notebook shows output under a cell. */
export function asComment(block: string, indent = ''): string {
  return block
    .split('\n')
    .map((line) => `${indent}# ${line}`.trimEnd())
    .join('\n');
}
