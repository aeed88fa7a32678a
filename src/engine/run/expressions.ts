import type {
  Argument,
  CallExpr,
  ComprehensionExpr,
  Expr,
  FStringExpr,
  IndexExpr,
  Range,
  SliceExpr,
} from '../ast';
import {
  type BuiltinSpec,
  bareBuiltin,
  bareBuiltinNames,
  bindArguments,
  builtinSpec,
  type CallContext,
  type ModuleName,
  moduleMember,
} from '../builtins';
import { callNumpyBuiltin } from '../builtins/call';
import { PYTHON_PREFIX } from '../builtins/catalog';
import { settled, toArray } from '../builtins/convert';
import { ARRAY_METHODS, arrayAttribute } from '../builtins/methods';
import { abstractClassName } from '../builtins/python';
import { dtypeAttribute } from '../builtins/typeInfo';
import { MatError } from '../errors';
import { indexSpecs } from '../indexSpec';
import { checkDeadline, reserve } from '../limits';
import { NDArray } from '../ndarray';
import { getIndex, type IndexSpec } from '../ops';
import type { GlobalState } from '../scope';
import { constantSetLayout } from '../setOrder';
import { closestName, quoted } from '../suggest';
import {
  type FunctionValue,
  isDTypeInstance,
  isPythonScalar,
  NONE,
  pyBool,
  pyComplex,
  pyFloat,
  pyInt,
  type SetValue,
  typeName,
  type Value,
} from '../values';
import { convertField, formatWithSpec } from './formatting';
import { comprehensionScope, Frame } from './frame';
import { own } from './heap';
import { INDEX_TRICK, indexTrick } from './indexTricks';
import { mathMember } from './math';
import { callPythonMethod, classWithMethod, hasPythonMethod } from './methods';
import { binaryOp, compare, unaryOp } from './operators';
import type { CallRecord } from './outcome';
import { intFromBig } from './pyarith';
import { hashKey, iterate, newDict, newList, sequenceIndex, sliceRange, truthy } from './pyops';
import { callType, exceptionClass, isPythonType } from './pytypes';
import { baseOf, indexView } from './views';

/**
 * Evaluates expressions: Python's values and operators, NumPy's arrays,
 * names through Python's scopes (a call's frame, the enclosing frames, the
 * file's globals, the built-ins). Statements, function bodies and their
 * control flow are the subclass's (./interpreter.ts).
 */
export abstract class ExpressionEvaluator {
  /** The last value of each call in the statement, by call node (a loop runs a call many times). */
  private readonly callValues = new Map<object, CallRecord>();

  /** The calls inside the running top-level statement, in source order, with their last values. */
  get calls(): CallRecord[] {
    return [...this.callValues.values()].sort((a, b) => a.range.start - b.range.start);
  }

  protected clearCalls(): void {
    this.callValues.clear();
  }
  /** The range of the top-level statement being run. */
  protected statementRange: Range = { start: 0, end: 0 };
  protected readonly context: CallContext;

  constructor(
    protected readonly state: GlobalState,
    protected readonly text: string,
  ) {
    this.context = {
      rng: () => this.state.rng(),
      callValue: (fn, args, keywords) => this.callValue(fn, args, keywords ?? new Map(), undefined),
      write: (text) => this.write(text),
      printOptions: () => this.state.printOptions(),
      setPrintOptions: (options) => this.state.setPrintOptions(options),
      floatErrors: () => this.state.floatErrors(),
      setFloatErrors: (settings) => this.state.setFloatErrors(settings),
    };
  }

  /** Runs a user function's body (the subclass runs statements). */
  protected abstract callFunction(
    fn: FunctionValue,
    positional: readonly Value[],
    keywords: ReadonlyMap<string, Value>,
    at: Range | undefined,
  ): Value;

  /** Appends to the statement's printed output. */
  protected abstract write(text: string): void;

