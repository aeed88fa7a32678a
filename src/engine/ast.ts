/**
 * Syntax tree of a `.mat` file. Every node keeps its source range as
 * character offsets into the document text (`start` inclusive, `end`
 * exclusive), so errors and inline results land on the exact text.
 */

export interface Range {
  readonly start: number;
  readonly end: number;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '//'
  | '%'
  | '**'
  | '@'
  | '&'
  | '|'
  | '^'
  | '<<'
  | '>>'
  | CompareOp;

/** Python's comparison operators; `not in` and `is not` are one operator each. */
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

export type UnaryOp = '-' | '+' | '~' | 'not';

export type AugmentedOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '&' | '|' | '^' | '<<' | '>>';

export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
  /** `3` is an int, `3.0`, `.5`, `1e-3` are floats. */
  readonly isInt: boolean;
  /** `2j`, `1.5J`: an imaginary literal; `value` is its imaginary part. */
  readonly imaginary?: boolean;
  /** An int literal beyond 2**53, exactly as written (decimal digits): Python's ints are unbounded. */
  readonly big?: string;
  readonly range: Range;
}

export interface BoolLiteral {
  readonly kind: 'bool';
  readonly value: boolean;
  readonly range: Range;
}

export interface NoneLiteral {
  readonly kind: 'none';
  readonly range: Range;
}

/** `...`: Python's Ellipsis (an index in `a[..., 0]`). */
export interface EllipsisLiteral {
  readonly kind: 'ellipsis';
  readonly range: Range;
}

export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly range: Range;
}

/** One `{expression!conversion:spec}` field of an f-string. */
export interface FStringField {
  readonly expr: Expr;
  /** `!r`, `!s`, `!a`. */
  readonly conversion?: 'r' | 's' | 'a';
  /** The format spec after `:`; may itself hold fields (`{x:{width}}`). */
  readonly spec?: FStringExpr;
  /** `f"{x=}"`: the text up to and including `=` (whitespace kept), printed before the value. */
  readonly debugText?: string;
  readonly range: Range;
}

/** `f"loss {loss:.4f}"`; adjacent literals (`'a' f'{b}'`) join into one. */
export interface FStringExpr {
  readonly kind: 'fstring';
  /** Literal text (escapes decoded, `{{` as `{`) and fields, in order. */
  readonly parts: readonly (string | FStringField)[];
  readonly range: Range;
}

export interface NameExpr {
  readonly kind: 'name';
  readonly name: string;
  readonly range: Range;
}

/** `[a, b]`: a Python list. */
export interface ListExpr {
  readonly kind: 'list';
  /** A `starred` item spreads an iterable: `[*a, 1]`. */
  readonly items: readonly Expr[];
  readonly range: Range;
}

/** `(4, 3)`, `(3,)`, `()`; also a bare `1, 2` on the right of `=`. */
export interface TupleExpr {
  readonly kind: 'tuple';
  readonly items: readonly Expr[];
  readonly range: Range;
}

/** `{'a': 1, **other}`. */
export interface DictExpr {
  readonly kind: 'dict';
  /** `key` is absent for a `**mapping` entry. */
  readonly entries: readonly { readonly key?: Expr; readonly value: Expr }[];
  readonly range: Range;
}

/** `{1, 2}`: a set display. */
export interface SetExpr {
  readonly kind: 'set';
  readonly items: readonly Expr[];
  readonly range: Range;
}

/** `*a` inside a list, tuple, set or call. */
export interface StarredExpr {
  readonly kind: 'starred';
  readonly value: Expr;
  readonly range: Range;
}

/** One `for target in iter if cond` clause of a comprehension. */
export interface ComprehensionClause {
  readonly target: Target;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
  readonly range: Range;
}

/** `[x*x for x in xs if x]`, `{k: v for ...}`, `{x for ...}`, `(x for ...)`. */
export interface ComprehensionExpr {
  readonly kind: 'comprehension';
  readonly type: 'list' | 'set' | 'dict' | 'generator';
  /** The element; for a dict comprehension, the value. */
  readonly element: Expr;
  /** A dict comprehension's key. */
  readonly key?: Expr;
  readonly clauses: readonly ComprehensionClause[];
  readonly range: Range;
}

export interface UnaryExpr {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly operand: Expr;
  readonly range: Range;
}

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  /** Range of the operator token itself. */
  readonly opRange: Range;
  readonly range: Range;
}

/** A chain of two or more comparisons, `0 < x <= 5`: each operand is evaluated once. */
export interface CompareChainExpr {
  readonly kind: 'compare';
  readonly first: Expr;
  readonly rest: readonly { readonly op: CompareOp; readonly right: Expr; readonly opRange: Range }[];
  readonly range: Range;
}

