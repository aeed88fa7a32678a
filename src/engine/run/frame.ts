import type { Block, Expr, Param, Statement, Target } from '../ast';
import type { FrameLike, Value } from '../values';

/**
 * Python's scopes. A function's local names are those it assigns (and its
 * parameters), unless declared `global` or `nonlocal`; that is decided once
 * per `def`/`lambda` from its syntax tree, as Python's compiler does, and
 * cached on the node. A call gets a frame of its own; a nested function
 * keeps the frame it was defined in, so closures see later assignments.
 */

export interface ScopeInfo {
  readonly locals: ReadonlySet<string>;
  readonly globals: ReadonlySet<string>;
  readonly nonlocals: ReadonlySet<string>;
}

export class Frame implements FrameLike {
  readonly vars = new Map<string, Value>();

  constructor(
    readonly scope: ScopeInfo,
    readonly parent: Frame | undefined,
    /** The function's name, for tracebacks. */
    readonly name: string,
    /** Python's qualified name of what runs in this frame. */
    readonly qualname: string = name,
  ) {}

  /** The qualified name of a function defined in this frame: `f.<locals>.g`, `<listcomp>.<lambda>`. */
  qualify(name: string): string {
    const comprehension = this.name.startsWith('<') && this.name !== '<lambda>';
    return comprehension ? `${this.qualname}.${name}` : `${this.qualname}.<locals>.${name}`;
  }
}

const cache = new WeakMap<object, ScopeInfo>();

/** The scope of a `def`'s or `lambda`'s body. */
export function scopeOf(node: object, params: readonly Param[], body: Block): ScopeInfo {
  let info = cache.get(node);
  if (!info) {
    const locals = new Set<string>(params.map((p) => p.name));
    const globals = new Set<string>();
    const nonlocals = new Set<string>();
    for (const statement of body) collect(statement, locals, globals, nonlocals);
    for (const name of globals) locals.delete(name);
    for (const name of nonlocals) locals.delete(name);
    info = { locals, globals, nonlocals };
    cache.set(node, info);
  }
  return info;
}

/** The scope of a comprehension: its loop targets. */
export function comprehensionScope(node: object, targets: readonly Target[]): ScopeInfo {
  let info = cache.get(node);
  if (!info) {
    const locals = new Set<string>();
    for (const target of targets) targetNames(target, locals);
    info = { locals, globals: new Set(), nonlocals: new Set() };
    cache.set(node, info);
  }
  return info;
}

function collect(s: Statement, locals: Set<string>, globals: Set<string>, nonlocals: Set<string>): void {
  switch (s.kind) {
    case 'assign':
      for (const target of s.targets) targetNames(target, locals);
      return;
    case 'augassign':
      if (s.target.kind === 'name') locals.add(s.target.name);
      return;
    case 'for':
      targetNames(s.target, locals);
      collectBlock(s.body, locals, globals, nonlocals);
      collectBlock(s.orelse, locals, globals, nonlocals);
      return;
    case 'while':
    case 'if':
      collectBlock(s.body, locals, globals, nonlocals);
      collectBlock(s.orelse, locals, globals, nonlocals);
      return;
    case 'with':
      for (const item of s.items) if (item.target) targetNames(item.target, locals);
      collectBlock(s.body, locals, globals, nonlocals);
      return;
    case 'def':
      locals.add(s.name);
      return;
    case 'import':
      if (s.names) for (const n of s.names) locals.add(n.alias ?? n.name);
      else locals.add(s.alias ?? s.module.split('.')[0]);
      return;
    case 'del':
      for (const target of s.targets) targetNames(target, locals);
      return;
    case 'global':
      for (const name of s.names) globals.add(name);
      return;
    case 'nonlocal':
      for (const name of s.names) nonlocals.add(name);
      return;
    default:
      return;
  }
}

function collectBlock(block: Block, locals: Set<string>, globals: Set<string>, nonlocals: Set<string>): void {
  for (const s of block) collect(s, locals, globals, nonlocals);
}

/** The names a target binds (`a`, `a, (b, *c)`); subscripts and attributes bind none. */
export function targetNames(target: Target | Expr, out: Set<string>): void {
  switch (target.kind) {
    case 'name':
      out.add(target.name);
      return;
    case 'targets':
      for (const item of target.items) targetNames(item, out);
      return;
    case 'star-target':
      targetNames(target.target, out);
      return;
    default:
      return;
  }
}
