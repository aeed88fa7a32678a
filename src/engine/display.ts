import {
  DEFAULT_PRINT_OPTIONS,
  formatArray,
  formatArrayWidths,
  formatScalar,
  oneLine,
  type PrintOptions,
} from './format';
import type { DType } from './ndarray';
import { isArray, type TupleValue, type Value } from './values';

/** How a value is shown: NumPy's `print` text, the one-line inline form, and its array facts. */
export interface Display {
  /** Exactly what `print(value)` prints (block form for arrays). */
  readonly block: string;
  /** The block joined on one line, for inline results. */
  readonly oneLine: string;
  readonly shape?: readonly number[];
  readonly dtype?: DType;
}

/** Longest tuple printed in full, and the items kept at each end of a longer one (NumPy's array defaults). */
const TUPLE_THRESHOLD = 1000;
const TUPLE_EDGE = 3;
/** Deepest tuple nesting printed; deeper levels show as `(...)`. */
const TUPLE_DEPTH = 100;

/**
 * Python prints every item of a tuple. A file can build tuples that would
 * never finish printing: `x = x + x` statement after statement holds
 * millions of items, `x = (x, x)` shares items so its text doubles with each
 * line, `x = (x,)` nests 100,000 deep. So a tuple is cut the way NumPy cuts
 * arrays: past 1,000 items, its ends and `...`; at most 1,000 items printed
 * in all (`budget`), and `(...)` below 100 levels.
 */
function tupleText(
  tuple: TupleValue,
  options: Partial<PrintOptions> | undefined,
  budget: { items: number },
  depth: number,
): string {
  if (depth >= TUPLE_DEPTH) return '(...)';
  const n = tuple.items.length;
  const shown =
    n > TUPLE_THRESHOLD
      ? [...tuple.items.slice(0, TUPLE_EDGE), undefined, ...tuple.items.slice(n - TUPLE_EDGE)]
      : tuple.items;
  const parts: string[] = [];
  for (const item of shown) {
    if (budget.items <= 0) {
      parts.push('...');
      break;
    }
    budget.items--;
    if (item === undefined) parts.push('...');
    else if (!isArray(item) && item.kind === 'tuple') parts.push(tupleText(item, options, budget, depth + 1));
    else parts.push(reprText(item, options));
  }
  return n === 1 && parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/** `str(value)`: the text Python's `print` writes for one value. */
export function printText(value: Value, options?: Partial<PrintOptions>): string {
  if (isArray(value)) return formatArray(value, options);
  switch (value.kind) {
    case 'tuple':
      return tupleText(value, options, { items: TUPLE_THRESHOLD }, 0);
    case 'none':
      return 'None';
    case 'string':
      return value.value;
    case 'dtype':
      return value.label === value.dtype ? value.dtype : `<class '${value.label}'>`;
    case 'function':
      return `<function ${value.name}>`;
    case 'builtin':
      return `<function ${value.name.slice(value.name.lastIndexOf('.') + 1)}>`;
    case 'method':
      return `<built-in method ${value.name} of numpy.ndarray object>`;
    case 'module':
      return `<module '${value.name}'>`;
    case 'record':
      return recordText(value.typeName, value.fields, options);
    case 'printed':
      return value.values.map((item) => printText(item, options)).join(' ');
  }
}

/** Python's `repr` where it differs from `str` inside containers: strings quoted, arrays as `array(...)`. */
function reprText(value: Value, options?: Partial<PrintOptions>): string {
  if (isArray(value)) {
    if (value.ndim === 0) return formatScalar(value.item(), value.dtype);
    return `array(${printText(value, options).replace(/\n/g, '\n      ')})`;
  }
  if (value.kind === 'string') return `'${value.value}'`;
  return printText(value, options);
}

function recordText(
  name: string,
  fields: ReadonlyMap<string, Value>,
  options?: Partial<PrintOptions>,
): string {
  const lines = [`${name}(`];
  for (const [field, value] of fields) {
    const text = printText(value, options);
    if (text.includes('\n')) lines.push(`  ${field}=`, ...text.split('\n').map((line) => `    ${line}`));
    else lines.push(`  ${field}=${text}`);
  }
  lines.push(')');
  return lines.join('\n');
}

/** The one-line summary of a record: its fields' shapes, so the inline result stays short. */
function recordOneLine(
  name: string,
  fields: ReadonlyMap<string, Value>,
  options?: Partial<PrintOptions>,
): string {
  const parts: string[] = [];
  for (const [field, value] of fields) {
    if (isArray(value) && value.ndim > 0) parts.push(`${field}: ${value.shape.join('×')}`);
    else parts.push(`${field}=${oneLine(printText(value, options))}`);
  }
  return `${name}(${parts.join(', ')})`;
}

/** Everything the editor shows of a value. */
export function describe(value: Value, options?: Partial<PrintOptions>): Display {
  if (isArray(value)) {
    // The block as printed, and unwrapped for the inline form.
    const [block, unwrapped] = formatArrayWidths(value, options, [
      options?.linewidth ?? DEFAULT_PRINT_OPTIONS.linewidth,
      Number.POSITIVE_INFINITY,
    ]);
    return { block, oneLine: oneLine(unwrapped), shape: value.shape, dtype: value.dtype };
  }
  const block = printText(value, options);
  if (value.kind === 'record')
    return { block, oneLine: recordOneLine(value.typeName, value.fields, options) };
  if (value.kind === 'printed' && value.values.length === 1 && isArray(value.values[0])) {
    const inner = describe(value.values[0], options);
    return { ...inner, block };
  }
  return { block, oneLine: oneLine(block) };
}
