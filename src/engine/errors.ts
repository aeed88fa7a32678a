import type { Range } from './ast';

/**
 * One place an error passed through: `iteration 3 of the loop` at the
 * loop's offset (shown as `… on line 12`), or `in f() called` at the call's.
 * Offsets, not line numbers, so the entry moves with its statement.
 */
export interface ContextEntry {
  readonly place: string;
  readonly at: number;
  /** How many times in a row it was passed through (deep recursion), when more than once. */
  readonly times?: number;
  /** How many places between it and the entry before were left out (a long chain of calls). */
  readonly hidden?: number;
}

/**
 * A user's mistake found while evaluating (a shape mismatch, an unknown
 * name, a limit reached). `message` is NumPy's/Python's wording where they
 * have one; `pythonType` is the exception class Python would raise.
 * `range`, when set, narrows where the error is shown (an argument, an
 * operator); the evaluator fills in the enclosing node's range otherwise.
 */
export class MatError extends Error {
  range?: Range;
  /** How a block reached the error, innermost first: each place with the offset it names a line of. */
  context: ContextEntry[] = [];
  /** Already recorded on the innermost statement of a block that raised it. */
  recorded = false;
  /** What Python's traceback adds after the message (`. Did you mean: 'alpha'?`); not part of `str(exc)`. */
  note?: string;

  constructor(
    message: string,
    readonly pythonType: string = 'ValueError',
    range?: Range,
  ) {
    super(message);
    this.name = 'MatError';
    this.range = range;
  }
}

/** Work stopped because it passed a size or time limit. */
export class LimitError extends MatError {
  constructor(message: string) {
    super(message, 'LimitError');
    this.name = 'LimitError';
  }
}
