import type { RandomGenerator } from '../nn/generator';
import type { BinaryOp, Block, Param } from './ast';
import type { CallContext } from './builtins/registry';
import type { PrintOptions } from './format';
import { type DType, NDArray } from './ndarray';

/**
 * Every value a `.mat` statement can produce. Arrays (and NumPy scalars, as
 * 0-d arrays) are `NDArray`s; the rest are small tagged records.
 */
export type Value =
  | NDArray
  | TupleValue
  | NoneValue
  | StringValue
  | DTypeValue
  | FunctionValue
  | BuiltinValue
  | ModuleValue
  | RecordValue
  | PrintedValue
  | MethodValue
  | ListValue
  | DictValue
  | SetValue
  | RangeValue
  | IteratorValue
  | BoundMethodValue
  | ExceptionValue
  | SliceValue
  | EllipsisValue
  | DictViewValue
  | GeneratorValue;

/**
 * `np.random.default_rng(seed)`: NumPy's Generator. Its draws advance its
 * state, so it is a mutable object: its creator owns it and drawing from it
 * is a write (run/heap.ts), which is what makes re-evaluation start early
 * enough to draw the same numbers again.
 */
export interface GeneratorValue {
  readonly kind: 'generator';
  readonly rng: RandomGenerator;
}

/** `d.keys()`, `d.values()`, `d.items()`: live views of a dict. */
export interface DictViewValue {
  readonly kind: 'dict-view';
  readonly view: 'keys' | 'values' | 'items';
  readonly dict: DictValue;
}

/** A Python list: mutable, shared by every name bound to it. */
export interface ListValue {
  readonly kind: 'list';
  items: Value[];
}

/**
 * A Python dict: insertion-ordered, keyed by {@link hashKey} of the key
 * (so `1`, `1.0` and `True` are one key, as in Python).
 */
export interface DictValue {
  readonly kind: 'dict';
  readonly entries: Map<string, { key: Value; value: Value }>;
}

/** A Python set, keyed like a dict. */
export interface SetValue {
  readonly kind: 'set';
  readonly entries: Map<string, Value>;
  /** CPython's table as a literal of constants made it: slot by slot, the item's key or nothing (setOrder.ts). */
  readonly layout?: readonly (string | undefined)[];
}

/** `range(start, stop, step)`. */
export interface RangeValue {
  readonly kind: 'range';
  readonly start: number;
  readonly stop: number;
  readonly step: number;
}

/** A one-shot iterator: `zip(...)`, `enumerate(...)`, `map(...)`, a generator expression. */
export interface IteratorValue {
  readonly kind: 'iterator';
  /** Python's type name: `zip`, `enumerate`, `map`, `generator`… */
  readonly typeName: string;
  /** The next item, or undefined when exhausted. */
  next(): Value | undefined;
}

/** A method of a Python value, `xs.append`, bound to its object. */
export interface BoundMethodValue {
  readonly kind: 'bound-method';
  readonly self: Value;
  readonly name: string;
}

/** An exception object (`ValueError('bad')`), or an exception class when `instance` is false. */
export interface ExceptionValue {
  readonly kind: 'exception';
  readonly pythonType: string;
  readonly message: string;
  readonly instance: boolean;
}

/** `slice(1, 5)`: a slice object. */
export interface SliceValue {
  readonly kind: 'slice';
  readonly start: Value;
  readonly stop: Value;
  readonly step: Value;
}

/** `...`. */
export interface EllipsisValue {
  readonly kind: 'ellipsis';
}

/** `a.sum` without a call yet: a method bound to its array. */
export interface MethodValue {
  readonly kind: 'method';
  readonly self: NDArray;
  readonly name: string;
}

/** `a.shape`, `(4, 3)`; `np.linalg.svd(a)` (a named tuple). */
export interface TupleValue {
  readonly kind: 'tuple';
  readonly items: readonly Value[];
  /** A named tuple's class: `SVDResult(U=…, S=…, Vh=…)`, fields readable as attributes. */
  readonly named?: NamedTupleClass;
}

/** The class of a named tuple NumPy returns (`numpy.linalg._linalg.SVDResult`). */
export interface NamedTupleClass {
  readonly name: string;
  readonly module: string;
  readonly fields: readonly string[];
}

export interface NoneValue {
  readonly kind: 'none';
}

export interface StringValue {
  readonly kind: 'string';
  readonly value: string;
}

/** `a.dtype`, `float`, `np.int64`: a dtype specifier. */
export interface DTypeValue {
  readonly kind: 'dtype';
  readonly dtype: DType;
  /** How the user named it (`float`, `np.float64`), for display. */
  readonly label: string;
  /** Python's own `bool` class, whose label is also a dtype's name (an array's `.dtype` is `bool`). */
  readonly pythonClass?: true;
}

