/**
 * NumPy's legacy random generator (`numpy.random.RandomState`, the one behind
 * `np.random.seed` / `np.random.uniform` / `np.random.randn`), reproduced bit
 * for bit so that a seeded `.mat` program and the playground draw exactly the
 * numbers the same NumPy program would.
 *
 * The core is the reference MT19937 (Matsumoto & Nishimura) with NumPy's two
 * seeding routines; every distribution below consumes 32-bit words in the
 * same order as NumPy's C code (`legacy-distributions.c`, `distributions.c`),
 * which is what makes the sequences line up after mixed calls.
 */

import { bufferedPiece, newWordBuffer } from './bufferedWords';
import { correctlyRoundedLog } from './crlog';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;
const SEED_RANGE_MESSAGE = 'Seed must be between 0 and 2**32 - 1';

/** Set only while clone() constructs its copy. */
let cloning = false;

/**
 * The full generator state, shaped like NumPy's `get_state()` tuple
 * `('MT19937', key, pos, has_gauss, cached_gaussian)`.
 */
export interface LegacyRandomState {
  /** The 624 words of the Mersenne Twister. */
  readonly key: Uint32Array;
  /** Index of the next word to temper, 0..624 (624 means "twist first"). */
  readonly pos: number;
  /** Whether a second polar Box-Muller value is cached for the next normal draw. */
  readonly hasGauss: boolean;
  /** The cached normal value (0 when none is cached). */
  readonly gauss: number;
}

/** `numpy.random.RandomState`: MT19937 with NumPy's legacy seeding and distributions. */
export class LegacyRandom {
  // Int32Array rather than Uint32Array: V8 keeps int32 elements unboxed in
  // optimized code, while uint32 words above 2**31 would become doubles.
  private readonly mt = new Int32Array(N);
  private pos = N;
  private hasGauss = false;
  private gauss = 0;
  /**
   * NumPy's `binomial_t` cache of the last binomial inversion set-up: the
   * (n, p) it was made for and its q^n. RandomState keeps one across calls
   * (and across `seed`): `binomial` computes q^n as exp(n·log q) and
   * `multinomial` as exp(n·log1p(-p)), so which one ran first for the same
   * (n, p) decides the value both then use. NaN n: nothing cached.
   */
  readonly binomialCache = { n: Number.NaN, p: Number.NaN, qn: 0 };

  /** A generator seeded like `np.random.RandomState(seed)`. */
  constructor(seed: number | readonly number[]) {
    if (!cloning) this.seed(seed);
  }

  /** `np.random.RandomState(seed)`. */
  static fromSeed(seed: number): LegacyRandom {
    return new LegacyRandom(seed);
  }

  /**
   * An unpredictable generator, for programs that never call `seed`. NumPy
   * draws its unseeded state from the OS; we seed init_by_array with four
   * words from the platform's CSPRNG, which is as unpredictable.
   */
  static fromEntropy(): LegacyRandom {
    const words = new Uint32Array(4);
    globalThis.crypto.getRandomValues(words);
    return new LegacyRandom(Array.from(words));
  }

