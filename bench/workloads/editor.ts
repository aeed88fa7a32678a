/**
 * The editor's path on a generated 1,000-statement `.mat` file
 * (bench/lib/matfile.ts): evaluating it from scratch, and re-evaluating it
 * after one keystroke on its last line and on its first line, both through
 * `evaluateDocument(text, { previous })`, through the worker's
 * `EvaluationService` (evaluation plus the snapshot update the host
 * receives) in this thread, and as the extension does it: through its
 * `EvaluationClient` to a worker thread running the shipped bundle
 * dist/worker.js (when it is built).
 * NumPy's reference for the from-scratch run: Python exec() of the same
 * statements, as a notebook runs a cell.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EvaluationClient } from '../../src/editor/evaluationClient';
import { nodeWorkerHost } from '../../src/editor/nodeTransport';
import { type DocumentEvaluation, evaluateDocument } from '../../src/engine/document';
import { DEFAULT_LIMITS } from '../../src/engine/limits';
import { NDArray } from '../../src/engine/ndarray';
import { EvaluationService } from '../../src/worker/evaluationService';
import type { EvaluateRequest, WorkerRequest, WorkerResponse } from '../../src/worker/protocol';
import { BLOCK_STATEMENTS, generateMatFile, lastLine, typeDigit } from '../lib/matfile';
import { median, relativeDifference, summarize } from '../lib/stats';
import { alternate, calibrate, type Side, secondsPerCall } from '../lib/timing';
import type { Agreement, Context, Row } from '../lib/types';

const STATEMENTS = 1000;
const KEYSTROKE_TARGET_MS = 20;
const TOLERANCE = 1e-10;

function evaluatedCount(evaluation: DocumentEvaluation): number {
  return evaluation.statements.filter((s) => !s.reused).length;
}

function errorCount(evaluation: DocumentEvaluation): number {
  return evaluation.statements.filter((s) => s.outcome.kind === 'error').length;
}

export async function editorRows(ctx: Context): Promise<Row[]> {
  const text = generateMatFile(STATEMENTS);
  const lastEdit = typeDigit(text, lastLine(text));
  const firstEdit = typeDigit(text, 0);
  const rows: Row[] = [];

  // Warm-up (the JIT), and the evaluation later edits start from.
  let base = evaluateDocument(text);
  base = evaluateDocument(text);
  const errors = errorCount(base);
  if (errors > 0) throw new Error(`the generated file has ${errors} statements that fail`);

  const pyFile = join(ctx.tmp, 'editor.py');
  writeFileSync(pyFile, `import numpy as np\n${text}`);

  // From scratch.
  {
    const reps = ctx.reps(7, 3);
    ctx.log(`editor: ${STATEMENTS} statements from scratch × ${reps}`);
    const sides: Side[] = [{ name: 'ours', run: () => secondsPerCall(() => evaluateDocument(text), 1) }];
    const numpy = ctx.numpy;
    let values: Record<string, number[]> | undefined;
    if (numpy) {
      sides.push({
        name: 'numpy',
        run: async (rep) => {
          const answer = await numpy.request<{ seconds: number; values?: Record<string, number[]> }>({
            cmd: 'exec',
            path: pyFile,
            minSeconds: ctx.batchSeconds,
            values: rep === 0,
          });
          values ??= answer.values;
          return answer.seconds;
        },
      });
    }
    const { sides: measured, speedups } = summarize(await alternate(sides, reps));
    const expected = values as Record<string, number[]> | undefined;
    const agreement = expected && agreeWith(base, expected);
    rows.push({
      group: 'editor',
      id: 'editor-scratch',
      label: `${STATEMENTS.toLocaleString('en-US')}-statement file, from scratch`,
      work: STATEMENTS,
      sides: measured,
      speedups,
      values: { evaluated: STATEMENTS },
      agreement,
      notes: ['NumPy: exec() of the same statements as Python (a notebook running the cell)'],
    });
  }

  // One keystroke: evaluateDocument with the previous evaluation, then the worker's whole request.
  const settings = { limits: DEFAULT_LIMITS, print: {} };
  for (const [where, edited] of [
    ['last', lastEdit],
    ['first', firstEdit],
  ] as const) {
    const evaluated = evaluatedCount(evaluateDocument(edited, { previous: base }));
    const direct = () => evaluateDocument(edited, { previous: base });
    // The worker alternates between the two texts: every request is one keystroke away from the last.
    const service = new EvaluationService(() => 0);
    let id = 0;
    const request = (t: string): EvaluateRequest => ({
      type: 'evaluate',
      id: ++id,
      documentKey: 'bench.mat',
      text: t,
      settings,
    });
    service.handle(request(text));
    let toggle = false;
    const viaWorker = () => {
      toggle = !toggle;
      const response = service.handle(request(toggle ? edited : text));
      if (response?.type !== 'result') throw new Error('the evaluation service failed');
    };
    const reps = ctx.reps(7, 3);
    ctx.log(`editor: keystroke on the ${where} line × ${reps}`);
    const directIters = calibrate(direct, ctx.batchSeconds);
    const workerIters = Math.max(2, calibrate(viaWorker, ctx.batchSeconds));
    const samples = await alternate(
      [
        { name: 'ours', run: () => secondsPerCall(direct, directIters) },
        { name: 'worker', run: () => secondsPerCall(viaWorker, workerIters) },
      ],
      reps,
    );
    for (const [side, label, id] of [
      ['ours', 'evaluateDocument', `editor-${where}-line`],
      ['worker', 'worker request (evaluation + snapshot)', `editor-${where}-line-worker`],
    ] as const) {
      const { sides } = summarize({ ours: samples[side] });
      const ms = sides.ours.median * 1000;
      rows.push({
        group: 'editor',
        id,
        label: `keystroke on the ${where} line: ${label}`,
        work: evaluated,
        sides,
        speedups: {},
        values: { evaluated, dependents: where === 'last' ? 1 : BLOCK_STATEMENTS - 1 },
        target: { text: `< ${KEYSTROKE_TARGET_MS} ms`, met: ms < KEYSTROKE_TARGET_MS },
      });
    }
  }

  const bundle = join(ctx.repoDir, 'dist', 'worker.js');
  if (existsSync(bundle))
    rows.push(...(await workerRoundTrips(ctx, bundle, text, lastEdit, firstEdit, base)));
  return rows;
}

/**
 * Our final value of every variable NumPy bound, against NumPy's: the
 * largest normwise relative difference over the 1,000 variables. A name
 * missing on our side, or not an array there, counts as a disagreement.
 */
