/**
 * Postfix operations on an atom (calls, subscripts, attributes) and the
 * parameter lists shared by `def` and `lambda`, with CPython's messages for
 * misplaced arguments and parameters.
 */

import type { Argument, Expr, Param, SliceExpr } from '../ast';
import { KEYWORDS } from '../lexer';
import { AtomParser, span } from './atoms';

// A module-local binding: read on every name token, cheaper than an imported binding.
const RESERVED: ReadonlySet<string> = KEYWORDS;

export abstract class PostfixParser extends AtomParser {
  /** The unparenthesised generator argument just read (`sum(x for x in xs)`), if any. */
  private bareGenerator: Expr | undefined;

  /** An atom followed by any number of `(...)`, `[...]` and `.name`: a loop, so chains cost no stack. */
  protected parsePostfix(): Expr {
    let e = this.parseAtom();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || this.atEnd()) return e;
      if (t.text === '(') {
        e = this.parseCall(e);
      } else if (t.text === '[') {
        e = this.parseIndex(e);
      } else if (t.text === '.') {
        this.next();
        const name = this.expectIdentifier();
        e = {
          kind: 'attribute',
          object: e,
          name: name.text,
          nameRange: span(name),
          range: { start: this.startOf(e), end: name.end },
        };
      } else {
        return e;
      }
    }
  }

  private parseCall(callee: Expr): Expr {
    const open = this.next();
    const args: Argument[] = [];
    const names = new Set<string>();
    let sawKeyword = false;
    let sawDoubleStar = false;
    let generator: Argument | undefined;
    const { close } = this.parseItems(open, ')', () => {
      if (generator) this.fail('Generator expression must be parenthesized', generator.range);
      const arg = this.parseArgument();
      if (this.bareGenerator === arg.value) {
        if (args.length > 0) this.fail('Generator expression must be parenthesized', arg.range);
        generator = arg;
      }
      if (arg.name !== undefined) {
        if (names.has(arg.name)) this.fail(`keyword argument repeated: ${arg.name}`, arg.range);
        names.add(arg.name);
        sawKeyword = true;
      } else if (arg.star === '**') {
        sawDoubleStar = true;
      } else if (arg.star === '*') {
        if (sawDoubleStar)
          this.fail('iterable argument unpacking follows keyword argument unpacking', arg.range);
      } else if (sawDoubleStar) {
        this.fail('positional argument follows keyword argument unpacking', arg.range);
      } else if (sawKeyword) {
        this.fail('positional argument follows keyword argument', arg.range);
      }
      args.push(arg);
      return arg.value;
    });
    const argsRange = { start: open.start, end: close.end };
    if (generator) {
      // A generator that is the only argument shares the call's parentheses, as in Python's tree.
      const value = { ...generator.value, range: argsRange };
      args[0] = { value, range: argsRange };
    }
    return { kind: 'call', callee, args, argsRange, range: { start: this.startOf(callee), end: close.end } };
  }

  private parseArgument(): Argument {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '*' || t.text === '**') && !this.atEnd()) {
      this.next();
      const value = this.parseTest();
      return { star: t.text, value, range: { start: t.start, end: this.endOf(value) } };
    }
    const after = this.peekAt(1);
    if (t.kind === 'name' && !RESERVED.has(t.text) && after.kind === 'op' && after.text === '=') {
      this.next();
      this.next();
      const value = this.parseTest();
      return { name: t.text, nameRange: span(t), value, range: { start: t.start, end: this.endOf(value) } };
    }
    const value = this.parseTest();
    if (this.isName('for')) {
      const start = this.peek();
      const gen = this.parseComprehension('generator', start, value);
      const range = { start: this.startOf(value), end: gen.range.end };
      this.bareGenerator = { ...gen, range };
      return { value: this.bareGenerator, range };
    }
    if (this.isOp('=')) {
      this.fail('expression cannot contain assignment, perhaps you meant "=="?', {
        start: this.startOf(value),
        end: this.peek().end,
      });
    }
    return { value, range: this.outerRange(value) };
  }

  private parseIndex(object: Expr): Expr {
    const open = this.next();
    if (this.isOp(']')) this.unexpected();
    const indices: (Expr | SliceExpr)[] = [];
    let trailingComma = false;
    const { close } = this.parseItems(open, ']', () => {
      const item = this.parseSubscript();
      indices.push(item);
      trailingComma = this.isOp(',');
      return item.kind === 'slice' ? undefined : item;
    });
    const range = { start: this.startOf(object), end: close.end };
    if (trailingComma) return { kind: 'index', object, indices, trailingComma, range };
    return { kind: 'index', object, indices, range };
  }

  /** `i`, `*i`, or a slice `start:stop:step` with any part left out. */
  private parseSubscript(): Expr | SliceExpr {
    let start: Expr | undefined;
    if (!this.isOp(':')) {
      start = this.parseStarOrTest();
      if (!this.isOp(':') || start.kind === 'starred') return start;
    }
    const colon = this.next();
    let end = colon.end;
    let stop: Expr | undefined;
    let step: Expr | undefined;
    if (this.canStartExpr()) {
      stop = this.parseTest();
      end = this.endOf(stop);
    }
    const colon2 = this.eatOp(':');
    if (colon2) {
      end = colon2.end;
      if (this.canStartExpr()) {
        step = this.parseTest();
        end = this.endOf(step);
      }
    }
    const first = start ? this.startOf(start) : colon.start;
    return { kind: 'slice', start, stop, step, range: { start: first, end } };
  }

  /**
   * Parameters up to (not including) `closer` (`)` for `def`, `:` for
   * `lambda`): `a, b=2, /, *args, c, d=1, **kwargs`. Annotations (`x: int`,
   * `def` only) are read and dropped: they do not change what code does.
   */
  protected parseParams(closer: string): Param[] {
    const params: Param[] = [];
    const seen = new Set<string>();
    let sawDefault = false;
    let keywordOnly = false;
    let sawStar = false;
    let sawDoubleStar = false;
    let bareStar: { start: number; end: number } | undefined;
    while (!this.isOp(closer)) {
      const t = this.peek();
      if (sawDoubleStar) this.fail('arguments cannot follow var-keyword argument', t);
      if (t.kind === 'op' && t.text === '/' && !this.atEnd()) {
        if (params.length === 0 || sawStar) this.unexpected();
        if (params.some((p) => p.positionalOnly)) this.fail('/ may appear only once', t);
        for (let k = 0; k < params.length; k++) params[k] = { ...params[k], positionalOnly: true };
        this.next();
        if (!this.eatOp(',')) break;
        continue;
      }
      const star =
        t.kind === 'op' && (t.text === '*' || t.text === '**') && !this.atEnd() ? this.next() : undefined;
      if (star?.text === '*') {
        if (sawStar) this.fail('* argument may appear only once', star);
        sawStar = true;
        keywordOnly = true;
        if (this.isOp(',') || this.isOp(closer)) {
          bareStar = span(star);
          if (!this.eatOp(',')) break;
          continue;
        }
      }
      const name = this.expectIdentifier();
      if (seen.has(name.text)) this.fail(`duplicate argument '${name.text}' in function definition`, name);
      seen.add(name.text);
      bareStar = undefined;
      if (closer !== ':' && this.eatOp(':')) this.parseTest();
      let defaultValue: Expr | undefined;
      if (!star && this.eatOp('=')) {
        defaultValue = this.parseTest();
        if (!keywordOnly) sawDefault = true;
      } else if (!star && sawDefault && !keywordOnly) {
        this.fail('non-default argument follows default argument', name);
      }
      const start = star ? star.start : name.start;
      const end = defaultValue ? this.endOf(defaultValue) : this.lastEnd;
      const param: Param = { name: name.text, range: { start, end: star ? name.end : end } };
      if (star) {
        params.push({ ...param, star: star.text as '*' | '**' });
        if (star.text === '**') sawDoubleStar = true;
      } else {
        params.push({
          ...param,
          ...(defaultValue ? { defaultValue } : {}),
          ...(keywordOnly ? { keywordOnly: true } : {}),
        });
      }
      if (!this.eatOp(',')) break;
    }
    if (bareStar) this.fail('named arguments must follow bare *', bareStar);
    return params;
  }
}
