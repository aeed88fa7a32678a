import type { Block, Statement, Target } from '../ast';

function targetNames(target: Target, out: Set<string>): void {
  if (target.kind === 'name') out.add(target.name);
  else if (target.kind === 'index' || target.kind === 'attribute') {
    if (target.object.kind === 'name') out.add(target.object.name);
  } else if (target.kind === 'star-target') targetNames(target.target, out);
  else for (const item of target.items) targetNames(item, out);
}

function collect(statement: Statement, out: Set<string>): void {
  switch (statement.kind) {
    case 'assign':
      for (const target of statement.targets) targetNames(target, out);
      return;
    case 'augassign':
      targetNames(statement.target, out);
      return;
    case 'def':
      out.add(statement.name);
      return;
    case 'import':
      if (statement.names) for (const n of statement.names) out.add(n.alias ?? n.name);
      else out.add(statement.alias ?? statement.module.split('.')[0]);
      return;
    case 'for':
      targetNames(statement.target, out);
      collectBlock(statement.body, out);
      collectBlock(statement.orelse, out);
      return;
    case 'while':
    case 'if':
      collectBlock(statement.body, out);
      collectBlock(statement.orelse, out);
      return;
    case 'with':
      for (const item of statement.items) if (item.target) targetNames(item.target, out);
      collectBlock(statement.body, out);
      return;
    default:
      return;
  }
}

function collectBlock(block: Block, out: Set<string>): void {
  for (const statement of block) collect(statement, out);
}

/**
 * Names a top-level statement binds (`a = …`, `a[0] = …`, `a += …`,
 * `def f`, and every name a loop or branch assigns): their values after it
 * are what hovers show.
 */
export function boundNames(statement: Statement): string[] {
  const names = new Set<string>();
  collect(statement, names);
  return [...names];
}
