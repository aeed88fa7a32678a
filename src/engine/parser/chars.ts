/**
 * Character classes and string-escape decoding for the lexer, kept apart so
 * the lexer reads as the token rules alone.
 */

/** Python's reserved words; never names. */
export const KEYWORDS: ReadonlySet<string> = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/** Keywords that can only begin a statement, never continue an expression. */
export const STATEMENT_ONLY: ReadonlySet<string> = new Set(
  'assert break class continue def del elif except finally from global import nonlocal pass raise return try while with'.split(
    ' ',
  ),
);

/** Operators by length, for longest-match lexing. */
export const OPS3: ReadonlySet<string> = new Set(['**=', '//=', '>>=', '<<=', '...']);
export const OPS2: ReadonlySet<string> = new Set(
  '** // == != <= >= += -= *= /= %= @= &= |= ^= << >> -> :='.split(' '),
);
export const OPS1: ReadonlySet<string> = new Set('+-*/%@<>=()[]{},:;.~&|^');

/** `# %%` or `#%%` comment: a cell marker when it is alone on its line. */
export function isCellMarkerComment(comment: string): boolean {
  return /^#[ \t]*%%/.test(comment);
}

/** True for a name that can stand as an operand: an identifier, or `True`/`False`/`None`. */
export function isValueName(name: string): boolean {
  return !KEYWORDS.has(name) || name === 'True' || name === 'False' || name === 'None';
}

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}\u00B7\u0387\u1369-\u1371\u19DA]/u;

/** Can code point `cp` start a Python identifier? */
export function isIdStart(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || cp === 95;
  return ID_START.test(String.fromCodePoint(cp));
}

/** Can code point `cp` continue a Python identifier? */
export function isIdContinue(cp: number): boolean {
  if (Number.isNaN(cp)) return false;
  if (cp < 128)
    return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) || cp === 95;
  return ID_CONTINUE.test(String.fromCodePoint(cp));
}

/** Is the character at `pos` one that no token can start with (such as `$`, `?`, a NUL, `“`)? */
export function isInvalidChar(text: string, pos: number): boolean {
  const cp = text.codePointAt(pos)!;
  if (cp < 32) return cp !== 9 && cp !== 10 && cp !== 12 && cp !== 13;
  if (cp < 128) {
    // `!` is only valid as part of `!=`.
    return (
      cp === 127 || cp === 36 || cp === 63 || cp === 96 || (cp === 33 && text.charCodeAt(pos + 1) !== 61)
    );
  }
  return !isIdStart(cp);
}

/** Characters pasted from documents that look like Python's, with what to type instead. */
const LOOKALIKES: Record<number, string> = {
  8722: "use '-'",
  8211: "use '-'",
  215: "use '*'",
  247: "use '/'",
  8216: "use ' for strings",
  8217: "use ' for strings",
  8220: 'use " for strings',
  8221: 'use " for strings',
};

function isNonPrintable(cp: number): boolean {
  return (
    cp < 32 ||
    cp === 127 ||
    (cp >= 0x80 && cp <= 0xa0) ||
    cp === 0xad ||
    (cp >= 0x2000 && cp <= 0x200f) ||
    (cp >= 0xd800 && cp <= 0xdfff) || // a lone surrogate: quoting it would put one in the message
    (cp >= 0x2028 && cp <= 0x202f) ||
    (cp >= 0x205f && cp <= 0x206f) ||
    cp === 0x3000 ||
    cp === 0xfeff
  );
}

/** Python's message for a character that cannot appear in source, with a hint for look-alikes. */
export function describeInvalidChar(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp === 0) return 'source code cannot contain null bytes';
  if (isNonPrintable(cp)) return `invalid non-printable character ${hex}`;
  const hint = LOOKALIKES[cp];
  const base = `invalid character '${String.fromCodePoint(cp)}' (${hex})`;
  return hint ? `${base}: ${hint}` : base;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * Python's escape sequences in a non-raw string body. Unknown escapes stay
 * as written (Python only warns about them); `\N{...}` is kept literally
 * because resolving Unicode names needs a name table.
 */
export function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const slash = body.indexOf('\\', i);
    if (slash < 0) {
      out += body.slice(i);
      break;
    }
    out += body.slice(i, slash);
    const c = body[slash + 1];
    i = slash + 2;
    if (c === undefined) {
      out += '\\';
    } else if (c in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[c];
    } else if (c === '\n') {
      // A backslash before a line break joins the lines.
    } else if (c === '\r') {
      if (body[i] === '\n') i++;
    } else if (c >= '0' && c <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(slash + 1, slash + 4))!;
      out += String.fromCodePoint(Number.parseInt(m[0], 8));
      i = slash + 1 + m[0].length;
    } else if (c === 'x' || c === 'u' || c === 'U') {
      const len = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      const hex = body.slice(i, i + len);
      const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === len ? Number.parseInt(hex, 16) : -1;
      if (cp >= 0 && cp <= 0x10ffff) {
        out += String.fromCodePoint(cp);
        i += len;
      } else {
        out += `\\${c}`;
      }
    } else {
      out += `\\${c}`;
    }
  }
  return out;
}