  /**
   * The call and `@` nodes of the running statement's own text (lambdas written in it
   * included): only those are its calls. A function from another statement may be a
   * carried-over node whose ranges are the earlier text's, which a range test would
   * mistake for this statement's.
   */
  protected ownNodes: ReadonlySet<Expr | SliceExpr> = new Set();
  /** The call of the built-in now running, for the functions it calls back. */
  private builtinCall: Range | undefined;

  protected inStatement(expr: Expr): boolean {
    return this.ownNodes.has(expr);
  }

  /** Evaluates an expression; errors without a range get this node's. */
  evaluate(expr: Expr, frame: Frame | undefined): Value {
    try {
      return this.evaluateNode(expr, frame);
    } catch (error) {
      if (error instanceof MatError && !error.range) error.range = expr.range;
      throw error;
    }
  }

  private evaluateNode(expr: Expr, frame: Frame | undefined): Value {
    switch (expr.kind) {
      case 'number':
        if (expr.imaginary) return pyComplex(0, expr.value);
        if (expr.big !== undefined) return intFromBig(BigInt(expr.big));
        return expr.isInt ? pyInt(expr.value) : pyFloat(expr.value);
      case 'bool':
        return pyBool(expr.value);
      case 'none':
        return NONE;
      case 'ellipsis':
        return { kind: 'ellipsis' };
      case 'string':
        return { kind: 'string', value: expr.value };
      case 'fstring':
        return { kind: 'string', value: this.fstring(expr, frame) };
      case 'name':
        return this.lookup(expr.name, expr.range, frame);
      case 'list':
        return newList(this.items(expr.items, frame));
      case 'tuple': {
        const items = this.items(expr.items, frame);
        return { kind: 'tuple', items };
      }
      case 'set': {
        const items = this.items(expr.items, frame);
        const keys = items.map(hashKey);
        const slots =
          items.length >= 3 && expr.items.every(isConstant) ? constantSetLayout(items) : undefined;
        const layout = slots?.map((k) => (k === undefined ? undefined : keys[k]));
        const set = own<SetValue>({ kind: 'set', entries: new Map<string, Value>(), layout });
        for (const [k, item] of items.entries()) set.entries.set(keys[k], item);
        return set;
      }
      case 'dict': {
        const dict = newDict();
        for (const entry of expr.entries) {
          if (entry.key === undefined) {
            const other = this.evaluate(entry.value, frame);
            if (other instanceof NDArray || other.kind !== 'dict') {
              throw new MatError(
                `'${typeName(other)}' object is not a mapping`,
                'TypeError',
                entry.value.range,
              );
            }
            for (const [hash, item] of other.entries) dict.entries.set(hash, item);
            continue;
          }
          const key = this.evaluate(entry.key, frame);
          const value = this.evaluate(entry.value, frame);
          const hash = hashKey(key);
          const existing = dict.entries.get(hash);
          dict.entries.set(hash, { key: existing?.key ?? key, value });
        }
        return dict;
      }
      case 'starred':
        throw new MatError("can't use starred expression here", 'SyntaxError', expr.range);
      case 'comprehension':
        return this.comprehension(expr, frame);
      case 'unary': {
        const operand = this.evaluate(expr.operand, frame);
        if (expr.op === 'not') return pyBool(!truthy(operand));
        return unaryOp(expr.op, operand);
      }
      case 'binary': {
        const left = this.evaluate(expr.left, frame);
        const right = this.evaluate(expr.right, frame);
        try {
          const value = binaryOp(expr.op, left, right);
          if (expr.op === '@' && this.inStatement(expr)) {
            this.callValues.set(expr, { range: expr.range, callee: '@', value });
          }
          return value;
        } catch (error) {
          if (error instanceof MatError && !error.range) error.range = expr.range;
          throw error;
        }
      }
      case 'compare': {
        let left = this.evaluate(expr.first, frame);
        let result: Value = pyBool(true);
        for (const link of expr.rest) {
          const right = this.evaluate(link.right, frame);
          result = compare(link.op, left, right);
          if (!truthy(result)) return result;
          left = right;
        }
        return result;
      }
      case 'boolop': {
        let value: Value = NONE;
        for (const operand of expr.values) {
          value = this.evaluate(operand, frame);
          if (truthy(value) === (expr.op === 'or')) return value;
        }
        return value;
      }
      case 'ifexp':
        return truthy(this.evaluate(expr.test, frame))
          ? this.evaluate(expr.body, frame)
          : this.evaluate(expr.orelse, frame);
      case 'attribute':
        return this.attribute(this.evaluate(expr.object, frame), expr.name, expr.nameRange);
      case 'call':
        return this.call(expr, frame);
      case 'index':
        return this.index(this.evaluate(expr.object, frame), expr, frame);
      case 'lambda':
        return {
          kind: 'function',
          name: '<lambda>',
          params: expr.params,
          body: [{ kind: 'return', value: expr.body, range: expr.body.range }],
          closure: frame,
          defaults: this.evaluateDefaults(expr.params, frame),
          node: expr,
          qualname: frame ? frame.qualify('<lambda>') : '<lambda>',
        };
    }
  }

