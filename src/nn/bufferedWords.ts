/**
 * NumPy's small-integer draws (`buffered_uint8`, `buffered_uint16`,
 * `buffered_bounded_bool` in distributions.c) take 8, 16 or 1 bits at a time
 * from one 32-bit word, lowest bits first, and draw the next word only when
 * the current one is used up. Both generators (legacy MT19937 and PCG64) fill
 * an array this way, with one buffer per fill.
 */

/** The word being used up and how many more pieces it holds. */
export interface WordBuffer {
  word: number;
  count: number;
}

export function newWordBuffer(): WordBuffer {
  return { word: 0, count: 0 };
}

/** The next `bits`-bit piece (1, 8 or 16 bits) of the buffered word, drawing a new word when none is left. */
export function bufferedPiece(buffer: WordBuffer, bits: 1 | 8 | 16, nextUint32: () => number): number {
  if (buffer.count === 0) {
    buffer.word = nextUint32();
    buffer.count = 32 / bits - 1;
  } else {
    buffer.word >>>= bits;
    buffer.count -= 1;
  }
  return buffer.word & (bits === 16 ? 0xffff : bits === 8 ? 0xff : 1);
}
