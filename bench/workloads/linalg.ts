/**
 * Matrix products (`@`), `pinv` and element-wise `*` on n × n float64
 * matrices: ours (the engine's `matmul`, `pinv` and `binary('*')` on
 * NDArrays, as a `.mat` statement runs them, minus the parse) against
 * NumPy (`a @ b`, `np.linalg.pinv(a)`, `a * b`) and mathjs (`multiply`,
 * `pinv`, `dotMultiply` on DenseMatrix). Every input is shared with NumPy
 * through a raw float64 file, and NumPy's result comes back the same way
 * for the agreement check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  create,
  dotMultiplyDependencies,
  type Matrix,
  matrixDependencies,
  multiplyDependencies,
  pinvDependencies,
} from 'mathjs';
import { clearBudget } from '../../src/engine/limits';
import { matmul, pinv } from '../../src/engine/linalg';
import { math } from '../../src/engine/mathjs';
import { NDArray } from '../../src/engine/ndarray';
import { binary } from '../../src/engine/ops';
import { LegacyRandom } from '../../src/nn/random';
import { productFlops, relativeDifference, summarize } from '../lib/stats';
import { alternate, calibrate, type Side, secondsPerCall } from '../lib/timing';
import type { Agreement, Context, Row } from '../lib/types';

/** Plain mathjs for what the project's instance (src/engine/mathjs.ts) does not build. */
const mathjs = create({
  matrixDependencies,
  multiplyDependencies,
  pinvDependencies,
  dotMultiplyDependencies,
});

const TOLERANCE = 1e-10;
/** After a NumPy call that may have used OpenBLAS's threads: let them stop spinning first. */
const SETTLE_SECONDS = 0.15;

/** n × n uniform [0, 1) values, `np.random.RandomState(seed).uniform(size=(n, n))`. */
function uniform(n: number, seed: number): Float64Array {
  return new LegacyRandom(seed).fill(new Float64Array(n * n));
}

/** An n × n matrix of rank r: U (n × r) · V (r × n), entries of U and V uniform in [-0.5, 0.5). */
function rankDeficient(n: number, r: number, seed: number): Float64Array {
  const rng = new LegacyRandom(seed);
  const u = rng.fill(new Float64Array(n * r)).map((x) => x - 0.5);
  const v = rng.fill(new Float64Array(r * n)).map((x) => x - 0.5);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < r; p++) s += u[i * r + p] * v[p * n + j];
      out[i * n + j] = s;
    }
  }
  return out;
}

function toMathjs(data: Float64Array, n: number): Matrix {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(data.subarray(i * n, (i + 1) * n)));
  return math.matrix(rows);
}

function fromMathjs(m: Matrix): Float64Array {
  return Float64Array.from((m.toArray() as number[][]).flat());
}

interface Case {
  readonly group: 'products' | 'linalg';
  readonly id: string;
  readonly label: string;
  readonly n: number;
  readonly kind: 'matmul' | 'pinv' | 'mul';
  readonly a: Float64Array;
  readonly b?: Float64Array;
  readonly work?: number;
  readonly reps: number;
  /** Repetitions of mathjs at most (it can take seconds per call). */
  readonly mathjsReps: number;
  /** Also time NumPy on one OpenBLAS thread (our engine runs on one). */
  readonly oneThread: boolean;
  readonly target?: (speedups: Record<string, number>, agreement?: Agreement) => Row['target'];
  readonly note?: string;
}

