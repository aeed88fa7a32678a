/**
 * The benchmark suite's pure helpers: medians, paired ratios, agreement
 * (relative difference) and the number formatting of the Markdown table.
 * Nothing here measures time; test/unit/bench-stats.test.ts covers it.
 */

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-quantile (0 ≤ p ≤ 1) by linear interpolation between order statistics. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const pos = Math.min(Math.max(p, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * How many times faster `ours` is than `reference`, from paired samples of
 * seconds per operation (sample i of both taken back to back): the median
 * of the per-pair ratios reference/ours. Pairing cancels most of the drift
 * of a shared, noisy machine; with unequal counts only the common pairs count.
 */
export function pairedSpeedup(oursSeconds: readonly number[], referenceSeconds: readonly number[]): number {
  const count = Math.min(oursSeconds.length, referenceSeconds.length);
  if (count === 0) return Number.NaN;
  const ratios: number[] = [];
  for (let i = 0; i < count; i++) ratios.push(referenceSeconds[i] / oursSeconds[i]);
  return median(ratios);
}

/**
 * Normwise relative difference of `actual` from `expected`:
 * max|actual − expected| / max|expected| (0 when both are all zeros).
 * NaN in the same places counts as agreement; a NaN against a number, or
 * a length mismatch, gives Infinity.
 */
export function relativeDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(a) || Number.isNaN(e)) {
      if (Number.isNaN(a) && Number.isNaN(e)) continue;
      return Number.POSITIVE_INFINITY;
    }
    diff = Math.max(diff, Math.abs(a - e));
    scale = Math.max(scale, Math.abs(e));
  }
  if (diff === 0) return 0;
  return scale === 0 ? Number.POSITIVE_INFINITY : diff / scale;
}

/** Floating-point operations of an n × n by n × n matrix product (n³ multiplies and n³ adds). */
export function productFlops(n: number): number {
  return 2 * n * n * n;
}

/**
 * A number with about `digits` significant digits and thousands separators,
 * no exponent for everyday magnitudes: 1234567 → "1,234,567", 0.012345 → "0.0123".
 */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '–' : value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs < 1e-4) return value.toExponential(digits - 1);
  const magnitude = Math.floor(Math.log10(abs));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** A speed-up factor: 12.345 → "12.3×", 0.0456 → "0.046×". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  return `${formatNumber(ratio, ratio >= 100 ? 4 : 3)}×`;
}

/** A relative difference as a short exponent: 0 → "0", 2.2e-16 → "2.2e-16". */
export function formatDifference(diff: number): string {
  if (Number.isNaN(diff)) return '–';
  if (diff === 0) return '0';
  if (!Number.isFinite(diff)) return '∞';
  return diff.toExponential(1);
}

/** A size in bytes as kB/MB (decimal units, as the marketplace shows them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${formatNumber(bytes / 1000)} kB`;
  return `${formatNumber(bytes / 1e6)} MB`;
}

/**
 * A Markdown table; cells are escaped for `|` and kept on one line. Columns
 * are padded (the first left-aligned, the others right-aligned) the way the
 * repository's formatter lays tables out, so a written report is already
 * formatted.
 */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const body = [headers, ...rows].map((r) => headers.map((_, i) => cell(r[i] ?? '')));
  const length = (text: string) => [...text].length;
  const widths = headers.map((_, i) => Math.max(3, ...body.map((r) => length(r[i]))));
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat(widths[i] - length(text));
    return i === 0 ? text + fill : fill + text;
  };
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const align = widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`));
  return [line(body[0]), `| ${align.join(' | ')} |`, ...body.slice(1).map(line)].join('\n');
}

/**
 * Iterations for a batch that lasts about `targetSeconds`, from a trial of
 * `trialIters` iterations that took `trialSeconds`: at least 1, at most `cap`.
 */
export function iterationsFor(
  trialSeconds: number,
  trialIters: number,
  targetSeconds: number,
  cap = 1 << 24,
): number {
  if (!(trialSeconds > 0)) return Math.min(cap, trialIters * 16);
  return Math.max(1, Math.min(cap, Math.round((trialIters * targetSeconds) / trialSeconds)));
}

/**
 * Each side's samples (seconds per operation, repetition by repetition)
 * with their medians, and how many times faster `ours` is than every other
 * side ({@link pairedSpeedup}). Sides with no sample are left out.
 */
export function summarize(samples: Record<string, readonly number[]>): {
  sides: Record<string, { seconds: number[]; median: number }>;
  speedups: Record<string, number>;
} {
  const sides: Record<string, { seconds: number[]; median: number }> = {};
  const speedups: Record<string, number> = {};
  for (const [name, seconds] of Object.entries(samples)) {
    if (seconds.length === 0) continue;
    sides[name] = { seconds: [...seconds], median: median(seconds) };
  }
  const ours = samples.ours ?? [];
  for (const name of Object.keys(sides)) {
    if (name !== 'ours' && ours.length > 0) speedups[name] = pairedSpeedup(ours, samples[name]);
  }
  return { sides, speedups };
}
