/**
 * The distributions of NumPy's legacy generator (`np.random.binomial`,
 * `np.random.gamma`, ...: numpy.random.RandomState), ported statement for
 * statement from NumPy 2.4's C sources (numpy/random/src/legacy/
 * legacy-distributions.c and the parts of src/distributions/distributions.c
 * that RandomState calls), so that they consume the generator's words in the
 * same order and compute in the same double operations. The C library's
 * exp, log and pow are the correctly rounded ones of ./crmath.ts, its log1p
 * glibc's own (./log1p.ts).
 */
import { crExp, crLog, crPow } from './crmath';
import { log1p } from './log1p';
import type { LegacyRandom } from './random';

/**
 * C's conversion of a double to int64 as x86-64 does it (cvttsd2si):
 * truncation, and INT64_MIN for NaN or out-of-range values, which the
 * samplers then reject as negative.
 */
function toInt64(x: number): number {
  return x > -TWO_63 && x < TWO_63 ? Math.trunc(x) : -TWO_63;
}

const TWO_63 = 2 ** 63;

/** `legacy_standard_exponential`: -log(1 - U). */
export function legacyStandardExponential(rng: LegacyRandom): number {
  return -crLog(1.0 - rng.nextDouble());
}

/** `legacy_standard_gamma`: Marsaglia and Tsang for shape > 1, Johnk-like rejection below 1. */
export function legacyStandardGamma(rng: LegacyRandom, shape: number): number {
  if (shape === 1.0) return legacyStandardExponential(rng);
  if (shape === 0.0) return 0.0;
  if (shape < 1.0) {
    for (;;) {
      const U = rng.nextDouble();
      const V = legacyStandardExponential(rng);
      if (U <= 1.0 - shape) {
        const X = crPow(U, 1 / shape);
        if (X <= V) return X;
      } else {
        const Y = -crLog((1 - U) / shape);
        const X = crPow(1.0 - shape + shape * Y, 1 / shape);
        if (X <= V + Y) return X;
      }
    }
  }
  const b = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * b);
  for (;;) {
    let X: number;
    let V: number;
    do {
      X = rng.standardNormal();
      V = 1.0 + c * X;
    } while (V <= 0.0);
    V = V * V * V;
    const U = rng.nextDouble();
    if (U < 1.0 - 0.0331 * (X * X) * (X * X)) return b * V;
    if (crLog(U) < 0.5 * X * X + b * (1 - V + crLog(V))) return b * V;
  }
}

/** `legacy_beta`: Johnk's algorithm when both a, b <= 1, else a ratio of gammas. */
export function legacyBeta(rng: LegacyRandom, a: number, b: number): number {
  if (a <= 1.0 && b <= 1.0) {
    for (;;) {
      const U = rng.nextDouble();
      const V = rng.nextDouble();
      const X = crPow(U, 1.0 / a);
      const Y = crPow(V, 1.0 / b);
      if (X + Y <= 1.0) {
        if (X + Y > 0) return X / (X + Y);
        let logX = crLog(U) / a;
        let logY = crLog(V) / b;
        const logM = Math.max(logX, logY);
        logX -= logM;
        logY -= logM;
        return crExp(logX - crLog(crExp(logX) + crExp(logY)));
      }
    }
  }
  const Ga = legacyStandardGamma(rng, a);
  const Gb = legacyStandardGamma(rng, b);
  return Ga / (Ga + Gb);
}

/** `random_laplace`: inversion, rejecting U = 0. */
export function laplace(rng: LegacyRandom, loc: number, scale: number): number {
  for (;;) {
    const U = rng.nextDouble();
    if (U >= 0.5) return loc - scale * crLog(2.0 - U - U);
    if (U > 0.0) return loc + scale * crLog(U + U);
  }
}

/** `random_logistic`: inversion, rejecting U = 0. */
export function logistic(rng: LegacyRandom, loc: number, scale: number): number {
  for (;;) {
    const U = rng.nextDouble();
    if (U > 0.0) return loc + scale * crLog(U / (1.0 - U));
  }
}

/** `legacy_lognormal`: exp of a legacy normal draw. */
export function legacyLognormal(rng: LegacyRandom, mean: number, sigma: number): number {
  return crExp(mean + sigma * rng.standardNormal());
}

