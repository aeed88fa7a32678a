import { type AssignmentScope, assign, augmentedAssign } from './assignment';
import type {
  Argument,
  BinaryExpr,
  CallExpr,
  Expr,
  IndexExpr,
  ListExpr,
  NameExpr,
  Range,
  Statement,
} from './ast';
import {
  type BuiltinSpec,
  bareBuiltin,
  bareBuiltinNames,
  bindArguments,
  builtinSpec,
  type CallContext,
  type ModuleName,
  moduleMember,
  moduleMemberNames,
} from './builtins';
import { toArray } from './builtins/convert';
import { ARRAY_METHODS, arrayAttribute } from './builtins/methods';
import { MatError } from './errors';
import { floatScalarText } from './format/floating';
import { indexSpecs } from './indexSpec';
import { fitsInt64, INT64_OVERFLOW } from './int64';
import { checkDeadline, reserve } from './limits';
import { matmul } from './linalg';
import { NDArray } from './ndarray';
import { arrayFromItems, astype, binary, getIndex, type ListItem, negative } from './ops';
import type { GlobalState } from './scope';
import {
  bindable,
  bindParameters,
  calleeText,
  checkOperand,
  errorOutcome,
  indexTuple,
  pythonEquality,
  UNSUPPORTED,
} from './semantics';
import { closestName, quoted } from './suggest';
import { type FunctionValue, isArray, NONE, type TupleValue, typeName, type Value } from './values';

/** The value of one call (or `@`) inside a statement: what a CodeLens shows. */
export interface CallRecord {
  /** The call expression's range. */
  readonly range: Range;
  /** The callee as written (`np.dot`, `pinv`, `@`). */
  readonly callee: string;
  readonly value: Value;
}

/** What one statement did. */
export type Outcome =
  | { readonly kind: 'value'; readonly value: Value }
  | { readonly kind: 'empty' }
  | { readonly kind: 'error'; readonly message: string; readonly pythonType: string; readonly range: Range };

/** Local names inside a user function's body. */
type Locals = ReadonlyMap<string, Value> | undefined;

const MAX_CALL_DEPTH = 100;

/**
 * Evaluates statements against a global state. One instance per document
 * evaluation; `calls` holds the intermediate call values of the statement
 * last run.
 */
export class Evaluator implements AssignmentScope {
  calls: CallRecord[] = [];
  private depth = 0;
  /** The range of the statement being run. */
  private statementRange: Range = { start: 0, end: 0 };
  private readonly context: CallContext;

  constructor(
    private readonly state: GlobalState,
    private readonly text: string,
  ) {
    this.context = {
      rng: () => this.state.rng(),
      callValue: (fn, args) => this.callValue(fn, args, new Map(), undefined),
    };
  }

  /** Runs one statement; a user's mistake becomes an error outcome, never an exception. */
  run(statement: Statement): Outcome {
    this.calls = [];
    this.depth = 0;
    this.statementRange = statement.range;
    try {
      return this.execute(statement);
    } catch (error) {
      return errorOutcome(error, statement.range);
    }
  }

  private execute(statement: Statement): Outcome {
    switch (statement.kind) {
      case 'expr':
        return { kind: 'value', value: this.evaluate(statement.expr, undefined) };
      case 'assign': {
        const value = bindable(this.evaluate(statement.value, undefined));
        let shown = value;
        for (const target of statement.targets) shown = assign(target, value, this);
        return { kind: 'value', value: shown };
      }
      case 'augassign':
        return {
          kind: 'value',
          value: augmentedAssign(statement.target, statement.op, statement.value, statement.opRange, this),
        };
      case 'import': {
        const root = statement.module.split('.')[0];
        if (root !== 'numpy') {
          throw new MatError(
            `only numpy can be imported in .mat files (found '${statement.module}')`,
            'ImportError',
          );
        }
        return { kind: 'empty' };
      }
      case 'def': {
        const fn: FunctionValue = {
          kind: 'function',
          name: statement.name,
          params: statement.params,
          body: statement.body,
          closure: undefined,
          defaults: this.evaluateDefaults(statement.params, undefined),
        };
        this.bind(statement.name, fn);
        return { kind: 'empty' };
      }
      case 'unsupported': {
        const message =
          UNSUPPORTED[statement.keyword] ??
          `'${statement.keyword}' statements are not supported in .mat files (v1)`;
        throw new MatError(message, 'UnsupportedError', statement.keywordRange);
      }
      case 'pass':
        return { kind: 'empty' };
      case 'syntax-error':
        throw new MatError(statement.message, 'SyntaxError', statement.errorRange);
    }
  }

