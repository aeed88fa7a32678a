/**
 * NumPy's print options as program state: `np.set_printoptions(...)`,
 * `np.get_printoptions()` and `with np.printoptions(...):`. What a program
 * sets applies to everything it prints afterwards and to the results the
 * editor shows for its later statements, as in a notebook.
 */
import { MatError } from '../errors';
import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from '../format';
import type { FloatMode, SignMode } from '../format/options';
import { hashKey, newDict } from '../run/pyops';
import { isArray, NONE, pyBool, pyInt, type RecordValue, type Value } from '../values';
import { type BoundArgs, type BuiltinImpl, type CallContext, params } from './registry';

/** The parameters of `set_printoptions`, in NumPy's order. */
const PARAMETERS = [
  'precision?',
  'threshold?',
  'edgeitems?',
  'linewidth?',
  'suppress?',
  'nanstr?',
  'infstr?',
  'formatter?',
  'sign?',
  'floatmode?',
  '*legacy?',
  '*override_repr?',
] as const;

/** What NumPy's options are when nobody changed them, for those the engine only accepts as they are. */
const FIXED: Readonly<Record<string, string | boolean | null>> = {
  formatter: null,
  legacy: false,
  override_repr: null,
};

const FLOAT_MODES: readonly FloatMode[] = ['fixed', 'unique', 'maxprec', 'maxprec_equal'];
const SIGNS: readonly SignMode[] = ['-', '+', ' '];

/** The text of a string argument, undefined for any other value. */
function stringOf(value: Value): string | undefined {
  return !isArray(value) && value.kind === 'string' ? value.value : undefined;
}

function isNone(value: Value | undefined): boolean {
  return value === undefined || (!isArray(value) && value.kind === 'none');
}

/** An integer option (`precision`, `edgeitems`, `linewidth`), with NumPy's message. */
function integerOption(value: Value, name: string): number {
  if (isArray(value) && value.ndim === 0 && value.dtype !== 'float64') return value.item();
  throw new MatError(`${name} must be an integer`, 'TypeError');
}

/** The print options after `set_printoptions(**args)` on top of `current`; None leaves one unchanged. */
function updatedOptions(args: BoundArgs, current: Partial<PrintOptions>): Partial<PrintOptions> {
  const next: Partial<PrintOptions> = { ...current };
  for (const spec of PARAMETERS) {
    const name = spec.replace(/[*?]/g, '');
    const value = args.named.get(name);
    if (isNone(value) || value === undefined) continue;
    switch (name) {
      case 'precision':
      case 'edgeitems':
      case 'linewidth':
        next[name] = integerOption(value, name);
        break;
      case 'threshold': {
        if (!isArray(value) || value.ndim !== 0) throw new MatError('threshold must be numeric', 'TypeError');
        const threshold = value.item();
        if (Number.isNaN(threshold)) {
          throw new MatError(
            'threshold must be non-NAN, try sys.maxsize for untruncated representation',
            'ValueError',
          );
        }
        next.threshold = threshold;
        break;
      }
      case 'suppress':
        next.suppress = isArray(value) && value.data[0] !== 0;
        break;
      case 'floatmode': {
        const mode = FLOAT_MODES.find((m) => m === stringOf(value));
        if (!mode) {
          throw new MatError(
            `floatmode option must be one of ${FLOAT_MODES.map((m) => `"${m}"`).join(', ')}`,
            'ValueError',
          );
        }
        next.floatmode = mode;
        break;
      }
      case 'sign': {
        const sign = SIGNS.find((m) => m === stringOf(value));
        if (!sign) throw new MatError("sign option must be one of ' ', '+', or '-'", 'ValueError');
        next.sign = sign;
        break;
      }
      case 'nanstr':
      case 'infstr': {
        // NumPy stores any object here and fails only when it prints one; a string is what it can print.
        const text = stringOf(value);
        if (text === undefined)
          throw new MatError(`np.set_printoptions: ${name} must be a string`, 'TypeError');
        next[name] = text;
        break;
      }
      default: {
        // Accepted at NumPy's own setting; other values would print differently from NumPy's.
        const fixed = FIXED[name];
        const given = isArray(value) ? (value.dtype === 'bool' ? value.data[0] !== 0 : undefined) : value;
        const same =
          (typeof fixed === 'string' &&
            !isArray(value) &&
            value.kind === 'string' &&
            value.value === fixed) ||
          given === fixed;
        if (!same) {
          throw new MatError(
            `np.set_printoptions: ${name}= is not supported in .mat files yet (precision, threshold, edgeitems, linewidth, suppress, nanstr, infstr, sign and floatmode are)`,
            'TypeError',
          );
        }
      }
    }
  }
  return next;
}

/** `np.get_printoptions()`: every option NumPy reports, with the program's settings. */
function optionsDict(settings: Partial<PrintOptions>): Value {
  const o = { ...DEFAULT_PRINT_OPTIONS, ...settings };
  const dict = newDict();
  const entries: [string, Value][] = [
    ['edgeitems', pyInt(o.edgeitems)],
    ['threshold', pyInt(o.threshold)],
    ['floatmode', { kind: 'string', value: o.floatmode }],
    ['precision', pyInt(o.precision)],
    ['suppress', pyBool(o.suppress)],
    ['linewidth', pyInt(o.linewidth)],
    ['nanstr', { kind: 'string', value: o.nanstr }],
    ['infstr', { kind: 'string', value: o.infstr }],
    ['sign', { kind: 'string', value: o.sign }],
    ['formatter', NONE],
    ['legacy', pyBool(false)],
    ['override_repr', NONE],
  ];
  for (const [name, value] of entries) {
    const key: Value = { kind: 'string', value: name };
    dict.entries.set(hashKey(key), { key, value });
  }
  return dict;
}

/** `with np.printoptions(...)`: the options inside the block, the earlier ones restored after it. */
function printOptionsManager(args: BoundArgs, ctx: CallContext): RecordValue {
  // NumPy checks the arguments when the block is entered; checking them now gives the same error, earlier.
  updatedOptions(args, ctx.printOptions());
  const saved: Partial<PrintOptions>[] = [];
  return {
    kind: 'record',
    typeName: '_GeneratorContextManager',
    fields: new Map(),
    contextManager: {
      enter: (context) => {
        const before = context.printOptions();
        saved.push(before);
        const inside = updatedOptions(args, before);
        context.setPrintOptions(inside);
        return optionsDict(inside);
      },
      exit: (context) => {
        const before = saved.pop();
        if (before) context.setPrintOptions(before);
      },
    },
  };
}

export const PRINTING_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'set_printoptions',
    params: params(...PARAMETERS),
    call: (args, ctx) => {
      ctx.setPrintOptions(updatedOptions(args, ctx.printOptions()));
      return NONE;
    },
  },
  {
    name: 'get_printoptions',
    params: [],
    call: (_args, ctx) => optionsDict(ctx.printOptions()),
  },
  {
    name: 'printoptions',
    params: params(...PARAMETERS),
    call: (args, ctx) => printOptionsManager(args, ctx),
  },
];
