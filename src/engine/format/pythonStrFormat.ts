/**
 * Python's `template.format(*args, **kwargs)` (CPython 3.11's
 * Objects/stringlib/unicode_format.h): literal text and `{{ }}`, fields with
 * automatic or manual numbering, names, `.attr` / `[key]` lookups where they
 * can be answered, `!r !s !a`, and specs with nested fields.
 */

import { MatError } from '../errors';
import {
  argAscii,
  argRepr,
  argStr,
  type FormatArg,
  formatValue,
  stringRepr,
  typeNameOf,
} from './pythonValue';

const SSIZE_MAX = 9223372036854775807n;

function typeError(message: string): MatError {
  return new MatError(message, 'TypeError');
}

function keyError(key: string): MatError {
  return new MatError(stringRepr(key), 'KeyError');
}

/** `get_integer` of a field name: its value, or -1 when it is not all ASCII digits. */
function fieldInteger(text: string): number {
  if (text === '') return -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  if (text.length > 15) {
    if (BigInt(text) > SSIZE_MAX)
      throw new MatError('Too many decimal digits in format string', 'ValueError');
    return Number.MAX_SAFE_INTEGER;
  }
  return Number(text);
}

/** Public attributes of the builtin types (Python 3.11), to tell AttributeError from an unsupported lookup. */
const PUBLIC_ATTRIBUTES: Record<string, ReadonlySet<string>> = {
  int: new Set(
    'as_integer_ratio bit_count bit_length conjugate denominator from_bytes imag numerator real to_bytes'.split(
      ' ',
    ),
  ),
  float: new Set('as_integer_ratio conjugate fromhex hex imag is_integer real'.split(' ')),
  complex: new Set(['conjugate', 'imag', 'real']),
  str: new Set(
    (
      'capitalize casefold center count encode endswith expandtabs find format format_map index isalnum ' +
      'isalpha isascii isdecimal isdigit isidentifier islower isnumeric isprintable isspace istitle isupper ' +
      'join ljust lower lstrip maketrans partition removeprefix removesuffix replace rfind rindex rjust ' +
      'rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill'
    ).split(' '),
  ),
};
PUBLIC_ATTRIBUTES.bool = PUBLIC_ATTRIBUTES.int;

/** `{0.attr}` and `{0[key]}` on a field's value: the number attributes and str indexing; Python's errors otherwise. */
function lookup(obj: FormatArg, isAttribute: boolean, name: string): FormatArg {
  const type = typeNameOf(obj);
  if (isAttribute) {
    if (obj.kind === 'int' || obj.kind === 'bool') {
      const value = obj.kind === 'int' ? obj.value : obj.value ? 1 : 0;
      if (name === 'real' || name === 'numerator') return { kind: 'int', value };
      if (name === 'imag') return { kind: 'int', value: 0 };
      if (name === 'denominator') return { kind: 'int', value: 1 };
    } else if (obj.kind === 'float') {
      if (name === 'real') return obj;
      if (name === 'imag') return { kind: 'float', value: 0 };
    } else if (obj.kind === 'complex') {
      if (name === 'real') return { kind: 'float', value: obj.re };
      if (name === 'imag') return { kind: 'float', value: obj.im };
    } else if (obj.kind === 'other' && obj.number !== undefined) {
      // A NumPy scalar: `.real` is itself, `.imag` a zero of its kind.
      if (name === 'real') return obj;
      if (name === 'imag') return obj.integer ? { kind: 'int', value: 0 } : { kind: 'float', value: 0 };
    }
    const known = PUBLIC_ATTRIBUTES[obj.kind];
    if (known && !known.has(name) && !(name.startsWith('__') && name.endsWith('__'))) {
      throw new MatError(`'${type}' object has no attribute '${name}'`, 'AttributeError');
    }
  } else if (obj.kind === 'str') {
    const index = fieldInteger(name);
    if (index < 0) throw typeError("string indices must be integers, not 'str'");
    const chars = Array.from(obj.value);
    if (index >= chars.length) throw new MatError('string index out of range', 'IndexError');
    return { kind: 'str', value: chars[index] };
  } else if (obj.kind !== 'other') {
    throw typeError(`'${type}' object is not subscriptable`);
  }
  const shown = isAttribute ? `.${name}` : `[${name}]`;
  throw new MatError(
    `format field lookup '${shown}' on a ${type} value is not supported here (only .real, .imag and str[i])`,
    'NotImplementedError',
  );
}

/** One `str.format` call: the template, its arguments and the numbering state (`AutoNumber`). */
interface Context {
  s: string;
  positional: readonly FormatArg[];
  keywords: ReadonlyMap<string, FormatArg>;
  state: 'init' | 'auto' | 'manual';
  next: number;
}

