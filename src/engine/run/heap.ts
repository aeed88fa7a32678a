import { currentOrigin, NDArray } from '../ndarray';
import type { Value } from '../values';

/**
 * Mutable values (arrays, lists, dicts, sets) and the statements that own
 * them. Every statement keeps the state it left behind, and the next
 * evaluation after an edit starts from a kept state. A statement that
 * writes into an object an earlier statement created (`a += 1`,
 * `xs.append(…)`) changes what those earlier states hold, so it is
 * recorded: document.ts then restarts from a state no later statement wrote
 * into.
 *
 * Each object remembers the statement run that created it (its origin);
 * a write into an object of another origin is noted in `foreignWrites`.
 */

/** The origin of every object created while a statement runs. */
export interface Origin {
  /** Origins of older objects this run wrote into (created on the first such write). */
  foreignWrites: Set<Origin> | undefined;
}

const origins = new WeakMap<object, Origin>();

/** Starts a statement run: objects created from now on belong to it. */
export function beginOrigin(): Origin {
  const origin: Origin = { foreignWrites: undefined };
  currentOrigin.value = origin;
  return origin;
}

/** Ends the statement run: objects created outside a statement belong to none. */
export function endOrigin(): void {
  currentOrigin.value = undefined;
}

/** Marks a list, dict or set as created by the running statement. */
export function own<T extends object>(container: T): T {
  const origin = currentOrigin.value as Origin | undefined;
  if (origin) origins.set(container, origin);
  return container;
}

/** A recorded value that must keep its text if someone else writes into it before it is recorded again. */
export interface Watcher {
  value?: unknown;
  readonly statement: object;
}

/** The statement inside a block now running: its own writes do not need its earlier value kept. */
export const executing: { statement: object | undefined } = { statement: undefined };

/** Objects that carry a watcher: arrays, and Python's lists, dicts and sets. */
interface Watched {
  watcher?: Watcher;
}

/**
 * Watches `target` for `watcher` (a statement's recorded value): if another
 * statement writes into it before the same statement records a new value,
 * the recorded value is frozen first. One watcher per object; an earlier
 * one of another statement is frozen at once, so it stays exact.
 */
export function watch(target: object, watcher: Watcher): void {
  const watched = target as Watched;
  const earlier = watched.watcher;
  if (earlier && earlier !== watcher && earlier.value === target) earlier.value = freeze(target as Value);
  watched.watcher = watcher;
}

/** Records that the running statement writes into `target` (call before writing). */
export function noteWrite(target: object): void {
  const watched = target as Watched;
  const watcher = watched.watcher;
  if (watcher) {
    watched.watcher = undefined;
    if (watcher.value === target && watcher.statement !== executing.statement) {
      watcher.value = freeze(target as Value);
    }
  }
  const running = currentOrigin.value as Origin | undefined;
  if (!running) return;
  // A view's origin is its base's: writing through it writes into the base.
  const origin = target instanceof NDArray ? (target.origin as Origin | undefined) : origins.get(target);
  if (origin === running) return;
  running.foreignWrites ??= new Set();
  running.foreignWrites.add(origin ?? UNKNOWN);
}

/** The origin of objects made outside any statement run (kept values of a worker, tests). */
const UNKNOWN: Origin = { foreignWrites: undefined };

/** Is this an object created before the running statement? */
export function isForeign(target: object): boolean {
  const running = currentOrigin.value;
  const origin = target instanceof NDArray ? target.origin : origins.get(target);
  return origin !== running;
}

/**
 * A deep copy of the mutable parts of a value, as it is now: what a
 * statement shows must not change when a later statement writes into the
 * same array. Immutable values and Python scalars are returned as they are.
 */
export function freeze(value: Value, seen: Map<object, Value> = new Map()): Value {
  if (value instanceof NDArray) {
    if (value.python || (value.ndim === 0 && !value.zeroDim)) return value;
    const known = seen.get(value);
    if (known) return known;
    const copy = value.copy();
    copy.origin = value.origin;
    seen.set(value, copy);
    return copy;
  }
  const known = seen.get(value);
  if (known) return known;
  switch (value.kind) {
    case 'list': {
      const copy = { kind: 'list' as const, items: [] as Value[] };
      seen.set(value, copy);
      for (const item of value.items) copy.items.push(freeze(item, seen));
      return copy;
    }
    case 'tuple': {
      if (!value.items.some(isMutable)) return value;
      const items: Value[] = [];
      const copy = { kind: 'tuple' as const, items, named: value.named };
      seen.set(value, copy);
      for (const item of value.items) items.push(freeze(item, seen));
      return copy;
    }
    case 'dict': {
      const copy = { kind: 'dict' as const, entries: new Map<string, { key: Value; value: Value }>() };
      seen.set(value, copy);
      for (const [hash, entry] of value.entries) {
        copy.entries.set(hash, { key: entry.key, value: freeze(entry.value, seen) });
      }
      return copy;
    }
    case 'set': {
      const copy = { kind: 'set' as const, entries: new Map(value.entries), layout: value.layout };
      seen.set(value, copy);
      return copy;
    }
    case 'printed':
      return value.values.some(isMutable)
        ? { kind: 'printed', text: value.text, values: value.values.map((item) => freeze(item, seen)) }
        : value;
    case 'record': {
      const fields = new Map<string, Value>();
      for (const [name, item] of value.fields) fields.set(name, freeze(item, seen));
      return { ...value, fields };
    }
    case 'method':
      return { kind: 'method', self: freeze(value.self, seen) as NDArray, name: value.name };
    case 'dict-view':
      return { kind: 'dict-view', view: value.view, dict: freeze(value.dict, seen) as typeof value.dict };
    default:
      return value;
  }
}

export function isMutable(value: Value): boolean {
  if (value instanceof NDArray) return !value.python && (value.ndim > 0 || value.zeroDim);
  return (
    value.kind === 'list' ||
    value.kind === 'dict' ||
    value.kind === 'set' ||
    value.kind === 'tuple' ||
    value.kind === 'record' ||
    value.kind === 'dict-view'
  );
}
