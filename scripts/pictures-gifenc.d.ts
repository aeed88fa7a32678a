/** The part of gifenc 1.0.3 (which ships no types) that scripts/pictures-gif.ts uses. */
declare module 'gifenc' {
  export type Palette = number[][];
  export interface FrameOptions {
    palette?: Palette;
    /** Milliseconds this frame stays on screen. */
    delay?: number;
    /** -1 plays once, 0 loops forever. */
    repeat?: number;
  }
  export interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
  }
  export function GIFEncoder(): Encoder;
  export function quantize(
    rgba: Uint8Array,
    maxColors: number,
    options?: { format?: 'rgb565' | 'rgb444' },
  ): Palette;
  export function applyPalette(rgba: Uint8Array, palette: Palette, format?: 'rgb565' | 'rgb444'): Uint8Array;
}