  protected evaluateDefaults(params: FunctionValue['params'], frame: Frame | undefined): Map<string, Value> {
    const defaults = new Map<string, Value>();
    for (const param of params) {
      if (param.defaultValue) defaults.set(param.name, this.evaluate(param.defaultValue, frame));
    }
    return defaults;
  }

  /** Items of a list, tuple or set display, `*spread` ones expanded. */
  private items(exprs: readonly Expr[], frame: Frame | undefined): Value[] {
    const out: Value[] = [];
    for (const item of exprs) {
      if (item.kind === 'starred') {
        const next = iterate(this.evaluate(item.value, frame));
        for (let v = next(); v !== undefined; v = next()) out.push(v);
      } else out.push(this.evaluate(item, frame));
    }
    return out;
  }

  private fstring(expr: FStringExpr, frame: Frame | undefined): string {
    let out = '';
    for (const part of expr.parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      let value = this.evaluate(part.expr, frame);
      if (part.debugText !== undefined) out += part.debugText;
      const conversion = part.conversion ?? (part.debugText !== undefined && !part.spec ? 'r' : undefined);
      if (conversion) value = convertField(value, conversion);
      const spec = part.spec ? this.fstring(part.spec, frame) : '';
      try {
        out += formatWithSpec(value, spec);
      } catch (error) {
        if (error instanceof MatError && !error.range) error.range = part.range;
        throw error;
      }
    }
    reserve(out.length >> 3);
    return out;
  }

  private comprehension(expr: ComprehensionExpr, outer: Frame | undefined): Value {
    const scope = comprehensionScope(
      expr,
      expr.clauses.map((c) => c.target),
    );
    const kind = COMPREHENSION_NAMES[expr.type];
    const frame = new Frame(scope, outer, kind, outer ? outer.qualify(kind) : kind);
    const results: Value[] = [];
    const dict = expr.type === 'dict' ? newDict() : undefined;
    const loop = (level: number): void => {
      if (level === expr.clauses.length) {
        if (dict && expr.key) {
          const key = this.evaluate(expr.key, frame);
          dict.entries.set(hashKey(key), { key, value: this.evaluate(expr.element, frame) });
        } else results.push(this.evaluate(expr.element, frame));
        reserve(1);
        return;
      }
      const clause = expr.clauses[level];
      // The first iterable is evaluated in the enclosing scope, as Python does.
      const iterable = this.evaluate(clause.iter, level === 0 ? outer : frame);
      const next = iterate(iterable);
      for (let item = next(); item !== undefined; item = next()) {
        checkDeadline();
        this.assignTarget(clause.target, item, frame);
        if (clause.ifs.every((cond) => truthy(this.evaluate(cond, frame)))) loop(level + 1);
      }
    };
    loop(0);
    if (dict) return dict;
    if (expr.type === 'list') return newList(results);
    if (expr.type === 'set') {
      const set = own({ kind: 'set' as const, entries: new Map<string, Value>() });
      for (const item of results) set.entries.set(hashKey(item), item);
      return set;
    }
    let i = 0;
    return {
      kind: 'iterator',
      typeName: 'generator',
      next: () => (i < results.length ? results[i++] : undefined),
    };
  }

