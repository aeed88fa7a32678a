import type { Range, Statement } from '../ast';
import { type ContextEntry, MatError } from '../errors';
import type { PrintOptions } from '../format';
import type { Value } from '../values';

/** The value of one call (or `@`) inside a statement: what a CodeLens shows. */
export interface CallRecord {
  /** The call expression's range. */
  readonly range: Range;
  /** The callee as written (`np.dot`, `pinv`, `@`). */
  readonly callee: string;
  readonly value: Value;
}

/** Where inside blocks an error happened: loop iterations and function calls, innermost first. */
export type ErrorContext = readonly ContextEntry[];

/** What one statement did. */
export type Outcome =
  | { readonly kind: 'value'; readonly value: Value }
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'error';
      readonly message: string;
      readonly pythonType: string;
      readonly range: Range;
      /** `iteration 3 of the loop on line 12`, `in sigmoid() on line 5`: how the error was reached. */
      readonly context?: ErrorContext;
      /** What Python's traceback prints after the message: `. Did you mean: 'alpha'?`. */
      readonly note?: string;
    };

/** What a statement inside a block (a loop body, a function body) did while its top-level statement ran. */
export interface InnerResult {
  readonly statement: Statement;
  /** The statement's range where it is now (a kept result moves with its statement). */
  readonly range: Range;
  /** How many times it ran. */
  count: number;
  /** Its value the last time it ran (an assignment's value, an expression's value). */
  value?: Value;
  /** The error it raised, if its last run raised. */
  error?: { readonly message: string; readonly pythonType: string; readonly range: Range };
  /** The last line it printed, when it printed. */
  printed?: string;
  /** The program's print options when it last gave its value, if it had set any (`with np.printoptions`). */
  print?: Partial<PrintOptions>;
  /** For numbers: the first value, and the smallest and largest seen (the hover's summary). */
  first?: number;
  min?: number;
  max?: number;
  /** A sample of the values seen, for the hover's sparkline (at most SPARK_POINTS, evenly thinned). */
  samples?: number[];
}

/** A user's error, or an engine failure, as a statement's error outcome. */
export function errorOutcome(error: unknown, fallback: Range): Outcome {
  if (error instanceof MatError) {
    const context = error.context;
    return {
      kind: 'error',
      message: error.message,
      pythonType: error.pythonType,
      range: error.range ?? fallback,
      ...(context.length > 0 ? { context } : {}),
      ...(error.note ? { note: error.note } : {}),
    };
  }
  if (isStackOverflow(error)) {
    return {
      kind: 'error',
      message: 'maximum recursion depth exceeded',
      pythonType: 'RecursionError',
      range: fallback,
    };
  }
  if (error instanceof RangeError && /array length|allocation/i.test(error.message)) {
    return {
      kind: 'error',
      message: `out of memory: ${error.message}`,
      pythonType: 'MemoryError',
      range: fallback,
    };
  }
  // An engine bug must not take the editor down: report it on the statement.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    kind: 'error',
    message: `internal error: ${message}`,
    pythonType: 'InternalError',
    range: fallback,
  };
}

/**
 * Did the JavaScript stack run out? Deep recursion in a file does that
 * before Python's limit of 1,000 calls when frames are large. Checked
 * without a regular expression: on an exhausted stack even `RegExp.test`
 * throws.
 */
export function isStackOverflow(error: unknown): boolean {
  try {
    return (
      (error instanceof RangeError || error instanceof SyntaxError) &&
      error.message.indexOf('call stack') >= 0
    );
  } catch {
    return true;
  }
}

/**
 * A context entry as text: `iteration 3 of the loop on line 12`, `in f() called on line 20 (×996)`,
 * `… 990 more, in h() called on line 8`.
 */
export function contextText(entry: ContextEntry, lineOf: (offset: number) => number): string {
  const times = entry.times ? ` (×${entry.times})` : '';
  const hidden = entry.hidden ? `… ${entry.hidden} more, ` : '';
  return `${hidden}${entry.place} on line ${lineOf(entry.at)}${times}`;
}
