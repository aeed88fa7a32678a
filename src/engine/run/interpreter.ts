import type { Block, Expr, LambdaExpr, Range, SliceExpr, Statement, Target } from '../ast';
import { toArrayAs } from '../builtins/convert';
import { castPythonNumber, DTYPES, isFloatDType, isIntegerDType } from '../dtypes';
import { MatError } from '../errors';
import { checkDeadline, loopMark, loopRestore } from '../limits';
import { NDArray } from '../ndarray';
import { astype, setIndex } from '../ops';
import { type FloatErrorHandling, withProgramFloatErrors } from '../ops/floatErrors';
import { exprChildren, statementExprs } from '../parser/walk';
import { quoted } from '../suggest';
import { type FunctionValue, NONE, pyInt, typeName, type Value } from '../values';
import { bindParameters } from './arguments';
import { ExpressionEvaluator, getItem, sliceBound } from './expressions';
import { Frame, scopeOf } from './frame';
import { executing, isMutable, noteWrite, watch } from './heap';
import { inPlace } from './inplace';
import { binaryOp } from './operators';
import { errorOutcome, type InnerResult, isStackOverflow, type Outcome } from './outcome';
import { hashKey, iterate, sequenceIndex, sliceRange, toItems, truthy } from './pyops';
import { checkWritable, wrote } from './views';

/** What a statement did to the flow of its block. */
const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;
type Flow = typeof NORMAL | typeof BREAK | typeof CONTINUE | typeof RETURN;

/** Python's default recursion limit. */
export const MAX_RECURSION = 1000;
/** Most characters one statement may print; the rest is cut with a note. */
export const MAX_OUTPUT = 1_000_000;
/** Points kept per statement for the hover's sparkline. */
const SPARK_POINTS = 64;

/**
 * Runs statements: Python's control flow, function calls with their
 * frames, assignment to every kind of target, and the record of what each
 * statement inside a block did (its last value and how often it ran).
 * One instance per top-level statement run.
 */
export class Interpreter extends ExpressionEvaluator {
  /** Statements inside blocks that ran, in the order they first ran. */
  readonly inner = new Map<Statement, InnerResult>();
  private output = '';
  private outputCut = false;
  private depth = 0;
  private returnValue: Value = NONE;

  /** Runs one top-level statement; a user's mistake becomes an error outcome, never an exception. */
  run(statement: Statement): Outcome {
    this.clearCalls();
    this.statementRange = statement.range;
    this.ownNodes = callNodes(statement);
    try {
      const value = withProgramFloatErrors(this.floatErrorHandling, () => this.topLevel(statement));
      if (this.output !== '' && (value === undefined || isNone(value))) {
        return {
          kind: 'value',
          value: { kind: 'printed', text: this.output.replace(/\n$/, ''), values: [] },
        };
      }
      return value === undefined ? { kind: 'empty' } : { kind: 'value', value };
    } catch (error) {
      return errorOutcome(error, statement.range);
    }
  }

  /** What the kernels see of the program's `np.seterr` settings ('call' calls its handler). */
  private readonly floatErrorHandling: FloatErrorHandling = {
    settings: () => this.state.floatErrors(),
    call: (handler, error, flag) => {
      this.callValue(handler, [{ kind: 'string', value: error }, pyInt(flag)], new Map(), undefined);
    },
  };

  /** What the statement printed, exactly. */
  get printed(): string {
    return this.output;
  }

  private topLevel(statement: Statement): Value | undefined {
    switch (statement.kind) {
      case 'expr':
        return this.evaluate(statement.expr, undefined);
      case 'assign':
      case 'augassign':
        return this.simple(statement, undefined);
      default: {
        const flow = this.exec(statement, undefined);
        if (flow !== NORMAL) throw new Error('internal: control flow escaped a top-level statement');
        return undefined;
      }
    }
  }