  /** Binds a loop or comprehension target (the subclass binds assignment targets the same way). */
  protected abstract assignTarget(
    target: ComprehensionExpr['clauses'][number]['target'],
    value: Value,
    frame: Frame | undefined,
  ): void;

  /** Reads a name: the call's locals, the enclosing functions', the globals, then the built-ins. */
  lookup(name: string, range: Range, frame: Frame | undefined): Value {
    if (frame) {
      if (frame.scope.locals.has(name)) {
        const value = frame.vars.get(name);
        if (value !== undefined) return value;
        if (!isComprehension(frame)) {
          throw new MatError(
            `cannot access local variable '${quoted(name)}' where it is not associated with a value`,
            'UnboundLocalError',
            range,
          );
        }
      }
      if (!frame.scope.globals.has(name)) {
        for (let outer = frame.parent; outer; outer = outer.parent) {
          if (outer.scope.locals.has(name)) {
            const value = outer.vars.get(name);
            if (value !== undefined) return value;
            if (isComprehension(outer)) continue;
            throw new MatError(
              `cannot access free variable '${quoted(name)}' where it is not associated with a value in enclosing scope`,
              'NameError',
              range,
            );
          }
        }
      }
    }
    const global = this.state.get(name);
    if (global !== undefined) return global;
    const builtin = bareBuiltin(name);
    if (builtin !== undefined) return builtin;
    const exception = exceptionClass(name);
    if (exception) return exception;
    const refusal = REFUSED_NAMES.get(name);
    if (refusal)
      throw new MatError(`${name}() is not available in .mat files: ${refusal}`, 'NameError', range);
    // Python's message; its "Did you mean" belongs to the traceback, not to the exception.
    const error = new MatError(`name '${quoted(name)}' is not defined`, 'NameError', range);
    const hint = closestName(name, [
      ...bareBuiltinNames(),
      ...this.state.names(),
      ...(frame ? frame.vars.keys() : []),
    ]);
    if (hint) error.note = `. Did you mean: '${hint}'?`;
    throw error;
  }

  /** `str.lower(s)`: the method of the instance given first, which must be of that class. */
  private callUnbound(
    qualified: string,
    positional: readonly Value[],
    keywords: ReadonlyMap<string, Value>,
  ): Value {
    const [cls, name] = qualified.slice(UNBOUND_METHOD.length).split('.');
    const [self, ...rest] = positional;
    if (self === undefined) {
      throw new MatError(`unbound method ${cls}.${name}() needs an argument`, 'TypeError');
    }
    if (typeName(self) !== cls) {
      throw new MatError(
        `descriptor '${name}' for '${cls}' objects doesn't apply to a '${typeName(self)}' object`,
        'TypeError',
      );
    }
    return callPythonMethod(self, name, rest, keywords, this.context);
  }

