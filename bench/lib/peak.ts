/**
 * One core's double-precision peak, measured with bench/peak.c (compiled
 * with the system's C compiler into the scratch directory). Null when there
 * is no C compiler: the report then says the peak was not measured.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface Peak {
  /** GFLOP/s of AVX2 fused multiply-adds on 4 doubles (0 without AVX2/FMA). */
  readonly fma256: number;
  /** GFLOP/s of 2-double multiply then add: WebAssembly SIMD's ceiling. */
  readonly muladd128: number;
}

export function measurePeak(benchDir: string, tmp: string, reps: number): Peak | null {
  const exe = join(tmp, 'peak');
  try {
    execFileSync('cc', ['-O2', '-o', exe, join(benchDir, 'peak.c')], { stdio: 'pipe' });
    const out = JSON.parse(execFileSync(exe, [String(reps)], { encoding: 'utf8' }));
    return { fma256: out.fma256, muladd128: out.muladd128 };
  } catch {
    return null;
  }
}
