/**
 * The notebook's own training loop, cell In [12] as examples/seed.mat holds
 * it verbatim, run through the interpreter (the user's loop, not `train`)
 * against CPython + NumPy exec() of the same text. Issue 12's target: the
 * interpreter at least 10× faster than CPython + NumPy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateDocument } from '../../src/engine/document';
import { NDArray } from '../../src/engine/ndarray';
import { relativeDifference, summarize } from '../lib/stats';
import { alternate, type Side, secondsPerCall } from '../lib/timing';
import type { Agreement, Context, Row } from '../lib/types';

const CELL_TITLE = "# %% The notebook's own training loop, verbatim (cell In [12])";
const TARGET = 10;
const TOLERANCE = 1e-10;
const LIMITS = { maxElements: 50_000_000, maxMilliseconds: 600_000 };

/** The cell's text with `epoch` set, seeded as a fresh notebook would be. */
function cellText(repoDir: string, epochs: number): string {
  const seed = readFileSync(join(repoDir, 'examples', 'seed.mat'), 'utf8');
  const start = seed.indexOf(CELL_TITLE);
  if (start < 0) throw new Error('examples/seed.mat no longer holds the verbatim cell In [12]');
  const cell = seed.slice(start).replace(/^epoch=5000 /m, `epoch=${epochs} `);
  if (!cell.includes(`epoch=${epochs} `)) throw new Error('the cell no longer sets epoch=5000');
  return `import numpy as np\nnp.random.seed(0)\n${cell}`;
}

export async function ownLoopRows(ctx: Context): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [epochs, reps] of [[5_000, ctx.reps(5, 3)]] as const) {
    const text = cellText(ctx.repoDir, epochs);
    const evaluate = () => evaluateDocument(text, { limits: LIMITS });
    // Warm-up: the JIT compiles the interpreter's paths first.
    for (let i = 0; i < 3; i++) evaluate();
    const pyFile = join(ctx.tmp, `own-loop-${epochs}.py`);
    writeFileSync(pyFile, text);
    ctx.log(`the notebook's own loop, ${epochs.toLocaleString('en-US')} epochs × ${reps}`);
    let ours = evaluate();
    const sides: Side[] = [
      {
        name: 'ours',
        run: () =>
          secondsPerCall(() => {
            ours = evaluate();
          }, 1) / epochs,
      },
    ];
    let expected: number[] | undefined;
    const numpy = ctx.numpy;
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
          expected ??= answer.values?.output;
          return answer.seconds / epochs;
        },
      });
    }
    const { sides: measured, speedups } = summarize(await alternate(sides, reps));
    let agreement: Agreement | undefined;
    if (expected) {
      const got = ours.finalState.get('output');
      const relDiff =
        got instanceof NDArray ? relativeDifference(got.data, expected) : Number.POSITIVE_INFINITY;
      agreement = { relDiff, tolerance: TOLERANCE, ok: relDiff <= TOLERANCE, note: 'the trained output' };
    }
    const speedup = speedups.numpy;
    rows.push({
      group: 'training',
      id: `own-loop-${epochs}`,
      label: `the notebook's own loop (cell In [12] verbatim), ${epochs.toLocaleString('en-US')} epochs`,
      work: 1,
      values: { epochs },
      sides: measured,
      speedups,
      agreement,
      notes: ['NumPy: CPython exec() of the same cell; both sides seconds per epoch'],
      target: { text: `≥ ${TARGET}× CPython + NumPy`, met: speedup === undefined ? null : speedup >= TARGET },
    });
  }
  return rows;
}
