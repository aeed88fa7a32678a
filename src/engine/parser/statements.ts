/**
 * Simple statements, each parsed from its own token slice: assignments,
 * augmented assignments, expression statements, imports, `pass`, and the
 * parts of a `def` (header and `return` line). The program driver decides
 * which lines belong together.
 */

import type {
  AssignTarget,
  AugmentedOp,
  Expr,
  ImportStatement,
  IndexExpr,
  NameExpr,
  Param,
  Statement,
} from '../ast';
import type { Token } from '../lexer';
import { ExpressionParser } from './expressions';

const AUGMENTED: Record<string, AugmentedOp> = {
  '+=': '+',
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '//=': '//',
  '%=': '%',
  '**=': '**',
  '@=': '@',
};
const BITWISE_AUGMENTED = new Set(['&=', '|=', '^=', '<<=', '>>=']);

/** A `def` line up to and including its `:`. */
export interface DefHeader {
  readonly keyword: Token;
  readonly name: Token;
  readonly params: readonly Param[];
  readonly colon: Token;
}

export class StatementParser extends ExpressionParser {
  /** `x = ...`, `a[0] += ...`, `a, b = ...`, or an expression statement. */
  parseSimple(): Statement {
    const first = this.parseExprList();
    const t = this.peek();
    if (this.isOp('=')) return this.parseAssign(first);
    if (t.kind === 'op' && !this.atEnd()) {
      const op = AUGMENTED[t.text];
      if (op !== undefined) {
        this.next();
        const target = this.toAugTarget(first);
        const value = this.parseExprList();
        this.expectEnd();
        const range = { start: this.startOf(first), end: this.endOf(value) };
        return { kind: 'augassign', op, target, value, opRange: { start: t.start, end: t.end }, range };
      }
      if (BITWISE_AUGMENTED.has(t.text))
        this.fail(`bitwise operators ('${t.text}') are not supported in v1`, t);
      if (t.text === ':') this.fail("variable annotations ('x: int') are not supported in v1", t);
    }
    this.expectEnd(first);
    return { kind: 'expr', expr: first, range: this.outerRange(first) };
  }

  private parseAssign(first: Expr): Statement {
    const targets: AssignTarget[] = [this.toTarget(first)];
    let value: Expr;
    for (;;) {
      this.next(); // the '='
      const v = this.parseExprList();
      if (!this.isOp('=')) {
        value = v;
        break;
      }
      targets.push(this.toTarget(v));
    }
    this.expectEnd();
    return { kind: 'assign', targets, value, range: { start: this.startOf(first), end: this.endOf(value) } };
  }

  /** What may stand left of `=`, with Python's message for what may not. */
  private toTarget(e: Expr): AssignTarget {
    if (e.kind === 'tuple' || e.kind === 'list') {
      const items = e.items.map((item) => {
        if (item.kind === 'tuple' || item.kind === 'list') {
          this.fail('nested tuple targets are not supported in v1', this.outerRange(item));
        }
        return this.toTarget(item) as NameExpr | IndexExpr;
      });
      return { kind: 'targets', items, range: e.range };
    }
    if (e.kind === 'name' || e.kind === 'index') return e;
    if (e.kind === 'attribute') {
      this.fail("assigning to an attribute ('a.b = ...') is not supported in v1", this.outerRange(e));
    }
    this.fail(`cannot assign to ${this.targetDescription(e)}`, this.outerRange(e));
  }

  private toAugTarget(e: Expr): NameExpr | IndexExpr {
    if (e.kind === 'name' || e.kind === 'index') return e;
    if (e.kind === 'attribute') {
      this.fail(
        "augmented assignment to an attribute ('a.b += ...') is not supported in v1",
        this.outerRange(e),
      );
    }
    const what =
      e.kind === 'tuple' || e.kind === 'list' ? e.kind : this.targetDescription(e).split(' here')[0];
    this.fail(`'${what}' is an illegal expression for augmented assignment`, this.outerRange(e));
  }

