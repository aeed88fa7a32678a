/**
 * Simple statements, each parsed from its own token slice (one `;`
 * segment): assignments, augmented and annotated assignments, expression
 * statements, `pass`, `break`, `continue`, `return`, `global`, `nonlocal`,
 * `assert`, `del`, `raise` and imports. The block parser decides which
 * slices belong together and tells whether a loop or a function encloses
 * the statement, for CPython's "'break' outside loop".
 */

import type { AugmentedOp, Expr, ImportName, ImportStatement, Statement, Target } from '../ast';
import type { Token } from '../lexer';
import { span } from './atoms';
import { ExpressionParser } from './expressions';
import { toAugTarget, toTarget } from './targets';

const AUGMENTED: Record<string, AugmentedOp> = {
  '+=': '+',
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '//=': '//',
  '%=': '%',
  '**=': '**',
  '@=': '@',
  '&=': '&',
  '|=': '|',
  '^=': '^',
  '<<=': '<<',
  '>>=': '>>',
};

/** What encloses a statement, for the checks CPython makes when it compiles. */
export interface StatementContext {
  /** Inside a `for`/`while` body (not its `else`), and not in a nested `def`. */
  readonly inLoop: boolean;
  /** Inside a `def` body. */
  readonly inFunction: boolean;
}

export class StatementParser extends ExpressionParser {
  /** The simple statement(s) of the current slice: `import a, b` gives two. */
  parseSimpleStatement(context: StatementContext): Statement[] {
    const first = this.peek();
    if (first.kind === 'name') {
      switch (first.text) {
        case 'import':
        case 'from':
          return this.parseImport();
        case 'pass':
        case 'break':
        case 'continue':
          return [this.parseKeywordAlone(first, context)];
        case 'return':
          return [this.parseReturn(first, context)];
        case 'global':
        case 'nonlocal':
          return [this.parseScope(first, context)];
        case 'assert':
          return [this.parseAssert(first)];
        case 'del':
          return [this.parseDel(first)];
        case 'raise':
          return [this.parseRaise(first)];
      }
    }
    return [this.parseExpressionStatement()];
  }

  /** `x = ...`, `a[0] += ...`, `a, *b = ...`, `x: int = 1`, or an expression statement. */
  private parseExpressionStatement(): Statement {
    const first = this.parseExprList();
    const t = this.peek();
    if (this.isOp('=')) return this.parseAssign(first);
    if (t.kind === 'op' && !this.atEnd()) {
      const op = AUGMENTED[t.text];
      if (op !== undefined) {
        this.next();
        const target = toAugTarget(first, (e) => this.outerRange(e));
        const value = this.parseValueList();
        this.expectEnd();
        const range = { start: this.startOf(first), end: this.endOf(value) };
        return { kind: 'augassign', op, target, value, opRange: span(t), range };
      }
      if (t.text === ':') return this.parseAnnotated(first);
    }
    this.expectEnd(first);
    if (first.kind === 'starred') this.fail("can't use starred expression here", first.range);
    return { kind: 'expr', expr: first, range: this.outerRange(first) };
  }

  private parseAssign(first: Expr): Statement {
    const targets: Target[] = [toTarget(first, 'assign', (e) => this.outerRange(e))];
    let value: Expr;
    for (;;) {
      this.next(); // the '='
      const v = this.parseExprList();
      if (!this.isOp('=')) {
        value = v;
        break;
      }
      targets.push(toTarget(v, 'assign-chained', (e) => this.outerRange(e)));
    }
    this.expectEnd();
    if (value.kind === 'starred') this.fail("can't use starred expression here", value.range);
    return { kind: 'assign', targets, value, range: { start: this.startOf(first), end: this.endOf(value) } };
  }

  /**
   * `x: int = 1` assigns like `x = 1`; `x: int` alone does nothing when run,
   * so it becomes a `pass` (annotations do not change what code computes).
   */
  private parseAnnotated(first: Expr): Statement {
    if (first.kind !== 'name' && first.kind !== 'attribute' && first.kind !== 'index') {
      const message =
        first.kind === 'tuple'
          ? 'only single target (not tuple) can be annotated'
          : first.kind === 'list'
            ? 'only single target (not list) can be annotated'
            : 'illegal target for annotation';
      this.fail(message, this.outerRange(first));
    }
    this.next(); // the ':'
    this.parseTest();
    const range = { start: this.startOf(first), end: this.lastEnd };
    if (!this.eatOp('=')) {
      this.expectEnd();
      return { kind: 'pass', range };
    }
    const value = this.parseValueList();
    this.expectEnd();
    return { kind: 'assign', targets: [first], value, range: { start: range.start, end: this.endOf(value) } };
  }

  /** `pass`, `break` or `continue`, with CPython's checks for the last two. */
  private parseKeywordAlone(kw: Token, context: StatementContext): Statement {
    this.next();
    this.expectEnd();
    const range = span(kw);
    if (kw.text === 'break') {
      if (!context.inLoop) this.fail("'break' outside loop", range);
      return { kind: 'break', range };
    }
    if (kw.text === 'continue') {
      if (!context.inLoop) this.fail("'continue' not properly in loop", range);
      return { kind: 'continue', range };
    }
    return { kind: 'pass', range };
  }

