/**
 * Conversion between character offsets (what the syntax tree stores) and
 * 0-based line/character positions (what editors show). Built once per
 * document text; each lookup is a binary search over line starts, so
 * mapping every node of a large file stays cheap.
 */

/** A 0-based line and a 0-based character (UTF-16 code unit) within it. */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

/** Line starts of one text; recognises `\n`, `\r\n` and a lone `\r` as line breaks. */
export class LineIndex {
  private readonly starts: number[];
  private readonly length: number;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        starts.push(i + 1);
      } else if (c === 13) {
        // `\r\n` is one break: the line starts after the `\n`.
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** Number of lines; a text ending in a line break has an empty last line. */
  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset where `line` starts (clamped to the existing lines). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.starts.length) return this.length;
    return this.starts[line];
  }

  /** Offset just past the last character of `line`, before its line break. */
  lineEnd(line: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length - 1) return this.length;
    let end = this.starts[line + 1];
    // Step back over the break, which is `\n`, `\r` or `\r\n`.
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.starts[line]);
  }

  /** Line and character of `offset`, clamped to the text. */
  positionAt(offset: number): LinePosition {
    const clamped = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, this.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    // Last line whose start is <= offset.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo] };
  }

  /** Offset of a line/character position; the character is clamped to the line's text. */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.length;
    const start = this.starts[line];
    const ch = Number.isFinite(character) ? Math.max(0, Math.floor(character)) : 0;
    return Math.min(start + ch, this.lineEnd(line));
  }
}