  protected write(text: string): void {
    if (this.outputCut) return;
    if (this.output.length + text.length > MAX_OUTPUT) {
      this.output += `${text.slice(0, MAX_OUTPUT - this.output.length)}\n… output cut at ${MAX_OUTPUT.toLocaleString('en-US')} characters\n`;
      this.outputCut = true;
      return;
    }
    this.output += text;
  }

  private execBlock(block: Block, frame: Frame | undefined): Flow {
    for (const statement of block) {
      let flow: Flow;
      try {
        flow = this.execInner(statement, frame);
      } catch (error) {
        if (error instanceof MatError) {
          if (!error.recorded) {
            // The innermost statement: where the error is shown.
            error.recorded = true;
            if (!error.range || !within(error.range, statement.range)) error.range = statement.range;
          }
          // Every statement the error passed through ended without a value.
          if (isRecorded(statement)) {
            this.record(statement).error = {
              message: error.message,
              pythonType: error.pythonType,
              range: error.range as Range,
            };
          }
        }
        throw error;
      }
      if (flow !== NORMAL) return flow;
    }
    return NORMAL;
  }

  private record(statement: Statement): InnerResult {
    let record = this.inner.get(statement);
    if (!record) {
      record = { statement, range: statement.range, count: 0 };
      this.inner.set(statement, record);
    }
    return record;
  }

  /** A statement inside a block: run it, and record its value. */
  private execInner(statement: Statement, frame: Frame | undefined): Flow {
    if (isRecorded(statement)) this.record(statement).count++;
    executing.statement = statement;
    switch (statement.kind) {
      case 'expr':
      case 'assign':
      case 'augassign': {
        const before = this.output.length;
        const value = this.simple(statement, frame);
        this.noteValue(statement, value);
        if (this.output.length > before) this.record(statement).printed = lastLine(this.output);
        return NORMAL;
      }
      case 'return': {
        const value = statement.value ? this.evaluate(statement.value, frame) : NONE;
        this.noteValue(statement, value);
        this.returnValue = value;
        return RETURN;
      }
      default:
        return this.exec(statement, frame);
    }
  }

  private noteValue(statement: Statement, value: Value): void {
    const record = this.record(statement);
    record.value = value;
    record.error = undefined;
    const print = this.state.peekPrintOptions();
    record.print = Object.keys(print).length > 0 ? print : undefined;
    // Keep the value as it is now if another statement writes into it (the statement itself
    // writing it again, as `w += …` does each iteration, records the new value anyway).
    if (isMutable(value) && !(value instanceof NDArray && value.ndim === 0)) watch(value, record);
    if (value instanceof NDArray && value.ndim === 0) {
      const x = value.data[0];
      if (record.first === undefined) {
        record.first = x;
        record.min = x;
        record.max = x;
        record.samples = [x];
      } else {
        if (x < (record.min as number)) record.min = x;
        if (x > (record.max as number)) record.max = x;
        const samples = record.samples as number[];
        // Keep every k-th value, doubling k when full: an even sample of any run length.
        const stride = 2 ** Math.ceil(Math.log2(Math.max(1, record.count / SPARK_POINTS)));
        if ((record.count - 1) % stride === 0) {
          if (samples.length >= SPARK_POINTS) {
            for (let i = 0; i < samples.length / 2; i++) samples[i] = samples[2 * i];
            samples.length = Math.ceil(samples.length / 2);
          }
          samples.push(x);
        }
      }
    }
  }

  /** An expression statement or (augmented) assignment; returns what it shows. */
  private simple(statement: Statement, frame: Frame | undefined): Value {
    switch (statement.kind) {
      case 'expr':
        return this.evaluate(statement.expr, frame);
      case 'assign': {
        const value = this.evaluate(statement.value, frame);
        for (const target of statement.targets) this.assign(target, value, frame);
        return value;
      }
      case 'augassign':
        return this.augmented(statement.target, statement.op, statement.value, statement.opRange, frame);
      default:
        throw new Error(`internal: ${statement.kind} is not a simple statement`);
    }
  }

