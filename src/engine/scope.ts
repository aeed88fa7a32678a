import { LegacyRandom } from '../nn/random';
import { DEFAULT_SEED } from './constants';
import type { PrintOptions } from './format';
import { DEFAULT_FLOAT_ERRORS, FLOAT_ERROR_KINDS, type FloatErrorSettings } from './ops/floatErrors';
import type { Value } from './values';

/** No `np.set_printoptions` yet: NumPy's defaults (or the editor's settings) apply. */
const NO_PRINT_OPTIONS: Partial<PrintOptions> = Object.freeze({});

/**
 * The global state one statement runs in: the variables bound so far and
 * NumPy's global random generator. A statement never mutates the state it
 * was given; it records its own bindings and, if it drew random numbers, a
 * new generator. That is what lets an edit re-evaluate only from the first
 * changed statement on.
 *
 * Every statement keeps its own state (hovers show the values after it), so
 * the variables are a persistent tree: a fork shares everything with its
 * parent and a binding copies one path, O(log n). Copying a map per fork
 * would make a file of 100,000 assignments to distinct names quadratic in
 * memory (gigabytes) and kill the worker.
 */
/**
 * What one statement did with the global state: the names it looked up
 * (found or not: defining one later changes the outcome), the names it
 * bound, and whether it used the random generator. An edit re-runs a
 * statement only when something it read changed.
 */
export interface StateAccess {
  readonly reads: Set<string>;
  readonly writes: Set<string>;
  /** Listed every name (a "did you mean" hint): depends on all of them. */
  readsAll: boolean;
  usesRng: boolean;
  /** Formatted an array with the program's print options in effect. */
  usesPrintOptions: boolean;
  /** Changed the print options (`np.set_printoptions`). */
  setsPrintOptions: boolean;
  /** Computed something whose floating-point errors the program's `np.seterr` settings handle. */
  usesFloatErrors: boolean;
  /** Changed those settings (`np.seterr`, `np.seterrcall`, `with np.errstate(...)`). */
  setsFloatErrors: boolean;
}

export class GlobalState {
  private root: Tree;
  private rngShared: boolean;
  private access: StateAccess | undefined;
  /** What `np.set_printoptions` set so far (replaced, never mutated: forks share it). */
  private printSettings: Partial<PrintOptions> = NO_PRINT_OPTIONS;
  /** What `np.seterr` set so far (frozen, replaced: forks share it). */
  private floatErrorSettings: FloatErrorSettings = DEFAULT_FLOAT_ERRORS;

  constructor(
    vars: ReadonlyMap<string, Value> = new Map(),
    private rngState: LegacyRandom = LegacyRandom.fromSeed(DEFAULT_SEED),
  ) {
    let root: Tree = null;
    for (const [name, value] of vars) root = insert(root, name, value);
    this.root = root;
    this.rngShared = true;
  }

  /** A copy whose changes do not reach this state. */
  fork(): GlobalState {
    const copy = new GlobalState(undefined, this.rngState);
    copy.root = this.root;
    copy.printSettings = this.printSettings;
    copy.floatErrorSettings = this.floatErrorSettings;
    return copy;
  }

  /**
   * Bindings of the running statement not yet in the tree: a loop rebinds
   * the same names thousands of times, and each tree insert copies a path.
   * They go into the tree once, when the statement ends (`untrack`).
   */
  private pending: Map<string, Value> | undefined;

  /** Starts recording what is read and bound through this state (one statement's run). */
  track(): StateAccess {
    this.access = {
      reads: new Set(),
      writes: new Set(),
      readsAll: false,
      usesRng: false,
      usesPrintOptions: false,
      setsPrintOptions: false,
      usesFloatErrors: false,
      setsFloatErrors: false,
    };
    this.pending = new Map();
    return this.access;
  }

