/**
 * NumPy's `print()` formatting of arrays and scalars, reproduced exactly so
 * that the playground's inline results read like a Python session.
 * The implementation lives in ./format/.
 */

export {
  formatArray,
  formatArrayRepr,
  formatArrayWidths,
  formatScalar,
  oneLine,
  scalarText,
} from './format/array';
export {
  DEFAULT_PRINT_OPTIONS,
  type PrintOptions,
  resolvePrintOptions,
  withProgramPrintOptions,
} from './format/options';