  private exec(statement: Statement, frame: Frame | undefined): Flow {
    switch (statement.kind) {
      case 'expr':
      case 'assign':
      case 'augassign':
        this.simple(statement, frame);
        return NORMAL;
      case 'pass':
        return NORMAL;
      case 'if': {
        const branch = truthy(this.evaluate(statement.test, frame)) ? statement.body : statement.orelse;
        return this.execBlock(branch, frame);
      }
      case 'for':
        return this.forLoop(statement, frame);
      case 'while':
        return this.whileLoop(statement, frame);
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'return':
        this.returnValue = statement.value ? this.evaluate(statement.value, frame) : NONE;
        return RETURN;
      case 'def': {
        const fn: FunctionValue = {
          kind: 'function',
          name: statement.name,
          params: statement.params,
          body: statement.body,
          closure: frame,
          defaults: this.evaluateDefaults(statement.params, frame),
          node: statement,
          qualname: frame ? frame.qualify(statement.name) : statement.name,
        };
        this.bindName(statement.name, fn, frame);
        return NORMAL;
      }
      case 'import':
        this.importModule(statement, frame);
        return NORMAL;
      case 'global':
      case 'nonlocal':
        return NORMAL;
      case 'assert':
        if (!truthy(this.evaluate(statement.test, frame))) {
          const message = statement.message ? this.evaluate(statement.message, frame) : undefined;
          throw new MatError(message ? textOf(message) : '', 'AssertionError', statement.range);
        }
        return NORMAL;
      case 'del':
        for (const target of statement.targets) this.deleteTarget(target, frame);
        return NORMAL;
      case 'raise': {
        if (!statement.exception)
          throw new MatError('No active exception to reraise', 'RuntimeError', statement.range);
        const exception = this.evaluate(statement.exception, frame);
        if (exception instanceof NDArray || exception.kind !== 'exception') {
          throw new MatError('exceptions must derive from BaseException', 'TypeError', statement.range);
        }
        throw new MatError(exception.message, exception.pythonType, statement.range);
      }
      case 'with':
        return this.withBlock(statement, frame);
      case 'unsupported':
        throw new MatError(unsupportedMessage(statement.keyword), 'SyntaxError', statement.keywordRange);
      case 'syntax-error':
        throw new MatError(statement.message, statement.pythonType ?? 'SyntaxError', statement.errorRange);
    }
  }

  private forLoop(statement: Extract<Statement, { kind: 'for' }>, frame: Frame | undefined): Flow {
    const next = iterate(this.evaluate(statement.iter, frame));
    const mark = loopMark();
    let iteration = 0;
    try {
      for (let item = next(); item !== undefined; item = next()) {
        iteration++;
        checkDeadline();
        loopRestore(mark);
        this.assign(statement.target, item, frame);
        const flow = this.execBlock(statement.body, frame);
        if (flow === BREAK) return NORMAL;
        if (flow === RETURN) return flow;
      }
    } catch (error) {
      if (error instanceof MatError)
        addContext(error, `iteration ${iteration} of the loop`, statement.range.start);
      throw error;
    }
    return this.execBlock(statement.orelse, frame);
  }

  private whileLoop(statement: Extract<Statement, { kind: 'while' }>, frame: Frame | undefined): Flow {
    const mark = loopMark();
    let iteration = 0;
    try {
      while (truthy(this.evaluate(statement.test, frame))) {
        iteration++;
        checkDeadline();
        loopRestore(mark);
        const flow = this.execBlock(statement.body, frame);
        if (flow === BREAK) return NORMAL;
        if (flow === RETURN) return flow;
      }
    } catch (error) {
      if (error instanceof MatError)
        addContext(error, `iteration ${iteration} of the loop`, statement.range.start);
      throw error;
    }
    return this.execBlock(statement.orelse, frame);
  }

