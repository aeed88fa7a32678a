import type { Range } from './ast';

/**
 * A user's mistake found while evaluating (a shape mismatch, an unknown
 * name, a limit reached). `message` is NumPy's/Python's wording where they
 * have one; `pythonType` is the exception class Python would raise.
 * `range`, when set, narrows where the error is shown (an argument, an
 * operator); the evaluator fills in the enclosing node's range otherwise.
 */
export class MatError extends Error {
  range?: Range;

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
