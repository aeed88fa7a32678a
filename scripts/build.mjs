// Bundles the extension's entry points with esbuild. Type-checking is a
// separate step (npm run typecheck), as in the VS Code extension samples.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The desktop extension (package.json `main`): Node, worker threads.
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The playground's host side, required on its first use so activation does not load it.
    entryPoints: ['src/playground/index.ts'],
    outfile: 'dist/playground.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    entryPoints: ['src/worker/nodeWorker.ts'],
    outfile: 'dist/worker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/playground/extractWorker.ts'],
    outfile: 'dist/playgroundWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // The web extension (package.json `browser`): VS Code's web worker extension host, Web Workers.
  {
    entryPoints: ['src/extension.browser.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
  },
  {
    // Classic scripts: VS Code starts nested workers with importScripts().
    entryPoints: ['src/worker/webWorker.ts'],
    outfile: 'dist/web/worker.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    entryPoints: ['src/playground/extractWebWorker.ts'],
    outfile: 'dist/web/playgroundWorker.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // The playground webview; its CSS imports are bundled to dist/webview/playground.css.
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/playground.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
];

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
};

if (watch) {
  for (const options of builds) await (await esbuild.context({ ...common, ...options })).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build({ ...common, ...options })));
}
