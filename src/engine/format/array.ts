/**
 * `str()` and `repr()` of a NumPy array: a port of `array2string` /
 * `_formatArray` / `_array_repr_implementation` from
 * numpy/_core/arrayprint.py with legacy=False.
 */

import { DTYPES } from '../dtypes';
import { type DType, type NDArray, shapeText } from '../ndarray';
import type { FloatDType } from './dragon4';
import { complexScalarText, type ElementFormatter, floatFormatter, floatScalarTextOf } from './floating';
import { type PrintOptions, resolvePrintOptions, type SignMode } from './options';

const SUMMARY = '...';

/** Exactly what Python's `print(a)` prints for a NumPy array `a` (str(a)), including 0-d arrays / NumPy scalars. */
export function formatArray(a: NDArray, options?: Partial<PrintOptions>): string {
  const opts = resolvePrintOptions(options);
  return formatArrayWidths(a, opts, [opts.linewidth])[0];
}

/**
 * {@link formatArray} laid out for each of `linewidths` (the editor wants
 * the printed block and the unwrapped inline form): the elements' texts,
 * the costly part, are made once for all of them.
 */
export function formatArrayWidths(
  a: NDArray,
  options: Partial<PrintOptions> | undefined,
  linewidths: readonly number[],
  style: ArrayStyle = STR_STYLE,
): string[] {
  const opts = resolvePrintOptions(options);
  // A 0-d array prints like its scalar, unaffected by precision.
  if (a.shape.length === 0) return linewidths.map(() => scalarText(a));
  if (a.size === 0) return linewidths.map(() => '[]');

  const summarise = a.size > opts.threshold;
  const edge = opts.edgeitems;
  const strides = a.strides;
  // The formatter is sized from the values actually shown, like NumPy's
  // `_leading_trailing`, which keeps the same corners the printer visits.
  const shown: number[] = [];
  collectShown(a, strides, summarise, edge, 0, 0, shown);
  const format = elementFormatter(shown, a.dtype, opts);
  let imagFormat: ElementFormatter | undefined;
  if (a.im) {
    const shownImag: number[] = [];
    collectShown(a.im, strides, summarise, edge, 0, 0, shownImag);
    imagFormat = imaginaryFormatter(shownImag, a.dtype, opts);
  }
  const imag = a.im ? a.imag : undefined;
  const texts = new Map<number, string>();
  const element = (offset: number): string => {
    let text = texts.get(offset);
    if (text === undefined) {
      text = format(a.data[offset]);
      if (imagFormat && imag) text += withJ(imagFormat(imag[offset]));
      texts.set(offset, text);
    }
    return text;
  };

  /** `recurser` from `_formatArray`: `offset` is the flat index of the sub-array. */
  const recurse = (axis: number, offset: number, hangingIndent: string, currWidth: number): string => {
    const axesLeft = a.shape.length - axis;
    if (axesLeft === 0) return element(offset);
    const nextIndent = `${hangingIndent} `;
    const nextWidth = currWidth - 1; // room for this level's ']'
    const len = a.shape[axis];
    const stride = strides[axis];
    const showSummary = summarise && 2 * edge < len;
    const indices = shownIndices(len, showSummary, edge);
    const separator = style.separator;
    const closer = separator.trimEnd();

    let s = '';
    if (axesLeft === 1) {
      // The element must leave room for the closing ']' (or the separator).
      const elemWidth = currWidth - Math.max(closer.length, 1);
      let line = hangingIndent;
      const extend = (word: string) => {
        // NumPy never wraps a line that holds only the indent.
        if (line.length + word.length > elemWidth && line.length > hangingIndent.length) {
          s += `${line.trimEnd()}\n`;
          line = hangingIndent;
        }
        line += word;
      };
      indices.forEach((i, k) => {
        extend(i < 0 ? SUMMARY : recurse(axis + 1, offset + i * stride, nextIndent, nextWidth));
        if (k < indices.length - 1) line += separator;
      });
      s += line;
    } else {
      // Blank lines between blocks grow with the number of remaining axes.
      const lineSep = closer + '\n'.repeat(axesLeft - 1);
      indices.forEach((i, k) => {
        const nested = i < 0 ? SUMMARY : recurse(axis + 1, offset + i * stride, nextIndent, nextWidth);
        s += hangingIndent + nested + (k < indices.length - 1 ? lineSep : '');
      });
    }
    return `[${s.slice(hangingIndent.length)}]`;
  };

  const indent = ' '.repeat(1 + style.prefix.length);
  return linewidths.map((linewidth) => recurse(0, 0, indent, linewidth));
}