/** `legacy_random_geometric`: a search for p >= 1/3, inversion below. */
export function legacyGeometric(rng: LegacyRandom, p: number): number {
  if (p >= 0.3333333333333333) {
    let X = 1;
    let sum = p;
    let prod = p;
    const q = 1.0 - p;
    const U = rng.nextDouble();
    while (U > sum) {
      prod *= q;
      sum += prod;
      X++;
    }
    return X;
  }
  return toInt64(Math.ceil(log1p(-rng.nextDouble()) / crLog(1 - p)));
}

const LOGGAM_COEFFICIENTS = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4,
  8.417508417508418e-4, -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2,
  1.796443723688307e-1, -1.3924322169059,
];

/** `random_loggam`: log Γ(x) by the SPECFUN series, as NumPy computes it. */
export function loggam(x: number): number {
  if (x === 1.0 || x === 2.0) return 0.0;
  const n = x < 7.0 ? toInt64(7 - x) : 0;
  let x0 = x + n;
  const x2 = (1.0 / x0) * (1.0 / x0);
  const lg2pi = 1.8378770664093453;
  let gl0 = LOGGAM_COEFFICIENTS[9];
  for (let k = 8; k >= 0; k--) {
    gl0 *= x2;
    gl0 += LOGGAM_COEFFICIENTS[k];
  }
  let gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * crLog(x0) - x0;
  if (x < 7.0) {
    for (let k = 1; k <= n; k++) {
      gl -= crLog(x0 - 1.0);
      x0 -= 1.0;
    }
  }
  return gl;
}

/** `random_poisson`: multiplication of uniforms below lam = 10, Hörmann's PTRS from 10 on. */
export function poisson(rng: LegacyRandom, lam: number): number {
  if (lam >= 10) return poissonPtrs(rng, lam);
  if (lam === 0) return 0;
  const enlam = crExp(-lam);
  let X = 0;
  let prod = 1.0;
  for (;;) {
    prod *= rng.nextDouble();
    if (prod > enlam) X += 1;
    else return X;
  }
}

function poissonPtrs(rng: LegacyRandom, lam: number): number {
  const slam = Math.sqrt(lam);
  const loglam = crLog(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng.nextDouble() - 0.5;
    const V = rng.nextDouble();
    const us = 0.5 - Math.abs(U);
    const k = toInt64(Math.floor(((2 * a) / us + b) * U + lam + 0.43));
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (crLog(V) + crLog(invalpha) - crLog(a / (us * us) + b) <= -lam + k * loglam - loggam(k + 1)) {
      return k;
    }
  }
}

/**
 * `legacy_random_binomial` (np.random.binomial): inversion while n·min(p, q)
 * <= 30, BTPE above. Unlike Generator's, it draws even when n or p is 0.
 */
export function legacyBinomial(rng: LegacyRandom, p: number, n: number): number {
  if (p <= 0.5) {
    return p * n <= 30.0 ? binomialInversion(rng, n, p, false) : binomialBtpe(rng, n, p);
  }
  const q = 1.0 - p;
  return q * n <= 30.0 ? n - binomialInversion(rng, n, q, false) : n - binomialBtpe(rng, n, q);
}

/** `random_binomial` (distributions.c), which `np.random.multinomial` calls for each category. */
export function binomial(rng: LegacyRandom, p: number, n: number): number {
  if (n === 0 || p === 0.0) return 0;
  if (p <= 0.5) {
    return p * n <= 30.0 ? binomialInversion(rng, n, p, true) : binomialBtpe(rng, n, p);
  }
  const q = 1.0 - p;
  return q * n <= 30.0 ? n - binomialInversion(rng, n, q, true) : n - binomialBtpe(rng, n, q);
}

/** Inversion: q^n from the cache when set up for this (n, p), else exp(n·log q) (legacy) or exp(n·log1p(-p)). */
function binomialInversion(rng: LegacyRandom, n: number, p: number, log1pForm: boolean): number {
  const cache = rng.binomialCache;
  const q = 1.0 - p;
  let qn: number;
  if (cache.n === n && cache.p === p) qn = cache.qn;
  else {
    qn = log1pForm ? crExp(n * log1p(-p)) : crExp(n * crLog(q));
    cache.n = n;
    cache.p = p;
    cache.qn = qn;
  }
  const np = n * p;
  const bound = toInt64(Math.min(n, np + 10.0 * Math.sqrt(np * q + 1)));
  let X = 0;
  let px = qn;
  let U = rng.nextDouble();
  while (U > px) {
    X++;
    if (X > bound) {
      X = 0;
      px = qn;
      U = rng.nextDouble();
    } else {
      U -= px;
      px = ((n - X + 1) * p * px) / (X * q);
    }
  }
  return X;
}