/** `a and b and c`, `a or b`: short-circuit, the value of the last operand evaluated. */
export interface BoolOpExpr {
  readonly kind: 'boolop';
  readonly op: 'and' | 'or';
  readonly values: readonly Expr[];
  readonly range: Range;
}

/** `body if test else orelse`. */
export interface IfExpr {
  readonly kind: 'ifexp';
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
  readonly range: Range;
}

export interface AttributeExpr {
  readonly kind: 'attribute';
  readonly object: Expr;
  readonly name: string;
  readonly nameRange: Range;
  readonly range: Range;
}

export interface Argument {
  /** Keyword name for `axis=0`; undefined for a positional argument. */
  readonly name?: string;
  readonly nameRange?: Range;
  /** `*args` or `**kwargs` at the call. */
  readonly star?: '*' | '**';
  readonly value: Expr;
  readonly range: Range;
}

export interface CallExpr {
  readonly kind: 'call';
  readonly callee: Expr;
  readonly args: readonly Argument[];
  /** Range of the `(...)` part, parentheses included. */
  readonly argsRange: Range;
  readonly range: Range;
}

export interface SliceExpr {
  readonly kind: 'slice';
  readonly start?: Expr;
  readonly stop?: Expr;
  readonly step?: Expr;
  readonly range: Range;
}

export interface IndexExpr {
  readonly kind: 'index';
  readonly object: Expr;
  /** One item per comma-separated position inside `[...]`. */
  readonly indices: readonly (Expr | SliceExpr)[];
  /** `a[i,]` or `a[(1, 2)]`-like: the subscript was written as a tuple. */
  readonly trailingComma?: boolean;
  readonly range: Range;
}

export interface Param {
  readonly name: string;
  readonly range: Range;
  readonly defaultValue?: Expr;
  /** `*args` collects extra positional arguments, `**kwargs` extra keywords. */
  readonly star?: '*' | '**';
  /** Declared after `*` or `*args`: can only be passed by keyword. */
  readonly keywordOnly?: boolean;
  /** Declared before `/`: can only be passed by position. */
  readonly positionalOnly?: boolean;
}

export interface LambdaExpr {
  readonly kind: 'lambda';
  readonly params: readonly Param[];
  readonly body: Expr;
  readonly range: Range;
}

export type Expr =
  | NumberLiteral
  | BoolLiteral
  | NoneLiteral
  | EllipsisLiteral
  | StringLiteral
  | FStringExpr
  | NameExpr
  | ListExpr
  | TupleExpr
  | DictExpr
  | SetExpr
  | StarredExpr
  | ComprehensionExpr
  | UnaryExpr
  | BinaryExpr
  | CompareChainExpr
  | BoolOpExpr
  | IfExpr
  | AttributeExpr
  | CallExpr
  | IndexExpr
  | LambdaExpr;

/** What may stand left of `=`, after `for`, or after `del`: `a`, `a[0, 1]`, `obj.x`, `a, (b, *c)`. */
export type Target = NameExpr | IndexExpr | AttributeExpr | TargetTuple | StarTarget;

/** Kept for readers of v1 code: an assignment's target. */
export type AssignTarget = Target;

/** `a, b` or `[a, b]` or `(a, b)` as a target. */
export interface TargetTuple {
  readonly kind: 'targets';
  readonly items: readonly Target[];
  readonly range: Range;
}

/** `*rest` inside a target tuple. */
export interface StarTarget {
  readonly kind: 'star-target';
  readonly target: Target;
  readonly range: Range;
}

export interface ExprStatement {
  readonly kind: 'expr';
  readonly expr: Expr;
  readonly range: Range;
}

export interface AssignStatement {
  readonly kind: 'assign';
  /** `a = b = 0` gives two targets, left to right. */
  readonly targets: readonly Target[];
  readonly value: Expr;
  readonly range: Range;
}

export interface AugAssignStatement {
  readonly kind: 'augassign';
  readonly op: AugmentedOp;
  readonly target: NameExpr | IndexExpr | AttributeExpr;
  readonly value: Expr;
  readonly opRange: Range;
  readonly range: Range;
}

/** One imported name: `linalg as la` in `from numpy import linalg as la`, or `numpy as np`. */
export interface ImportName {
  /** The dotted module path (`import numpy.linalg`) or the member's name (`from m import name`). */
  readonly name: string;
  /** The `as` name, if any. */
  readonly alias?: string;
  readonly range: Range;
}

/**
 * `import numpy as np` (`module` is `numpy`, `names` absent, `alias` `np`)
 * or `from numpy.linalg import pinv, inv as invert` (`names` listed; a `*`
 * import has the single name `*`). One statement per module imported.
 */
