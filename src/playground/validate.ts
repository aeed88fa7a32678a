/**
 * Checks every value that crosses the host/webview boundary (and every value
 * read from a file) against {@link BOUNDS}. A value of the wrong type, not
 * finite, or impossible (lr <= 0, a ragged matrix) is refused with a message;
 * a number merely out of range is clamped and the change noted. Used by both
 * sides (whole messages: `messages.ts`): no `vscode`, no DOM.
 */

import {
  BOUNDS,
  type Origin,
  PARAMS,
  type Param,
  type ParamEdit,
  type RngState,
  type Rows,
  type RunConfig,
  type Source,
} from './protocol';

/** A checked value and what clamping changed, or why it was refused. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: string };

class Refused extends Error {}

type Obj = Record<string, unknown>;

/** Refuses the value being checked (inside {@link run}). */
export function refuse(message: string): never {
  throw new Refused(message);
}

/** Runs a checker, turning a refusal into `{ ok: false }` (the checkers below throw to refuse). */
export function run<T>(check: (notes: string[]) => T): Checked<T> {
  const notes: string[] = [];
  try {
    return { ok: true, value: check(notes), notes };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.message };
    throw error;
  }
}

export function object(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    refuse(`${what} must be an object`);
  return value as Obj;
}

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number') refuse(`${what} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) refuse(`${what} must be a finite number, got ${value}`);
  return value;
}

export function integer(value: unknown, what: string): number {
  const n = finite(value, what);
  if (!Number.isInteger(n)) refuse(`${what} must be an integer, got ${n}`);
  return n;
}

function clamp(n: number, min: number, max: number, what: string, notes: string[]): number {
  if (n < min) {
    notes.push(`${what}=${n} is below ${min}: using ${min}`);
    return min;
  }
  if (n > max) {
    notes.push(`${what}=${n} is above ${max}: using ${max}`);
    return max;
  }
  return n;
}