  private withBlock(statement: Extract<Statement, { kind: 'with' }>, frame: Frame | undefined): Flow {
    const exits: (() => void)[] = [];
    try {
      for (const item of statement.items) {
        const manager = this.evaluate(item.context, frame);
        if (!(manager instanceof NDArray) && manager.kind === 'record' && manager.contextManager) {
          const { enter, exit } = manager.contextManager;
          const entered = enter(this.context);
          exits.push(() => exit(this.context));
          if (item.target) this.assign(item.target, entered, frame);
          continue;
        }
        if (manager instanceof NDArray || manager.kind !== 'record' || !manager.fields.has('__exit__')) {
          throw new MatError(
            `'${typeName(manager)}' object does not support the context manager protocol`,
            'TypeError',
            item.context.range,
          );
        }
        const enter = manager.fields.get('__enter__');
        const exit = manager.fields.get('__exit__');
        const entered = enter ? this.callValue(enter, [], new Map(), undefined) : manager;
        if (exit) exits.push(() => this.callValue(exit, [], new Map(), undefined));
        if (item.target) this.assign(item.target, entered, frame);
      }
      return this.execBlock(statement.body, frame);
    } finally {
      for (const exit of exits.reverse()) exit();
    }
  }

  private importModule(statement: Extract<Statement, { kind: 'import' }>, frame: Frame | undefined): void {
    const root = statement.module.split('.')[0];
    const known = ['numpy', 'numpy.linalg', 'numpy.random', 'math'];
    if (!known.includes(statement.module)) {
      throw new MatError(
        `only numpy and math can be imported in .mat files (found '${statement.module}')`,
        'ImportError',
        statement.moduleRange ?? statement.range,
      );
    }
    const module: Value = { kind: 'module', name: statement.module };
    if (!statement.names) {
      if (statement.alias) this.bindName(statement.alias, module, frame);
      else this.bindName(root, { kind: 'module', name: root }, frame);
      return;
    }
    for (const imported of statement.names) {
      if (imported.name === '*') {
        throw new MatError(
          "'from module import *' is not supported: import names one by one",
          'ImportError',
          imported.range,
        );
      }
      const value = this.attributeOfModule(module, imported.name, imported.range);
      this.bindName(imported.alias ?? imported.name, value, frame);
    }
  }

  private attributeOfModule(module: Value, name: string, range: Range): Value {
    try {
      return this.attribute(module, name, range);
    } catch (error) {
      if (error instanceof MatError && error.pythonType === 'AttributeError') {
        throw new MatError(
          `cannot import name '${quoted(name)}' from '${(module as { name: string }).name}'`,
          'ImportError',
          range,
        );
      }
      throw error;
    }
  }

  protected callFunction(
    fn: FunctionValue,
    positional: readonly Value[],
    keywords: ReadonlyMap<string, Value>,
    at: Range | undefined,
  ): Value {
    const scope = scopeOf(fn.node, fn.params, fn.body);
    const frame = new Frame(scope, fn.closure as Frame | undefined, fn.name, fn.qualname);
    bindParameters(fn, frame.vars, positional, keywords);
    if (++this.depth > MAX_RECURSION) {
      this.depth--;
      throw new MatError('maximum recursion depth exceeded', 'RecursionError');
    }
    try {
      // A lambda is one expression: no statements of its own to record.
      if ((fn.node as { kind?: string }).kind === 'lambda') {
        return this.evaluate((fn.node as LambdaExpr).body, frame);
      }
      const flow = this.execBlock(fn.body, frame);
      return flow === RETURN ? this.returnValue : NONE;
    } catch (error) {
      if (isStackOverflow(error)) {
        throw new MatError('maximum recursion depth exceeded', 'RecursionError', at);
      }
      if (error instanceof MatError) {
        if (at) addContext(error, `in ${fn.name}() called`, at.start);
      }
      throw error;
    } finally {
      this.depth--;
    }
  }

  /** Binds a name in the right scope: the call's locals, a `global`, or an enclosing function's. */
  private bindName(name: string, value: Value, frame: Frame | undefined): void {
    if (!frame || frame.scope.globals.has(name)) {
      this.state.set(name, value);
      return;
    }
    if (frame.scope.nonlocals.has(name)) {
      for (let outer = frame.parent; outer; outer = outer.parent) {
        if (outer.scope.locals.has(name)) {
          outer.vars.set(name, value);
          return;
        }
      }
    }
    frame.vars.set(name, value);
  }

