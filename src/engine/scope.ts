import { LegacyRandom } from '../nn/random';
import { DEFAULT_SEED } from './constants';
import type { Value } from './values';

/**
 * The global state one statement runs in: the variables bound so far and
 * NumPy's global random generator. A statement never mutates the state it
 * was given; it records its own bindings and, if it drew random numbers, a
 * new generator. That is what lets an edit re-evaluate only from the first
 * changed statement on.
 */
export class GlobalState {
  private readonly vars: Map<string, Value>;
  private rngShared: boolean;

  constructor(
    vars: Map<string, Value> = new Map(),
    private rngState: LegacyRandom = LegacyRandom.fromSeed(DEFAULT_SEED),
  ) {
    this.vars = vars;
    this.rngShared = true;
  }

  /** A copy whose changes do not reach this state. */
  fork(): GlobalState {
    return new GlobalState(new Map(this.vars), this.rngState);
  }

  get(name: string): Value | undefined {
    return this.vars.get(name);
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  set(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  names(): IterableIterator<string> {
    return this.vars.keys();
  }

  entries(): IterableIterator<[string, Value]> {
    return this.vars.entries();
  }

  /** The generator, copied on first use so earlier statements' snapshots stay intact. */
  rng(): LegacyRandom {
    if (this.rngShared) {
      this.rngState = this.rngState.clone();
      this.rngShared = false;
    }
    return this.rngState;
  }

  /** The generator as it stands, for reading only (display, snapshots). */
  peekRng(): LegacyRandom {
    this.rngShared = true;
    return this.rngState;
  }
}