export function text(value: unknown, what: string, maxLength = 10_000): string {
  if (typeof value !== 'string') refuse(`${what} must be a string, got ${describe(value)}`);
  if (value.length > maxLength) refuse(`${what} is too long (${value.length} characters)`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : typeof value;
}

/** lr in (0, 100]: zero or negative is refused, above 100 is clamped. */
export function checkLr(value: unknown, notes: string[]): number {
  const lr = finite(value, 'lr');
  if (lr <= 0) refuse(`lr must be greater than 0, got ${lr}`);
  return clamp(lr, 0, BOUNDS.lrMax, 'lr', notes);
}

export function checkEpochs(value: unknown, notes: string[]): number {
  return clamp(integer(value, 'epochs'), BOUNDS.epochsMin, BOUNDS.epochsMax, 'epochs', notes);
}

export function checkHidden(value: unknown, notes: string[]): number {
  return clamp(integer(value, 'hidden'), BOUNDS.hiddenMin, BOUNDS.hiddenMax, 'hidden', notes);
}

/** seed: None (null) or an integer NumPy accepts, 0 … 2**32 - 1 (refused otherwise, as NumPy refuses it). */
export function checkSeed(value: unknown): number | null {
  if (value === null) return null;
  const seed = integer(value, 'seed');
  if (seed < 0 || seed > BOUNDS.seedMax) refuse(`seed must be between 0 and 2**32 - 1, got ${seed}`);
  return seed;
}

/** A rectangular matrix of finite numbers within the size bounds (checked before it is walked). */
export function checkRows(value: unknown, name: 'X' | 'y'): Rows {
  if (!Array.isArray(value)) refuse(`${name} must be a list of rows, got ${describe(value)}`);
  if (value.length === 0) refuse(`${name} needs at least one row`);
  if (value.length > BOUNDS.rowsMax) {
    refuse(`${name} has ${value.length} rows; the playground takes at most ${BOUNDS.rowsMax}`);
  }
  let width = -1;
  const rows: number[][] = [];
  value.forEach((row: unknown, i: number) => {
    if (!Array.isArray(row)) refuse(`${name} row ${i} must be a list of numbers`);
    if (row.length > BOUNDS.colsMax) {
      refuse(`${name} has ${row.length} columns; the playground takes at most ${BOUNDS.colsMax}`);
    }
    if (row.length === 0) refuse(`${name} row ${i} is empty`);
    if (width >= 0 && row.length !== width) {
      refuse(`${name} rows must all have the same length: row 0 has ${width}, row ${i} has ${row.length}`);
    }
    width = row.length;
    rows.push(row.map((v: unknown, j: number) => finite(v, `${name}[${i}][${j}]`)));
  });
  return rows;
}

export function checkConfig(value: unknown, notes: string[]): RunConfig {
  const o = object(value, 'config');
  const X = checkRows(o.X, 'X');
  const y = checkRows(o.y, 'y');
  if (X.length !== y.length) {
    refuse(`y needs one row per row of X: X has ${X.length} rows, y has ${y.length}`);
  }
  return {
    X,
    y,
    hidden: checkHidden(o.hidden, notes),
    lr: checkLr(o.lr, notes),
    epochs: checkEpochs(o.epochs, notes),
    seed: checkSeed(o.seed),
  };
}

export function checkRng(value: unknown): RngState | null {
  if (value === null) return null;
  const o = object(value, 'rng');
  if (!Array.isArray(o.key) || o.key.length !== 624) refuse('rng.key must hold 624 words');
  const key = o.key.map((word: unknown) => {
    const w = integer(word, 'rng.key word');
    if (w < 0 || w > 0xffffffff) refuse(`rng.key words must lie in [0, 2**32), got ${w}`);
    return w;
  });
  const pos = integer(o.pos, 'rng.pos');
  if (pos < 0 || pos > 624) refuse(`rng.pos must lie in [0, 624], got ${pos}`);
  if (typeof o.hasGauss !== 'boolean') refuse('rng.hasGauss must be true or false');
  return { key, pos, hasGauss: o.hasGauss, gauss: finite(o.gauss, 'rng.gauss') };
}

export function checkSource(value: unknown, notes: string[]): Source {
  const o = object(value, 'source');
  return { config: checkConfig(o.config, notes), rng: checkRng(o.rng) };
}

export function checkOrigin(value: unknown): Origin | null {
  if (value === null) return null;
  const o = object(value, 'origin');
  const offset = integer(o.offset, 'origin.offset');
  if (offset < 0) refuse('origin.offset must not be negative');
  return { uri: text(o.uri, 'origin.uri'), offset, label: text(o.label, 'origin.label', 1000) };
}

function checkParam(value: unknown): Param {
  if (!PARAMS.includes(value as Param)) refuse(`unknown argument ${JSON.stringify(value)}`);
  return value as Param;
}

/** One argument's new value, checked like the configuration it belongs to. */
export function checkEdit(value: unknown, notes: string[]): ParamEdit {
  const o = object(value, 'edit');
  const param = checkParam(o.param);
  switch (param) {
    case 'X':
    case 'y':
      return { param, value: checkRows(o.value, param) };
    case 'hidden':
      return { param, value: checkHidden(o.value, notes) };
    case 'lr':
      return { param, value: checkLr(o.value, notes) };
    case 'epochs':
      return { param, value: checkEpochs(o.value, notes) };
    case 'seed':
      return { param, value: checkSeed(o.value) };
  }
}

/** A configuration read from a file or typed in the grid, checked as a whole. */
export function validateConfig(raw: unknown): Checked<RunConfig> {
  return run((notes) => checkConfig(raw, notes));
}

/** One edit, checked (the webview checks its own controls with this before sending). */
export function validateEdit(raw: unknown): Checked<ParamEdit> {
  return run((notes) => checkEdit(raw, notes));
}