  protected assignTarget(target: Target, value: Value, frame: Frame | undefined): void {
    this.assign(target, value, frame);
  }

  /** Binds a value to a target and returns what the statement shows. */
  private assign(target: Target, value: Value, frame: Frame | undefined): Value {
    switch (target.kind) {
      case 'name': {
        this.bindName(target.name, value, frame);
        return value;
      }
      case 'index':
        return this.assignItem(target, value, frame);
      case 'attribute': {
        const object = this.evaluate(target.object, frame);
        // Setting attributes is not supported; Python says so this way for objects without them.
        throw new MatError(
          object instanceof NDArray || object.kind !== 'module'
            ? `'${typeName(object)}' object has no attribute '${target.name}'`
            : `module '${object.name}' has no attribute '${target.name}'`,
          'AttributeError',
          target.nameRange,
        );
      }
      case 'targets':
        this.unpack(target.items, value, frame);
        return value;
      case 'star-target':
        throw new MatError(
          'starred assignment target must be in a list or tuple',
          'SyntaxError',
          target.range,
        );
    }
  }

  private unpack(targets: readonly Target[], value: Value, frame: Frame | undefined): void {
    const items = toItems(value);
    const star = targets.findIndex((t) => t.kind === 'star-target');
    if (star < 0) {
      if (items.length !== targets.length) {
        throw new MatError(
          items.length > targets.length
            ? `too many values to unpack (expected ${targets.length})`
            : `not enough values to unpack (expected ${targets.length}, got ${items.length})`,
          'ValueError',
        );
      }
      for (let i = 0; i < targets.length; i++) this.assign(targets[i], items[i], frame);
      return;
    }
    const after = targets.length - star - 1;
    if (items.length < targets.length - 1) {
      throw new MatError(
        `not enough values to unpack (expected at least ${targets.length - 1}, got ${items.length})`,
        'ValueError',
      );
    }
    for (let i = 0; i < star; i++) this.assign(targets[i], items[i], frame);
    const rest = items.slice(star, items.length - after);
    const starTarget = targets[star] as Extract<Target, { kind: 'star-target' }>;
    this.assign(starTarget.target, { kind: 'list', items: rest }, frame);
    for (let i = 0; i < after; i++)
      this.assign(targets[star + 1 + i], items[items.length - after + i], frame);
  }

