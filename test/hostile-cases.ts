/**
 * The hostile-input corpus, test/fixtures/hostile/, as its two suites read it: the unit test
 * (test/unit/hostile-corpus.test.ts, which describes the format) evaluates every file with the
 * engine, and the e2e suite (test/e2e/hostile.e2e.ts) opens them in a real VS Code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Limits } from '../src/engine/limits';

/** The corpus's folder. */
export const HOSTILE_DIR = fileURLToPath(new URL('fixtures/hostile/', import.meta.url));

/** One expected message of a hostile file: for the statement starting on `line` (1-based). */
export interface Expectation {
  readonly line: number;
  readonly text?: string;
  readonly textMatch?: string;
  readonly error?: string;
  readonly message?: string;
  readonly match?: string;
  readonly at?: string;
  readonly orValue?: boolean;
  readonly withinMs?: number;
}

/** A corpus `<name>.json`: the input file it describes and what the engine must say about it. */
export interface HostileSpec {
  readonly about: string;
  readonly file?: string;
  readonly decode?: 'utf-8' | 'latin1' | 'wtf-8';
  readonly limits?: Limits;
  readonly notAScript?: string;
  readonly statements?: number;
  readonly seconds?: number;
  readonly expect?: readonly Expectation[];
}

/** One case of the corpus. */
export interface HostileCase {
  /** The spec's file name without `.json`. */
  readonly name: string;
  readonly spec: HostileSpec;
  /** The input file's name in HOSTILE_DIR: the spec's `file`, or `<name>.mat`. */
  readonly file: string;
}

/** Every case of the corpus, in the order of their names. */
export function hostileCases(): HostileCase[] {
  return readdirSync(HOSTILE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.json$/, '');
      const spec = JSON.parse(readFileSync(join(HOSTILE_DIR, f), 'utf8')) as HostileSpec;
      return { name, spec, file: spec.file ?? `${name}.mat` };
    });
}
