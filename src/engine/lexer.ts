/**
 * Tokenizer for `.mat` source: Python's token rules, with character offsets.
 *
 * It never throws: anything it cannot read becomes an `error` token carrying
 * a message, and the parser turns that into a syntax error for the one
 * statement that holds it. It is a single forward pass (plus bounded
 * look-ahead), so a 5 MB line or 100,000 nested brackets stay linear.
 */

import {
  describeInvalidChar,
  isCellMarkerComment,
  isIdStart,
  isInvalidChar,
  isValueName,
  KEYWORDS,
  OPS1,
  OPS2,
  OPS3,
  STATEMENT_ONLY,
} from './parser/chars';
import { scanNumber, scanString } from './parser/literals';

export { isCellMarkerComment, isValueName, KEYWORDS } from './parser/chars';

export type TokenKind = 'number' | 'name' | 'string' | 'op' | 'newline' | 'comment' | 'error' | 'eof';

/** One token; `start` inclusive, `end` exclusive, as offsets into the text. */
export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /**
   * op: the operator; name: the identifier (NFKC-normalised like Python);
   * string: the decoded value; number: its source text; comment: its text
   * from `#`; error: the offending source text; newline and eof: empty.
   */
  readonly text: string;
  /** number: its value. */
  readonly value?: number;
  /** number: written as an integer (`3`, `0x1F`), so NumPy would make it int64. */
  readonly isInt?: boolean;
  /** number: an imaginary literal (`2j`); `value` is its imaginary part. */
  readonly imaginary?: boolean;
  /** number: an int beyond 2**53, as exact decimal digits. */
  readonly big?: string;
  /** string: its prefix letters, lower-cased (`''`, `'r'`, `'f'`, `'rb'`...). */
  readonly prefix?: string;
  /** error: what is wrong, in Python's words where it has some. */
  readonly message?: string;
}

/**
 * One logical line: the tokens of one statement line, with line breaks
 * inside open brackets and after `\` joined in. `tokens[newline]` is the
 * `newline` token that ends it.
 */
export interface LogicalLine {
  /** Indentation width of its first physical line; a tab advances to the next multiple of 8. */
  readonly indent: number;
  /** Offset where its first physical line starts (the indentation is `lineStart`..first token). */
  readonly lineStart: number;
  /** Index of its first token. */
  readonly first: number;
  /** Index of the `newline` token that ends it. */
  readonly newline: number;
  /** The lexer ended it with brackets still open (end of file, or the recovery rule in `lex`). */
  readonly unclosed: boolean;
}

export interface LexResult {
  /** Every token but comments, with a `newline` after each logical line and a final `eof`. */
  readonly tokens: readonly Token[];
  /** `#` comments, in order. */
  readonly comments: readonly Token[];
  readonly lines: readonly LogicalLine[];
}

// Hot paths use a module-local binding rather than reading the import each time.
const RESERVED: ReadonlySet<string> = KEYWORDS;

/** Per ASCII code: 1 when the character is a one-character operator, and its text. */
const OP_CHARS = new Uint8Array(128);
const OP_TEXT: string[] = [];
for (const op of OPS1) {
  OP_CHARS[op.charCodeAt(0)] = 1;
  OP_TEXT[op.charCodeAt(0)] = op;
}

const NAME_UNICODE = /[\p{ID_Start}_][\p{ID_Continue}\u00B7\u0387\u1369-\u1371\u19DA]*/uy;
const STRING_PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;
/** After a name: an assignment operator (`=`, `+=`, ...) but not `==`. */
const ASSIGN_AFTER = /[ \t\f]*(?:\*\*|\/\/|>>|<<|[-+*/%@&|^])?=(?!=)/y;

/**
 * Splits `text` into tokens and logical lines. Never throws.
 *
 * Recovery rule for an unclosed bracket: while a bracket is open, a new
 * physical line ends the logical line (as if the bracket had been closed)
 * when it starts with something that cannot continue the bracket:
 *  1. a `# %%` cell marker;
 *  2. a statement-only keyword (`def`, `import`, `from`, `return`, `while`, `class`, ...),
 *     or `for`/`if` not preceded by an operand (so not a comprehension);
 *  3. `name =` or `name += ...`, unless it is a keyword argument (plain `=`
 *     directly inside a call's parentheses, right after `(` or `,`);
 *  4. a name, number or string right after a line that ended with a complete
 *     operand (a name, number, string or closing bracket), which would be a
 *     syntax error anyway ("missing comma").
 * Multi-line matrix literals never match these, so they are unaffected.
 */
export function lex(text: string): LexResult {
  return new Lexer(text).run();
}