  private parseReturn(kw: Token, context: StatementContext): Statement {
    this.next();
    const value = this.atEnd() ? undefined : this.parseValueList();
    this.expectEnd();
    const range = { start: kw.start, end: value ? this.endOf(value) : kw.end };
    if (!context.inFunction) this.fail("'return' outside function", range);
    return value ? { kind: 'return', value, range } : { kind: 'return', range };
  }

  private parseScope(kw: Token, context: StatementContext): Statement {
    this.next();
    const names: string[] = [];
    do names.push(this.expectIdentifier().text);
    while (this.eatOp(','));
    this.expectEnd();
    const range = { start: kw.start, end: this.lastEnd };
    if (kw.text === 'nonlocal' && !context.inFunction) {
      this.fail('nonlocal declaration not allowed at module level', range);
    }
    return { kind: kw.text as 'global' | 'nonlocal', names, range };
  }

  private parseAssert(kw: Token): Statement {
    this.next();
    const test = this.parseTest();
    const message = this.eatOp(',') ? this.parseTest() : undefined;
    this.expectEnd();
    const range = { start: kw.start, end: this.endOf(message ?? test) };
    return message ? { kind: 'assert', test, message, range } : { kind: 'assert', test, range };
  }

  private parseDel(kw: Token): Statement {
    this.next();
    const list = this.parseExprList();
    this.expectEnd();
    const items = list.kind === 'tuple' && !this.outer.has(list) ? list.items : [list];
    const targets = items.map((e) => toTarget(e, 'del', (x) => this.outerRange(x)));
    return { kind: 'del', targets, range: { start: kw.start, end: this.lastEnd } };
  }

  /** `raise`, `raise E`, `raise E from cause` (the cause is kept in `cause`). */
  private parseRaise(kw: Token): Statement {
    this.next();
    if (this.atEnd()) return { kind: 'raise', range: span(kw) };
    const exception = this.parseTest();
    let cause: Expr | undefined;
    if (this.isName('from')) {
      this.next();
      cause = this.parseTest();
    }
    this.expectEnd();
    const range = { start: kw.start, end: this.endOf(cause ?? exception) };
    return cause ? { kind: 'raise', exception, cause, range } : { kind: 'raise', exception, range };
  }

  /** Fails unless the statement's tokens are all consumed, the way CPython words it. */
  expectEnd(first?: Expr): void {
    if (this.atEnd()) return;
    const t = this.peek();
    if (t.kind === 'op' && ')]}'.includes(t.text)) this.fail(`unmatched '${t.text}'`, t);
    if (first?.kind === 'name' && first.name === 'print' && this.canStartExpr()) {
      this.fail("Missing parentheses in call to 'print'. Did you mean print(...)?", {
        start: first.range.start,
        end: this.tokens[this.end - 1].end,
      });
    }
    this.unexpected();
  }

  /** `import a.b [as c], ...` (one statement per module) or `from a import ...`. */
  parseImport(): ImportStatement[] {
    const kw = this.next();
    if (kw.text === 'from') return [this.parseFromImport(kw)];
    const out: ImportStatement[] = [];
    do {
      const start = out.length === 0 ? kw.start : this.peek().start;
      const moduleStart = this.peek().start;
      const module = this.dottedName();
      const moduleRange = { start: moduleStart, end: this.lastEnd };
      const alias = this.parseAlias();
      const range = { start, end: this.lastEnd };
      out.push(
        alias
          ? { kind: 'import', module, alias, moduleRange, range }
          : { kind: 'import', module, moduleRange, range },
      );
    } while (this.eatOp(','));
    this.expectEnd();
    return out;
  }

  private parseFromImport(kw: Token): ImportStatement {
    let module = '';
    const moduleStart = this.peek().start;
    while (this.isOp('.') || this.isOp('...')) module += this.next().text;
    if (module === '' || !this.isName('import')) module += this.dottedName();
    const moduleRange = { start: moduleStart, end: this.lastEnd };
    if (!this.isName('import')) this.unexpected();
    this.next();
    const names: ImportName[] = [];
    const star = this.eatOp('*');
    if (star) {
      names.push({ name: '*', range: span(star) });
    } else {
      const open = this.eatOp('(');
      do {
        if (open && this.isOp(')')) break;
        if (!open && !this.isIdentifier() && this.previous()?.text === ',' && this.atEnd()) {
          this.fail('trailing comma not allowed without surrounding parentheses', this.peek());
        }
        const name = this.expectIdentifier();
        const alias = this.parseAlias();
        const range = { start: name.start, end: this.lastEnd };
        names.push(alias ? { name: name.text, alias, range } : { name: name.text, range });
      } while (this.eatOp(','));
      if (open) this.expectClose(open, ')');
    }
    this.expectEnd();
    return { kind: 'import', module, moduleRange, names, range: { start: kw.start, end: this.lastEnd } };
  }

  /** `as name` after an imported module or member, if there. */
  private parseAlias(): string | undefined {
    if (!this.isName('as')) return undefined;
    this.next();
    return this.expectIdentifier().text;
  }

  private dottedName(): string {
    let name = this.expectIdentifier().text;
    while (this.eatOp('.')) name += `.${this.expectIdentifier().text}`;
    return name;
  }
}
