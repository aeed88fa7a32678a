/** The shape of bench/results.json. */
import type { NumPy } from './numpy';

export type Group = 'training' | 'products' | 'linalg' | 'editor' | 'coldstart';

/** One side's samples: seconds per operation, one per repetition, and their median. */
export interface Measured {
  readonly seconds: number[];
  readonly median: number;
}

/** Agreement of a result with NumPy's in the same run (normwise relative difference). */
export interface Agreement {
  readonly relDiff: number;
  readonly tolerance: number;
  readonly ok: boolean;
  readonly note?: string;
}

export interface Target {
  readonly text: string;
  /** null when the run could not decide (a side missing). */
  readonly met: boolean | null;
}

export interface Row {
  readonly group: Group;
  readonly id: string;
  readonly label: string;
  /** Units of work per operation (epochs, floating-point operations, statements), for throughputs. */
  readonly work?: number;
  /** Keyed by side: ours, numpy, numpy1 (NumPy on one thread), mathjs. */
  readonly sides: Record<string, Measured>;
  /** How many times faster ours is than each other side (median of paired ratios). */
  readonly speedups: Record<string, number>;
  readonly agreement?: Agreement;
  readonly mathjsAgreement?: Agreement;
  readonly target?: Target;
  /** Other figures of the row (milliseconds, bytes, counts), by name. */
  readonly values?: Record<string, number>;
  readonly notes?: string[];
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly loadAverageBefore: number[];
  readonly loadAverageAfter?: number[];
  /** Measured one-core double-precision peaks in GFLOP/s (bench/peak.c), or null without a C compiler. */
  readonly peak: { readonly fma256: number; readonly muladd128: number } | null;
  readonly numpy?: Record<string, unknown>;
  readonly mathjs: string;
}

export interface Results {
  readonly date: string;
  readonly mode: 'full' | 'quick';
  readonly commit: string | null;
  readonly seconds: number;
  readonly machine: Machine;
  readonly rows: Row[];
  readonly errors: string[];
}

/** What every workload gets. */
export interface Context {
  readonly quick: boolean;
  readonly numpy: NumPy | null;
  /** A scratch directory for the arrays shared with NumPy. */
  readonly tmp: string;
  readonly repoDir: string;
  readonly benchDir: string;
  /** Repetitions: `full` normally, `quick` with --quick. */
  reps(full: number, quick: number): number;
  /** Target length of one timed batch, in seconds. */
  readonly batchSeconds: number;
  log(message: string): void;
  readonly peak: Machine['peak'];
  /** Whether --vscode asked for activation in a real VS Code too. */
  readonly vscode: boolean;
}
