/**
 * Whether a `.mat` file is a script at all. Kept apart from the evaluator so
 * the extension host can check a file's header without loading the engine.
 */

const MATLAB_HEADER = 'MATLAB 5.0 MAT-file';

/**
 * Why a file must not be evaluated, or undefined for a script. MATLAB's
 * binary data files share the `.mat` extension.
 */
export function notAScriptReason(text: string): string | undefined {
  const head = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (head.startsWith(MATLAB_HEADER)) {
    return 'This is a MATLAB binary .mat data file, not a Matrix Playground script: it is not evaluated.';
  }
  if (text.includes('\0')) {
    return 'This file holds NUL bytes (binary data), so it is not evaluated as a Matrix Playground script.';
  }
  return undefined;
}