  private inStatement(range: Range): boolean {
    return range.start >= this.statementRange.start && range.end <= this.statementRange.end;
  }

  private evaluateDefaults(params: FunctionValue['params'], locals: Locals): Map<string, Value> {
    const defaults = new Map<string, Value>();
    for (const param of params) {
      if (param.defaultValue) defaults.set(param.name, this.evaluate(param.defaultValue, locals));
    }
    return defaults;
  }

  /** Evaluates an expression; errors without a range get this node's. */
  evaluate(expr: Expr, locals: Locals): Value {
    try {
      return this.evaluateNode(expr, locals);
    } catch (error) {
      if (error instanceof MatError && !error.range) error.range = expr.range;
      if (error instanceof RangeError && /call stack/i.test(error.message)) {
        throw new MatError('expression nested too deeply to evaluate', 'RecursionError', expr.range);
      }
      throw error;
    }
  }

  private evaluateNode(expr: Expr, locals: Locals): Value {
    switch (expr.kind) {
      case 'number':
        if (expr.isInt && !fitsInt64(expr.value)) {
          throw new MatError(
            `integer literal too large for int64 (it must be below 2**63); write it as a float, such as ${floatScalarText(expr.value)}`,
            'OverflowError',
            expr.range,
          );
        }
        return NDArray.scalar(expr.value, expr.isInt ? 'int64' : 'float64');
      case 'bool':
        return NDArray.scalar(expr.value ? 1 : 0, 'bool');
      case 'none':
        return NONE;
      case 'string':
        return { kind: 'string', value: expr.value };
      case 'name':
        return this.lookup(expr, locals);
      case 'list':
        return arrayFromItems(this.listItems(expr, locals));
      case 'tuple':
        return { kind: 'tuple', items: expr.items.map((item) => this.evaluate(item, locals)) };
      case 'unary': {
        const operand = this.evaluate(expr.operand, locals);
        const array = toArray(operand, 'operand');
        return expr.op === '-' ? negative(array) : array;
      }
      case 'binary':
        return this.binaryOp(expr, locals);
      case 'attribute':
        return this.attribute(this.evaluate(expr.object, locals), expr.name, expr.nameRange);
      case 'call':
        return this.call(expr, locals);
      case 'index':
        return this.index(this.evaluate(expr.object, locals), expr, locals);
      case 'lambda':
        return {
          kind: 'function',
          name: '<lambda>',
          params: expr.params,
          body: expr.body,
          closure: locals,
          defaults: this.evaluateDefaults(expr.params, locals),
        };
    }
  }

  /** Nested list literals stay nested until the array is built, so a ragged list gets NumPy's exact message. */
  private listItems(expr: ListExpr, locals: Locals): ListItem[] {
    return expr.items.map((item) =>
      item.kind === 'list' ? this.listItems(item, locals) : toArray(this.evaluate(item, locals), 'list item'),
    );
  }

  /** Reads a name: a function's locals, then the globals, then the built-ins. */
  lookup(expr: NameExpr, locals: Locals): Value {
    const local = locals?.get(expr.name);
    if (local !== undefined) return local;
    const global = this.state.get(expr.name);
    if (global !== undefined) return global;
    const builtin = bareBuiltin(expr.name);
    if (builtin !== undefined) return builtin;
    throw new MatError(`name '${quoted(expr.name)}' is not defined`, 'NameError', expr.range);
  }

  /** Binds a global name: a statement's assignment or `def` (assignment lives in ./assignment). */
  bind(name: string, value: Value): void {
    this.state.set(name, value);
  }

