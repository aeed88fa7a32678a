/**
 * `npm run package`: `vsce package` into dist/matrix-playground.vsix, with every
 * vsce WARNING treated as a failure. Without a terminal vsce answers its own
 * "Do you want to continue? [y/N]" prompts with yes, so in CI a warning would
 * otherwise pass silently (a missing repository, a missing licence, unbundled
 * JavaScript, a README image it cannot use…).
 *
 * Run:  node --import tsx scripts/package.ts [--out FILE]
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT = join(REPO, 'dist', 'matrix-playground.vsix');

export interface PackageResult {
  /** vsce's exit code (null when it was killed). */
  exitCode: number | null;
  /** Everything vsce printed, stdout and stderr interleaved, without colour codes. */
  output: string;
  /** The text of each WARNING vsce printed. */
  warnings: string[];
  /** The .vsix written, when vsce succeeded. */
  vsix?: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The warnings in vsce's output: vsce prints each as ` WARNING  message` (a
 * coloured badge on a terminal), possibly over several lines, up to the next
 * badge, prompt or blank line.
 */
export function vsceWarnings(output: string): string[] {
  const lines = output.replace(ANSI, '').split(/\r?\n/);
  const warnings: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const badge = /^\s*WARNING\b\s*(.*)$/.exec(line);
    if (badge) {
      if (current) warnings.push(current.join('\n').trim());
      current = [badge[1]];
    } else if (current && line.trim() && !/^\s*(ERROR|INFO|DONE)\b/.test(line) && !/\[y\/N\]/.test(line)) {
      current.push(line.trim());
    } else if (current) {
      warnings.push(current.join('\n').trim());
      current = undefined;
    }
  }
  if (current) warnings.push(current.join('\n').trim());
  return warnings;
}

/**
 * Runs `vsce package --no-dependencies --out OUT` in `cwd` (the extension's
 * folder) and collects what it prints. Never prompts: stdin is closed and
 * stdout is a pipe. `echo` copies vsce's output to this process as it comes.
 */
export async function packageExtension(options: {
  cwd: string;
  out: string;
  echo?: boolean;
  timeoutMs?: number;
}): Promise<PackageResult> {
  const require = createRequire(import.meta.url);
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const out = resolve(options.out);
  const started = Date.now();
  const child = spawn(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // No colours, no GitHub Actions annotation format: plain text to read.
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_ACTIONS: '' },
  });
  let output = '';
  const collect = (chunk: Buffer, to: NodeJS.WriteStream) => {
    output += chunk.toString();
    if (options.echo) to.write(chunk);
  };
  child.stdout.on('data', (c: Buffer) => collect(c, process.stdout));
  child.stderr.on('data', (c: Buffer) => collect(c, process.stderr));
  const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 10 * 60_000);
  const exitCode = await new Promise<number | null>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => res(code));
  }).finally(() => clearTimeout(timer));
  output = output.replace(ANSI, '');
  const written = exitCode === 0 && existsSync(out) && statSync(out).mtimeMs >= started - 1000;
  return { exitCode, output, warnings: vsceWarnings(output), vsix: written ? out : undefined };
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--out');
  const out = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : DEFAULT_OUT;
  const result = await packageExtension({ cwd: REPO, out, echo: true });
  if (result.exitCode !== 0 || !result.vsix) {
    console.error(`\npackage: vsce package failed (exit code ${result.exitCode}); see its output above.`);
    process.exit(1);
  }
  if (result.warnings.length > 0) {
    console.error(
      `\npackage: vsce printed ${result.warnings.length} warning(s); warnings are failures here:`,
    );
    for (const warning of result.warnings) console.error(`  - ${warning.replace(/\n/g, '\n    ')}`);
    process.exit(1);
  }
  const kb = (statSync(result.vsix).size / 1024).toFixed(1);
  console.log(`package: ${relative(REPO, result.vsix)} (${kb} KB), no vsce warnings`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