class Lexer {
  private readonly tokens: Token[] = [];
  private readonly comments: Token[] = [];
  private readonly lines: LogicalLine[] = [];
  /** Open brackets: `depth` of them, their character codes and whether each opens a call. */
  private depth = 0;
  private readonly openChars: number[] = [];
  private readonly openIsCall: boolean[] = [];
  private pos = 0;
  /** A logical line has tokens and awaits its `newline`. */
  private lineOpen = false;
  private lineFirst = 0;
  private lineIndent = 0;
  private lineStart = 0;
  /** Current physical line: where it starts, its indentation, and whether a token was seen on it. */
  private physStart = 0;
  private physIndent = 0;
  private physHasToken = false;
  /** The line break right after the last token, used as the range of a recovery `newline`. */
  private breakAfterLast = { start: 0, end: 0 };
  private awaitingBreak = false;

  constructor(private readonly text: string) {}

  run(): LexResult {
    const text = this.text;
    const n = text.length;
    // A BOM is an encoding mark, not part of the first line's text.
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.startPhysicalLine();
    while (this.pos < n) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 12) {
        this.pos++;
      } else if (c === 10 || c === 13) {
        const len = c === 13 && text.charCodeAt(this.pos + 1) === 10 ? 2 : 1;
        this.lineBreak(this.pos, this.pos + len);
        this.pos += len;
        this.startPhysicalLine();
      } else if (c === 35) {
        this.comment();
      } else if (c === 92) {
        this.backslash();
      } else {
        this.token(c);
      }
    }
    if (this.lineOpen) this.endLine(n, n, this.depth > 0);
    this.tokens.push({ kind: 'eof', start: n, end: n, text: '' });
    return { tokens: this.tokens, comments: this.comments, lines: this.lines };
  }

  /** Measures the indentation of the physical line starting at `pos`. */
  private startPhysicalLine(): void {
    const text = this.text;
    this.physStart = this.pos;
    this.physHasToken = false;
    let col = 0;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 32) col++;
      else if (c === 9) col = col - (col % 8) + 8;
      else if (c === 12)
        col = 0; // Python resets the count at a form feed
      else break;
      this.pos++;
    }
    this.physIndent = col;
  }

  private lineBreak(start: number, end: number): void {
    if (this.awaitingBreak) {
      this.breakAfterLast = { start, end };
      this.awaitingBreak = false;
    }
    if (this.lineOpen && this.depth === 0) this.endLine(start, end, false);
  }

  private endLine(start: number, end: number, unclosed: boolean): void {
    this.tokens.push({ kind: 'newline', start, end, text: '' });
    this.lines.push({
      indent: this.lineIndent,
      lineStart: this.lineStart,
      first: this.lineFirst,
      newline: this.tokens.length - 1,
      unclosed,
    });
    this.lineOpen = false;
    this.depth = 0;
  }

  private comment(): void {
    const text = this.text;
    const start = this.pos;
    let end = start;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const body = text.slice(start, end);
    // A cell marker always starts a new statement, even inside a bracket left open above it.
    if (!this.physHasToken && this.depth > 0 && isCellMarkerComment(body)) this.forceBreak();
    this.comments.push({ kind: 'comment', start, end, text: body });
    this.pos = end;
  }

  /** `\` before a line break joins the lines; anywhere else it is an error. */
  private backslash(): void {
    const text = this.text;
    let p = this.pos + 1;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
    const c = text.charCodeAt(p);
    if (c === 10 || c === 13) {
      this.pos = p + (c === 13 && text.charCodeAt(p + 1) === 10 ? 2 : 1);
    } else if (p >= text.length) {
      this.pos = p;
    } else {
      this.push(this.error(this.pos, this.pos + 1, 'unexpected character after line continuation character'));
      this.pos++;
    }
  }

  private token(c: number): void {
    const text = this.text;
    const start = this.pos;
    if ((c >= 48 && c <= 57) || (c === 46 && isDigit(text.charCodeAt(start + 1)))) {
      this.number();
    } else if (c === 39 || c === 34) {
      this.string(start, start, '');
    } else if (isAsciiIdStart(c) || (c >= 128 && isIdStart(text.codePointAt(start)!))) {
      this.name();
    } else if (OP_CHARS[c] === 1 || (c === 33 && text.charCodeAt(start + 1) === 61)) {
      this.operator();
    } else {
      this.invalid();
    }
  }

  private name(): void {
    const text = this.text;
    const start = this.pos;
    let end = start;
    while (end < text.length && isAsciiIdContinue(text.charCodeAt(end))) end++;
    let ascii = true;
    if (end === start || (end < text.length && text.charCodeAt(end) >= 0x80)) {
      NAME_UNICODE.lastIndex = start;
      const m = NAME_UNICODE.exec(text);
      end = m ? start + m[0].length : start + 1;
      ascii = false;
    }
    const raw = text.slice(start, end);
    const quote = text.charCodeAt(end);
    if ((quote === 39 || quote === 34) && STRING_PREFIX.test(raw)) {
      this.string(start, end, raw.toLowerCase());
      return;
    }
    // Python compares identifiers after NFKC normalisation.
    this.push({ kind: 'name', start, end, text: ascii ? raw : raw.normalize('NFKC') });
    this.pos = end;
  }

  private number(): void {
    const tok = scanNumber(this.text, this.pos);
    this.push(tok);
    this.pos = tok.end;
  }

  /** A string literal; `quotePos` is where its opening quote is, after any prefix. */
  private string(start: number, quotePos: number, prefix: string): void {
    const tok = scanString(this.text, start, quotePos, prefix);
    this.push(tok);
    this.pos = tok.end;
  }

  private operator(): void {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    const c2 = text.charCodeAt(start + 1);
    let op = OP_TEXT[c];
    // Only look for a longer operator when the second character can extend one.
    if (c2 === 61 || c2 === c || c2 === 62) {
      const three = text.slice(start, start + 3);
      if (OPS3.has(three)) op = three;
      else if (OPS2.has(three.slice(0, 2))) op = three.slice(0, 2);
    }
    this.push({ kind: 'op', start, end: start + op.length, text: op });
    this.pos = start + op.length;
  }

  /** A run of characters no token starts with, as one error token. */
  private invalid(): void {
    const text = this.text;
    const start = this.pos;
    const message = describeInvalidChar(text.codePointAt(start)!);
    let p = start;
    do {
      p += text.codePointAt(p)! > 0xffff ? 2 : 1;
    } while (p < text.length && isInvalidChar(text, p));
    this.push(this.error(start, p, message));
    this.pos = p;
  }

  private error(start: number, end: number, message: string): Token {
    return { kind: 'error', start, end, text: this.text.slice(start, end), message };
  }

  private push(tok: Token): void {
    if (!this.physHasToken) {
      this.physHasToken = true;
      if (this.depth > 0 && this.startsNewStatement(tok)) this.forceBreak();
    }
    if (!this.lineOpen) {
      this.lineOpen = true;
      this.lineFirst = this.tokens.length;
      this.lineIndent = this.physIndent;
      this.lineStart = this.physStart;
    }
    if (tok.kind === 'op') this.trackBracket(tok);
    this.tokens.push(tok);
    this.awaitingBreak = true;
  }

  private trackBracket(tok: Token): void {
    const c = tok.text.length === 1 ? tok.text.charCodeAt(0) : 0;
    if (c === 40 || c === 91 || c === 123) {
      const prev = this.lineOpen ? this.tokens[this.tokens.length - 1] : undefined;
      const isCall =
        c === 40 &&
        prev !== undefined &&
        ((prev.kind === 'name' && !RESERVED.has(prev.text)) ||
          (prev.kind === 'op' && (prev.text === ')' || prev.text === ']')));
      this.openChars[this.depth] = c;
      this.openIsCall[this.depth] = isCall;
      this.depth++;
      return;
    }
    const opener = c === 41 ? 40 : c === 93 ? 91 : c === 125 ? 123 : 0;
    if (opener === 0) return;
    // Pop to the matching opener; a closer that matches nothing is left to the parser to report.
    for (let i = this.depth - 1; i >= 0; i--) {
      if (this.openChars[i] === opener) {
        this.depth = i;
        return;
      }
    }
  }

  /** Recovery rule (see `lex`): does `tok`, first on its physical line inside a bracket, begin a statement? */
  private startsNewStatement(tok: Token): boolean {
    const prev = this.tokens[this.tokens.length - 1];
    if (tok.kind === 'name') {
      if (STATEMENT_ONLY.has(tok.text)) return true;
      // `for`/`if` continue a bracket only as a comprehension or condition after an operand.
      if ((tok.text === 'for' || tok.text === 'if') && !endsOperand(prev)) return true;
      if (!KEYWORDS.has(tok.text)) {
        ASSIGN_AFTER.lastIndex = tok.end;
        const m = ASSIGN_AFTER.exec(this.text);
        if (m) {
          const keywordArg =
            m[0].trim() === '=' &&
            this.openIsCall[this.depth - 1] &&
            prev.kind === 'op' &&
            (prev.text === ',' || prev.text === '(');
          return !keywordArg;
        }
      }
    }
    const startsOperand =
      tok.kind === 'number' || tok.kind === 'string' || (tok.kind === 'name' && isValueName(tok.text));
    return startsOperand && endsOperand(prev) && !(tok.kind === 'string' && prev.kind === 'string');
  }

  private forceBreak(): void {
    if (!this.lineOpen) return;
    this.endLine(this.breakAfterLast.start, this.breakAfterLast.end, true);
  }
}

function endsOperand(tok: Token): boolean {
  switch (tok.kind) {
    case 'number':
    case 'string':
      return true;
    case 'name':
      return isValueName(tok.text);
    case 'op':
      return tok.text === ')' || tok.text === ']' || tok.text === '}';
    default:
      return false;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdContinue(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