async function runCase(ctx: Context, c: Case): Promise<Row> {
  ctx.log(`${c.label} × ${c.reps}`);
  clearBudget();
  const { n } = c;
  const A = new NDArray(c.a, [n, n], 'float64');
  const B = c.b ? new NDArray(c.b, [n, n], 'float64') : undefined;
  const ours =
    c.kind === 'matmul' ? () => matmul(A, B!) : c.kind === 'pinv' ? () => pinv(A) : () => binary('*', A, B!);
  const MA = toMathjs(c.a, n);
  const MB = c.b ? toMathjs(c.b, n) : undefined;
  const theirs =
    c.kind === 'matmul'
      ? () => math.multiply(MA, MB!) as Matrix
      : c.kind === 'pinv'
        ? () => mathjs.pinv(MA) as Matrix
        : () => mathjs.dotMultiply(MA, MB!) as Matrix;

  const aFile = join(ctx.tmp, `${c.id}-a.f64`);
  const bFile = join(ctx.tmp, `${c.id}-b.f64`);
  const outFile = join(ctx.tmp, `${c.id}-out.f64`);
  writeFileSync(aFile, c.a);
  if (c.b) writeFileSync(bFile, c.b);

  const oursIters = calibrate(ours, ctx.batchSeconds);
  const mathjsIters = calibrate(theirs, ctx.batchSeconds);
  const settle = n >= 64 ? SETTLE_SECONDS : 0;
  const sides: Side[] = [{ name: 'ours', run: () => secondsPerCall(ours, oursIters) }];
  const numpy = ctx.numpy;
  let numpyWrote = false;
  if (numpy) {
    const request = (threads?: number, out?: string) =>
      numpy.request<{ seconds: number }>({
        cmd: 'op',
        kind: c.kind,
        a: aFile,
        b: c.b ? bFile : null,
        out: out ?? null,
        minSeconds: ctx.batchSeconds,
        threads: threads ?? null,
        settle,
      });
    sides.push({
      name: 'numpy',
      run: async (rep) => {
        const answer = await request(undefined, rep === 0 ? outFile : undefined);
        if (rep === 0) numpyWrote = true;
        return answer.seconds;
      },
    });
    if (c.oneThread) sides.push({ name: 'numpy1', run: async () => (await request(1)).seconds });
  }
  sides.push({ name: 'mathjs', maxReps: c.mathjsReps, run: () => secondsPerCall(theirs, mathjsIters) });
  const { sides: measured, speedups } = summarize(await alternate(sides, c.reps));

  let agreement: Agreement | undefined;
  let mathjsAgreement: Agreement | undefined;
  if (numpyWrote) {
    // A small file's Buffer is a view into a shared pool: copy its bytes out.
    const bytes = readFileSync(outFile);
    const expected = new Float64Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    const relDiff = relativeDifference(ours().data, expected);
    agreement = { relDiff, tolerance: TOLERANCE, ok: relDiff <= TOLERANCE, note: c.note };
    const mathjsDiff = relativeDifference(fromMathjs(theirs()), expected);
    mathjsAgreement = { relDiff: mathjsDiff, tolerance: TOLERANCE, ok: mathjsDiff <= TOLERANCE };
  }
  return {
    group: c.group,
    id: c.id,
    label: c.label,
    work: c.work,
    sides: measured,
    speedups,
    agreement,
    mathjsAgreement,
    target: c.target?.(speedups, agreement),
    values: { n, oursIters, mathjsIters },
  };
}

export async function productRows(ctx: Context): Promise<Row[]> {
  const rows: Row[] = [];
  for (const n of [2, 8, 32, 128, 256, 512]) {
    const big = n >= 128;
    rows.push(
      await runCase(ctx, {
        group: 'products',
        id: `matmul-${n}`,
        label: `a @ b, ${n}×${n}`,
        n,
        kind: 'matmul',
        a: uniform(n, 1000 + n),
        b: uniform(n, 2000 + n),
        work: productFlops(n),
        reps: ctx.reps(7, 3),
        mathjsReps: n >= 512 ? ctx.reps(3, 1) : n >= 256 ? ctx.reps(5, 2) : ctx.reps(7, 3),
        oneThread: big,
        target: big
          ? (s) => ({ text: '≥ 5× mathjs', met: s.mathjs === undefined ? null : s.mathjs >= 5 })
          : undefined,
      }),
    );
  }
  return rows;
}

export async function linalgRows(ctx: Context): Promise<Row[]> {
  const rows: Row[] = [];
  const pinvTarget = (s: Record<string, number>, agreement?: Agreement) => ({
    text: '≥ 1× mathjs, agrees to 1e-10',
    met: s.mathjs === undefined || !agreement ? null : s.mathjs >= 1 && agreement.ok,
  });
  for (const n of [3, 32, 128]) {
    rows.push(
      await runCase(ctx, {
        group: 'linalg',
        id: `pinv-${n}`,
        label: `pinv(a), ${n}×${n}`,
        n,
        kind: 'pinv',
        a: uniform(n, 3000 + n),
        reps: ctx.reps(7, 3),
        mathjsReps: n >= 128 ? ctx.reps(3, 1) : ctx.reps(7, 3),
        oneThread: n >= 128,
        target: pinvTarget,
        note: 'uniform [0, 1) entries (full rank)',
      }),
    );
  }
  rows.push(
    await runCase(ctx, {
      group: 'linalg',
      id: 'pinv-32-rank20',
      label: 'pinv(a), 32×32 of rank 20',
      n: 32,
      kind: 'pinv',
      a: rankDeficient(32, 20, 4032),
      reps: ctx.reps(7, 3),
      mathjsReps: ctx.reps(7, 3),
      oneThread: false,
      target: pinvTarget,
      note: 'rank-deficient: agreement means the same 12 singular values were cut',
    }),
  );
  rows.push(
    await runCase(ctx, {
      group: 'linalg',
      id: 'mul-512',
      label: 'a * b (element-wise), 512×512',
      n: 512,
      kind: 'mul',
      a: uniform(512, 5512),
      b: uniform(512, 6512),
      work: 512 * 512,
      reps: ctx.reps(7, 3),
      mathjsReps: ctx.reps(7, 3),
      oneThread: true,
    }),
  );
  return rows;
}
