import {
  formatArray,
  formatArrayRepr,
  formatArrayWidths,
  formatScalar,
  oneLine,
  type PrintOptions,
  resolvePrintOptions,
  scalarText,
} from './format';
import { complexRepr, stringRepr } from './format/python';
import type { DType } from './ndarray';
import { setItems } from './setOrder';
import {
  dictViewItems,
  INDEX_TRICK_CLASSES,
  isArray,
  isDTypeInstance,
  PYTHON_CLASS_NAMES,
  type TupleValue,
  type Value,
} from './values';

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
/** Most items a list, dict or set prints in all (Python prints every one; a file can build billions). */
const PRINT_BUDGET = 100_000;
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
    else parts.push(nestedRepr(item, options, budget, depth + 1));
  }
  const named = tuple.named;
  if (named) return `${named.name}(${parts.map((part, i) => `${named.fields[i]}=${part}`).join(', ')})`;
  return n === 1 && parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/** `str(value)`: the text Python's `print` writes for one value. */
export function printText(value: Value, options?: Partial<PrintOptions>): string {
  if (isArray(value)) {
    if (value.python) return pythonScalarText(value);
    return formatArray(value, options);
  }
  switch (value.kind) {
    case 'tuple':
      return tupleText(value, options, { items: TUPLE_THRESHOLD }, 0);
    case 'none':
      return 'None';
    case 'string':
      return value.value;
    case 'dtype':
      return isDTypeInstance(value) ? value.dtype : `<class '${value.label}'>`;
    case 'function':
      return `<function ${value.qualname}>`;
    case 'builtin':
      if (value.name.startsWith('class:')) return `<class '${value.name.slice('class:'.length)}'>`;
      if (value.name.startsWith('index:')) {
        return `<numpy.lib._index_tricks_impl.${INDEX_TRICK_CLASSES[value.name] ?? 'CClass'} object>`;
      }
      if (value.name.startsWith('method:')) {
        const [cls, name] = value.name.slice('method:'.length).split('.');
        return `<method '${name}' of '${cls}' objects>`;
      }
      if (PYTHON_CLASS_NAMES.has(value.name)) {
        return `<class '${value.name === 'ndarray' ? 'numpy.ndarray' : value.name.slice('builtins.'.length)}'>`;
      }
      return `<built-in function ${value.name.slice(value.name.lastIndexOf('.') + 1)}>`;
    case 'method':
      return `<built-in method ${value.name} of numpy.ndarray object>`;
    case 'bound-method':
      // Python's repr ends in the object's address, which the corpus cuts out.
      if (!isArray(value.self) && value.self.kind === 'generator') {
        return `<bound method Generator.${value.name} of Generator(PCG64)>`;
      }
      return `<built-in method ${value.name} of ${typeNameOf(value.self)} object>`;
    case 'module':
      return `<module '${value.name}'>`;
    case 'record':
      // Python's repr of such an object ends in its address, which the corpus cuts out.
      if (value.pythonClass) return value.pythonClass.str(value, options);
      if (value.text) return value.text.str;
      if (value.contextManager) return `<contextlib.${value.typeName} object>`;
      return recordText(value.typeName, value.fields, options);
    case 'printed':
      return value.text;
    case 'list':
    case 'set':
    case 'dict':
      return containerText(value, options, { items: PRINT_BUDGET }, 0);
    case 'range':
      return value.step === 1
        ? `range(${value.start}, ${value.stop})`
        : `range(${value.start}, ${value.stop}, ${value.step})`;
    case 'iterator':
      return `<${value.typeName} object>`;
    case 'exception':
      return value.instance ? value.message : `<class '${value.pythonType}'>`;
    case 'slice':
      return `slice(${reprText(value.start)}, ${reprText(value.stop)}, ${reprText(value.step)})`;
    case 'ellipsis':
      return 'Ellipsis';
    case 'generator':
      return 'Generator(PCG64)';
    case 'dict-view':
      return `dict_${value.view}(${containerText({ kind: 'list', items: dictViewItems(value) }, options, { items: PRINT_BUDGET }, 0)})`;
  }
}

function typeNameOf(value: Value): string {
  return isArray(value) ? 'numpy.ndarray' : value.kind === 'string' ? 'str' : value.kind;
}

