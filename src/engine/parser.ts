/**
 * Parser for `.mat` files: source text in, syntax tree (`ast.ts`) out.
 * The implementation lives in `parser/`; this module is its public face.
 */

import type { Program } from './ast';
import { parseProgram } from './parser/program';

export { MAX_NESTING_DEPTH } from './parser/cursor';
export {
  childStatements,
  exprChildren,
  headerExprs,
  MAX_TREE_HEIGHT,
  statementExprs,
  targetExprs,
} from './parser/walk';

/**
 * Parses a whole file. Never throws: a statement that does not parse becomes
 * a `SyntaxErrorStatement` and parsing goes on with the next one.
 *
 * Simple statements are logical lines split at `;`. Line breaks inside
 * brackets continue the line, except where the lexer's recovery rule (see
 * `lex`) ends a statement whose bracket was left open: at a `# %%` marker, a
 * statement-only keyword, a `name =` line, or an operand right after a
 * complete one. A compound statement (`for`, `if`, `def`, `with`, `while`;
 * `class`, `try` as unsupported) is one top-level statement holding its
 * blocks; a syntax error anywhere in it makes the whole of it one
 * `SyntaxErrorStatement`. Blocks never run across a `# %%` marker.
 */
export function parse(text: string): Program {
  return parseProgram(text);
}