/** `str(a)` separates elements by spaces; `repr(a)` by commas, inside `array(`. */
export interface ArrayStyle {
  readonly separator: string;
  readonly prefix: string;
}

const STR_STYLE: ArrayStyle = { separator: ' ', prefix: '' };
const REPR_STYLE: ArrayStyle = { separator: ', ', prefix: 'array(' };

/** The dtypes a repr leaves implied (NumPy's `_typelessdata`): every other one is written `dtype=int32`. */
const IMPLIED_DTYPES: ReadonlySet<DType> = new Set<DType>(['int64', 'float64', 'complex128', 'bool']);

/**
 * `repr(a)`: `array([[1, 2],\n       [3, 4]])`, then what the text does not
 * imply: `shape=` for an empty array other than 1-D and for a summarised
 * one, `dtype=` for an empty array and for a dtype other than int64, float64
 * and bool. Those extras follow the last line after a space, or go on a line
 * of their own under the opening bracket when they would pass the line width.
 */
export function formatArrayRepr(a: NDArray, options?: Partial<PrintOptions>): string {
  const opts = resolvePrintOptions(options);
  const prefix = REPR_STYLE.prefix;
  let body: string;
  if (a.size === 0) body = '[]';
  else if (a.ndim === 0) {
    // A 0-d array's repr formats its element as an array element (precision,
    // sign and the nan/inf texts apply, padding included), unlike its str.
    const value = a.data[0];
    // NumPy's BoolFormat pads True to line it up with False, except in a 0-d array.
    if (a.dtype === 'bool') body = value ? 'True' : 'False';
    else body = elementFormatter([value], a.dtype, opts)(value);
    if (a.im) {
      const im = a.imag[0];
      body += withJ(imaginaryFormatter([im], a.dtype, opts)(im));
    }
  }
  // NumPy's array2string takes the suffix `)` off the line width first.
  else body = formatArrayWidths(a, opts, [opts.linewidth - 1], REPR_STYLE)[0];

  const extras: string[] = [];
  if ((a.size === 0 && a.ndim !== 1) || a.size > opts.threshold) extras.push(`shape=${shapeText(a.shape)}`);
  if (a.size === 0 || !IMPLIED_DTYPES.has(a.dtype)) extras.push(`dtype=${a.dtype}`);
  if (extras.length === 0) return `${prefix}${body})`;

  const arrayText = `${prefix}${body},`;
  const extraText = `${extras.join(', ')})`;
  const lastLineLength = arrayText.length - (arrayText.lastIndexOf('\n') + 1);
  const spacer =
    lastLineLength + extraText.length + 1 > opts.linewidth ? `\n${' '.repeat(prefix.length)}` : ' ';
  return arrayText + spacer + extraText;
}

/** A complex dtype's part type (float64 for complex128); the float dtypes' own. */
function componentOf(dtype: DType): FloatDType {
  return dtype === 'complex64' ? 'float32' : dtype === 'complex128' ? 'float64' : (dtype as FloatDType);
}

/** An imaginary part's text with its `j`, before the padding that lines columns up (NumPy's ComplexFloatingFormat). */
function withJ(text: string): string {
  const end = text.trimEnd().length;
  return `${text.slice(0, end)}j${text.slice(end)}`;
}

/** str() of a 0-d array or scalar: {@link formatScalar}, and `(1+2j)` for a complex one. */
export function scalarText(a: NDArray): string {
  if (a.im) return complexScalarText(a.data[0], a.imag[0], componentOf(a.dtype));
  return formatScalar(a.data[0], a.dtype);
}

