/**
 * NumPy's default bit generator, PCG64 (`np.random.default_rng(seed)`),
 * seeded through NumPy's SeedSequence, bit for bit.
 *
 * PCG64 is a 128-bit linear congruential generator whose output is the
 * XSL-RR permutation of the new state: the two 64-bit halves xor-ed, then
 * rotated right by the state's top 6 bits. The 128-bit state is held as
 * eight 16-bit limbs so that every partial product of the multiplication is
 * exact in a double. 32-bit draws come from halves of a 64-bit one, the low
 * half first, the high half kept for the next 32-bit draw, as NumPy does.
 */

/** SeedSequence's hashing constants (numpy/random/bit_generator.pyx). */
const POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;

/** The 128-bit multiplier 0x2360ED051FC65DA44385DF649FCCF645, as 16-bit limbs, least significant first. */
const M0 = 0xf645;
const M1 = 0x9fcc;
const M2 = 0xdf64;
const M3 = 0x4385;
const M4 = 0x5da4;
const M5 = 0x1fc6;
const M6 = 0xed05;
const M7 = 0x2360;
const LIMBS = 8;

/** A seed's words as SeedSequence reads them: each integer in 32-bit words, lowest first (0 is one word). */
export function seedWords(entropy: bigint | readonly bigint[]): number[] {
  const words: number[] = [];
  const add = (value: bigint) => {
    if (value < 0n) throw new RangeError('expected non-negative integer');
    if (value === 0n) words.push(0);
    for (let n = value; n > 0n; n >>= 32n) words.push(Number(n & 0xffffffffn));
  };
  if (typeof entropy === 'bigint') add(entropy);
  else for (const value of entropy) add(value);
  return words;
}