  protected attribute(object: Value, name: string, nameRange: Range): Value {
    let found: Value | undefined;
    if (object instanceof NDArray) {
      if (object.python) found = pythonScalarAttribute(object, name);
      else if (name === 'base') found = baseOf(object) ?? NONE;
      else found = arrayAttribute(object, name);
    } else if (object.kind === 'module') {
      if (FILE_FUNCTIONS.has(name)) {
        throw new MatError(
          `${object.name === 'numpy' ? 'np' : object.name}.${name} is not available in .mat files: a .mat file cannot read or write files`,
          'AttributeError',
          nameRange,
        );
      }
      found = object.name === 'math' ? mathMember(name) : moduleMember(object.name as ModuleName, name);
      if (found === undefined) {
        throw new MatError(
          `module '${object.name}' has no attribute '${quoted(name)}'`,
          'AttributeError',
          nameRange,
        );
      }
    } else if (object.kind === 'function' && (name === '__name__' || name === '__doc__')) {
      found = name === '__name__' ? { kind: 'string', value: object.name } : docstring(object);
    } else if (name === '__name__' && (object.kind === 'builtin' || object.kind === 'dtype')) {
      found = { kind: 'string', value: className(object) };
    } else if (
      (object.kind === 'builtin' || (object.kind === 'dtype' && !isDTypeInstance(object))) &&
      classWithMethod(className(object), name)
    ) {
      // A method looked up on its class (`str.lower`): called with the instance first.
      found = { kind: 'builtin', name: `${UNBOUND_METHOD}${className(object)}.${name}` };
    } else if (object.kind === 'record') {
      // Fields first, then the properties and methods of its class (`p.roots`, `p.deriv`).
      found = object.fields.get(name) ?? object.pythonClass?.attribute?.(object, name);
      if (found === undefined && hasPythonMethod(object, name))
        found = { kind: 'bound-method', self: object, name };
    } else if (object.kind === 'tuple' && object.named?.fields.includes(name)) {
      found = object.items[object.named.fields.indexOf(name)];
    } else if (object.kind === 'dtype' && isDTypeInstance(object)) found = dtypeAttribute(object.dtype, name);
    else if (object.kind === 'exception' && name === 'args') {
      found = { kind: 'tuple', items: object.message ? [{ kind: 'string', value: object.message }] : [] };
    } else if (hasPythonMethod(object, name)) found = { kind: 'bound-method', self: object, name };
    if (found === undefined) {
      if (INTROSPECTION.has(name)) {
        throw new MatError(
          `'${quoted(name)}': Python's introspection is not available in .mat files`,
          'AttributeError',
          nameRange,
        );
      }
      throw new MatError(
        `'${typeName(object)}' object has no attribute '${quoted(name)}'`,
        'AttributeError',
        nameRange,
      );
    }
    return found;
  }

  private call(expr: CallExpr, frame: Frame | undefined): Value {
    checkDeadline();
    const callee = this.evaluate(expr.callee, frame);
    const positional: Value[] = [];
    const keywords = new Map<string, Value>();
    for (const arg of expr.args) this.evaluateArgument(arg, positional, keywords, frame);
    let value: Value;
    try {
      value = this.callValue(callee, positional, keywords, expr);
    } catch (error) {
      if (error instanceof MatError && !error.range) error.range = expr.range;
      throw error;
    }
    if (
      !(callee instanceof NDArray) &&
      (callee.kind === 'builtin' || callee.kind === 'method' || callee.kind === 'function') &&
      this.inStatement(expr)
    ) {
      this.callValues.set(expr, { range: expr.range, callee: calleeText(this.text, expr), value });
    }
    return value;
  }

  private evaluateArgument(
    arg: Argument,
    positional: Value[],
    keywords: Map<string, Value>,
    frame: Frame | undefined,
  ): void {
    const value = this.evaluate(arg.value, frame);
    if (arg.star === '*') {
      const next = iterate(value);
      for (let v = next(); v !== undefined; v = next()) positional.push(v);
    } else if (arg.star === '**') {
      if (value instanceof NDArray || value.kind !== 'dict') {
        throw new MatError(
          `argument after ** must be a mapping, not ${typeName(value)}`,
          'TypeError',
          arg.range,
        );
      }
      for (const entry of value.entries.values()) {
        if (entry.key instanceof NDArray || entry.key.kind !== 'string') {
          throw new MatError('keywords must be strings', 'TypeError', arg.range);
        }
        keywords.set(entry.key.value, entry.value);
      }
    } else if (arg.name === undefined) positional.push(value);
    else if (keywords.has(arg.name)) {
      throw new MatError(`keyword argument repeated: ${arg.name}`, 'SyntaxError', arg.nameRange);
    } else keywords.set(arg.name, value);
  }

