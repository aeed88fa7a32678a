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
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>=';

export type UnaryOp = '-' | '+';

export type AugmentedOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@';

export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
  /** `3` is an int (NumPy int64), `3.0`, `.5`, `1e-3` are floats. */
  readonly isInt: boolean;
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

export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly range: Range;
}

export interface NameExpr {
  readonly kind: 'name';
  readonly name: string;
  readonly range: Range;
}

/** `[a, b]`: becomes an array when evaluated. */
export interface ListExpr {
  readonly kind: 'list';
  readonly items: readonly Expr[];
  readonly range: Range;
}

/** `(4, 3)`, `(3,)`, `()`; also a bare `1, 2` on the right of `=`. */
export interface TupleExpr {
  readonly kind: 'tuple';
  readonly items: readonly Expr[];
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
  readonly range: Range;
}

export interface Param {
  readonly name: string;
  readonly range: Range;
  readonly defaultValue?: Expr;
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
  | StringLiteral
  | NameExpr
  | ListExpr
  | TupleExpr
  | UnaryExpr
  | BinaryExpr
  | AttributeExpr
  | CallExpr
  | IndexExpr
  | LambdaExpr;

/** What may stand left of `=`: a name, `a[0, 1]`, or `a, b`. */
export type AssignTarget = NameExpr | IndexExpr | TargetTuple;

export interface TargetTuple {
  readonly kind: 'targets';
  readonly items: readonly (NameExpr | IndexExpr)[];
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
  readonly targets: readonly AssignTarget[];
  readonly value: Expr;
  readonly range: Range;
}

export interface AugAssignStatement {
  readonly kind: 'augassign';
  readonly op: AugmentedOp;
  readonly target: NameExpr | IndexExpr;
  readonly value: Expr;
  readonly opRange: Range;
  readonly range: Range;
}

/** `import numpy as np`, `from numpy import dot`: accepted, no effect. */
export interface ImportStatement {
  readonly kind: 'import';
  readonly module: string;
  readonly range: Range;
}

/** `def f(x): return expr`, or the same with `return expr` on the next, indented line. */
export interface DefStatement {
  readonly kind: 'def';
  readonly name: string;
  readonly nameRange: Range;
  readonly params: readonly Param[];
  readonly body: Expr;
  readonly range: Range;
}

/**
 * A construct v1 does not run (`for`, `while`, `if`, `class`, `with`, `try`):
 * the header and its indented body form one statement that reports a clear
 * error. `keyword` is the opening keyword.
 */
export interface UnsupportedStatement {
  readonly kind: 'unsupported';
  readonly keyword: string;
  readonly range: Range;
  /** Range of the keyword alone, where the error is shown. */
  readonly keywordRange: Range;
}

/** A `pass` statement or other no-op. */
export interface PassStatement {
  readonly kind: 'pass';
  readonly range: Range;
}

/** A line that did not parse. Parsing resumes at the next statement. */
export interface SyntaxErrorStatement {
  readonly kind: 'syntax-error';
  readonly message: string;
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