/** `random_binomial_btpe` (Kachitvichyanukul and Schmeiser), as NumPy 2.4 has it. */
function binomialBtpe(rng: LegacyRandom, n: number, p: number): number {
  const cache = rng.binomialCache;
  // BTPE keeps its own set-up in the same cache, displacing an inversion's.
  cache.n = n;
  cache.p = p;
  cache.qn = Number.NaN;
  const r = Math.min(p, 1.0 - p);
  const q = 1.0 - r;
  const fm = n * r + r;
  const m = toInt64(Math.floor(fm));
  const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1.0 + a / 2.0);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1.0 + a / 2.0);
  const p2 = p1 * (1.0 + 2.0 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;

  for (;;) {
    // Step 10
    const nrq = n * r * q;
    const u = rng.nextDouble() * p4;
    let v = rng.nextDouble();
    let y: number;
    if (u <= p1) {
      y = toInt64(Math.floor(xm - p1 * v + u));
      return p > 0.5 ? n - y : y;
    }
    if (u <= p2) {
      // Step 20
      const x = xl + (u - p1) / c;
      v = v * c + 1.0 - Math.abs(m - x + 0.5) / p1;
      if (v > 1.0) continue;
      y = toInt64(Math.floor(x));
    } else if (u <= p3) {
      // Step 30
      y = toInt64(Math.floor(xl + crLog(v) / laml));
      if (y < 0 || v === 0.0) continue;
      v = v * (u - p2) * laml;
    } else {
      // Step 40
      y = toInt64(Math.floor(xr - crLog(v) / lamr));
      if (y > n || v === 0.0) continue;
      v = v * (u - p3) * lamr;
    }
    // Step 50
    const k = Math.abs(y - m);
    if (!(k > 20 && k < nrq / 2.0 - 1)) {
      const s = r / q;
      const aa = s * (n + 1);
      let F = 1.0;
      if (m < y) {
        for (let i = m + 1; i <= y; i++) F *= aa / i - s;
      } else if (m > y) {
        for (let i = y + 1; i <= m; i++) F /= aa / i - s;
      }
      if (v > F) continue;
      return p > 0.5 ? n - y : y;
    }
    // Step 52
    const rho = (k / nrq) * ((k * (k / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = (-k * k) / (2 * nrq);
    const A = crLog(v);
    if (A < t - rho) return p > 0.5 ? n - y : y;
    if (A > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    const x2 = x1 * x1;
    const f2 = f1 * f1;
    const z2 = z * z;
    const w2 = w * w;
    const bound =
      xm * crLog(f1 / x1) +
      (n - m + 0.5) * crLog(z / w) +
      (y - m) * crLog((w * r) / (x1 * q)) +
      (13680 - (462 - (132 - (99 - 140 / f2) / f2) / f2) / f2) / f1 / 166320 +
      (13680 - (462 - (132 - (99 - 140 / z2) / z2) / z2) / z2) / z / 166320 +
      (13680 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x1 / 166320 +
      (13680 - (462 - (132 - (99 - 140 / w2) / w2) / w2) / w2) / w / 166320;
    if (A > bound) continue;
    return p > 0.5 ? n - y : y;
  }
}

/**
 * `random_multinomial`: one binomial per category but the last, each on
 * what the earlier ones left, writing counts into `out` (zeros beforehand).
 */
export function multinomial(
  rng: LegacyRandom,
  n: number,
  pvals: Float64Array,
  out: Float64Array,
  offset: number,
): void {
  const d = pvals.length;
  let remainingP = 1.0;
  let dn = n;
  for (let j = 0; j < d - 1; j++) {
    out[offset + j] = binomial(rng, pvals[j] / remainingP, dn);
    dn -= out[offset + j];
    if (dn <= 0) break;
    remainingP -= pvals[j];
  }
  if (dn > 0) out[offset + d - 1] = dn;
}

/** `random_interval`: a uniform integer in [0, max], by masking 32-bit words and rejecting (max < 2^32). */
export function randomInterval(nextUint32: () => number, max: number): number {
  if (max === 0) return 0;
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  mask >>>= 0;
  let value: number;
  do value = (nextUint32() & mask) >>> 0;
  while (value > max);
  return value;
}