  /** Calls any callable value with Python's argument binding. */
  callValue(
    callee: Value,
    positional: readonly Value[],
    keywords: ReadonlyMap<string, Value>,
    expr: CallExpr | undefined,
  ): Value {
    if (callee instanceof NDArray) {
      throw new MatError(`'${typeName(callee)}' object is not callable`, 'TypeError', expr?.callee.range);
    }
    switch (callee.kind) {
      case 'builtin': {
        if (callee.name.startsWith(UNBOUND_METHOD))
          return this.callUnbound(callee.name, positional, keywords);
        const spec = builtinSpec(callee.name) as BuiltinSpec | undefined;
        if (!spec && abstractClassName(callee) !== undefined) {
          throw new MatError(`cannot create '${callee.name.slice('class:'.length)}' instances`, 'TypeError');
        }
        if (!spec)
          throw new MatError(
            `'${callee.name}' cannot be called in .mat files`,
            'TypeError',
            expr?.callee.range,
          );
        // A user function the built-in calls back (np.pad's, sorted's key) raises with this call as its context.
        const outer = this.builtinCall;
        this.builtinCall = expr?.range ?? outer;
        try {
          if (callee.name.startsWith(PYTHON_PREFIX))
            return settled(spec.call(bindArguments(spec, positional, keywords), this.context));
          return settled(callNumpyBuiltin(spec, positional, keywords, this.context));
        } finally {
          this.builtinCall = outer;
        }
      }
      case 'method': {
        const method = ARRAY_METHODS.get(callee.name);
        if (!method) throw new Error(`internal: no method '${callee.name}'`);
        return settled(method(callee.self, positional, keywords, this.context));
      }
      case 'bound-method':
        return callPythonMethod(callee.self, callee.name, positional, keywords, this.context);
      case 'function':
        return this.callFunction(callee, positional, keywords, expr?.range ?? this.builtinCall);
      case 'dtype':
      case 'exception':
        return callType(callee, positional, keywords, this.context);
      case 'record':
        if (callee.pythonClass?.call) return callee.pythonClass.call(callee, positional, keywords);
        throw new MatError(`'${typeName(callee)}' object is not callable`, 'TypeError', expr?.callee.range);
      default:
        if (isPythonType(callee)) return callType(callee, positional, keywords, this.context);
        throw new MatError(`'${typeName(callee)}' object is not callable`, 'TypeError', expr?.callee.range);
    }
  }

  protected index(object: Value, expr: IndexExpr, frame: Frame | undefined): Value {
    if (object instanceof NDArray && !object.python) {
      if (object.ndim === 0 && !object.zeroDim)
        throw new MatError('invalid index to scalar variable.', 'IndexError', expr.range);
      const specs = this.indexSpecs(expr, frame);
      if (object.ndim === 0) return zeroDimIndex(object, specs, expr);
      return indexView(object, specs) ?? getIndex(object, specs);
    }
    const key = this.subscript(expr, frame);
    return getItem(object, key, expr);
  }

  /** NumPy's index specs of `a[...]`; lists, tuples and ranges inside are index arrays. */
  protected indexSpecs(expr: IndexExpr, frame: Frame | undefined) {
    return indexSpecs(expr, (e) => {
      const value = this.evaluate(e, frame);
      if (!(value instanceof NDArray) && (value.kind === 'list' || value.kind === 'range')) {
        // A tuple is left to indexSpecs: as the whole key it indexes one axis per item.
        return toArray(value, 'index');
      }
      return value;
    });
  }

  /** The key of a Python subscript: one value, a slice, or a tuple of them. */
  protected subscript(expr: IndexExpr, frame: Frame | undefined): Value {
    const one = (item: IndexExpr['indices'][number]): Value =>
      item.kind === 'slice'
        ? {
            kind: 'slice',
            start: item.start ? this.evaluate(item.start, frame) : NONE,
            stop: item.stop ? this.evaluate(item.stop, frame) : NONE,
            step: item.step ? this.evaluate(item.step, frame) : NONE,
          }
        : this.evaluate(item, frame);
    if (expr.indices.length === 1 && !expr.trailingComma) return one(expr.indices[0]);
    return { kind: 'tuple', items: expr.indices.map(one) };
  }
}

