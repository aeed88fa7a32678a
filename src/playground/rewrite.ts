/**
 * Rewrites one argument of a `train(...)` call in the source: the panel's
 * controls write back to the file this way, so the file stays the single
 * truth. Only that argument's text changes (or, when it is missing, a
 * `name=value` is added before the closing parenthesis); everything else
 * stays byte for byte. Pure: the host turns the result into one WorkspaceEdit.
 */

import type { Argument, CallExpr } from '../engine/ast';
import { parse } from '../engine/parser';
import type { ParamEdit, Rows } from './protocol';
import { bindTrainArgs, trainCallAt } from './trainCall';

/** Replace `text.slice(start, end)` with `newText`. */
export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export type RewriteResult =
  | { readonly ok: true; readonly replacement: TextReplacement | null }
  | { readonly ok: false; readonly message: string };

/** A number as Python source: integers plainly, other floats by their shortest round-trip form. */
export function numberSource(value: number, asFloat = false): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return asFloat ? `${value}.0` : String(value);
  return String(value).replace('e+', 'e');
}

/** Rows as a nested list literal: `[[1, 0], [0, 1]]` (the engine and NumPy both take it). */
export function rowsSource(rows: Rows): string {
  return `[${rows.map((row) => `[${row.map((v) => numberSource(v)).join(', ')}]`).join(', ')}]`;
}

/** The source text of an edit's value. */
export function valueSource(edit: ParamEdit): string {
  switch (edit.param) {
    case 'X':
    case 'y':
      return rowsSource(edit.value);
    case 'lr':
      return numberSource(edit.value, true);
    case 'seed':
      return edit.value === null ? 'None' : numberSource(edit.value);
    default:
      return numberSource(edit.value);
  }
}

/**
 * For X and y written as `np.array([...], …)`, only the list inside is
 * replaced, keeping the call around it (and any dtype).
 */
function replacedPart(arg: Argument, edit: ParamEdit): { start: number; end: number } {
  const value = arg.value;
  if ((edit.param === 'X' || edit.param === 'y') && value.kind === 'call') {
    const callee = value.callee;
    const name = callee.kind === 'name' ? callee.name : callee.kind === 'attribute' ? callee.name : '';
    const first = value.args[0];
    if ((name === 'array' || name === 'asarray') && first && !first.name && first.value.kind === 'list') {
      return first.value.range;
    }
  }
  return value.range;
}

/** Index of the comma after the last argument (comments skipped), or -1. */
function trailingComma(between: string): number {
  for (let i = 0; i < between.length; i++) {
    if (between[i] === ',') return i;
    if (between[i] === '#') {
      const eol = between.indexOf('\n', i);
      if (eol < 0) return -1;
      i = eol;
    }
  }
  return -1;
}

/** Where and what to insert for a missing argument: `, lr=0.5` after the last one. */
function insertion(text: string, call: CallExpr, edit: ParamEdit): TextReplacement {
  const keyword = `${edit.param}=${valueSource(edit)}`;
  const close = call.argsRange.end - 1; // the ')'
  const last = call.args[call.args.length - 1];
  if (!last) return { start: call.argsRange.start + 1, end: call.argsRange.start + 1, newText: keyword };
  const between = text.slice(last.range.end, close);
  const comma = trailingComma(between);
  if (comma < 0) return { start: last.range.end, end: last.range.end, newText: `, ${keyword}` };
  // A trailing comma: one argument per line keeps that layout, otherwise add after the comma.
  const at = last.range.end + comma + 1;
  if (/\n/.test(between.slice(comma))) {
    const lineStart = text.lastIndexOf('\n', last.range.start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, last.range.start))?.[0] ?? '';
    const eol = text.slice(0, at).includes('\r\n') ? '\r\n' : '\n';
    return { start: at, end: at, newText: `${eol}${indent}${keyword},` };
  }
  return { start: at, end: at, newText: ` ${keyword}` };
}

/**
 * The replacement that sets one argument of the `train(...)` call starting
 * at `callOffset`, or null when the source already says exactly that.
 * Refused when there is no train call at that offset any more.
 */
export function rewriteArgument(text: string, callOffset: number, edit: ParamEdit): RewriteResult {
  const site = trainCallAt(parse(text), callOffset);
  if (!site) {
    return { ok: false, message: 'The train(...) call is no longer where it was: the file changed.' };
  }
  const bound = bindTrainArgs(site.call);
  if (!bound.ok) return { ok: false, message: bound.error };
  const arg = bound.args.get(edit.param);
  if (!arg) {
    // A missing seed already means None.
    if (edit.param === 'seed' && edit.value === null) return { ok: true, replacement: null };
    return { ok: true, replacement: insertion(text, site.call, edit) };
  }
  const { start, end } = replacedPart(arg, edit);
  const newText = valueSource(edit);
  if (text.slice(start, end) === newText) return { ok: true, replacement: null };
  return { ok: true, replacement: { start, end, newText } };
}

/** Applies a replacement to a string (for tests and previews). */
export function applyReplacement(text: string, r: TextReplacement | null): string {
  return r ? text.slice(0, r.start) + r.newText + text.slice(r.end) : text;
}
