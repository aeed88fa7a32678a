/**
 * The extension host loads only the editor: the engine's kernels run in the
 * evaluation worker (dist/worker.js). Bundling the host's entry points here,
 * in memory, proves that none of the kernels slipped into dist/extension.js
 * through an import (activation time grows with every module loaded).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as esbuild from 'esbuild';

const ROOT = join(__dirname, '..', '..');

/**
 * The desktop entry, the wiring it shares with the web entry, and every
 * editor module (so a new one is covered too). The web entry
 * (src/extension.browser.ts) is left out on purpose: it carries the engine
 * to run it on the host's thread when no Web Worker can start.
 */
const ENTRIES = [
  'src/extension.ts',
  'src/extension.shared.ts',
  ...readdirSync(join(ROOT, 'src', 'editor'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `src/editor/${name}`),
];

/** Folders whose every module is engine work the host never runs. */
const FORBIDDEN_FOLDERS = ['src/engine/ops/', 'src/engine/linalg/', 'src/nn/', 'node_modules/mathjs/'];

/** Single modules of the same kind: the evaluator, mathjs's instance, and the built-ins' implementations. */
const FORBIDDEN_MODULES = [
  'src/engine/evaluator.ts',
  'src/engine/mathjs.ts',
  'src/engine/builtins/index.ts',
  'src/engine/builtins/registry.ts',
  'src/engine/builtins/convert.ts',
  'src/engine/builtins/methods.ts',
  'src/engine/builtins/arrays.ts',
  'src/engine/builtins/math.ts',
  'src/engine/builtins/linalg.ts',
  'src/engine/builtins/random.ts',
  'src/engine/builtins/python.ts',
  'src/engine/builtins/train.ts',
  'src/engine/builtins/shaping.ts',
  'src/engine/builtins/sorting.ts',
];

/**
 * What the editor may load from src/engine/builtins/: names, signatures and docs only —
 * catalog.ts and the per-group catalogs it joins (shapingCatalog.ts…). What they import
 * in turn is checked like everything else, so a catalog that reached a kernel still fails.
 */
function isCatalog(input: string): boolean {
  return /^src\/engine\/builtins\/(catalog|[a-z]+Catalog)\.ts$/.test(input);
}

function isForbidden(input: string): boolean {
  if (FORBIDDEN_FOLDERS.some((folder) => input.startsWith(folder))) return true;
  if (FORBIDDEN_MODULES.includes(input)) return true;
  return input.startsWith('src/engine/builtins/') && !isCatalog(input);
}

interface HostBundle {
  inputs: Record<string, { imports: { path: string }[] }>;
}

async function bundleHost(entries: readonly string[]): Promise<HostBundle> {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [...entries],
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'host-bundle-test-out',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'silent',
  });
  return { inputs: result.metafile.inputs };
}

/** The import chain from an entry to `target`, for the failure message. */
function chainTo(inputs: HostBundle['inputs'], entries: readonly string[], target: string): string {
  const previous = new Map<string, string | undefined>(entries.map((entry) => [entry, undefined]));
  const queue = [...entries];
  while (queue.length) {
    const module = queue.shift() as string;
    for (const { path } of inputs[module]?.imports ?? []) {
      if (previous.has(path) || !inputs[path]) continue;
      previous.set(path, module);
      queue.push(path);
    }
  }
  const chain: string[] = [];
  for (let at: string | undefined = target; at; at = previous.get(at)) chain.unshift(at);
  return chain.join(' -> ');
}

describe('the extension host bundle', () => {
  test('the entries cover the extension and the editor', () => {
    assert.ok(ENTRIES.includes('src/extension.ts'));
    for (const module of ['hoverText', 'completion', 'callContext', 'codeLens', 'lensPlan', 'diagnostics']) {
      assert.ok(ENTRIES.includes(`src/editor/${module}.ts`), module);
    }
  });

  test('holds no engine kernels, evaluator, trainer, mathjs or built-in implementations', async () => {
    const { inputs } = await bundleHost(ENTRIES);
    // The editor does load the parser and the built-ins' catalog: the check must see real modules.
    assert.ok(inputs['src/engine/parser.ts'], 'the parser is bundled (codeLens, diagnostics)');
    assert.ok(inputs['src/engine/builtins/catalog.ts'], 'the catalog is bundled (hover, completion)');
    const forbidden = Object.keys(inputs).filter(isForbidden);
    assert.deepEqual(
      forbidden.map((input) => chainTo(inputs, ENTRIES, input)),
      [],
      'engine modules reached the extension host',
    );
  });

  test('the check itself finds a kernel behind an import', async () => {
    // The engine's own entry must fail the same check, with the chain that leads there.
    const { inputs } = await bundleHost(['src/engine/builtins/index.ts']);
    const forbidden = Object.keys(inputs).filter(isForbidden);
    assert.ok(forbidden.includes('src/engine/linalg/index.ts'));
    assert.ok(forbidden.includes('src/nn/network.ts'));
    assert.ok(forbidden.includes('src/engine/builtins/arrays.ts'));
  });
});