  private binaryOp(expr: BinaryExpr, locals: Locals): Value {
    const left = this.evaluate(expr.left, locals);
    const right = this.evaluate(expr.right, locals);
    if (expr.op === '@') {
      const value = matmul(toArray(left, 'left operand'), toArray(right, 'right operand'));
      if (this.inStatement(expr.range)) this.calls.push({ range: expr.range, callee: '@', value });
      return value;
    }
    if (
      !isArray(left) &&
      !isArray(right) &&
      left.kind === 'tuple' &&
      right.kind === 'tuple' &&
      expr.op === '+'
    ) {
      // Doubling a tuple statement after statement must meet the size limit like an array would.
      reserve(left.items.length + right.items.length);
      return { kind: 'tuple', items: left.items.concat(right.items) };
    }
    if (expr.op === '==' || expr.op === '!=') {
      const equal = pythonEquality(left, right);
      if (equal !== undefined) return NDArray.scalar(equal === (expr.op === '==') ? 1 : 0, 'bool');
    }
    checkOperand(left, expr.op);
    checkOperand(right, expr.op);
    return binary(expr.op as Exclude<typeof expr.op, '@'>, toArray(left), toArray(right));
  }

  private attribute(object: Value, name: string, nameRange: Range): Value {
    let found: Value | undefined;
    if (isArray(object)) found = arrayAttribute(object, name);
    else if (object.kind === 'module') {
      found = moduleMember(object.name as ModuleName, name);
      if (found === undefined) {
        const hint = closestName(name, moduleMemberNames(object.name as ModuleName));
        throw new MatError(
          `module '${object.name}' has no attribute '${quoted(name)}'${hint ? `. Did you mean: '${hint}'?` : ''}`,
          'AttributeError',
          nameRange,
        );
      }
    } else if (object.kind === 'record') found = object.fields.get(name);
    else if (object.kind === 'dtype' && name === 'name') found = { kind: 'string', value: object.dtype };
    if (found === undefined) {
      throw new MatError(
        `'${typeName(object)}' object has no attribute '${quoted(name)}'`,
        'AttributeError',
        nameRange,
      );
    }
    return found;
  }

  private call(expr: CallExpr, locals: Locals): Value {
    checkDeadline();
    let callee: Value;
    try {
      callee = this.evaluate(expr.callee, locals);
    } catch (error) {
      // A misspelt function name gets the closest built-in as a hint.
      if (error instanceof MatError && error.pythonType === 'NameError' && expr.callee.kind === 'name') {
        const name = expr.callee.name;
        const hint = closestName(name, [...bareBuiltinNames(), ...this.state.names()]);
        throw new MatError(
          `unknown function '${quoted(name)}'${hint ? ` — did you mean '${hint}'?` : ''}`,
          'NameError',
          expr.callee.range,
        );
      }
      throw error;
    }
    const positional: Value[] = [];
    const keywords = new Map<string, Value>();
    for (const arg of expr.args) this.evaluateArgument(arg, positional, keywords, locals);
    let value: Value;
    try {
      value = this.callValue(callee, positional, keywords, expr);
    } catch (error) {
      // An error inside a user function's body points into the statement that
      // defined it: show it on this statement's call instead, where it happened.
      if (error instanceof MatError && error.range && !this.inStatement(error.range)) {
        if (this.inStatement(expr.range)) error.range = expr.range;
      }
      throw error;
    }
    if (
      !isArray(callee) &&
      (callee.kind === 'builtin' || callee.kind === 'method' || callee.kind === 'function')
    ) {
      // Calls inside a function's body belong to its def, not to this statement.
      if (this.inStatement(expr.range))
        this.calls.push({ range: expr.range, callee: calleeText(this.text, expr), value });
    }
    return value;
  }

