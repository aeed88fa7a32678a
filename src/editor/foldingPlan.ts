import type { Program } from '../engine/ast';
import type { LineIndex } from '../engine/positions';

/** A fold from `start` to `end` (0-based lines); `region` for `# %%` cells. */
export interface Fold {
  readonly start: number;
  readonly end: number;
  readonly region: boolean;
}

/**
 * Folds for a parsed document — pure. Each `# %%` cell folds from its
 * marker to the last non-blank line before the next marker; statements that
 * span lines (multi-line matrices, two-line defs, unsupported blocks) fold
 * too, because a folding provider replaces VS Code's indentation folding.
 */
export function planFolds(text: string, program: Program, lines: LineIndex): Fold[] {
  const folds: Fold[] = [];
  const lineText = (line: number) => text.slice(lines.lineStart(line), lines.lineEnd(line));
  const markers = program.cells.map((cell) => lines.positionAt(cell.range.start).line);
  markers.forEach((start, i) => {
    let end = (i + 1 < markers.length ? markers[i + 1] : lines.lineCount) - 1;
    while (end > start && lineText(end).trim() === '') end--;
    if (end > start) folds.push({ start, end, region: true });
  });
  for (const statement of program.statements) {
    const start = lines.positionAt(statement.range.start).line;
    const end = lines.positionAt(statement.range.end).line;
    if (end > start) folds.push({ start, end, region: false });
  }
  return folds;
}
