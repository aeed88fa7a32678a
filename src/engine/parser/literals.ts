/**
 * Number and string literals, scanned from a start offset to a token. Pure
 * functions of the text, so the lexer's main loop stays about structure.
 */

import type { Token } from '../lexer';
import { decodeEscapes, isIdContinue } from './chars';

const HEX = /0[xX](?:_?[0-9a-fA-F])+/y;
const OCT = /0[oO](?:_?[0-7])+/y;
const BIN = /0[bB](?:_?[01])+/y;
const DEC = /(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?/y;

function error(text: string, start: number, end: number, message: string): Token {
  return { kind: 'error', start, end, text: text.slice(start, end), message };
}

function isAsciiIdContinue(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** A number literal starting at `start` (a digit, or `.` before a digit). */
export function scanNumber(text: string, start: number): Token {
  let end = -1;
  let radix = false;
  const base = text.charCodeAt(start) === 48 ? text.charCodeAt(start + 1) | 0x20 : 0;
  const re = base === 120 ? HEX : base === 111 ? OCT : base === 98 ? BIN : undefined;
  if (re) {
    re.lastIndex = start;
    if (re.test(text)) {
      end = re.lastIndex;
      radix = true;
    }
  }
  if (end < 0) {
    DEC.lastIndex = start;
    DEC.test(text);
    end = DEC.lastIndex;
  }
  const source = text.slice(start, end);
  const next = text.charCodeAt(end);
  if (next === 106 || next === 74) {
    // `2j`: Python's imaginary literal.
    return error(text, start, skipIdChars(text, end + 1), 'complex numbers are not supported');
  }
  if (isAsciiIdContinue(next) || (next >= 128 && isIdContinue(text.codePointAt(end)!))) {
    const kind = radix ? 'invalid number literal' : 'invalid decimal literal';
    return error(text, start, skipIdChars(text, end), kind);
  }
  const digits = source.includes('_') ? source.replace(/_/g, '') : source;
  const isInt = radix || !/[.eE]/.test(digits);
  if (isInt && !radix && digits.length > 1 && digits[0] === '0' && /[1-9]/.test(digits)) {
    const message =
      'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers';
    return error(text, start, end, message);
  }
  return { kind: 'number', start, end, text: source, value: Number(digits), isInt };
}

function skipIdChars(text: string, from: number): number {
  let p = from;
  while (p < text.length) {
    const cp = text.codePointAt(p)!;
    if (!(isAsciiIdContinue(cp) || (cp >= 128 && isIdContinue(cp)))) break;
    p += cp > 0xffff ? 2 : 1;
  }
  return p;
}

/**
 * A string literal from `start` (its prefix, if any) with its opening quote
 * at `quotePos`. An unterminated one is an error token up to the line end
 * (or, when triple-quoted, the end of the text), as in Python.
 */
export function scanString(text: string, start: number, quotePos: number, prefix: string): Token {
  const q = text.charCodeAt(quotePos);
  const triple = text.charCodeAt(quotePos + 1) === q && text.charCodeAt(quotePos + 2) === q;
  const bodyStart = quotePos + (triple ? 3 : 1);
  let p = bodyStart;
  for (;;) {
    if (p >= text.length) {
      const what = triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal';
      return error(text, start, text.length, what);
    }
    const c = text.charCodeAt(p);
    if (c === 92) {
      // Skip the escaped character, treating `\r\n` as one.
      p += text.charCodeAt(p + 1) === 13 && text.charCodeAt(p + 2) === 10 ? 3 : 2;
      continue;
    }
    if (!triple && (c === 10 || c === 13)) return error(text, start, p, 'unterminated string literal');
    if (c === q && (!triple || (text.charCodeAt(p + 1) === q && text.charCodeAt(p + 2) === q))) break;
    p++;
  }
  const body = text.slice(bodyStart, p);
  const value = prefix.includes('r') ? body : decodeEscapes(body);
  return { kind: 'string', start, end: p + (triple ? 3 : 1), text: value, prefix };
}
