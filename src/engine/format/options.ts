/** The subset of `np.set_printoptions` that the playground supports. */
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
}

/** NumPy's defaults for the options above. */
export const DEFAULT_PRINT_OPTIONS: PrintOptions = Object.freeze({
  precision: 8,
  linewidth: 75,
  threshold: 1000,
  edgeitems: 3,
  suppress: false,
});