  private evaluateArgument(
    arg: Argument,
    positional: Value[],
    keywords: Map<string, Value>,
    locals: Locals,
  ): void {
    let value: Value;
    try {
      value = this.evaluateSequenceArgument(arg.value, locals);
    } catch (error) {
      if (error instanceof MatError && !error.range) error.range = arg.range;
      throw error;
    }
    if (arg.name === undefined) positional.push(value);
    else if (keywords.has(arg.name)) {
      throw new MatError(`keyword argument repeated: ${arg.name}`, 'SyntaxError', arg.nameRange);
    } else keywords.set(arg.name, value);
  }

  /**
   * A list literal passed straight to a function may hold arrays of different
   * shapes (`concatenate([a, b])`): it stays a sequence there, and becomes an
   * array only where the function needs one.
   */
  private evaluateSequenceArgument(expr: Expr, locals: Locals): Value {
    if (expr.kind !== 'list') return this.evaluate(expr, locals);
    const items = expr.items.map((item) => this.evaluate(item, locals));
    try {
      return arrayFromItems(items.map((item) => toArray(item, 'list item')));
    } catch (error) {
      if (error instanceof MatError && items.every(isArray))
        return { kind: 'tuple', items } satisfies TupleValue;
      throw error;
    }
  }

  private callValue(
    callee: Value,
    positional: readonly Value[],
    keywords: ReadonlyMap<string, Value>,
    expr: CallExpr | undefined,
  ): Value {
    if (isArray(callee)) {
      throw new MatError(`'${typeName(callee)}' object is not callable`, 'TypeError', expr?.callee.range);
    }
    switch (callee.kind) {
      case 'builtin': {
        const spec = builtinSpec(callee.name) as BuiltinSpec;
        return spec.call(bindArguments(spec, positional, keywords), this.context);
      }
      case 'method': {
        const method = ARRAY_METHODS.get(callee.name);
        if (!method) throw new Error(`internal: no method '${callee.name}'`);
        return method(callee.self, positional, keywords, this.context);
      }
      case 'function':
        return this.callFunction(callee, positional, keywords);
      case 'dtype': {
        if (positional.length !== 1 || keywords.size > 0) {
          throw new MatError(`${callee.label}() takes exactly one argument`, 'TypeError');
        }
        const array = toArray(positional[0]);
        if (array.size !== 1) {
          throw new MatError('only length-1 arrays can be converted to Python scalars', 'TypeError');
        }
        if (callee.dtype === 'int64') checkIntConversion(array.data[0]);
        return astype(NDArray.scalar(array.data[0], array.dtype), callee.dtype);
      }
      default:
        throw new MatError(`'${typeName(callee)}' object is not callable`, 'TypeError', expr?.callee.range);
    }
  }

  private callFunction(
    fn: FunctionValue,
    positional: readonly Value[],
    keywords: ReadonlyMap<string, Value>,
  ): Value {
    const locals = bindParameters(fn, positional, keywords);
    if (++this.depth > MAX_CALL_DEPTH) {
      throw new MatError('maximum recursion depth exceeded', 'RecursionError');
    }
    try {
      return this.evaluate(fn.body, locals);
    } finally {
      this.depth--;
    }
  }

  private index(object: Value, expr: IndexExpr, locals: Locals): Value {
    if (!isArray(object) && object.kind === 'tuple')
      return indexTuple(object, expr, (e) => this.evaluate(e, locals));
    if (!isArray(object)) {
      throw new MatError(`'${typeName(object)}' object is not subscriptable`, 'TypeError', expr.object.range);
    }
    if (object.ndim === 0) throw new MatError('invalid index to scalar variable.', 'IndexError', expr.range);
    return getIndex(
      object,
      indexSpecs(expr, (e) => this.evaluate(e, locals)),
    );
  }
}

/** `int(x)` of a float, with Python's errors where a cast would give a wrong number. */
function checkIntConversion(x: number): void {
  if (Number.isNaN(x)) throw new MatError('cannot convert float NaN to integer', 'ValueError');
  if (!Number.isFinite(x)) throw new MatError('cannot convert float infinity to integer', 'OverflowError');
  if (!fitsInt64(Math.trunc(x))) throw new MatError(INT64_OVERFLOW, 'OverflowError');
}
