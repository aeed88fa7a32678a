/**
 * NumPy's floating-point error handling as program state: `np.seterr`,
 * `np.geterr`, `with np.errstate(...):`, `np.seterrcall`, `np.geterrcall`.
 * What a program sets applies to everything it computes afterwards (the
 * kernels read it through ../ops/floatErrors.ts), as in a notebook.
 */
import { reprText } from '../display';
import { MatError } from '../errors';
import {
  FLOAT_ERROR_KINDS,
  FLOAT_ERROR_MODES,
  type FloatErrorKind,
  type FloatErrorMode,
  type FloatErrorSettings,
  floatErrorSettings,
} from '../ops/floatErrors';
import { noteWrite, own } from '../run/heap';
import { hashKey, newDict } from '../run/pyops';
import { isArray, NONE, type RecordValue, type Value } from '../values';
import { type BoundArgs, type BuiltinImpl, type CallContext, params } from './registry';

function isNone(value: Value | undefined): value is undefined {
  return value === undefined || (!isArray(value) && value.kind === 'none');
}

/** One mode argument, with NumPy's message for anything but a mode's name. */
function modeOf(value: Value): FloatErrorMode {
  if (
    !isArray(value) &&
    value.kind === 'string' &&
    (FLOAT_ERROR_MODES as readonly string[]).includes(value.value)
  )
    return value.value as FloatErrorMode;
  throw new MatError(`invalid error mode ${reprText(value)}`, 'ValueError');
}

/** NumPy takes a function, or an object with a write method (which .mat files cannot define). */
function checkHandler(handler: Value): Value | undefined {
  if (isNone(handler)) return undefined;
  if (!isArray(handler) && ['function', 'builtin', 'method', 'bound-method'].includes(handler.kind))
    return handler;
  throw new MatError('python object must be callable or have a callable write method', 'TypeError');
}

/**
 * The settings after `seterr(all=..., divide=..., ...)` on top of `current`:
 * `all` sets every kind, a kind's own argument wins over it, None keeps one.
 * `call` replaces the handler when given.
 */
function updatedSettings(args: BoundArgs, current: FloatErrorSettings): FloatErrorSettings {
  const all = args.named.get('all');
  const allMode = isNone(all) ? undefined : modeOf(all);
  const modes = {} as Record<FloatErrorKind, FloatErrorMode>;
  for (const kind of FLOAT_ERROR_KINDS) {
    const own = args.named.get(kind);
    modes[kind] = isNone(own) ? (allMode ?? current[kind]) : modeOf(own);
  }
  const call = args.named.get('call');
  return floatErrorSettings(modes, call === undefined ? current.call : checkHandler(call));
}

/** `np.geterr()`'s dict, keys in NumPy's order. */
function settingsDict(settings: FloatErrorSettings): Value {
  const dict = newDict();
  for (const kind of FLOAT_ERROR_KINDS) {
    const key: Value = { kind: 'string', value: kind };
    dict.entries.set(hashKey(key), { key, value: { kind: 'string', value: settings[kind] } });
  }
  return dict;
}

/**
 * `np.errstate(...)`: an object whose `with` block runs with the settings
 * it names; leaving it restores what was in effect on entering (whatever
 * the block set meanwhile). Like NumPy's, it checks its arguments on
 * entering and may be entered once.
 */
function errorStateManager(args: BoundArgs): RecordValue {
  let saved: FloatErrorSettings | undefined;
  let entered = false;
  const text = '<numpy.errstate object>';
  const manager: RecordValue = own({
    kind: 'record',
    typeName: 'numpy.errstate',
    fields: new Map(),
    text: { str: text, repr: text },
    contextManager: {
      enter: (context: CallContext) => {
        if (entered) throw new MatError('Cannot enter `np.errstate` twice.', 'TypeError');
        // Entering uses the object up: a statement that enters one an earlier statement made
        // wrote into it, so re-evaluation makes it anew before entering it again.
        noteWrite(manager);
        const before = context.floatErrors();
        const inside = updatedSettings(args, before);
        entered = true;
        saved = before;
        context.setFloatErrors(inside);
        return NONE;
      },
      exit: (context: CallContext) => {
        if (saved) context.setFloatErrors(saved);
      },
    },
  });
  return manager;
}

const KIND_PARAMETERS = ['all?', 'divide?', 'over?', 'under?', 'invalid?'] as const;

export const ERROR_HANDLING_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'seterr',
    params: params(...KIND_PARAMETERS),
    call: (args, ctx) => {
      const before = ctx.floatErrors();
      ctx.setFloatErrors(updatedSettings(args, before));
      return settingsDict(before);
    },
  },
  {
    name: 'geterr',
    params: [],
    call: (_args, ctx) => settingsDict(ctx.floatErrors()),
  },
  {
    name: 'errstate',
    params: params('*call?', ...KIND_PARAMETERS.map((name) => `*${name}`)),
    // Unknown keywords checked here: NumPy's message names `errstate.__init__()`.
    keywords: true,
    call: (args) => {
      const [unknown] = args.extra?.keys() ?? [];
      if (unknown !== undefined) {
        throw new MatError(
          `errstate.__init__() got an unexpected keyword argument '${unknown}'`,
          'TypeError',
        );
      }
      return errorStateManager(args);
    },
  },
  {
    name: 'seterrcall',
    params: params('func'),
    call: (args, ctx) => {
      const before = ctx.floatErrors();
      const handler = checkHandler(args.named.get('func') ?? NONE);
      ctx.setFloatErrors(floatErrorSettings(before, handler));
      return before.call ?? NONE;
    },
  },
  {
    name: 'geterrcall',
    params: [],
    call: (_args, ctx) => ctx.floatErrors().call ?? NONE,
  },
];
