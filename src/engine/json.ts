import { printText } from './display';
import { type DocumentEvaluation, type EvaluateOptions, evaluateDocument } from './document';
import type { PrintOptions } from './format';
import type { NDArray } from './ndarray';
import { isArray, type Value } from './values';

/** A number as JSON: non-finite values become the strings NumPy prints. */
export type JsonNumber = number | boolean | 'nan' | 'inf' | '-inf';
export type JsonValue = JsonNumber | null | string | JsonValue[] | { [field: string]: JsonValue };

/** One statement in the CLI's `--json` output. */
export interface JsonStatement {
  /** 1-based line of the statement's start. */
  line: number;
  source: string;
  value?: JsonValue;
  shape?: number[];
  dtype?: string;
  text?: string;
  error?: { message: string; type: string; line: number; column: number };
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

/** Most tuple items written for one value, and the deepest tuple nesting (see `tupleText` in display.ts). */
const MAX_TUPLE_ITEMS = 100_000;
const MAX_TUPLE_DEPTH = 100;

/** Any value as JSON. Tuples that share items or nest absurdly deep are cut with `'...'`. */
export function valueToJson(value: Value, budget = { items: MAX_TUPLE_ITEMS }, depth = 0): JsonValue {
  if (isArray(value)) return arrayToJson(value);
  switch (value.kind) {
    case 'tuple': {
      if (depth >= MAX_TUPLE_DEPTH) return '...';
      const out: JsonValue[] = [];
      for (const item of value.items) {
        if (budget.items-- <= 0) {
          out.push('...');
          break;
        }
        out.push(valueToJson(item, budget, depth + 1));
      }
      return out;
    }
    case 'none':
      return null;
    case 'string':
      return value.value;
    case 'dtype':
      return value.dtype;
    case 'record': {
      const out: { [field: string]: JsonValue } = {};
      for (const [field, item] of value.fields) out[field] = valueToJson(item, budget, depth);
      return out;
    }
    case 'printed':
      return value.values.length === 1
        ? valueToJson(value.values[0], budget, depth)
        : value.values.map((item) => valueToJson(item, budget, depth));
    default:
      return printText(value);
  }
}

/** The array behind what a statement shows (`print(a)` shows `a`), if any. */
function shownArray(value: Value): NDArray | undefined {
  if (isArray(value)) return value;
  if (value.kind === 'printed' && value.values.length === 1 && isArray(value.values[0]))
    return value.values[0];
  return undefined;
}

/** The CLI's JSON records for an evaluated document. */
export function evaluationToJson(
  evaluation: DocumentEvaluation,
  print?: Partial<PrintOptions>,
): JsonStatement[] {
  return evaluation.statements.map((result) => {
    const start = evaluation.lines.positionAt(result.range.start);
    const record: JsonStatement = { line: start.line + 1, source: result.source };
    const { outcome } = result;
    if (outcome.kind === 'error') {
      const at = evaluation.lines.positionAt(outcome.range.start);
      record.error = {
        message: outcome.message,
        type: outcome.pythonType,
        line: at.line + 1,
        column: at.character + 1,
      };
    } else if (outcome.kind === 'value') {
      const value = outcome.value;
      record.value = valueToJson(value);
      const array = shownArray(value);
      if (array) {
        record.shape = [...array.shape];
        record.dtype = array.dtype;
      }
      record.text = printText(value, print);
    } else if (result.statement.kind === 'def') {
      record.text = `<function ${result.statement.name}>`;
    }
    return record;
  });
}

/** Evaluates a document and returns the CLI's JSON records. */
export function evaluateToJson(text: string, options?: EvaluateOptions): JsonStatement[] {
  return evaluationToJson(evaluateDocument(text, options));
}
