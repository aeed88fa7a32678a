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

/** What Python calls a literal of each radix in its error messages. */
const RADIX_NAME: Record<number, string> = { 120: 'hexadecimal', 111: 'octal', 98: 'binary' };
/** Largest integer a double holds exactly; an int literal beyond it also keeps its digits. */
const EXACT_LIMIT = 2n ** 53n;

/**
 * A number literal starting at `start` (a digit, or `.` before a digit):
 * ints of any radix (exact digits kept past 2**53 in `big`), floats, and
 * imaginary literals (`2j`). Malformed ones are error tokens with Python's
 * message.
 */
export function scanNumber(text: string, start: number): Token {
  let end = -1;
  const base = text.charCodeAt(start) === 48 ? text.charCodeAt(start + 1) | 0x20 : 0;
  const re = base === 120 ? HEX : base === 111 ? OCT : base === 98 ? BIN : undefined;
  if (re) {
    re.lastIndex = start;
    if (re.test(text)) end = re.lastIndex;
    else return radixError(text, start, base);
  }
  const radix = end >= 0;
  if (!radix) {
    DEC.lastIndex = start;
    DEC.test(text);
    end = DEC.lastIndex;
  }
  const source = text.slice(start, end);
  const next = text.charCodeAt(end);
  const digits = source.includes('_') ? source.replace(/_/g, '') : source;
  if ((next === 106 || next === 74) && !radix) {
    // `2j`: Python's imaginary literal; its value is the imaginary part.
    if (isIdAt(text, end + 1))
      return error(text, start, skipIdChars(text, end + 1), 'invalid imaginary literal');
    return {
      kind: 'number',
      start,
      end: end + 1,
      text: text.slice(start, end + 1),
      value: Number(digits),
      isInt: false,
      imaginary: true,
    };
  }
  if (isIdAt(text, end)) {
    if (radix) return radixError(text, start, base, end);
    return error(text, start, skipIdChars(text, end), 'invalid decimal literal');
  }
  const isInt = radix || !/[.eE]/.test(digits);
  if (isInt && !radix && digits.length > 1 && digits[0] === '0' && /[1-9]/.test(digits)) {
    const message =
      'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers';
    return error(text, start, end, message);
  }
  if (!isInt) return { kind: 'number', start, end, text: source, value: Number(digits), isInt };
  const value = Number(digits);
  if (value <= Number.MAX_SAFE_INTEGER) return { kind: 'number', start, end, text: source, value, isInt };
  // Python's ints are unbounded: keep the exact decimal digits; `value` is the nearest double.
  const exact = BigInt(digits);
  const big = exact > EXACT_LIMIT ? exact.toString() : undefined;
  return { kind: 'number', start, end, text: source, value: Number(exact), isInt, big };
}

/** `0x1g`, `0o8`, `0b2`, `0x`: Python's message for a malformed radix literal. */
function radixError(text: string, start: number, base: number, end = start + 2): Token {
  const name = RADIX_NAME[base];
  const stop = skipIdChars(text, start + 2);
  const bad = text[end];
  const digitClass = base === 111 ? /[0-9]/ : base === 98 ? /[0-9]/ : undefined;
  const message =
    digitClass && bad !== undefined && digitClass.test(bad)
      ? `invalid digit '${bad}' in ${name} literal`
      : `invalid ${name} literal`;
  return error(text, start, Math.max(stop, end), message);
}

function isIdAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return isAsciiIdContinue(c) || (c >= 128 && isIdContinue(text.codePointAt(at)!));
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