  /** `obj[key] = value` for arrays (in place), lists and dicts. */
  private assignItem(
    target: Extract<Target, { kind: 'index' }>,
    value: Value,
    frame: Frame | undefined,
  ): Value {
    const object = this.evaluate(target.object, frame);
    if (object instanceof NDArray && !object.python) {
      if (object.ndim === 0)
        throw new MatError(
          "'numpy scalar' object does not support item assignment",
          'TypeError',
          target.range,
        );
      const specs = this.indexSpecs(target, frame);
      checkWritable(object);
      // Python numbers are range-checked against the array's dtype (uint8_array[0] = 300 is an OverflowError).
      if (value instanceof NDArray && value.ndim === 0 && isIntegerDType(object.dtype)) {
        // A scalar goes through Python's int(): NaN and infinities are refused, and a signed
        // array range-checks it (int8_array[0] = np.int64(300) is an OverflowError; uint8 wraps).
        const signed = DTYPES[object.dtype].kind === 'i';
        castPythonNumber(value.data[0], isFloatDType(value.dtype), signed ? object.dtype : 'int64');
      }
      const source = toArrayAs(value, object.dtype, 'assigned value');
      noteWrite(object);
      if (specs.length === object.ndim && specs.every((s) => s.kind === 'int') && source.size === 1) {
        let offset = 0;
        const strides = object.strides;
        specs.forEach((s, axis) => {
          const n = object.shape[axis];
          let i = (s as { value: number }).value;
          if (i < 0) i += n;
          if (i < 0 || i >= n) {
            throw new MatError(
              `index ${(s as { value: number }).value} is out of bounds for axis ${axis} with size ${n}`,
              'IndexError',
              target.range,
            );
          }
          offset += i * strides[axis];
        });
        object.data[offset] = source.data[0];
        if (object.im) object.imag[offset] = source.im ? source.imag[0] : 0;
        wrote(object);
        return object;
      }
      const updated = setIndex(object, specs, source);
      const cast = updated.dtype === object.dtype ? updated : astype(updated, object.dtype);
      object.data.set(cast.data);
      if (object.im) object.imag.set(cast.imag);
      wrote(object);
      return object;
    }
    if (object instanceof NDArray) {
      throw new MatError(
        `'${typeName(object)}' object does not support item assignment`,
        'TypeError',
        target.range,
      );
    }
    const key = this.subscript(target, frame);
    switch (object.kind) {
      case 'list': {
        noteWrite(object);
        if (!(key instanceof NDArray) && key.kind === 'slice') {
          const picked = sliceRange(
            sliceBound(key.start),
            sliceBound(key.stop),
            sliceBound(key.step),
            object.items.length,
          );
          const items = toItems(value);
          const step = sliceBound(key.step) ?? 1;
          if (step === 1) {
            const start =
              picked.length > 0 ? picked[0] : clampStart(sliceBound(key.start), object.items.length);
            object.items.splice(start, picked.length, ...items);
          } else {
            if (items.length !== picked.length) {
              throw new MatError(
                `attempt to assign sequence of size ${items.length} to extended slice of size ${picked.length}`,
                'ValueError',
              );
            }
            picked.forEach((i, k) => {
              object.items[i] = items[k];
            });
          }
          return object;
        }
        object.items[sequenceIndex(key, object.items.length, 'list assignment')] = value;
        return object;
      }
      case 'dict': {
        noteWrite(object);
        const hash = hashKey(key);
        const existing = object.entries.get(hash);
        object.entries.set(hash, { key: existing?.key ?? key, value });
        return object;
      }
      default:
        throw new MatError(
          `'${typeName(object)}' object does not support item assignment`,
          'TypeError',
          target.range,
        );
    }
  }

  private deleteTarget(target: Target, frame: Frame | undefined): void {
    if (target.kind === 'name') {
      if (frame?.scope.locals.has(target.name)) {
        if (!frame.vars.delete(target.name)) {
          throw new MatError(
            `cannot access local variable '${target.name}' where it is not associated with a value`,
            'UnboundLocalError',
            target.range,
          );
        }
        return;
      }
      if (!this.state.remove(target.name)) {
        throw new MatError(`name '${quoted(target.name)}' is not defined`, 'NameError', target.range);
      }
      return;
    }
    if (target.kind === 'targets') {
      for (const item of target.items) this.deleteTarget(item, frame);
      return;
    }
    if (target.kind === 'index') {
      const object = this.evaluate(target.object, frame);
      const key = this.subscript(target, frame);
      if (!(object instanceof NDArray) && object.kind === 'list') {
        noteWrite(object);
        if (!(key instanceof NDArray) && key.kind === 'slice') {
          const picked = new Set(
            sliceRange(
              sliceBound(key.start),
              sliceBound(key.stop),
              sliceBound(key.step),
              object.items.length,
            ),
          );
          object.items = object.items.filter((_, i) => !picked.has(i));
          return;
        }
        object.items.splice(sequenceIndex(key, object.items.length, 'list assignment'), 1);
        return;
      }
      if (!(object instanceof NDArray) && object.kind === 'dict') {
        noteWrite(object);
        if (!object.entries.delete(hashKey(key))) {
          getItem(object, key, target);
        }
        return;
      }
      throw new MatError(
        `'${typeName(object)}' object doesn't support item deletion`,
        'TypeError',
        target.range,
      );
    }
    throw new MatError('cannot delete this target', 'SyntaxError', target.range);
  }

