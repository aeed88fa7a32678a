/**
 * The editor benchmark's document: a generated `.mat` file of independent
 * blocks, the way a scratchpad grows (one small experiment after another).
 * Each block defines its own 3 × 3 inputs and derives the rest of its
 * statements from them, so an edit in a block changes only that block's
 * results: the statements that truly depend on an edit are few, which is
 * what a dependency-aware re-evaluation could exploit.
 *
 * The text is valid Python too (with `import numpy as np` in front), so
 * NumPy can run the same 1,000 statements as a notebook cell.
 */

/** Statements in one block (every block has the same shape). */
export const BLOCK_STATEMENTS = 20;

/** One block's statements; `b` numbers the block and varies its constants. */
function block(b: number): string[] {
  const c = (x: number) => (x + (b % 7) * 0.125).toFixed(3);
  return [
    `a${b} = np.array([[${c(4)}, 2.0, 1.0], [0.5, ${c(3)}, 1.5], [1.0, 0.25, ${c(2)}]])`,
    `x${b} = np.arange(9).reshape(3, 3) * 0.5 + ${b % 5}`,
    `s${b} = a${b} @ x${b}`,
    `t${b} = s${b}.T + a${b} * 2`,
    `u${b} = np.dot(t${b}, a${b}) - x${b}`,
    `v${b} = u${b} / (1 + np.abs(u${b}))`,
    `w${b} = np.linalg.pinv(a${b})`,
    `k${b} = w${b} @ a${b}`,
    `m${b} = np.sum(v${b}, axis=0)`,
    `n${b} = np.mean(t${b})`,
    `p${b} = np.maximum(v${b}, 0)`,
    `q${b} = np.sqrt(np.abs(s${b})) + n${b}`,
    `r${b} = q${b}.reshape(9)`,
    `z${b} = np.exp(-r${b} / 100)`,
    `e${b} = np.linalg.inv(a${b})`,
    `f${b} = np.transpose(e${b}) @ x${b}`,
    `g${b} = f${b}.max()`,
    `h${b} = np.where(p${b} > 0.5, p${b}, -p${b})`,
    `i${b} = np.concatenate([r${b}, z${b}])`,
    `d${b} = np.linalg.det(a${b}) + g${b} * 0.5`,
  ];
}

/** A document of `statements` statements (a multiple of BLOCK_STATEMENTS), one per line. */
export function generateMatFile(statements = 1000): string {
  if (statements <= 0 || statements % BLOCK_STATEMENTS !== 0) {
    throw new Error(`statements must be a positive multiple of ${BLOCK_STATEMENTS}`);
  }
  const lines: string[] = [];
  for (let b = 0; b < statements / BLOCK_STATEMENTS; b++) lines.push(...block(b));
  return `${lines.join('\n')}\n`;
}

/**
 * The document after one keystroke on line `line` (0-based): a digit typed
 * after the line's first number literal (`4.000` → `4.0009`), as a person
 * tuning a constant would (digits inside names do not count). Throws if the line has no number.
 */
export function typeDigit(text: string, line: number, digit = '9'): string {
  const lines = text.split('\n');
  if (line < 0 || line >= lines.length) throw new Error(`no line ${line}`);
  const m = /(?<![\w.])\d+(?:\.\d+)?/.exec(lines[line]);
  if (!m) throw new Error(`line ${line} has no number to edit`);
  const at = m.index + m[0].length;
  lines[line] = lines[line].slice(0, at) + digit + lines[line].slice(at);
  return lines.join('\n');
}

/** The 0-based index of the last line with text. */
export function lastLine(text: string): number {
  const lines = text.split('\n');
  let i = lines.length - 1;
  while (i > 0 && lines[i].trim() === '') i--;
  return i;
}
