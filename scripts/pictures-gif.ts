/**
 * Assembles PNG screenshots into an animated GIF for the README (the e2e test
 * test/e2e/readme-pictures.e2e.ts takes the frames). One palette for the whole
 * animation, built from all frames, so colours do not flicker between frames.
 * A development tool: nothing here goes into the extension's bundles.
 */
import { writeFileSync } from 'node:fs';
import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import { PNG } from 'pngjs';

export interface GifFrame {
  /** A PNG file's bytes; every frame must have the first one's size. */
  png: Buffer;
  /** How long the frame stays on screen, in milliseconds. */
  delayMs: number;
}

/** Encodes the frames as a looping GIF and writes it to `file`; returns its size in bytes. */
export function writeGif(frames: GifFrame[], file: string): number {
  if (frames.length === 0) throw new Error('writeGif: no frames');
  const images = frames.map((frame) => PNG.sync.read(frame.png));
  const { width, height } = images[0];
  for (const [i, image] of images.entries()) {
    if (image.width !== width || image.height !== height) {
      throw new Error(
        `writeGif: frame ${i} is ${image.width}×${image.height}, the first is ${width}×${height}`,
      );
    }
  }
  // pngjs may hand out a view into a larger pooled buffer; gifenc reads whole buffers: copy.
  const pixels = images.map((image) => new Uint8Array(image.data));
  const all = new Uint8Array(pixels.length * pixels[0].length);
  for (const [i, p] of pixels.entries()) all.set(p, i * p.length);
  const palette = quantize(all, 256);
  const gif = GIFEncoder();
  for (const [i, p] of pixels.entries()) {
    // The first frame carries the palette (the GIF's global colour table); the others use it.
    gif.writeFrame(applyPalette(p, palette), width, height, {
      palette: i === 0 ? palette : undefined,
      delay: frames[i].delayMs,
      repeat: 0,
    });
  }
  gif.finish();
  const bytes = gif.bytes();
  writeFileSync(file, bytes);
  return bytes.length;
}