/**
 * Python's introspection, the way out of a sandbox (`().__class__.__bases__[0].__subclasses__()`):
 * refused with a message that says so, where Python would give an object.
 */
const INTROSPECTION: ReadonlySet<string> = new Set([
  '__class__',
  '__bases__',
  '__base__',
  '__mro__',
  '__subclasses__',
  '__dict__',
  '__globals__',
  '__builtins__',
  '__code__',
  '__closure__',
  '__func__',
  '__self__',
  '__module__',
  '__defaults__',
  '__kwdefaults__',
  '__init__',
  '__new__',
  '__call__',
  '__getattribute__',
  '__getattr__',
  '__setattr__',
  '__delattr__',
  '__reduce__',
  '__reduce_ex__',
  '__import__',
  '__loader__',
  '__spec__',
]);

/** Python's built-ins that reach outside the file or into the interpreter: refused, saying why. */
const REFUSED_NAMES: ReadonlyMap<string, string> = new Map([
  ['open', 'a .mat file cannot read or write files'],
  ['input', 'a .mat file runs without a console to read from'],
  ['eval', 'a .mat file runs only its own statements'],
  ['exec', 'a .mat file runs only its own statements'],
  ['compile', 'a .mat file runs only its own statements'],
  ['__import__', 'only `import numpy` and `import math` statements import'],
  ['globals', "Python's introspection is not available"],
  ['locals', "Python's introspection is not available"],
  ['vars', "Python's introspection is not available"],
  ['dir', "Python's introspection is not available"],
  ['getattr', "Python's introspection is not available; write obj.name"],
  ['setattr', "Python's introspection is not available"],
  ['delattr', "Python's introspection is not available"],
  ['hasattr', "Python's introspection is not available"],
  ['breakpoint', 'there is no debugger in .mat files'],
  ['exit', 'a .mat file runs to its end'],
  ['quit', 'a .mat file runs to its end'],
]);

/** NumPy's functions that read or write files. */
const FILE_FUNCTIONS: ReadonlySet<string> = new Set([
  'load',
  'save',
  'savez',
  'savez_compressed',
  'loadtxt',
  'savetxt',
  'genfromtxt',
  'fromfile',
  'tofile',
  'memmap',
  'fromregex',
]);

/** Python 3.11 runs a comprehension as a function of this name. */
const COMPREHENSION_NAMES = {
  list: '<listcomp>',
  set: '<setcomp>',
  dict: '<dictcomp>',
  generator: '<genexpr>',
} as const;

function isComprehension(frame: Frame): boolean {
  return frame.name.startsWith('<') && frame.name !== '<lambda>';
}

/** `obj[key]` of a list, tuple, string, dict or range. */
export function getItem(object: Value, key: Value, expr: IndexExpr): Value {
  if (object instanceof NDArray) {
    throw new MatError(`'${typeName(object)}' object is not subscriptable`, 'TypeError', expr.object.range);
  }
  switch (object.kind) {
    case 'list':
    case 'tuple':
    case 'string': {
      const length = object.kind === 'string' ? object.value.length : object.items.length;
      if (!(key instanceof NDArray) && key.kind === 'slice') {
        const picked = sliceRange(sliceBound(key.start), sliceBound(key.stop), sliceBound(key.step), length);
        if (object.kind === 'string')
          return { kind: 'string', value: picked.map((i) => object.value[i]).join('') };
        const items = picked.map((i) => object.items[i]);
        return object.kind === 'list' ? newList(items) : { kind: 'tuple', items };
      }
      const i = sequenceIndex(key, length, object.kind === 'string' ? 'string' : object.kind);
      return object.kind === 'string' ? { kind: 'string', value: object.value[i] } : object.items[i];
    }
    case 'dict': {
      const entry = object.entries.get(hashKey(key));
      if (!entry) throw new MatError(reprKey(key), 'KeyError', expr.range);
      return entry.value;
    }
    case 'range': {
      const n = Math.max(0, Math.ceil((object.stop - object.start) / object.step));
      const i = sequenceIndex(key, n, 'range object');
      return pyInt(object.start + i * object.step);
    }
    case 'builtin':
      if (object.name.startsWith(INDEX_TRICK)) return indexTrick(object.name, key);
      // `list[int]`-style generics are type hints: nothing to compute.
      return object;
    case 'dtype':
      return object;
    case 'record':
      if (object.pythonClass?.getItem) return object.pythonClass.getItem(object, key);
      throw new MatError(`'${typeName(object)}' object is not subscriptable`, 'TypeError', expr.object.range);
    default:
      throw new MatError(`'${typeName(object)}' object is not subscriptable`, 'TypeError', expr.object.range);
  }
}

