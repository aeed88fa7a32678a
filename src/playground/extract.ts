/**
 * Reads a `train(...)` call's run configuration out of a document: evaluates
 * the statements before it with the engine, then the call's own argument
 * expressions in that state, so `X`, `y` may be names or literals and
 * `hidden`, `lr`, `epochs`, `seed` any expression. With seed=None the
 * generator's state at the call is kept, so the panel draws the very weights
 * the file's `train` drew. Pure (no `vscode`): it runs in the playground's
 * worker thread.
 */

import type { Expr } from '../engine/ast';
import { toArray, toInt, toNumber } from '../engine/builtins/convert';
import { type DocumentEvaluation, evaluateDocument } from '../engine/document';
import { MatError } from '../engine/errors';
import { DEFAULT_LIMITS, resetBudget } from '../engine/limits';
import { parse } from '../engine/parser';
import { LineIndex } from '../engine/positions';
import { Interpreter } from '../engine/run/interpreter';
import type { GlobalState } from '../engine/scope';
import { isArray, type Value } from '../engine/values';
import { SEED_CONFIG } from './defaults';
import { BOUNDS, type Param, type RngState, type Rows, type Source } from './protocol';
import { bindTrainArgs, trainCallAt } from './trainCall';
import { validateConfig } from './validate';

export type Extraction =
  | { readonly ok: true; readonly source: Source; readonly notes: readonly string[]; readonly line: number }
  | { readonly ok: false; readonly message: string };

class Unreadable extends Error {}

function fail(message: string): never {
  throw new Unreadable(message);
}

function isNone(value: Value): boolean {
  return !isArray(value) && value.kind === 'none';
}

/** X or y as rows of numbers; the shape is checked before the values are copied. */
function toRows(value: Value, name: 'X' | 'y'): Rows {
  const array = toArray(value, name);
  if (array.ndim !== 2) {
    fail(
      `train() needs ${name} as a 2-D array (rows × ${name === 'X' ? 'features' : 'outputs'}), got ${array.ndim}-D`,
    );
  }
  const [rows, cols] = array.shape;
  if (rows > BOUNDS.rowsMax || cols > BOUNDS.colsMax) {
    fail(`${name} is ${rows}×${cols}; the playground takes at most ${BOUNDS.rowsMax}×${BOUNDS.colsMax}`);
  }
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(array.data.subarray(i * cols, (i + 1) * cols)));
  return out;
}

/**
 * The configuration of the `train(...)` call starting at `offset`.
 *
 * @param previous an earlier evaluation of the same document, whose unchanged
 *   leading statements are reused (returned as `evaluation` for next time)
 */
export function extractTrainRun(
  text: string,
  offset: number,
  previous?: DocumentEvaluation,
): { readonly result: Extraction; readonly evaluation?: DocumentEvaluation } {
  const program = parse(text);
  const site = trainCallAt(program, offset);
  if (!site) return { result: { ok: false, message: 'There is no train(...) call at this place any more.' } };
  const line = new LineIndex(text).positionAt(offset).line;
  const where = `line ${line + 1}`;
  const bound = bindTrainArgs(site.call);
  if (!bound.ok) return { result: { ok: false, message: `${where}: ${bound.error}` } };
  // The statements before the call's own, evaluated on the text that ends where it starts.
  const statementStart = program.statements[site.statementIndex].range.start;
  const evaluation = evaluateDocument(text.slice(0, statementStart), { previous });
  if (evaluation.notAScript) return { result: { ok: false, message: evaluation.notAScript } };
  const state = evaluation.finalState.fork();
  const evaluator = new Interpreter(state, text);
  resetBudget(DEFAULT_LIMITS);
  const values = new Map<Param, Value>();
  try {
    // In source order, as the call itself would evaluate them (it matters when one draws random numbers).
    const ordered = [...bound.args.entries()].sort((a, b) => a[1].range.start - b[1].range.start);
    for (const [param, arg] of ordered) values.set(param, evaluateArgument(evaluator, arg.value, param));
    const X = values.get('X');
    const y = values.get('y');
    if (!X) fail('train() is missing X');
    if (!y) fail('train() is missing y');
    const option = (param: Param): Value | undefined => {
      const value = values.get(param);
      return value === undefined || isNone(value) ? undefined : value;
    };
    const hidden = option('hidden');
    const lr = option('lr');
    const epochs = option('epochs');
    const seed = option('seed');
    const checked = validateConfig({
      X: toRows(X, 'X'),
      y: toRows(y, 'y'),
      hidden: hidden ? toInt(hidden, 'hidden') : SEED_CONFIG.hidden,
      lr: lr ? toNumber(lr, 'lr') : SEED_CONFIG.lr,
      epochs: epochs ? toInt(epochs, 'epochs') : SEED_CONFIG.epochs,
      seed: seed ? toInt(seed, 'seed') : null,
    });
    if (!checked.ok) fail(checked.error);
    const rng: RngState | null = checked.value.seed === null ? rngState(state) : null;
    return {
      result: { ok: true, source: { config: checked.value, rng }, notes: checked.notes, line },
      evaluation,
    };
  } catch (error) {
    if (error instanceof Unreadable || error instanceof MatError) {
      return { result: { ok: false, message: `${where}: ${error.message}` }, evaluation };
    }
    throw error;
  }
}

function evaluateArgument(evaluator: Interpreter, expr: Expr, param: Param): Value {
  try {
    return evaluator.evaluate(expr, undefined);
  } catch (error) {
    if (error instanceof MatError) fail(`${param}: ${error.message}`);
    throw error;
  }
}

function rngState(state: GlobalState): RngState {
  const s = state.peekRng().getState();
  return { key: Array.from(s.key), pos: s.pos, hasGauss: s.hasGauss, gauss: s.gauss };
}