export interface ImportStatement {
  readonly kind: 'import';
  readonly module: string;
  /** `import a.b as c`: `c`. */
  readonly alias?: string;
  /** Range of the module's dotted name as written. */
  readonly moduleRange?: Range;
  /** Present for `from module import ...`. */
  readonly names?: readonly ImportName[];
  readonly range: Range;
}

/** A statement list: the body of a block. */
export type Block = readonly Statement[];

/** `def f(x, y=2, *args):` and its body (a one-line `def f(x): return x` too). */
export interface DefStatement {
  readonly kind: 'def';
  readonly name: string;
  readonly nameRange: Range;
  readonly params: readonly Param[];
  readonly body: Block;
  /** From `def` to the header's `:`. */
  readonly headerRange: Range;
  readonly range: Range;
}

export interface ReturnStatement {
  readonly kind: 'return';
  readonly value?: Expr;
  readonly range: Range;
}

/** `if`/`elif`/`else`: an `elif` is an `IfStatement` alone in `orelse`, with `elif` set. */
export interface IfStatement {
  readonly kind: 'if';
  readonly test: Expr;
  readonly body: Block;
  readonly orelse: Block;
  /** This `if` was written as `elif`. */
  readonly elif?: boolean;
  readonly headerRange: Range;
  readonly range: Range;
}

export interface ForStatement {
  readonly kind: 'for';
  readonly target: Target;
  readonly iter: Expr;
  readonly body: Block;
  /** The `else:` block, run when the loop ends without `break`. */
  readonly orelse: Block;
  readonly headerRange: Range;
  readonly range: Range;
}

export interface WhileStatement {
  readonly kind: 'while';
  readonly test: Expr;
  readonly body: Block;
  readonly orelse: Block;
  readonly headerRange: Range;
  readonly range: Range;
}

/** `with np.printoptions(precision=3) as opts:`. */
export interface WithStatement {
  readonly kind: 'with';
  readonly items: readonly { readonly context: Expr; readonly target?: Target }[];
  readonly body: Block;
  readonly headerRange: Range;
  readonly range: Range;
}

export interface BreakStatement {
  readonly kind: 'break';
  readonly range: Range;
}

export interface ContinueStatement {
  readonly kind: 'continue';
  readonly range: Range;
}

/** `global a, b` or `nonlocal a`. */
export interface ScopeStatement {
  readonly kind: 'global' | 'nonlocal';
  readonly names: readonly string[];
  readonly range: Range;
}

export interface AssertStatement {
  readonly kind: 'assert';
  readonly test: Expr;
  readonly message?: Expr;
  readonly range: Range;
}

export interface DelStatement {
  readonly kind: 'del';
  readonly targets: readonly Target[];
  readonly range: Range;
}

/** `raise ValueError("...")` or a bare `raise`. */
export interface RaiseStatement {
  readonly kind: 'raise';
  readonly exception?: Expr;
  /** `raise E from cause`. */
  readonly cause?: Expr;
  readonly range: Range;
}

/**
 * A construct the language does not run (`class`, `try`, `async`, `yield`,
 * decorators): the header and its indented body form one statement that
 * reports a clear error. `keyword` is the opening keyword.
 */
export interface UnsupportedStatement {
  readonly kind: 'unsupported';
  readonly keyword: string;
  readonly range: Range;
  /** Range of the keyword alone, where the error is shown. */
  readonly keywordRange: Range;
}

/** A `pass` statement. */
export interface PassStatement {
  readonly kind: 'pass';
  readonly range: Range;
}

/** A line that did not parse. Parsing resumes at the next top-level statement. */
export interface SyntaxErrorStatement {
  readonly kind: 'syntax-error';
  readonly message: string;
  /** `SyntaxError`, or `IndentationError` for Python's indentation errors. */
  readonly pythonType?: 'SyntaxError' | 'IndentationError';
  /** The statement's whole text. */
  readonly range: Range;
  /** Where the problem is (the offending token, or the end of the statement). */
  readonly errorRange: Range;
}

export type Statement =
  | ExprStatement
  | AssignStatement
  | AugAssignStatement
  | ImportStatement
  | DefStatement
  | ReturnStatement
  | IfStatement
  | ForStatement
  | WhileStatement
  | WithStatement
  | BreakStatement
  | ContinueStatement
  | ScopeStatement
  | AssertStatement
  | DelStatement
  | RaiseStatement
  | UnsupportedStatement
  | PassStatement
  | SyntaxErrorStatement;

/** A `# %%` cell marker line. */
export interface CellMarker {
  /** Range of the marker line (without the line break). */
  readonly range: Range;
  /** Text after `# %%`, trimmed; may be empty. */
  readonly title: string;
}

export interface Program {
  readonly statements: readonly Statement[];
  readonly cells: readonly CellMarker[];
}