/** Is it a `numpy.dtype` instance (`a.dtype`, printed `float64`) rather than a class (`<class 'float'>`)? */
export function isDTypeInstance(value: DTypeValue): boolean {
  return value.label === value.dtype && !value.pythonClass;
}

/** A `def` or a `lambda`. */
export interface FunctionValue {
  readonly kind: 'function';
  readonly name: string;
  readonly params: readonly Param[];
  /** A `def`'s statements, or a `lambda`'s expression wrapped as one `return`. */
  readonly body: Block;
  /** The call frame the function was defined in (undefined at module level): its closure. */
  readonly closure: FrameLike | undefined;
  /** Defaults evaluated when the function was defined, as Python does. */
  readonly defaults: ReadonlyMap<string, Value>;
  /** The `def` or `lambda` node, whose scope analysis is cached. */
  readonly node: object;
  /** Python's `__qualname__`: `f.<locals>.g`, `<listcomp>.<lambda>`. */
  readonly qualname: string;
}

/** A function call's variables, as a closure sees them (run/frame.ts). */
export interface FrameLike {
  readonly vars: Map<string, Value>;
  readonly parent: FrameLike | undefined;
  /** The qualified name of the function or comprehension running in it. */
  readonly qualname: string;
}

export interface BuiltinValue {
  readonly kind: 'builtin';
  /** Qualified name, e.g. `linalg.pinv`. */
  readonly name: string;
}

/** `np`, `np.linalg`, `np.random`. */
export interface ModuleValue {
  readonly kind: 'module';
  /** `numpy`, `numpy.linalg`, `numpy.random`. */
  readonly name: string;
}

/** A result with named fields, such as `train(...)`'s: `net.output`. */
export interface RecordValue {
  readonly kind: 'record';
  readonly typeName: string;
  readonly fields: ReadonlyMap<string, Value>;
  /** Its own str() and repr() where Python's differ from the fields' listing (`np.finfo(np.float32)`). */
  readonly text?: { readonly str: string; readonly repr: string };
  /** A context manager made by a built-in (`np.printoptions(...)`): what `with` enters and exits. */
  readonly contextManager?: {
    enter(ctx: CallContext): Value;
    exit(ctx: CallContext): void;
  };
  /** The class of an object a built-in makes (`np.poly1d`): the operations Python's data model gives it. */
  readonly pythonClass?: RecordClass;
}

/**
 * A class whose instances are records (`np.poly1d`): its special methods,
 * each given the instance, which the interpreter's operators, calls,
 * attribute lookup, subscripts, len() and NumPy's conversions consult. An
 * absent one is an operation the class does not have.
 */
export interface RecordClass {
  /** `str(self)` and `repr(self)`, under the program's print options. */
  str(self: RecordValue, options?: Partial<PrintOptions>): string;
  repr(self: RecordValue, options?: Partial<PrintOptions>): string;
  /** `self.name` for properties computed on access (`p.roots`); the record's fields are read first. */
  attribute?(self: RecordValue, name: string): Value | undefined;
  /** The names of its methods: `self.name` is a bound method, called through `callMethod`. */
  readonly methods?: ReadonlySet<string>;
  callMethod?(
    self: RecordValue,
    name: string,
    positional: readonly Value[],
    keywords: ReadonlyMap<string, Value>,
    ctx: CallContext,
  ): Value;
  /** `self(...)`. */
  call?(self: RecordValue, positional: readonly Value[], keywords: ReadonlyMap<string, Value>): Value;
  /**
   * `self op other`, or `other op self` when `reflected`; undefined when the
   * class does not implement it (Python's NotImplemented).
   */
  binary?(self: RecordValue, op: BinaryOp, other: Value, reflected: boolean): Value | undefined;
  /** `-self`, `+self`; undefined when not implemented. */
  unary?(self: RecordValue, op: '-' | '+' | '~'): Value | undefined;
  /** `self[key]`. */
  getItem?(self: RecordValue, key: Value): Value;
  /** `len(self)`. */
  length?(self: RecordValue): number;
  /** `__array__`: what `np.asarray(self)`, NumPy's functions and iteration see. */
  array?(self: RecordValue): NDArray;
}

/** The class of a record, when a built-in gave it one. */
export function recordClass(value: Value): RecordClass | undefined {
  return value instanceof NDArray || value.kind !== 'record' ? undefined : value.pythonClass;
}

/** What a statement that printed shows: the exact text it wrote (without the final newline). */
export interface PrintedValue {
  readonly kind: 'printed';
  readonly text: string;
  /** The values a single `print(...)` wrote, when it was one call (for shape facts). */
  readonly values: readonly Value[];
}

export const NONE: NoneValue = { kind: 'none' };

export function isArray(value: Value): value is NDArray {
  return value instanceof NDArray;
}

