/**
 * Finds the call the cursor is in from the text before it — pure, for
 * signature help: `np.dot(a, ` → callee `np.dot`, argument 1.
 */
export interface CallContextInfo {
  /** The callee as written (`np.linalg.pinv`). */
  readonly callee: string;
  /** 0-based index of the positional argument being typed. */
  readonly argumentIndex: number;
  /** The keyword being typed (`axis` in `sum(a, axis=`), if any. */
  readonly keyword?: string;
}

const CALLEE_BEFORE = /([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*$/;

export function callContext(textBefore: string): CallContextInfo | undefined {
  let depth = 0;
  let commas = 0;
  let inString: string | undefined;
  // Scan backwards to the innermost unclosed '('. Strings are rare here; a quote toggles.
  for (let i = textBefore.length - 1; i >= 0; i--) {
    const ch = textBefore[i];
    if (inString) {
      if (ch === inString) inString = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") inString = ch;
    else if (ch === ')' || ch === ']') depth++;
    else if (ch === '[' && depth > 0) depth--;
    else if (ch === '[' && depth === 0) return undefined;
    else if (ch === '(') {
      if (depth > 0) depth--;
      else {
        const match = CALLEE_BEFORE.exec(textBefore.slice(0, i));
        if (!match) return undefined;
        const current =
          textBefore
            .slice(i + 1)
            .split(',')
            .pop() ?? '';
        const keyword = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/.exec(current)?.[1];
        return { callee: match[1], argumentIndex: commas, ...(keyword ? { keyword } : {}) };
      }
    } else if (ch === ',' && depth === 0) commas++;
    else if (ch === '\n' && depth === 0 && /\n\s*$/.test(textBefore.slice(0, i + 1)) === false) {
      // keep scanning: calls may span lines inside brackets
    }
  }
  return undefined;
}
