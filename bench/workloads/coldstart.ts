/**
 * Cold start, each sample in a fresh Node process (bench/cold/*.cjs):
 * `require` of dist/extension.js with a stub `vscode` and its `activate()`
 * against the stub; `require` of dist/worker.js (the engine) and the
 * worker thread's start until 'ready'; the sizes of the bundles and of the
 * .vsix. Builds and packages first when dist/ lacks them (or with --build).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../lib/stats';
import type { Context, Row } from '../lib/types';

const ACTIVATION_TARGET_MS = 50;
const VSIX_TARGET_BYTES = 1_000_000;

/** The `vscode.*` names the sources use: the stub module must own them (the bundle copies its own names). */
function vscodeNames(srcDir: string): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/\bvscode\.([A-Za-z_]\w*)/g)) names.add(m[1]);
      }
    }
  };
  walk(srcDir);
  return [...names].sort();
}

function runChild(script: string, args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

export function ensureBuilt(ctx: Context, force: boolean): void {
  const dist = join(ctx.repoDir, 'dist');
  const bundles = ['extension.js', 'worker.js'].map((f) => join(dist, f));
  if (force || bundles.some((f) => !existsSync(f))) {
    ctx.log('building dist/ (npm run build)');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ctx.repoDir, stdio: 'inherit' });
  }
  if (force || !existsSync(join(dist, 'matrix-playground.vsix'))) {
    ctx.log('packaging dist/matrix-playground.vsix (npm run package)');
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: ctx.repoDir, stdio: 'inherit' });
  }
}

export async function coldStartRows(ctx: Context): Promise<Row[]> {
  const dist = join(ctx.repoDir, 'dist');
  const extension = join(dist, 'extension.js');
  const worker = join(dist, 'worker.js');
  const vsix = join(dist, 'matrix-playground.vsix');
  const names = JSON.stringify(vscodeNames(join(ctx.repoDir, 'src')));
  const extScript = join(ctx.benchDir, 'cold', 'require-extension.cjs');
  const workerScript = join(ctx.benchDir, 'cold', 'start-worker.cjs');

  const reps = ctx.reps(9, 3);
  ctx.log(`cold start × ${reps}`);
  const samples: Record<string, number[]> = {
    extRequire: [],
    extActivate: [],
    workerRequire: [],
    workerReady: [],
    emptyWorker: [],
  };
  let activateError: unknown = null;
  let subscriptions = 0;
  // Alternating, like every other workload: one sample of each per round.
  for (let i = 0; i < reps; i++) {
    const ext = runChild(extScript, [extension, names]);
    samples.extRequire.push(ext.requireMs as number);
    samples.extActivate.push(ext.activateMs as number);
    activateError ??= ext.activateError;
    subscriptions = ext.subscriptions as number;
    samples.workerRequire.push(runChild(workerScript, [worker, 'require']).requireMs as number);
    samples.workerReady.push(runChild(workerScript, [worker, 'ready']).readyMs as number);
    samples.emptyWorker.push(runChild(workerScript, [worker, 'empty']).readyMs as number);
  }
  const ms = (name: string) => median(samples[name]);
  const row = (id: string, label: string, sample: string, extra: Partial<Row> = {}): Row => ({
    group: 'coldstart',
    id,
    label,
    sides: { ours: { seconds: samples[sample].map((x) => x / 1000), median: ms(sample) / 1000 } },
    speedups: {},
    ...extra,
  });
  const activation = ms('extRequire') + ms('extActivate');
  const rows: Row[] = [
    row('require-extension', 'require dist/extension.js (stub vscode)', 'extRequire', {
      values: { bytes: statSync(extension).size },
    }),
    row('activate-stub', 'activate() against a stub vscode', 'extActivate', {
      values: { subscriptions, requirePlusActivateMs: activation },
      target: {
        text: `require + activate < ${ACTIVATION_TARGET_MS} ms`,
        met: activateError ? null : activation < ACTIVATION_TARGET_MS,
      },
      notes: activateError ? [`activate() threw: ${String(activateError).split('\n')[0]}`] : undefined,
    }),
    row('require-worker', 'require dist/worker.js (the engine)', 'workerRequire', {
      values: { bytes: statSync(worker).size },
    }),
    row('worker-ready', "worker thread of dist/worker.js until 'ready'", 'workerReady', {
      values: { emptyWorkerMs: ms('emptyWorker') },
      notes: [`an empty worker thread takes ${ms('emptyWorker').toFixed(1)} ms of that`],
    }),
  ];
  const vsixBytes = statSync(vsix).size;
  rows.push({
    group: 'coldstart',
    id: 'vsix',
    label: '.vsix size',
    sides: {},
    speedups: {},
    values: { bytes: vsixBytes },
    target: { text: '< 1 MB', met: vsixBytes < VSIX_TARGET_BYTES },
  });
  return rows;
}