/** The Python type of a Python scalar: `bool`, `int`, `float` or `complex`. */
export function pythonScalarType(value: NDArray): 'bool' | 'int' | 'float' | 'complex' {
  if (value.im) return 'complex';
  return value.dtype === 'bool' ? 'bool' : value.dtype === 'int64' ? 'int' : 'float';
}

/** Python's name for a value's type, as used in error messages. */
export function typeName(value: Value): string {
  if (value instanceof NDArray) {
    if (value.ndim > 0 || value.zeroDim) return 'numpy.ndarray';
    if (value.python) return pythonScalarType(value);
    return `numpy.${value.dtype}`;
  }
  switch (value.kind) {
    case 'tuple':
      return value.named?.name ?? 'tuple';
    case 'none':
      return 'NoneType';
    case 'string':
      return 'str';
    case 'dtype':
      // `a.dtype` is a dtype instance; `float`, `np.float64` are types.
      return isDTypeInstance(value) ? 'numpy.dtype' : 'type';
    case 'function':
      return 'function';
    case 'builtin':
      if (value.name.startsWith('method:')) return 'method_descriptor';
      if (value.name.startsWith('index:')) return INDEX_TRICK_CLASSES[value.name] ?? 'CClass';
      // Python's classes (`list`, `type(None)`) are types; the rest are built-in functions.
      return value.name.startsWith('class:') || PYTHON_CLASS_NAMES.has(value.name)
        ? 'type'
        : 'builtin_function_or_method';
    case 'module':
      return 'module';
    case 'record':
      return value.typeName;
    case 'printed':
      return 'NoneType';
    case 'method':
      return 'builtin_function_or_method';
    case 'bound-method':
      // A Generator's methods are Python methods; the rest are built-in ones.
      return !(value.self instanceof NDArray) && value.self.kind === 'generator'
        ? 'method'
        : 'builtin_function_or_method';
    case 'list':
    case 'dict':
    case 'set':
    case 'range':
    case 'slice':
      return value.kind;
    case 'iterator':
      return value.typeName;
    case 'dict-view':
      return `dict_${value.view}`;
    case 'exception':
      return value.instance ? value.pythonType : 'type';
    case 'ellipsis':
      return 'ellipsis';
    case 'generator':
      return 'numpy.random._generator.Generator';
  }
}

/** The classes of NumPy's index-trick objects (`np.r_`, `np.mgrid`), by built-in name. */
export const INDEX_TRICK_CLASSES: Readonly<Record<string, string>> = {
  'index:r_': 'RClass',
  'index:c_': 'CClass',
  'index:mgrid': 'MGridClass',
  'index:ogrid': 'OGridClass',
};

/** A tuple of these items. */
export function newTupleOf(items: Value[]): TupleValue {
  return { kind: 'tuple', items };
}

/** The items a dict view holds now. */
export function dictViewItems(view: DictViewValue): Value[] {
  const entries = [...view.dict.entries.values()];
  if (view.view === 'keys') return entries.map((e) => e.key);
  if (view.view === 'values') return entries.map((e) => e.value);
  return entries.map((e): Value => ({ kind: 'tuple', items: [e.key, e.value] }));
}

/** Built-in values that are Python's classes: they print as `<class 'list'>` and their type is `type`. */
export const PYTHON_CLASS_NAMES: ReadonlySet<string> = new Set(
  ['list', 'tuple', 'dict', 'set', 'str', 'range'].map((name) => `builtins.${name}`).concat('ndarray'),
);

/** `True`/`False` as Python bools. */
export function pyBool(value: boolean): NDArray {
  return value ? TRUE : FALSE;
}

/** A Python int (exact below 2**53; beyond, `big` holds it exactly). */
export function pyInt(value: number, big?: bigint): NDArray {
  if (big === undefined && value >= -5 && value <= 256 && Number.isInteger(value)) {
    return SMALL_INTS[value + 5];
  }
  const out = new NDArray(Float64Array.of(value), [], 'int64');
  out.python = true;
  if (big !== undefined) out.big = big;
  return out;
}

export function pyFloat(value: number): NDArray {
  const out = new NDArray(Float64Array.of(value), [], 'float64');
  out.python = true;
  return out;
}

/** A Python complex. */
export function pyComplex(re: number, im: number): NDArray {
  const out = NDArray.complex(Float64Array.of(re), Float64Array.of(im), [], 'complex128');
  out.python = true;
  return out;
}

function pythonScalar(value: number, dtype: DType): NDArray {
  const out = new NDArray(Float64Array.of(value), [], dtype);
  out.python = true;
  return out;
}

const TRUE = pythonScalar(1, 'bool');
const FALSE = pythonScalar(0, 'bool');
const SMALL_INTS = Array.from({ length: 262 }, (_, i) => pythonScalar(i - 5, 'int64'));

/** Is this a Python int/float/bool (not a NumPy scalar or array)? */
export function isPythonScalar(value: Value): value is NDArray {
  return value instanceof NDArray && value.python;
}