  /** `target op= value`: arrays and lists change in place; everything else is rebound. */
  private augmented(
    target: Extract<Target, { kind: 'name' | 'index' | 'attribute' }>,
    op: string,
    valueExpr: Expr,
    opRange: Range,
    frame: Frame | undefined,
  ): Value {
    const current =
      target.kind === 'name' ? this.lookup(target.name, target.range, frame) : this.evaluate(target, frame);
    const operand = this.evaluate(valueExpr, frame);
    let result: Value;
    try {
      result = inPlace(op, current, operand) ?? binaryOp(op as never, current, operand);
    } catch (error) {
      if (error instanceof MatError && !error.range) error.range = opRange;
      throw error;
    }
    if (target.kind === 'name') {
      if (result !== current) this.bindName(target.name, result, frame);
      return result;
    }
    if (target.kind === 'index') {
      // `a[i] += x` is `a[i] = a[i] + x`: the sum is cast into the array; the statement shows it read back.
      this.assignItem(target, result, frame);
      return this.evaluate(target, frame);
    }
    return this.assign(target, result, frame);
  }
}

/** Statements whose runs are recorded: those that compute a value. */
function isRecorded(statement: Statement): boolean {
  const kind = statement.kind;
  return (
    kind === 'expr' ||
    kind === 'assign' ||
    kind === 'augassign' ||
    (kind === 'return' && statement.value !== undefined)
  );
}

/** Most places of a traceback kept: deep recursion repeats one call a thousand times. */
const MAX_CONTEXT = 8;

/** Adds where an error passed through; a repeat of the last place is counted, not listed again. */
function addContext(error: MatError, place: string, at: number): void {
  const last = error.context[error.context.length - 1];
  if (last !== undefined && last.place === place && last.at === at) {
    error.context[error.context.length - 1] = { ...last, times: (last.times ?? 1) + 1 };
  } else if (error.context.length < MAX_CONTEXT) error.context.push({ place, at });
  else {
    // Full: the outermost place (where the top-level statement called in) replaces the last
    // kept one, and counts what it hides, so the chain always ends at the statement's own call.
    const hidden = (last.hidden ?? 0) + (last.times ?? 1);
    error.context[error.context.length - 1] = { place, at, hidden };
  }
}

/** The last line of printed text (without its line break). */
function lastLine(text: string): string {
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  return text.slice(text.lastIndexOf('\n', end - 1) + 1, end);
}

function within(inner: Range, outer: Range): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function isNone(value: Value): boolean {
  return !(value instanceof NDArray) && (value.kind === 'none' || value.kind === 'printed');
}

function textOf(value: Value): string {
  if (!(value instanceof NDArray) && value.kind === 'string') return value.value;
  return value instanceof NDArray ? String(value.data[0]) : typeName(value);
}

function clampStart(start: number | null, length: number): number {
  if (start === null) return 0;
  const s = start < 0 ? start + length : start;
  return Math.min(Math.max(s, 0), length);
}

const UNSUPPORTED_MESSAGES: Readonly<Record<string, string>> = {
  class:
    "classes are not supported in .mat files (the language is Python's statements and functions, without 'class')",
  try: "'try' blocks are not supported in .mat files: an error shows on the statement that raised it",
  async: "'async' code is not supported in .mat files",
  '@': 'decorators are not supported in .mat files',
  yield: "generators ('yield') are not supported in .mat files",
  match: "'match' statements are not supported in .mat files",
};

function unsupportedMessage(keyword: string): string {
  return UNSUPPORTED_MESSAGES[keyword] ?? `'${keyword}' statements are not supported in .mat files`;
}

/** The call and `@` expressions written in a statement (its blocks and lambdas included). */
function callNodes(statement: Statement): Set<Expr | SliceExpr> {
  const found = new Set<Expr | SliceExpr>();
  const stack: (Expr | SliceExpr)[] = statementExprs(statement);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'call' || (node.kind === 'binary' && node.op === '@')) found.add(node);
    for (const child of exprChildren(node)) stack.push(child);
  }
  return found;
}