  private targetDescription(e: Expr): string {
    const hint = " here. Maybe you meant '==' instead of '='?";
    switch (e.kind) {
      case 'bool':
        return e.value ? 'True' : 'False';
      case 'none':
        return 'None';
      case 'number':
      case 'string':
        return `literal${hint}`;
      case 'call':
        return `function call${hint}`;
      case 'lambda':
        return 'lambda';
      case 'binary':
        return ['==', '!=', '<', '<=', '>', '>='].includes(e.op) ? 'comparison' : `expression${hint}`;
      default:
        return `expression${hint}`;
    }
  }

  /** Fails unless the statement's tokens are all consumed, naming what is left over. */
  expectEnd(first?: Expr): void {
    if (this.atEnd()) return;
    const t = this.peek();
    if (t.kind === 'op' && ')]}'.includes(t.text)) this.fail(`unmatched '${t.text}'`, t);
    if (first?.kind === 'name' && first.name === 'print' && this.canStartExpr()) {
      this.fail("Missing parentheses in call to 'print'. Did you mean print(...)?", {
        start: first.range.start,
        end: t.end,
      });
    }
    if (this.canStartExpr() && t.kind !== 'error') {
      this.unexpected('an operator or the end of the statement (missing comma?)');
    }
    this.unexpected('the end of the statement');
  }

  /** `import a.b [as c], ...` (one statement per module) or `from a import ...`. */
  parseImport(): ImportStatement[] {
    const kw = this.next();
    if (kw.text === 'from') return [this.parseFromImport(kw)];
    const out: ImportStatement[] = [];
    do {
      const start = out.length === 0 ? kw.start : this.peek().start;
      const module = this.dottedName();
      if (this.isName('as')) {
        this.next();
        this.expectIdentifier("a name after 'as'");
      }
      out.push({ kind: 'import', module, range: { start, end: this.lastEnd } });
    } while (this.eatOp(','));
    this.expectEnd();
    return out;
  }

  private parseFromImport(kw: Token): ImportStatement {
    let module = '';
    while (this.isOp('.') || this.isOp('...')) module += this.next().text;
    if (module === '' || !this.isName('import')) module += this.dottedName();
    if (!this.isName('import')) this.unexpected("'import'");
    this.next();
    if (!this.eatOp('*')) {
      const open = this.eatOp('(');
      do {
        if (open && this.isOp(')')) break;
        this.expectIdentifier('a name to import');
        if (this.isName('as')) {
          this.next();
          this.expectIdentifier("a name after 'as'");
        }
      } while (this.eatOp(','));
      if (open) {
        if (!this.isOp(')')) this.unexpected("',' or ')'");
        this.next();
      }
    }
    this.expectEnd();
    return { kind: 'import', module, range: { start: kw.start, end: this.lastEnd } };
  }

  private dottedName(): string {
    let name = this.expectIdentifier('a module name').text;
    while (this.eatOp('.')) name += `.${this.expectIdentifier('a module name').text}`;
    return name;
  }

  /** `def name(params):` — the cursor is left after the colon. */
  parseDefHeader(): DefHeader {
    const keyword = this.next();
    const name = this.expectIdentifier("a function name after 'def'");
    if (!this.isOp('(')) this.unexpected("'('");
    const open = this.next();
    const params = this.parseParams(')');
    if (!this.isOp(')')) {
      const t = this.peek();
      if (t.kind === 'newline' || t.kind === 'eof') {
        this.fail(`unclosed '(' opened here (expected ')' but found ${this.describe(t)})`, open);
      }
      this.unexpected("',' or ')'");
    }
    this.next();
    if (this.isOp('->')) this.fail('return type annotations are not supported in v1', this.peek());
    if (!this.isOp(':')) this.unexpected("':'");
    const colon = this.next();
    return { keyword, name, params, colon };
  }

  /** `return expr` (a bare `return` gives a `None` with an empty range after the keyword). */
  parseReturn(): Expr {
    const kw = this.next();
    if (this.atEnd()) return { kind: 'none', range: { start: kw.end, end: kw.end } };
    const body = this.parseExprList();
    this.expectEnd();
    return body;
  }

  /** Where `e`'s text ends, parentheses included. */
  exprEnd(e: Expr): number {
    return this.endOf(e);
  }

  /** `pass` alone. */
  parsePass(): Statement {
    const kw = this.next();
    this.expectEnd();
    return { kind: 'pass', range: { start: kw.start, end: kw.end } };
  }
}