/** str() of one scalar of that dtype: ints `29`, bools `True`/`False`, float64 like Python's repr: `0.1`, `3.0`, `1e-05`, `1e+16`, `1.5e+16`, `nan`, `inf`, `-inf`, `-0.0`; float32 and float16 with their own shortest digits and thresholds (`1.2345679e+08`). */
export function formatScalar(value: number, dtype: DType): string {
  switch (DTYPES[dtype].kind) {
    case 'b':
      return value ? 'True' : 'False';
    case 'f':
      return floatScalarTextOf(value, dtype as FloatDType);
    case 'c':
      return complexScalarText(value, 0, componentOf(dtype));
    default:
      return intText(value);
  }
}

/** The one-line form used inline in the editor: the block text with each line break and the indentation after it replaced by one space, e.g. "[[29 11]\n [11  5]]" -> "[[29 11] [11  5]]". */
export function oneLine(text: string): string {
  return text.replace(/\n+[ ]*/g, ' ');
}

/** Indices shown along an axis of length `len`; -1 marks the `...` summary. */
function shownIndices(len: number, showSummary: boolean, edge: number): number[] {
  if (!showSummary) return Array.from({ length: len }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < edge; i++) out.push(i);
  out.push(-1);
  for (let i = len - edge; i < len; i++) out.push(i);
  return out;
}

function collectShown(
  a: NDArray,
  strides: readonly number[],
  summarise: boolean,
  edge: number,
  axis: number,
  offset: number,
  out: number[],
): void {
  if (axis === a.shape.length) {
    out.push(a.data[offset]);
    return;
  }
  const len = a.shape[axis];
  for (const i of shownIndices(len, summarise && 2 * edge < len, edge)) {
    if (i >= 0) collectShown(a, strides, summarise, edge, axis + 1, offset + i * strides[axis], out);
  }
}

/** The formatter of an array's elements (a complex array's real parts): NumPy's BoolFormat, FloatingFormat or IntegerFormat. */
function elementFormatter(values: number[], dtype: DType, opts: PrintOptions): ElementFormatter {
  switch (DTYPES[dtype].kind) {
    case 'b':
      // ' True' so that it lines up with 'False'; NumPy's sign option does not apply to booleans.
      return (x) => (x ? ' True' : 'False');
    case 'f':
    case 'c':
      return floatFormatter(values, opts.precision, opts.suppress, componentOf(dtype), opts);
    default:
      return integerFormatter(values, opts.sign);
  }
}

/** A complex array's imaginary parts: NumPy's ComplexFloatingFormat always signs them with '+'. */
function imaginaryFormatter(values: number[], dtype: DType, opts: PrintOptions): ElementFormatter {
  return floatFormatter(values, opts.precision, opts.suppress, componentOf(dtype), { ...opts, sign: '+' });
}

/**
 * NumPy's IntegerFormat: `'{:<sign><width>d}'.format(x)`, right-aligned to
 * the longer of str(max) and str(min), with a column more for the sign of
 * non-negative values under sign '+', and under ' ' unless a value is negative.
 */
function integerFormatter(values: number[], signOption: SignMode): ElementFormatter {
  let max = -Infinity;
  let min = Infinity;
  for (const v of values) {
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const sign = signOption === ' ' && min < 0 ? '-' : signOption;
  let maxLength = intText(max).length;
  if (max >= 0 && sign !== '-') maxLength += 1;
  const width = Math.max(maxLength, intText(min).length);
  const positiveSign = sign === '-' ? '' : sign;
  return (x) => (x >= 0 ? positiveSign + intText(x) : intText(x)).padStart(width);
}

/** Decimal text of an int64 held in a double (exact, never exponential; -0 prints as 0). */
function intText(x: number): string {
  if (Math.abs(x) <= Number.MAX_SAFE_INTEGER) return String(x === 0 ? 0 : x);
  // Past 2**53 String() rounds (INT64_MIN would print as -9223372036854776000); a
  // non-finite int is an engine bug, but printing must not throw.
  return Number.isFinite(x) ? BigInt(x).toString() : String(x);
}
