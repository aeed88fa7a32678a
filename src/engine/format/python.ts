/**
 * Python's text formatting of scalars and strings, exact to CPython 3.11:
 * `repr` of float/int/str/complex, the format-spec mini-language
 * (pythonSpec.ts), `str % args` (`PyUnicode_Format` in
 * Objects/unicodeobject.c) and `str.format` (Objects/stringlib/unicode_format.h).
 * Pure functions of plain JS values; an invalid format raises the MatError
 * CPython would raise (same exception type and message).
 */

export { complexRepr, floatRepr } from './pythonFloat';
export { percentFormat } from './pythonPercent';
export { formatBool, formatComplex, formatFloat, formatInt, formatString, intRepr } from './pythonSpec';
export { strFormat } from './pythonStrFormat';
export { argAscii, argRepr, argStr, type FormatArg, formatValue, stringRepr } from './pythonValue';