  /**
   * Reseeds like `RandomState.seed` (NumPy's `_legacy_seeding`): an integer
   * in [0, 2**32 - 1] goes through init_genrand, an array of such integers
   * through init_by_array (so `seed([5])` differs from `seed(5)`, as in
   * NumPy). Clears the cached normal value.
   */
  seed(seed: number | readonly number[]): void {
    if (typeof seed === 'number') {
      checkSeedWord(seed, 'scalar');
      this.initGenrand(seed);
    } else {
      if (seed.length === 0) throw new Error('Seed must be non-empty');
      for (const word of seed) checkSeedWord(word, 'array data');
      this.initByArray(seed);
    }
    this.pos = N;
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** An independent copy of the full state (cheap: one 2.5 KB copy). */
  clone(): LegacyRandom {
    // Built through the constructor rather than Object.create so that clones
    // share the original's hidden class and the draw methods stay monomorphic;
    // the flag skips the seeding pass whose result would be overwritten.
    cloning = true;
    let copy: LegacyRandom;
    try {
      copy = new LegacyRandom(0);
    } finally {
      cloning = false;
    }
    copy.mt.set(this.mt);
    copy.pos = this.pos;
    copy.hasGauss = this.hasGauss;
    copy.gauss = this.gauss;
    Object.assign(copy.binomialCache, this.binomialCache);
    return copy;
  }

  /** True when both generators would draw the same numbers from here on. */
  sameState(other: LegacyRandom): boolean {
    if (other === this) return true;
    if (other.pos !== this.pos || other.hasGauss !== this.hasGauss) return false;
    if (this.hasGauss && !Object.is(other.gauss, this.gauss)) return false;
    const cache = this.binomialCache;
    const otherCache = other.binomialCache;
    if (
      !Object.is(cache.n, otherCache.n) ||
      !Object.is(cache.p, otherCache.p) ||
      !Object.is(cache.qn, otherCache.qn)
    ) {
      return false;
    }
    for (let i = 0; i < N; i++) if (other.mt[i] !== this.mt[i]) return false;
    return true;
  }

  /** A snapshot of the state (`get_state()`); later draws do not change it. */
  getState(): LegacyRandomState {
    return {
      key: new Uint32Array(this.mt.buffer.slice(0)),
      pos: this.pos,
      hasGauss: this.hasGauss,
      gauss: this.hasGauss ? this.gauss : 0,
    };
  }

  /** Restores a state from `getState()` or from NumPy's `get_state()` (`set_state`). */
  setState(state: LegacyRandomState): void {
    if (state.key.length !== N) {
      throw new Error(`state key must have ${N} words, got ${state.key.length}`);
    }
    if (!Number.isInteger(state.pos) || state.pos < 0 || state.pos > N) {
      throw new Error(`state pos must be an integer in [0, ${N}], got ${state.pos}`);
    }
    for (let i = 0; i < N; i++) this.mt[i] = state.key[i];
    this.pos = state.pos;
    this.hasGauss = state.hasGauss;
    this.gauss = state.hasGauss ? state.gauss : 0;
  }

  /** The next raw 32-bit word, as an unsigned integer. */
  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random_sample()`: a double in [0, 1) built from two words (53 random bits). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * Fills `out` like `uniform(low, high, size=out.length)`: each value is
   * `low + (high - low) * u`, the legacy formula (so low=0, high=1 gives
   * exactly `random_sample`).
   */
  fill(out: Float64Array, low = 0, high = 1): Float64Array {
    const range = high - low;
    if (!Number.isFinite(range)) throw new Error('Range exceeds valid bounds');
    // The hot loop of weight initialization and benchmarks: nextUint32 is
    // inlined by hand with the state in locals, which is several times faster
    // than calling nextDouble per element.
    const mt = this.mt;
    let pos = this.pos;
    for (let i = 0, n = out.length; i < n; i++) {
      if (pos >= N) {
        this.twist();
        pos = 0;
      }
      let a = mt[pos++];
      a ^= a >>> 11;
      a ^= (a << 7) & 0x9d2c5680;
      a ^= (a << 15) & 0xefc60000;
      a ^= a >>> 18;
      if (pos >= N) {
        this.twist();
        pos = 0;
      }
      let b = mt[pos++];
      b ^= b >>> 11;
      b ^= (b << 7) & 0x9d2c5680;
      b ^= (b << 15) & 0xefc60000;
      b ^= b >>> 18;
      out[i] = low + range * (((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992);
    }
    this.pos = pos;
    return out;
  }

  /** `uniform(low, high, size=count)` as a new array. */
  uniform(count: number, low = 0, high = 1): Float64Array {
    return this.fill(new Float64Array(checkCount(count)), low, high);
  }

  /**
   * One standard normal value (`legacy_gauss`): the polar Box-Muller method,
   * which makes two values per accepted pair and caches the second for the
   * next call, so odd-length draws leave state behind exactly as NumPy does.
   */
  standardNormal(): number {
    if (this.hasGauss) {
      const cached = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.nextDouble() - 1.0;
      x2 = 2.0 * this.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    // NumPy calls the C library's log here; see crlog.ts for why not Math.log.
    const f = Math.sqrt((-2.0 * correctlyRoundedLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /**
   * Fills `out` like `normal(loc, scale, size=out.length)` (`loc + scale *
   * gauss`); with the defaults, like `randn(out.length)`.
   */
  fillNormal(out: Float64Array, loc = 0, scale = 1): Float64Array {
    if (!(scale >= 0)) throw new Error('scale < 0');
    for (let i = 0, n = out.length; i < n; i++) out[i] = loc + scale * this.standardNormal();
    return out;
  }

  /** `normal(loc, scale, size=count)` as a new array (`randn(count)` with the defaults). */
  normal(count: number, loc = 0, scale = 1): Float64Array {
    return this.fillNormal(new Float64Array(checkCount(count)), loc, scale);
  }

  /**
   * `randint(low, high, size=count)` with the default int64 dtype: integers
   * in [low, high). Like NumPy's legacy path, a range that fits in 32 bits
   * draws one word per try and rejects values above the range after masking
   * to the next power of two; a wider range draws 64-bit values (high word
   * first) the same way. Bounds and values are exact integers up to
   * 2**53 in magnitude, the limit here (NumPy's is int64's).
   */
  randint(low: number, high: number, count: number): Float64Array {
    if (!isIntegerWithin53Bits(low) || !isIntegerWithin53Bits(high)) {
      throw new Error(`randint bounds must be integers within ±2**53, got low=${low}, high=${high}`);
    }
    if (low >= high) throw new Error('low >= high');
    // Written so that no rounded difference can slip past: high - 2**53 is exact here.
    if (high - TWO_53 > low) throw new Error('randint range high - low must be at most 2**53');
    const out = new Float64Array(checkCount(count));
    const rng = high - 1 - low;
    if (rng === 0) {
      // NumPy draws nothing for a one-value range.
      out.fill(low);
    } else if (rng === 0xffffffff) {
      for (let i = 0; i < out.length; i++) out[i] = low + this.nextUint32();
    } else if (rng < 0xffffffff) {
      const mask = maskFor(rng);
      for (let i = 0; i < out.length; i++) {
        let v: number;
        do {
          v = (this.nextUint32() & mask) >>> 0;
        } while (v > rng);
        out[i] = low + v;
      }
    } else {
      const maskHi = maskFor(Math.floor(rng / TWO_32));
      for (let i = 0; i < out.length; i++) {
        let v: number;
        do {
          const hi = this.nextUint32() & maskHi;
          v = hi * TWO_32 + this.nextUint32();
        } while (v > rng);
        out[i] = low + v;
      }
    }
    return out;
  }

  /**
   * `randint(low, high, size=count, dtype=...)` for bool, 8- and 16-bit
   * dtypes: masked rejection on 1-, 8- or 16-bit pieces of buffered 32-bit
   * words (`buffered_bounded_masked_uint8/16`, `buffered_bounded_bool`), one
   * buffer for the whole fill, as NumPy's legacy `_rand_int8` and friends do.
   */
  randintSmall(low: number, high: number, count: number, bits: 1 | 8 | 16): Float64Array {
    const out = new Float64Array(checkCount(count));
    const rng = high - 1 - low;
    const buffer = newWordBuffer();
    const next = () => this.nextUint32();
    const full = bits === 16 ? 0xffff : bits === 8 ? 0xff : 1;
    const mask = maskFor(rng);
    for (let i = 0; i < out.length; i++) {
      if (rng === 0) out[i] = low;
      else if (rng === full || bits === 1) out[i] = low + bufferedPiece(buffer, bits, next);
      else {
        let v: number;
        do {
          v = bufferedPiece(buffer, bits, next) & mask;
        } while (v > rng);
        out[i] = low + v;
      }
    }
    return out;
  }

  /** init_genrand: the Knuth-style linear recurrence NumPy uses for an integer seed. */
  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
  }

  /** init_by_array, as in the reference MT19937 and NumPy's mt19937.c. */
  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    const len = key.length;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, len); k > 0; k--) {
      const prev = mt[i - 1];
      // The sum can exceed 32 bits; doubles hold it exactly and the Int32Array store wraps it mod 2**32.
      mt[i] = (mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = (mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = UPPER_MASK;
  }

  /** Regenerates all 624 words at once (mt19937_gen). */
  private twist(): void {
    const mt = this.mt;
    let i = 0;
    let y: number;
    for (; i < N - M; i++) {
      y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
      mt[i] = mt[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
      mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }
}

/** Rejects seeds NumPy rejects, with NumPy's messages. */
function checkSeedWord(word: number, kind: 'scalar' | 'array data'): void {
  if (!Number.isInteger(word)) {
    throw new TypeError(
      `Cannot cast ${kind} from dtype('float64') to dtype('int64') according to the rule 'safe'`,
    );
  }
  if (!(word >= 0 && word <= 0xffffffff)) throw new Error(SEED_RANGE_MESSAGE);
}

function isIntegerWithin53Bits(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) <= TWO_53;
}

function checkCount(count: number): number {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`size must be a non-negative integer, got ${count}`);
  }
  return count;
}

/** The smallest all-ones mask covering `max` (NumPy's gen_mask), for max < 2**32. */
function maskFor(max: number): number {
  let mask = max >>> 0;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}
