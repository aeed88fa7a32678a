/**
 * The benchmark suite: `npm run bench` (full) or `npm run bench -- --quick`
 * (CI: fewer repetitions, shorter batches). Runs every workload side by
 * side with its references (NumPy in a python3 process, mathjs in this
 * one), writes bench/results.json and bench/results.md and prints the
 * tables. Numbers are reported, never asserted: the exit code is non-zero
 * only when a workload could not run at all.
 *
 * Options:
 *   --quick          fewer repetitions (CI)
 *   --only=a,b       only these groups: training, products, linalg, editor, coldstart
 *   --vscode         also measure activation in a real VS Code (code-server; slow)
 *   --build          rebuild and repackage dist/ before the cold-start measurements
 *   --no-numpy       run without the NumPy reference
 *   --out=DIR        write results.json and results.md there (default bench/)
 *   --render         only rewrite results.md from the results.json already there
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { NumPy, type NumPyInfo } from './lib/numpy';
import { measurePeak } from './lib/peak';
import { renderReport } from './lib/report';
import type { Context, Group, Results, Row } from './lib/types';
import { coldStartRows, ensureBuilt } from './workloads/coldstart';
import { editorRows } from './workloads/editor';
import { linalgRows, productRows } from './workloads/linalg';
import { ownLoopRows } from './workloads/ownLoop';
import { trainingRows } from './workloads/training';
import { vscodeActivationRows } from './workloads/vscode';

const BENCH_DIR = resolve(__dirname);
const REPO_DIR = resolve(BENCH_DIR, '..');
const GROUPS: readonly Group[] = ['training', 'products', 'linalg', 'editor', 'coldstart'];

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_DIR, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function mathjsVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_DIR, 'node_modules/mathjs/package.json'), 'utf8'));
  return pkg.version;
}

async function main(): Promise<number> {
  if (flag('render')) {
    const dir = resolve(option('out') ?? BENCH_DIR);
    const report = renderReport(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Results);
    writeFileSync(join(dir, 'results.md'), report);
    process.stdout.write(`${report}\n`);
    return 0;
  }
  const started = performance.now();
  const quick = flag('quick');
  const only = option('only')?.split(',') as Group[] | undefined;
  const unknown = only?.filter((g) => !GROUPS.includes(g));
  if (unknown?.length) throw new Error(`unknown group(s) ${unknown.join(', ')}; known: ${GROUPS.join(', ')}`);
  const groups = only ?? GROUPS;
  const outDir = resolve(option('out') ?? BENCH_DIR);
  const tmp = mkdtempSync(join(tmpdir(), 'mp-bench-'));
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  const errors: string[] = [];
  const loadAverageBefore = loadavg();

  let numpy: NumPy | null = null;
  let numpyInfo: NumPyInfo | undefined;
  if (!flag('no-numpy')) {
    const started = await NumPy.start(BENCH_DIR);
    if ('error' in started) {
      errors.push(`NumPy reference unavailable: ${started.error}`);
      log(`NumPy unavailable: ${started.error}`);
    } else {
      numpy = started.numpy;
      numpyInfo = started.info;
      log(
        `NumPy ${numpyInfo.numpy}, OpenBLAS ${numpyInfo.openblasCore} × ${numpyInfo.openblasThreads} threads`,
      );
    }
  }

  const peakReps = quick ? 10 : 30;
  log('measuring one core’s peak (bench/peak.c)');
  const peak = measurePeak(BENCH_DIR, tmp, peakReps);

  const ctx: Context = {
    quick,
    numpy,
    tmp,
    repoDir: REPO_DIR,
    benchDir: BENCH_DIR,
    reps: (full, q) => (quick ? q : full),
    batchSeconds: quick ? 0.05 : 0.2,
    log,
    peak,
    vscode: flag('vscode'),
  };

  const rows: Row[] = [];
  const run = async (group: Group, fn: (c: Context) => Promise<Row[]>) => {
    if (!groups.includes(group)) return;
    try {
      rows.push(...(await fn(ctx)));
    } catch (e) {
      const message = `${group}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      errors.push(message.split('\n').slice(0, 3).join(' '));
      log(`FAILED ${message}`);
    }
  };
  try {
    // The editor's round trips and the cold start use the shipped bundles.
    if (groups.includes('editor') || groups.includes('coldstart')) ensureBuilt(ctx, flag('build'));
    await run('training', trainingRows);
    await run('training', ownLoopRows);
    await run('products', productRows);
    await run('linalg', linalgRows);
    await run('editor', editorRows);
    await run('coldstart', async (c) => {
      const cold = await coldStartRows(c);
      if (c.vscode) cold.push(...(await vscodeActivationRows(c)));
      return cold;
    });
  } finally {
    numpy?.close();
    rmSync(tmp, { recursive: true, force: true });
  }

  const results: Results = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    commit: commit(),
    seconds: (performance.now() - started) / 1000,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: totalmem() / 2 ** 30,
      node: process.versions.node,
      v8: process.versions.v8,
      platform: `${process.platform} ${process.arch}`,
      loadAverageBefore,
      loadAverageAfter: loadavg(),
      peak,
      numpy: numpyInfo as unknown as Record<string, unknown> | undefined,
      mathjs: mathjsVersion(),
    },
    rows,
    errors,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const report = renderReport(results);
  writeFileSync(join(outDir, 'results.md'), report);
  process.stdout.write(`${report}\n`);
  log(`wrote ${join(outDir, 'results.json')} and results.md in ${results.seconds.toFixed(0)} s`);
  return rows.length === 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