/** SeedSequence(entropy).generate_state(nWords, np.uint32): the words a bit generator is seeded with. */
export function seedSequenceState(entropy: readonly number[], nWords: number): Uint32Array {
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    value = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    value = Math.imul(value, hashConst) >>> 0;
    return (value ^ (value >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (result ^ (result >>> 16)) >>> 0;
  };
  const pool = new Uint32Array(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }
  const out = new Uint32Array(nWords);
  let outConst = INIT_B;
  for (let i = 0; i < nWords; i++) {
    let value = (pool[i % POOL_SIZE] ^ outConst) >>> 0;
    outConst = Math.imul(outConst, MULT_B) >>> 0;
    value = Math.imul(value, outConst) >>> 0;
    out[i] = (value ^ (value >>> 16)) >>> 0;
  }
  return out;
}

/** `numpy.random.PCG64`: the bit generator behind `default_rng`. */
export class PCG64 {
  /** The state, 16-bit limbs, least significant first. */
  private readonly state = new Float64Array(LIMBS);
  private readonly increment = new Float64Array(LIMBS);
  /** The high half of the last 64-bit draw, waiting to be the next 32-bit draw. */
  private hasUint32 = false;
  private uinteger = 0;
  /** The last 64-bit output (`next64`), as two unsigned 32-bit halves. */
  outHi = 0;
  outLo = 0;

  /** `PCG64(seed)` for a seed's 32-bit words (see seedWords). */
  static fromSeedWords(entropy: readonly number[]): PCG64 {
    const words = seedSequenceState(entropy, 8);
    // generate_state(4, uint64): little-endian pairs; the seed is (w0 << 64 | w1), the stream (w2 << 64 | w3).
    const rng = new PCG64();
    const initState = limbsOf([words[2], words[3], words[0], words[1]]);
    const initSeq = limbsOf([words[6], words[7], words[4], words[5]]);
    // inc = (initseq << 1) | 1
    let carry = 1;
    for (let i = 0; i < LIMBS; i++) {
      const doubled = initSeq[i] * 2 + carry;
      rng.increment[i] = doubled & 0xffff;
      carry = doubled >>> 16;
    }
    rng.step();
    let add = 0;
    for (let i = 0; i < LIMBS; i++) {
      const sum = rng.state[i] + initState[i] + add;
      rng.state[i] = sum & 0xffff;
      add = sum >>> 16;
    }
    rng.step();
    return rng;
  }

  /** An independent copy of the full state. */
  clone(): PCG64 {
    const copy = new PCG64();
    copy.state.set(this.state);
    copy.increment.set(this.increment);
    copy.hasUint32 = this.hasUint32;
    copy.uinteger = this.uinteger;
    return copy;
  }

  /** True when both would draw the same numbers from here on. */
  sameState(other: PCG64): boolean {
    if (other.hasUint32 !== this.hasUint32 || (this.hasUint32 && other.uinteger !== this.uinteger)) {
      return false;
    }
    for (let i = 0; i < LIMBS; i++) {
      if (other.state[i] !== this.state[i] || other.increment[i] !== this.increment[i]) return false;
    }
    return true;
  }

  /** The next 64-bit output, left in outHi/outLo. */
  next64(): void {
    this.step();
    const s = this.state;
    const xHi = ((s[7] * 65536 + s[6]) ^ (s[3] * 65536 + s[2])) >>> 0;
    const xLo = ((s[5] * 65536 + s[4]) ^ (s[1] * 65536 + s[0])) >>> 0;
    const rot = s[7] >>> 10;
    if (rot === 0) {
      this.outHi = xHi;
      this.outLo = xLo;
    } else if (rot < 32) {
      this.outHi = ((xHi >>> rot) | (xLo << (32 - rot))) >>> 0;
      this.outLo = ((xLo >>> rot) | (xHi << (32 - rot))) >>> 0;
    } else if (rot === 32) {
      this.outHi = xLo;
      this.outLo = xHi;
    } else {
      const r = rot - 32;
      this.outHi = ((xLo >>> r) | (xHi << (32 - r))) >>> 0;
      this.outLo = ((xHi >>> r) | (xLo << (32 - r))) >>> 0;
    }
  }

  /** `next_uint32`: the low half of a fresh 64-bit draw, or the high half kept from the last one. */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.next64();
    this.hasUint32 = true;
    this.uinteger = this.outHi;
    return this.outLo;
  }

  /** `next_double`: the top 53 bits of a 64-bit draw, scaled to [0, 1). */
  nextDouble(): number {
    this.next64();
    return (this.outHi * 2097152 + (this.outLo >>> 11)) / 9007199254740992;
  }

  /** The next 64-bit output as a bigint (for ranges wider than 32 bits). */
  nextBigUint64(): bigint {
    this.next64();
    return (BigInt(this.outHi) << 32n) | BigInt(this.outLo);
  }

  /** state = state * MULTIPLIER + increment (mod 2^128). */
  private step(): void {
    const s = this.state;
    const inc = this.increment;
    // Column sums of the limb products below 2^128: each product is below 2^32 and a
    // column holds at most 8 of them, so every sum is exact.
    const s0 = s[0];
    const s1 = s[1];
    const s2 = s[2];
    const s3 = s[3];
    const s4 = s[4];
    const s5 = s[5];
    const s6 = s[6];
    const s7 = s[7];
    let total = s0 * M0 + inc[0];
    let carry = Math.floor(total / 65536);
    s[0] = total - carry * 65536;
    total = carry + s0 * M1 + s1 * M0 + inc[1];
    carry = Math.floor(total / 65536);
    s[1] = total - carry * 65536;
    total = carry + s0 * M2 + s1 * M1 + s2 * M0 + inc[2];
    carry = Math.floor(total / 65536);
    s[2] = total - carry * 65536;
    total = carry + s0 * M3 + s1 * M2 + s2 * M1 + s3 * M0 + inc[3];
    carry = Math.floor(total / 65536);
    s[3] = total - carry * 65536;
    total = carry + s0 * M4 + s1 * M3 + s2 * M2 + s3 * M1 + s4 * M0 + inc[4];
    carry = Math.floor(total / 65536);
    s[4] = total - carry * 65536;
    total = carry + s0 * M5 + s1 * M4 + s2 * M3 + s3 * M2 + s4 * M1 + s5 * M0 + inc[5];
    carry = Math.floor(total / 65536);
    s[5] = total - carry * 65536;
    total = carry + s0 * M6 + s1 * M5 + s2 * M4 + s3 * M3 + s4 * M2 + s5 * M1 + s6 * M0 + inc[6];
    carry = Math.floor(total / 65536);
    s[6] = total - carry * 65536;
    total = carry + s0 * M7 + s1 * M6 + s2 * M5 + s3 * M4 + s4 * M3 + s5 * M2 + s6 * M1 + s7 * M0 + inc[7];
    s[7] = total - Math.floor(total / 65536) * 65536;
  }
}

/** Four 32-bit words, least significant first, as eight 16-bit limbs. */
function limbsOf(words: readonly number[]): number[] {
  const limbs: number[] = [];
  for (const word of words) limbs.push(word & 0xffff, word >>> 16);
  return limbs;
}
