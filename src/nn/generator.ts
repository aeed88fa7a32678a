/**
 * NumPy's `Generator` (`np.random.default_rng(seed)`) over PCG64: its
 * samplers ported from numpy/random/src/distributions/distributions.c and
 * the bounded-integer code NumPy 2.4 uses, so every draw consumes the same
 * words and computes in the same double operations as NumPy's.
 */
import { bufferedPiece, type WordBuffer } from './bufferedWords';
import { crExp } from './crmath';
import { randomInterval } from './legacyDistributions';
import { log1p } from './log1p';
import { PCG64, seedWords } from './pcg64';
import {
  EXPONENTIAL_F,
  EXPONENTIAL_K,
  EXPONENTIAL_R,
  EXPONENTIAL_W,
  NORMAL_F,
  NORMAL_INV_R,
  NORMAL_K,
  NORMAL_R,
  NORMAL_W,
} from './zigguratTables';

const MASK64 = 0xffffffffffffffffn;
const TWO_21 = 2097152;
const TWO_23 = 8388608;

/** `Generator(PCG64(seed))`. */
export class RandomGenerator {
  private constructor(private readonly bits: PCG64) {}

  /** `default_rng(seed)` for an integer seed or a sequence of them (each >= 0). */
  static fromSeed(seed: bigint | readonly bigint[]): RandomGenerator {
    return new RandomGenerator(PCG64.fromSeedWords(seedWords(seed)));
  }

  clone(): RandomGenerator {
    return new RandomGenerator(this.bits.clone());
  }

  sameState(other: RandomGenerator): boolean {
    return this.bits.sameState(other.bits);
  }

  /** `random()`: a double in [0, 1) from the top 53 bits of a 64-bit word. */
  nextDouble(): number {
    return this.bits.nextDouble();
  }

  /** A raw 32-bit word (half of a buffered 64-bit one). */
  nextUint32(): number {
    return this.bits.nextUint32();
  }

  /** `random_standard_normal`: the 256-layer ziggurat. */
  standardNormal(): number {
    const bits = this.bits;
    for (;;) {
      bits.next64();
      const hi = bits.outHi;
      const lo = bits.outLo;
      // r = 8 bits of layer, 1 sign bit, 52 bits of magnitude.
      const idx = lo & 0xff;
      const rabs = (hi & 0x1fffffff) * TWO_23 + (lo >>> 9);
      let x = rabs * NORMAL_W[idx];
      if ((lo >>> 8) & 1) x = -x;
      if (rabs < NORMAL_K[idx]) return x;
      if (idx === 0) {
        for (;;) {
          const xx = -NORMAL_INV_R * log1p(-bits.nextDouble());
          const yy = -log1p(-bits.nextDouble());
          if (yy + yy > xx * xx) return (lo >>> 17) & 1 ? -(NORMAL_R + xx) : NORMAL_R + xx;
        }
      }
      if ((NORMAL_F[idx - 1] - NORMAL_F[idx]) * bits.nextDouble() + NORMAL_F[idx] < crExp(-0.5 * x * x)) {
        return x;
      }
    }
  }

  /** `random_standard_exponential`: the 256-layer ziggurat. */
  standardExponential(): number {
    const bits = this.bits;
    for (;;) {
      bits.next64();
      const hi = bits.outHi;
      const lo = bits.outLo;
      // ri = word >> 3: 8 bits of layer, then 53 bits of magnitude.
      const idx = (lo >>> 3) & 0xff;
      const ri = hi * TWO_21 + (lo >>> 11);
      const x = ri * EXPONENTIAL_W[idx];
      if (ri < EXPONENTIAL_K[idx]) return x;
      if (idx === 0) return EXPONENTIAL_R - log1p(-bits.nextDouble());
      if (
        (EXPONENTIAL_F[idx - 1] - EXPONENTIAL_F[idx]) * bits.nextDouble() + EXPONENTIAL_F[idx] <
        crExp(-x)
      ) {
        return x;
      }
    }
  }

  /**
   * A uniform integer in [0, range] (`random_bounded_uint64` without
   * masking): Lemire's multiply-and-reject on 32-bit words when the range
   * fits in 32 bits, on 64-bit words above. range <= 2^53 - 1.
   */
  bounded(range: number): number {
    if (range === 0) return 0;
    if (range < 0xffffffff) return this.lemire32(range);
    if (range === 0xffffffff) return this.bits.nextUint32();
    return Number(this.lemire64(BigInt(range)));
  }

  /** `buffered_bounded_lemire_uint32` for range < 2^32 - 1. */
  private lemire32(range: number): number {
    const excl = range + 1;
    // m = word * excl (up to 64 bits): its low 32 bits decide rejection, its high 32 bits are the value.
    let word = this.bits.nextUint32();
    let leftover = Math.imul(word, excl) >>> 0;
    if (leftover < excl) {
      const threshold = (0xffffffff - range) % excl;
      while (leftover < threshold) {
        word = this.bits.nextUint32();
        leftover = Math.imul(word, excl) >>> 0;
      }
    }
    return highWord(word, excl);
  }

  /** `bounded_lemire_uint64` for 2^32 - 1 < range < 2^64 - 1. */
  private lemire64(range: bigint): bigint {
    const excl = range + 1n;
    let m = this.bits.nextBigUint64() * excl;
    let leftover = m & MASK64;
    if (leftover < excl) {
      const threshold = (MASK64 - range) % excl;
      while (leftover < threshold) {
        m = this.bits.nextBigUint64() * excl;
        leftover = m & MASK64;
      }
    }
    return m >> 64n;
  }

  /** `next_float`: a float32 in [0, 1) from the top 24 bits of a 32-bit word. */
  nextFloat(): number {
    return (this.bits.nextUint32() >>> 8) * 2 ** -24;
  }

  /**
   * `random_buffered_bounded_uint8/16`: a uniform integer in [0, range] for
   * 8- and 16-bit dtypes, by Lemire's method on 8- or 16-bit pieces of one
   * 32-bit word, which `buffer` keeps between draws of the same fill.
   */
  boundedSmall(range: number, bits: 8 | 16, buffer: WordBuffer): number {
    const mask = bits === 8 ? 0xff : 0xffff;
    const piece = () => bufferedPiece(buffer, bits, () => this.bits.nextUint32());
    if (range === 0) return 0;
    if (range === mask) return piece();
    const excl = range + 1;
    let m = piece() * excl;
    let leftover = m & mask;
    if (leftover < excl) {
      const threshold = (mask - range) % excl;
      while (leftover < threshold) {
        m = piece() * excl;
        leftover = m & mask;
      }
    }
    return m >>> bits;
  }

  /** `buffered_bounded_bool`: one bit of a buffered 32-bit word (range 0 gives 0). */
  boundedBool(range: number, buffer: WordBuffer): number {
    return range === 0 ? 0 : bufferedPiece(buffer, 1, () => this.bits.nextUint32());
  }

  /** `random_interval`: masked rejection on 32-bit words (what `shuffle` uses), max < 2^32. */
  interval(max: number): number {
    return randomInterval(() => this.bits.nextUint32(), max);
  }
}

/** floor(word * excl / 2^32), exactly, for 32-bit word and excl. */
function highWord(word: number, excl: number): number {
  const a = word * (excl >>> 16); // < 2^48: exact
  const b = word * (excl & 0xffff); // < 2^48: exact
  const sum = a + Math.floor(b / 65536);
  return Math.floor(sum / 65536);
}
