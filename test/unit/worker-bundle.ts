/**
 * A worker entry point bundled the way the build bundles it (dist/worker.js,
 * dist/playgroundWorker.js): one CommonJS file for Node 20, for the tests that
 * start real worker threads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

/** A bundle in a temporary folder of its own. */
export interface WorkerBundle {
  /** The bundled script. */
  readonly file: string;
  /** Removes the folder; call it once the workers started from the script are gone. */
  remove(): void;
}

/** Bundles `entry` (a path from the repository's root, e.g. `src/worker/nodeWorker.ts`) into `fileName`. */
export function bundleWorker(entry: string, fileName: string): WorkerBundle {
  const dir = mkdtempSync(join(tmpdir(), `${basename(fileName, '.js')}-`));
  const file = join(dir, fileName);
  buildSync({
    entryPoints: [fileURLToPath(new URL(`../../${entry}`, import.meta.url))],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
