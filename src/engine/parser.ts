/**
 * Parser for `.mat` files: source text in, syntax tree (`ast.ts`) out.
 * The implementation lives in `parser/`; this module is its public face.
 */

import type { Program } from './ast';
import { parseProgram } from './parser/program';

export { MAX_NESTING_DEPTH } from './parser/cursor';
export { exprChildren, MAX_TREE_HEIGHT, statementExprs } from './parser/walk';

/**
 * Parses a whole file. Never throws: a statement that does not parse becomes
 * a `SyntaxErrorStatement` and parsing goes on with the next one.
 *
 * Statements are logical lines split at `;`. Line breaks inside brackets
 * continue the line, except where the lexer's recovery rule (see `lex`) ends
 * a statement whose bracket was left open: at a `# %%` marker, a
 * statement-only keyword, a `name =` line, or an operand right after a
 * complete one. A block header (`for`, `if`, `class`, ...) takes every
 * following line indented more than it, so its body is never run line by line.
 */
export function parse(text: string): Program {
  return parseProgram(text);
}
