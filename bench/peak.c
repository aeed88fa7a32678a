/*
 * One core's double-precision peak, measured: independent chains of
 * vector multiply-adds that never touch memory, so only the floating-point
 * units limit them. Two kernels:
 *   fma256     AVX2 fused multiply-add on 4 doubles (what OpenBLAS uses):
 *              the core's peak;
 *   muladd128  multiply then add on 2 doubles (SSE2): the most that
 *              WebAssembly SIMD (f64x2, no fused multiply-add) can express.
 * Twelve accumulators cover the latency of the multiply-add units.
 * Prints one JSON line with the best GFLOP/s of each over the repetitions.
 * Build: cc -O2 -o peak bench/peak.c     Run: ./peak [repetitions]
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

__attribute__((target("avx2,fma"))) static double fma256(long iters) {
  __m256d acc[12];
  const __m256d x = _mm256_set1_pd(0.9999999), y = _mm256_set1_pd(1e-7);
  for (int i = 0; i < 12; i++) acc[i] = _mm256_set1_pd(i * 0.1);
  for (long it = 0; it < iters; it++) {
#pragma GCC unroll 12
    for (int i = 0; i < 12; i++) acc[i] = _mm256_fmadd_pd(acc[i], x, y);
  }
  __m256d s = acc[0];
  for (int i = 1; i < 12; i++) s = _mm256_add_pd(s, acc[i]);
  double o[4];
  _mm256_storeu_pd(o, s);
  return o[0] + o[1] + o[2] + o[3];
}

static double muladd128(long iters) {
  __m128d acc[12];
  const __m128d x = _mm_set1_pd(0.9999999), y = _mm_set1_pd(1e-7);
  for (int i = 0; i < 12; i++) acc[i] = _mm_set1_pd(i * 0.1);
  for (long it = 0; it < iters; it++) {
#pragma GCC unroll 12
    for (int i = 0; i < 12; i++) acc[i] = _mm_add_pd(_mm_mul_pd(acc[i], x), y);
  }
  __m128d s = acc[0];
  for (int i = 1; i < 12; i++) s = _mm_add_pd(s, acc[i]);
  double o[2];
  _mm_storeu_pd(o, s);
  return o[0] + o[1];
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 20;
  const long iters = 5000000; /* about 30 ms a kernel: short runs catch the quiet moments of a shared machine */
  double best256 = 0, best128 = 0, sink = 0;
  int has_fma = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  for (int r = 0; r < reps; r++) {
    double t, g;
    if (has_fma) {
      t = now();
      sink += fma256(iters);
      g = iters * 12.0 * 4 * 2 / (now() - t) / 1e9;
      if (g > best256) best256 = g;
    }
    t = now();
    sink += muladd128(iters);
    g = iters * 12.0 * 2 * 2 / (now() - t) / 1e9;
    if (g > best128) best128 = g;
  }
  printf("{\"fma256\":%.3f,\"muladd128\":%.3f,\"sink\":%g}\n", has_fma ? best256 : 0.0, best128, sink);
  return 0;
}
