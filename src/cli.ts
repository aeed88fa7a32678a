import { readFileSync, statSync } from 'node:fs';
import { printText } from './engine/display';
import { evaluateDocument, notAScriptReason } from './engine/document';
import { evaluationToJson } from './engine/json';
import { resultPrintOptions } from './engine/snapshot';

const USAGE = `Matrix Playground — evaluate a .mat file the way a notebook would.

Usage:
  node dist/cli.js run FILE.mat [--json] [--precision N]

  --json          print one JSON array: per statement line, source, and value,
                  shape, dtype, text — or error {message, type, line, column}
  --precision N   digits after the decimal point for floats (default 8)

Exit status: 0 when the file was evaluated (errors in statements included),
1 for a usage error, 2 when the file could not be read or is not a script.`;

interface CliOptions {
  file: string;
  json: boolean;
  precision: number;
}

function parseArgs(argv: readonly string[]): CliOptions | string {
  const [command, ...rest] = argv;
  if (command !== 'run')
    return command === undefined || command === '--help' || command === '-h'
      ? ''
      : `unknown command '${command}'`;
  let file: string | undefined;
  let json = false;
  let precision = 8;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') json = true;
    else if (arg === '--precision') {
      precision = Number(rest[++i]);
      if (!Number.isInteger(precision) || precision < 0 || precision > 17)
        return '--precision takes a whole number from 0 to 17';
    } else if (arg.startsWith('-')) return `unknown option '${arg}'`;
    else if (file === undefined) file = arg;
    else return `unexpected argument '${arg}'`;
  }
  if (file === undefined) return 'missing FILE.mat';
  return { file, json, precision };
}

function readScript(file: string): string {
  if (statSync(file).isDirectory()) throw new Error('is a directory');
  return readFileSync(file, 'utf8');
}

/** Runs the CLI and returns its exit status. */
export function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    if (options) err(`error: ${options}\n\n`);
    (options ? err : out)(`${USAGE}\n`);
    return options ? 1 : 0;
  }
  let text: string;
  try {
    text = readScript(options.file);
  } catch (error) {
    err(`error: cannot read ${options.file}: ${(error as Error).message}\n`);
    return 2;
  }
  const reason = notAScriptReason(text);
  if (reason) {
    err(`error: ${options.file}: ${reason}\n`);
    return 2;
  }
  const evaluation = evaluateDocument(text);
  const print = { precision: options.precision };
  if (options.json) {
    out(`${JSON.stringify(evaluationToJson(evaluation, print), null, 1)}\n`);
    return 0;
  }
  for (const result of evaluation.statements) {
    const start = evaluation.lines.positionAt(result.range.start);
    const prompt = `[${start.line + 1}] `;
    out(`${prompt}${result.source.replace(/\n/g, `\n${' '.repeat(prompt.length)}`)}\n`);
    const { outcome } = result;
    if (outcome.kind === 'value') out(`${printText(outcome.value, resultPrintOptions(result, print))}\n`);
    else if (outcome.kind === 'error') {
      const at = evaluation.lines.positionAt(outcome.range.start);
      out(`${outcome.pythonType}: ${outcome.message} (line ${at.line + 1}, column ${at.character + 1})\n`);
    }
    out('\n');
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
}
