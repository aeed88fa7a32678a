/** The options of `np.set_printoptions` that the playground supports. */
export interface PrintOptions {
  /** Digits after the decimal point for floats (NumPy default 8). */
  precision: number;
  /** Characters per line before wrapping (default 75); Infinity never wraps. */
  linewidth: number;
  /** Arrays with more elements than this are summarised with `...` (default 1000). */
  threshold: number;
  /** Items shown at each edge of a summarised axis (default 3). */
  edgeitems: number;
  /** Never use scientific notation for small values (default false). */
  suppress: boolean;
  /** How many fractional digits floats get (default 'maxprec'): see {@link FloatMode}. */
  floatmode: FloatMode;
  /** How positive numbers are signed (default '-': not at all; '+': with '+'; ' ': with a space). */
  sign: SignMode;
  /** The text of a NaN element (default 'nan'). */
  nanstr: string;
  /** The text of an infinite element, after its sign (default 'inf'). */
  infstr: string;
}

/**
 * NumPy's `floatmode`: 'fixed' prints exactly `precision` digits; 'unique'
 * the shortest digits that identify each value (ignoring `precision`);
 * 'maxprec' those digits cut to `precision`; 'maxprec_equal' the same, then
 * every element padded with digits to the longest.
 */
export type FloatMode = 'fixed' | 'unique' | 'maxprec' | 'maxprec_equal';

/** NumPy's `sign` print option. */
export type SignMode = '-' | '+' | ' ';

/** NumPy's defaults for the options above. */
export const DEFAULT_PRINT_OPTIONS: PrintOptions = Object.freeze({
  precision: 8,
  linewidth: 75,
  threshold: 1000,
  edgeitems: 3,
  suppress: false,
  floatmode: 'maxprec',
  sign: '-',
  nanstr: 'nan',
  infstr: 'inf',
});

/**
 * The options a running program set with `np.set_printoptions`: while a
 * statement runs, formatting reads them through this (its `print(a)`
 * prints as NumPy would then), over whatever the caller passed.
 */
let programOptions: (() => Partial<PrintOptions>) | undefined;

/** Runs `fn` with `current` as the program's print options (read each time they are needed). */
export function withProgramPrintOptions<T>(current: () => Partial<PrintOptions>, fn: () => T): T {
  const outer = programOptions;
  programOptions = current;
  try {
    return fn();
  } finally {
    programOptions = outer;
  }
}

/** NumPy's defaults, then the caller's options, then the running program's. */
export function resolvePrintOptions(options?: Partial<PrintOptions>): PrintOptions {
  const opts: PrintOptions = { ...DEFAULT_PRINT_OPTIONS };
  for (const layer of [options, programOptions?.()]) {
    if (!layer) continue;
    // An option explicitly set to `undefined` (an unset setting) keeps what is below it.
    for (const key of Object.keys(opts) as (keyof PrintOptions)[]) {
      const v = layer[key];
      if (v !== undefined) (opts as unknown as Record<string, unknown>)[key] = v;
    }
  }
  return opts;
}