  /** Stops recording; later reads (hovers, snapshots) are not the statement's. */
  untrack(): void {
    this.access = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) for (const [name, value] of pending) this.root = insert(this.root, name, value);
  }

  get(name: string): Value | undefined {
    this.access?.reads.add(name);
    return this.lookup(name);
  }

  /** A lookup that is not a statement's read (comparing states). */
  lookup(name: string): Value | undefined {
    const pending = this.pending?.get(name);
    if (pending !== undefined) return pending === DELETED ? undefined : pending;
    let node = this.root;
    while (node) {
      if (name < node.key) node = node.left;
      else if (name > node.key) node = node.right;
      else return node.value === DELETED ? undefined : node.value;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  set(name: string, value: Value): void {
    this.access?.writes.add(name);
    if (this.pending) this.pending.set(name, value);
    else this.root = insert(this.root, name, value);
  }

  /** `del name`: false when the name was not bound. */
  remove(name: string): boolean {
    if (this.get(name) === undefined) return false;
    this.set(name, DELETED);
    return true;
  }

  /** Variable names, in sorted order. */
  *names(): IterableIterator<string> {
    if (this.access) this.access.readsAll = true;
    for (const [name] of this.entries()) yield name;
  }

  /** Variables and their values, sorted by name. */
  *entries(): IterableIterator<[string, Value]> {
    if (this.pending && this.pending.size > 0) {
      // Rare (a "did you mean" hint while a statement runs): merge the pending bindings.
      const all = new Map<string, Value>();
      for (const [name, value] of this.treeEntries()) all.set(name, value);
      for (const [name, value] of this.pending) all.set(name, value);
      for (const name of [...all.keys()].sort()) {
        const value = all.get(name) as Value;
        if (value !== DELETED) yield [name, value];
      }
      return;
    }
    yield* this.treeEntries();
  }

  private *treeEntries(): IterableIterator<[string, Value]> {
    const stack: Node[] = [];
    let node = this.root;
    while (node || stack.length > 0) {
      while (node) {
        stack.push(node);
        node = node.left;
      }
      const top = stack.pop()!;
      if (top.value !== DELETED) yield [top.key, top.value];
      node = top.right;
    }
  }

  /** The generator, copied on first use so earlier statements' snapshots stay intact. */
  rng(): LegacyRandom {
    if (this.access) this.access.usesRng = true;
    if (this.rngShared) {
      this.rngState = this.rngState.clone();
      this.rngShared = false;
    }
    return this.rngState;
  }

  /**
   * Takes another state's generator as this state's own (a statement whose
   * result is reused leaves the generator where its earlier run left it).
   */
  adoptRng(from: GlobalState): void {
    this.rngState = from.peekRng();
    this.rngShared = true;
  }

  /** True when both states' generators would draw the same numbers. */
  sameRng(other: GlobalState): boolean {
    return this.rngState.sameState(other.rngState);
  }

  /** The program's print options, as the running statement reads them. */
  printOptions(): Partial<PrintOptions> {
    if (this.access) this.access.usesPrintOptions = true;
    return this.printSettings;
  }

  /** The print options as they stand, for reading only (display, snapshots). */
  peekPrintOptions(): Partial<PrintOptions> {
    return this.printSettings;
  }

  /** `np.set_printoptions(...)`: the options from now on. */
  setPrintOptions(options: Partial<PrintOptions>): void {
    if (this.access) this.access.setsPrintOptions = true;
    this.printSettings = Object.freeze({ ...options });
  }

  /** Takes the print options another state ended with (a reused statement that set them). */
  adoptPrintOptions(from: GlobalState): void {
    this.printSettings = from.printSettings;
  }

  /** True when both states format arrays alike. */
  samePrintOptions(other: GlobalState): boolean {
    return JSON.stringify(this.printSettings) === JSON.stringify(other.printSettings);
  }

  /** The program's floating-point error handling, as the running statement reads it. */
  floatErrors(): FloatErrorSettings {
    if (this.access) this.access.usesFloatErrors = true;
    return this.floatErrorSettings;
  }

  /** `np.seterr(...)`: the handling from now on. */
  setFloatErrors(settings: FloatErrorSettings): void {
    if (this.access) this.access.setsFloatErrors = true;
    this.floatErrorSettings = settings;
  }

  /** Takes the handling another state ended with (a reused statement that set it). */
  adoptFloatErrors(from: GlobalState): void {
    this.floatErrorSettings = from.floatErrorSettings;
  }

  /** True when both states handle floating-point errors alike. */
  sameFloatErrors(other: GlobalState): boolean {
    const mine = this.floatErrorSettings;
    const theirs = other.floatErrorSettings;
    return mine.call === theirs.call && FLOAT_ERROR_KINDS.every((kind) => mine[kind] === theirs[kind]);
  }

  /** The generator as it stands, for reading only (display, snapshots). */
  peekRng(): LegacyRandom {
    this.rngShared = true;
    return this.rngState;
  }
}

/** A node of a persistent AVL tree keyed by variable name; never mutated once built. */
interface Node {
  readonly key: string;
  readonly value: Value;
  readonly left: Tree;
  readonly right: Tree;
  readonly height: number;
}

type Tree = Node | null;

/** What `del name` leaves in the tree: the persistent tree keeps its shape, the name reads as unbound. */
const DELETED: Value = { kind: 'none' };

function height(t: Tree): number {
  return t ? t.height : 0;
}

function node(key: string, value: Value, left: Tree, right: Tree): Node {
  return { key, value, left, right, height: 1 + Math.max(height(left), height(right)) };
}

/** A node over `left` and `right` (whose heights differ by at most 2), rotated back into balance. */
function balanced(key: string, value: Value, left: Tree, right: Tree): Node {
  const hl = height(left);
  const hr = height(right);
  if (hl > hr + 1) {
    const l = left!;
    if (height(l.left) >= height(l.right))
      return node(l.key, l.value, l.left, node(key, value, l.right, right));
    const lr = l.right!;
    return node(lr.key, lr.value, node(l.key, l.value, l.left, lr.left), node(key, value, lr.right, right));
  }
  if (hr > hl + 1) {
    const r = right!;
    if (height(r.right) >= height(r.left))
      return node(r.key, r.value, node(key, value, left, r.left), r.right);
    const rl = r.left!;
    return node(rl.key, rl.value, node(key, value, left, rl.left), node(r.key, r.value, rl.right, r.right));
  }
  return node(key, value, left, right);
}

/** `t` with `key` bound to `value`: a new path from the root, the rest shared. */
function insert(t: Tree, key: string, value: Value): Node {
  if (!t) return node(key, value, null, null);
  if (key < t.key) return balanced(t.key, t.value, insert(t.left, key, value), t.right);
  if (key > t.key) return balanced(t.key, t.value, t.left, insert(t.right, key, value));
  return node(key, value, t.left, t.right);
}