/** `get_field_object`: the value a field names (numbering, lookups, `.attr` / `[key]`). */
function fieldObject(ctx: Context, start: number, end: number): FormatArg {
  const s = ctx.s;
  let i = start;
  while (i < end && s[i] !== '.' && s[i] !== '[') i++;
  const first = s.slice(start, i);
  let index = fieldInteger(first);
  const empty = first === '';
  const numeric = empty || index !== -1;
  if (ctx.state === 'init' && numeric) ctx.state = empty ? 'auto' : 'manual';
  if (numeric) {
    if (ctx.state === 'manual' && empty) {
      throw new MatError(
        'cannot switch from manual field specification to automatic field numbering',
        'ValueError',
      );
    }
    if (ctx.state !== 'manual' && !empty) {
      throw new MatError(
        'cannot switch from automatic field numbering to manual field specification',
        'ValueError',
      );
    }
  }
  if (empty) index = ctx.next++;
  let obj: FormatArg | undefined;
  if (index === -1) {
    obj = ctx.keywords.get(first);
    if (obj === undefined) throw keyError(first);
  } else {
    obj = ctx.positional[index];
    if (obj === undefined) {
      const shown = first.length > 15 ? BigInt(first).toString() : String(index);
      throw new MatError(`Replacement index ${shown} out of range for positional args tuple`, 'IndexError');
    }
  }
  // The rest of the field name: `.attr` and `[key]` (`FieldNameIterator_next`).
  while (i < end) {
    const c = s[i++];
    const nameStart = i;
    let name: string;
    if (c === '.') {
      while (i < end && s[i] !== '.' && s[i] !== '[') i++;
      name = s.slice(nameStart, i);
    } else if (c === '[') {
      while (i < end && s[i] !== ']') i++;
      if (i >= end) throw new MatError("Missing ']' in format string", 'ValueError');
      name = s.slice(nameStart, i);
      i++;
    } else {
      throw new MatError("Only '.' or '[' may follow ']' in format field specifier", 'ValueError');
    }
    if (name === '') throw new MatError('Empty attribute in format string', 'ValueError');
    obj = lookup(obj, c === '.', name);
  }
  return obj;
}

/** `build_string` / `do_markup`: literal text and fields, specs expanded one level deeper. */
function build(ctx: Context, start: number, end: number, depth: number): string {
  const s = ctx.s;
  if (depth <= 0) throw new MatError('Max string recursion exceeded', 'ValueError');
  let out = '';
  let pos = start;
  while (pos < end) {
    const literalStart = pos;
    let c = '';
    let markup = false;
    while (pos < end) {
      c = s[pos++];
      if (c === '{' || c === '}') {
        markup = true;
        break;
      }
    }
    const atEnd = pos >= end;
    let len = pos - literalStart;
    if (c === '}' && (atEnd || s[pos] !== '}')) {
      throw new MatError("Single '}' encountered in format string", 'ValueError');
    }
    if (atEnd && c === '{') throw new MatError("Single '{' encountered in format string", 'ValueError');
    if (!atEnd && markup) {
      if (s[pos] === c) {
        pos++;
        markup = false;
      } else {
        len--;
      }
    }
    out += s.slice(literalStart, literalStart + len);
    if (!markup) continue;

    // parse_field
    const nameStart = pos;
    c = '';
    while (pos < end) {
      c = s[pos++];
      if (c === '{') throw new MatError("unexpected '{' in field name", 'ValueError');
      if (c === '[') {
        while (pos < end && s[pos] !== ']') pos++;
        continue;
      }
      if (c === '}' || c === ':' || c === '!') break;
    }
    const nameEnd = pos - 1;
    let conversion = '';
    let specStart = pos;
    let specEnd = pos;
    let expand = false;
    if (c === '!' || c === ':') {
      let done = false;
      if (c === '!') {
        if (pos >= end) {
          throw new MatError('end of string while looking for conversion specifier', 'ValueError');
        }
        conversion = String.fromCodePoint(s.codePointAt(pos)!);
        pos += conversion.length;
        if (pos < end) {
          c = s[pos++];
          if (c === '}') done = true;
          else if (c !== ':') throw new MatError("expected ':' after conversion specifier", 'ValueError');
        }
      }
      if (!done) {
        specStart = pos;
        let count = 1;
        for (;;) {
          if (pos >= end) throw new MatError("unmatched '{' in format spec", 'ValueError');
          c = s[pos++];
          if (c === '{') {
            expand = true;
            count++;
          } else if (c === '}' && --count === 0) {
            specEnd = pos - 1;
            break;
          }
        }
      } else {
        specStart = specEnd = pos;
      }
    } else if (c !== '}') {
      throw new MatError("expected '}' before end of string", 'ValueError');
    }

    // output_markup
    let obj = fieldObject(ctx, nameStart, nameEnd);
    if (conversion !== '') {
      if (conversion === 'r') obj = { kind: 'str', value: argRepr(obj) };
      else if (conversion === 's') obj = { kind: 'str', value: argStr(obj) };
      else if (conversion === 'a') obj = { kind: 'str', value: argAscii(obj) };
      else {
        const code = conversion.codePointAt(0)!;
        const shown = code > 32 && code < 127 ? conversion : `\\x${code.toString(16)}`;
        throw new MatError(`Unknown conversion specifier ${shown}`, 'ValueError');
      }
    }
    const spec = expand ? build(ctx, specStart, specEnd, depth - 1) : s.slice(specStart, specEnd);
    out += formatValue(obj, spec);
  }
  return out;
}

/**
 * Python's `template.format(*positional, **keywords)`: `{}` numbering,
 * `{0}`, `{name}`, `!r !s !a`, `:spec` with nested fields, `{{ }}`.
 */
export function strFormat(
  template: string,
  positional: readonly FormatArg[],
  keywords: ReadonlyMap<string, FormatArg>,
): string {
  return build({ s: template, positional, keywords, state: 'init', next: 0 }, 0, template.length, 2);
}