/** A Python int, float or bool as Python prints it. */
function pythonScalarText(value: import('./ndarray').NDArray): string {
  if (value.big !== undefined) return value.big.toString();
  if (value.im) return complexRepr(value.data[0], value.imag[0]);
  return formatScalar(value.data[0], value.dtype);
}

/** `[1, 2]`, `{'a': 1}`, `{1, 2}`: items in repr form, cut like tuples past the print budget. */
function containerText(
  value: Extract<Value, { kind: 'list' | 'set' | 'dict' }>,
  options: Partial<PrintOptions> | undefined,
  budget: { items: number },
  depth: number,
): string {
  if (depth >= TUPLE_DEPTH) return value.kind === 'list' ? '[...]' : '{...}';
  const parts: string[] = [];
  const add = (text: () => string): boolean => {
    if (budget.items <= 0) {
      parts.push('...');
      return false;
    }
    budget.items--;
    parts.push(text());
    return true;
  };
  const item = (v: Value) => nestedRepr(v, options, budget, depth + 1);
  if (value.kind === 'list') {
    for (const v of value.items) if (!add(() => item(v))) break;
    return `[${parts.join(', ')}]`;
  }
  if (value.kind === 'set') {
    if (value.entries.size === 0) return 'set()';
    for (const v of setItems(value)) if (!add(() => item(v))) break;
    return `{${parts.join(', ')}}`;
  }
  for (const entry of value.entries.values()) {
    if (!add(() => `${item(entry.key)}: ${item(entry.value)}`)) break;
  }
  return `{${parts.join(', ')}}`;
}

function nestedRepr(
  value: Value,
  options: Partial<PrintOptions> | undefined,
  budget: { items: number },
  depth: number,
): string {
  if (!isArray(value)) {
    if (value.kind === 'list' || value.kind === 'dict' || value.kind === 'set') {
      return containerText(value, options, budget, depth);
    }
    if (value.kind === 'tuple') return tupleText(value, options, budget, depth);
  }
  return reprText(value, options);
}

/** Python's `repr(value)`: strings quoted, arrays as `array(...)`, NumPy scalars as `np.float64(0.5)`, `np.int8(5)`, `np.True_`. */
export function reprText(value: Value, options?: Partial<PrintOptions>): string {
  if (isArray(value)) {
    if (value.python) return pythonScalarText(value);
    if (value.ndim === 0 && !value.zeroDim) {
      if (value.dtype === 'bool') return value.data[0] ? 'np.True_' : 'np.False_';
      // NumPy 2's scalar repr names the type around the scalar's str: `np.float32(0.1)`, `np.uint8(251)`.
      if (value.im) return `np.${value.dtype}(${scalarText(value).replace(/^\((.*)\)$/, '$1')})`;
      return `np.${value.dtype}(${formatScalar(value.item(), value.dtype)})`;
    }
    return formatArrayRepr(value, options);
  }
  if (value.kind === 'string') return stringRepr(value.value);
  if (value.kind === 'record' && value.pythonClass) return value.pythonClass.repr(value, options);
  if (value.kind === 'record' && value.text) return value.text.repr;
  if (value.kind === 'dtype' && isDTypeInstance(value)) return `dtype('${value.dtype}')`;
  if (value.kind === 'exception' && value.instance) {
    return `${value.pythonType}(${value.message === '' ? '' : stringRepr(value.message)})`;
  }
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
    if (value.python) {
      // Python's repr: exact for ints past 2**53 (`10 ** 400`), which a float64 cannot hold.
      const text = pythonScalarText(value);
      return { block: text, oneLine: text, shape: value.shape, dtype: value.dtype };
    }
    // The block as printed, and unwrapped for the inline form.
    const [block, unwrapped] = formatArrayWidths(value, options, [
      resolvePrintOptions(options).linewidth,
      Number.POSITIVE_INFINITY,
    ]);
    return { block, oneLine: oneLine(unwrapped), shape: value.shape, dtype: value.dtype };
  }
  const block = printText(value, options);
  if (value.kind === 'record' && !value.contextManager && !value.text && !value.pythonClass)
    return { block, oneLine: recordOneLine(value.typeName, value.fields, options) };
  if (
    value.kind === 'printed' &&
    value.values.length === 1 &&
    isArray(value.values[0]) &&
    !value.values[0].python
  ) {
    const inner = describe(value.values[0], options);
    return { ...inner, block };
  }
  return { block, oneLine: oneLine(block) };
}
