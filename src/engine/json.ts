import type { Range, Statement } from './ast';
import { printText } from './display';
import { type DocumentEvaluation, type EvaluateOptions, evaluateDocument } from './document';
import type { PrintOptions } from './format';
import type { NDArray } from './ndarray';
import { resultPrintOptions } from './snapshot';
import { isArray, typeName, type Value } from './values';

/** A number as JSON: non-finite values become the strings NumPy prints. */
export type JsonNumber = number | boolean | 'nan' | 'inf' | '-inf';
export type JsonValue = JsonNumber | null | string | JsonValue[] | { [field: string]: JsonValue };

/** An error in the CLI's `--json` output: 1-based position where it was raised. */
export interface JsonError {
  message: string;
  type: string;
  line: number;
  column: number;
}

/** A statement inside a block that ran while its top-level statement ran. */
export interface JsonInner {
  line: number;
  /** 1-based column of the statement's first character. */
  column: number;
  /** How many times it ran. */
  count: number;
  /** `str()` of its last value (absent for an expression whose value is None, such as `print(...)`). */
  text?: string;
  /** Python's type name of that value (`int`, `list`, `numpy.ndarray`). */
  type?: string;
  error?: JsonError;
}

/** One top-level statement in the CLI's `--json` output. */
export interface JsonStatement {
  /** 1-based line of the statement's start. */
  line: number;
  source: string;
  /** Exactly what the statement printed. */
  printed?: string;
  value?: JsonValue;
  shape?: number[];
  dtype?: string;
  text?: string;
  type?: string;
  error?: JsonError;
  inner?: JsonInner[];
}

function jsonNumber(x: number, dtype: NDArray['dtype']): JsonNumber {
  if (dtype === 'bool') return x !== 0;
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  return x;
}

/** Most empty nested lists written for an empty array; beyond, its value is just `[]`. */
const MAX_EMPTY_LISTS = 1_000_000;

/** An array as nested lists (a scalar for a 0-d array). */
export function arrayToJson(a: NDArray): JsonValue {
  if (a.ndim === 0) return jsonNumber(a.data[0], a.dtype);
  if (a.size === 0) {
    // An empty array can still have a huge leading dimension (zeros((10**18, 0))):
    // its nested lists would never fit in memory, and the shape says it all.
    let lists = 1;
    for (const d of a.shape) {
      if (d === 0) break;
      lists *= d;
    }
    if (lists > MAX_EMPTY_LISTS) return [];
  }
  let offset = 0;
  const build = (axis: number): JsonValue[] => {
    const out: JsonValue[] = [];
    for (let i = 0; i < a.shape[axis]; i++) {
      out.push(axis === a.ndim - 1 ? jsonNumber(a.data[offset++], a.dtype) : build(axis + 1));
    }
    return out;
  };
  return build(0);
}

/** Most items written for one value. */
const MAX_ITEMS = 100_000;
const MAX_DEPTH = 100;

/**
 * A value as JSON where JSON can hold it exactly: arrays and scalars,
 * None, strings, and lists and tuples of those; `undefined` otherwise
 * (its text says it all).
 */
export function valueToJson(value: Value, budget = { items: MAX_ITEMS }, depth = 0): JsonValue | undefined {
  if (isArray(value)) {
    // JSON has no complex numbers: their text says it all.
    if (value.big !== undefined || value.im) return undefined;
    return arrayToJson(value);
  }
  switch (value.kind) {
    case 'none':
      return null;
    case 'string':
      return value.value;
    case 'list':
    case 'tuple': {
      if (depth >= MAX_DEPTH) return undefined;
      const out: JsonValue[] = [];
      for (const item of value.items) {
        if (budget.items-- <= 0) return undefined;
        const json = valueToJson(item, budget, depth + 1);
        if (json === undefined) return undefined;
        out.push(json);
      }
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * A value's type as the oracle records it: NumPy's classes as `numpy.` and
 * their name (`numpy.SVDResult`, `numpy.Generator`), whatever their module.
 */
function recordedTypeName(value: Value): string {
  if (isArray(value)) return typeName(value);
  if (value.kind === 'tuple' && value.named) return `numpy.${value.named.name}`;
  if (value.kind === 'generator') return 'numpy.Generator';
  // The classes built-ins define (np.poly1d) are NumPy's.
  if (value.kind === 'record' && value.pythonClass) return `numpy.${value.typeName}`;
  // np.r_, np.c_, np.mgrid, np.ogrid are instances of NumPy's index-trick classes.
  if (value.kind === 'builtin' && value.name.startsWith('index:')) return `numpy.${typeName(value)}`;
  return typeName(value);
}

/** The value facts of a record: `text`, `type`, and where JSON holds it, `value`, `shape`, `dtype`. */
function describeValue(value: Value, print: Partial<PrintOptions> | undefined): Partial<JsonStatement> {
  const type = recordedTypeName(value);
  const out: Partial<JsonStatement> = { text: printText(value, print), type };
  const json = valueToJson(value);
  if (json !== undefined) out.value = json;
  if (isArray(value) && !value.python) {
    out.shape = [...value.shape];
    out.dtype = value.dtype;
  }
  return out;
}

/** Does the statement show a value? An expression statement whose value is None (a `print(...)`) does not. */
function showsValue(statement: Statement, value: Value): boolean {
  if (isArray(value)) return true;
  if (value.kind === 'printed') return false;
  return !(value.kind === 'none' && (statement.kind === 'expr' || statement.kind === 'return'));
}

function jsonError(
  lines: DocumentEvaluation['lines'],
  error: { message: string; pythonType: string; range: Range },
): JsonError {
  const at = lines.positionAt(error.range.start);
  return { message: error.message, type: error.pythonType, line: at.line + 1, column: at.character + 1 };
}

/** The CLI's JSON records for an evaluated document. */
export function evaluationToJson(
  evaluation: DocumentEvaluation,
  print?: Partial<PrintOptions>,
): JsonStatement[] {
  const { lines } = evaluation;
  const callerPrint = print;
  return evaluation.statements.map((result) => {
    const print = resultPrintOptions(result, callerPrint);
    const start = lines.positionAt(result.range.start);
    const record: JsonStatement = { line: start.line + 1, source: result.source };
    if (result.printed !== '') record.printed = result.printed;
    const { outcome } = result;
    if (outcome.kind === 'error') record.error = jsonError(lines, outcome);
    else if (outcome.kind === 'value' && showsValue(result.statement, outcome.value)) {
      Object.assign(record, describeValue(outcome.value, print));
    } else if (result.statement.kind === 'def') {
      record.text = `<function ${result.statement.name}>`;
      record.type = 'function';
    }
    if (result.inner.length > 0) {
      record.inner = result.inner
        .map((inner): JsonInner => {
          const at = lines.positionAt(inner.range.start);
          const entry: JsonInner = { line: at.line + 1, column: at.character + 1, count: inner.count };
          if (inner.error) entry.error = jsonError(lines, inner.error);
          else if (inner.value !== undefined && showsValue(inner.statement, inner.value)) {
            entry.text = printText(inner.value, { ...callerPrint, ...inner.print });
            entry.type = recordedTypeName(inner.value);
          }
          return entry;
        })
        .sort((a, b) => a.line - b.line || a.column - b.column);
    }
    return record;
  });
}

/** Evaluates a document and returns the CLI's JSON records. */
export function evaluateToJson(text: string, options?: EvaluateOptions): JsonStatement[] {
  return evaluationToJson(evaluateDocument(text, options));
}