/** What KeyError prints: the key's repr. */
export function reprKey(key: Value): string {
  if (!(key instanceof NDArray) && key.kind === 'string') return `'${key.value}'`;
  return key instanceof NDArray && key.python ? String(key.big ?? key.data[0]) : typeName(key);
}

/** A slice bound: None or an int. */
export function sliceBound(value: Value): number | null {
  if (!(value instanceof NDArray) && value.kind === 'none') return null;
  if (value instanceof NDArray && value.ndim === 0 && value.dtype !== 'float64') return value.data[0];
  throw new MatError('slice indices must be integers or None or have an __index__ method', 'TypeError');
}

/** A function's docstring: its body's first statement when that is a string. */
function docstring(fn: FunctionValue): Value {
  const first = fn.body[0];
  if (first?.kind === 'expr' && first.expr.kind === 'string')
    return { kind: 'string', value: first.expr.value };
  return NONE;
}

function pythonScalarAttribute(value: NDArray, name: string): Value | undefined {
  switch (name) {
    case 'real':
      return value.im ? pyFloat(value.data[0]) : value;
    case 'imag':
      return value.im ? pyFloat(value.imag[0]) : value.dtype === 'float64' ? pyFloat(0) : pyInt(0);
    default:
      return hasPythonMethod(value, name) ? { kind: 'bound-method', self: value, name } : undefined;
  }
}

/** `a[()]` of a 0-d ndarray is its scalar, `a[...]` itself; anything else indexes an axis it lacks. */
function zeroDimIndex(a: NDArray, specs: readonly IndexSpec[], expr: IndexExpr): NDArray {
  if (specs.length === 0) {
    const scalar = a.copy();
    scalar.zeroDim = false;
    return scalar;
  }
  if (specs.every((spec) => spec.kind === 'ellipsis')) return a;
  const count = specs.filter((spec) => spec.kind !== 'ellipsis' && spec.kind !== 'newaxis').length;
  throw new MatError(
    `too many indices for array: array is 0-dimensional, but ${count} were indexed`,
    'IndexError',
    expr.range,
  );
}

function calleeText(text: string, expr: CallExpr): string {
  return text.slice(expr.callee.range.start, expr.callee.range.end);
}

export { isPythonScalar };

/** What CPython folds into a constant at compile time: literals, and operators and tuples of them. */
function isConstant(expr: Expr): boolean {
  switch (expr.kind) {
    case 'number':
    case 'string':
    case 'bool':
    case 'none':
    case 'ellipsis':
      return true;
    case 'unary':
      return expr.op !== 'not' && isConstant(expr.operand);
    case 'binary':
      return isConstant(expr.left) && isConstant(expr.right);
    case 'tuple':
      return expr.items.every(isConstant);
    default:
      return false;
  }
}

/** `__name__` of a class or built-in function: `float`, `float64`, `ndarray`, `NoneType`, `len`. */
function className(value: Extract<Value, { kind: 'builtin' | 'dtype' }>): string {
  const full = value.kind === 'dtype' ? (isDTypeInstance(value) ? value.dtype : value.label) : value.name;
  // `class:numpy.linalg._linalg.QRResult` and `builtins.str` are named by their last part.
  return full.slice(Math.max(full.lastIndexOf(':'), full.lastIndexOf('.')) + 1);
}

/** The name prefix of a method looked up on its class: `method:str.lower`. */
export const UNBOUND_METHOD = 'method:';