function agreeWith(evaluation: DocumentEvaluation, expected: Record<string, number[]>): Agreement {
  let worst = 0;
  let compared = 0;
  for (const [name, want] of Object.entries(expected)) {
    const got = evaluation.finalState.get(name);
    const diff = got instanceof NDArray ? relativeDifference(got.data, want) : Number.POSITIVE_INFINITY;
    worst = Math.max(worst, diff);
    compared++;
  }
  return {
    relDiff: worst,
    tolerance: TOLERANCE,
    ok: worst <= TOLERANCE && compared > 0,
    note: `largest over the ${compared} variables the file binds`,
  };
}

/**
 * Keystrokes as the extension sends them: through the extension's own
 * `EvaluationClient` to a worker thread running the shipped bundle
 * dist/worker.js, timed until the host holds the new snapshot (evaluation,
 * the update the worker sends, the structured clone both ways, and the
 * host rebuilding the snapshot from it). The worker's own figure
 * (`milliseconds` of the answer) is kept beside it.
 */
async function workerRoundTrips(
  ctx: Context,
  bundle: string,
  text: string,
  lastEdit: string,
  firstEdit: string,
  base: DocumentEvaluation,
): Promise<Row[]> {
  const client = new EvaluationClient(nodeWorkerHost<WorkerRequest, WorkerResponse>(bundle));
  // The transport unrefs its worker (an idle worker must not keep the
  // extension host alive); here nothing else may keep the process running
  // while a request is out (with --no-numpy there is no python3 child).
  const keepAlive = setInterval(() => {}, 60_000);
  const settings = { limits: DEFAULT_LIMITS, print: {} };
  const send = async (t: string) => {
    const start = performance.now();
    const outcome = await client.evaluate('bench.mat', t, settings);
    const seconds = (performance.now() - start) / 1000;
    if (outcome.kind !== 'done') throw new Error(`the worker did not answer (${outcome.kind})`);
    return { seconds, workerMs: outcome.milliseconds };
  };
  const rows: Row[] = [];
  try {
    await send(text);
    await send(text);
    for (const [where, edited] of [
      ['last', lastEdit],
      ['first', firstEdit],
    ] as const) {
      const evaluated = evaluatedCount(evaluateDocument(edited, { previous: base }));
      // Warm-up, then batches of keystrokes alternating between the two texts.
      let toggle = false;
      const keystroke = () => {
        toggle = !toggle;
        return send(toggle ? edited : text);
      };
      // Start from the unedited text: the previous phase may have ended on its own
      // edit, and going from that to this one would be two edits, not a keystroke.
      await send(text);
      // The first keystrokes run while V8 is still compiling the engine's hot
      // paths; the figure is for typing, so warm up before measuring (and
      // report the first one apart).
      const cold = await keystroke();
      const warmUp = await warmUpKeystrokes(keystroke);
      const iters = Math.max(2, Math.round(ctx.batchSeconds / warmUp.seconds));
      const reps = ctx.reps(7, 3);
      ctx.log(`editor: keystroke on the ${where} line through dist/worker.js × ${reps}`);
      const seconds: number[] = [];
      const workerMs: number[] = [];
      for (let r = 0; r < reps; r++) {
        let total = 0;
        let inWorker = 0;
        for (let i = 0; i < iters; i++) {
          const one = await keystroke();
          total += one.seconds;
          inWorker += one.workerMs;
        }
        seconds.push(total / iters);
        workerMs.push(inWorker / iters);
      }
      const { sides } = summarize({ ours: seconds });
      const ms = sides.ours.median * 1000;
      rows.push({
        group: 'editor',
        id: `editor-${where}-line-roundtrip`,
        label: `keystroke on the ${where} line: round trip to dist/worker.js`,
        work: evaluated,
        sides,
        speedups: {},
        values: { evaluated, workerMs: median(workerMs) },
        target: { text: `< ${KEYSTROKE_TARGET_MS} ms`, met: ms < KEYSTROKE_TARGET_MS },
        notes: [
          `${median(workerMs).toFixed(1)} ms of it inside the worker`,
          `first keystroke, before warm-up: ${(cold.seconds * 1000).toFixed(1)} ms (${cold.workerMs.toFixed(1)} in the worker)`,
        ],
      });
    }
  } finally {
    clearInterval(keepAlive);
    client.dispose();
  }
  return rows;
}

/**
 * Types until V8 has compiled the keystroke path: at least 20 keystrokes and
 * half a second. Returns the last keystroke's timing.
 */
async function warmUpKeystrokes(
  keystroke: () => Promise<{ seconds: number; workerMs: number }>,
): Promise<{ seconds: number; workerMs: number }> {
  const start = performance.now();
  let last = await keystroke();
  for (let n = 1; n < 200 && (n < 20 || performance.now() - start < 500); n++) last = await keystroke();
  return last;
}
