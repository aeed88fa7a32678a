import { formatArray, formatScalar, oneLine, type PrintOptions } from './format';
import type { DType } from './ndarray';
import { isArray, type Value } from './values';

/** How a value is shown: NumPy's `print` text, the one-line inline form, and its array facts. */
export interface Display {
  /** Exactly what `print(value)` prints (block form for arrays). */
  readonly block: string;
  /** The block joined on one line, for inline results. */
  readonly oneLine: string;
  readonly shape?: readonly number[];
  readonly dtype?: DType;
}

/** `str(value)`: the text Python's `print` writes for one value. */
export function printText(value: Value, options?: Partial<PrintOptions>): string {
  if (isArray(value)) return formatArray(value, options);
  switch (value.kind) {
    case 'tuple': {
      const items = value.items.map((item) => reprText(item, options));
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
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
  const block = printText(value, options);
  if (isArray(value)) {
    const line = oneLine(formatArray(value, { ...options, linewidth: Number.POSITIVE_INFINITY }));
    return { block, oneLine: line, shape: value.shape, dtype: value.dtype };
  }
  if (value.kind === 'record')
    return { block, oneLine: recordOneLine(value.typeName, value.fields, options) };
  if (value.kind === 'printed' && value.values.length === 1 && isArray(value.values[0])) {
    const inner = describe(value.values[0], options);
    return { ...inner, block };
  }
  return { block, oneLine: oneLine(block) };
}
