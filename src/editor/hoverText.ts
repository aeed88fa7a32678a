import { builtinInfo, PYTHON_PREFIX, resolveBareName, resolveModuleMember } from '../engine/builtins/catalog';
import { DEFAULT_SEED } from '../engine/constants';
import type { DocumentSnapshot, InnerSnapshot, Position, ShownValue, SpanSnapshot } from '../engine/snapshot';

/** Hover texts as Markdown — pure, so they are unit-tested without VS Code. */

function contains(span: SpanSnapshot, at: Position): boolean {
  const afterStart =
    at.line > span.start.line || (at.line === span.start.line && at.character >= span.start.character);
  const beforeEnd =
    at.line < span.end.line || (at.line === span.end.line && at.character <= span.end.character);
  return afterStart && beforeEnd;
}

function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}

/** A value's block form in a code block, with its shape and dtype. */
export function valueMarkdown(title: string, value: ShownValue): string {
  const facts =
    value.shape && value.dtype
      ? `shape ${value.shape.length === 1 ? `(${value.shape[0]},)` : `(${value.shape.join(', ')})`} · ${value.dtype}`
      : value.type;
  return `**${title}** — ${facts}\n\n${fence(value.block)}`;
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** A sparkline of numbers: one block character per value, scaled between their min and max. */
export function sparkline(values: readonly number[]): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return '';
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return values
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      const k = hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (SPARKS.length - 1));
      return SPARKS[k];
    })
    .join('');
}

function numberText(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+(e|$)/, '$1');
}

/**
 * The hover on a statement inside a loop or function: its value the last
 * time it ran, how many times it ran, and for numbers how they evolved.
 */
export function innerHover(snapshot: DocumentSnapshot, at: Position): string | undefined {
  let found: InnerSnapshot | undefined;
  for (const statement of snapshot.statements) {
    for (const inner of statement.inner ?? []) if (contains(inner.span, at)) found = inner;
  }
  if (!found) return undefined;
  const runs = `ran ${found.count.toLocaleString('en-US')} time${found.count === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (found.error) parts.push(`**${found.error.type}** in its last run: ${found.error.message} (${runs})`);
  else if (found.value) parts.push(valueMarkdown(`last value (${runs})`, found.value));
  else parts.push(`*${runs}*`);
  if (found.printed !== undefined) parts.push(`last printed line:\n\n${fence(found.printed)}`);
  const evolution = found.evolution;
  if (evolution) {
    parts.push(
      `first ${numberText(evolution.first)} · min ${numberText(evolution.min)} · max ${numberText(evolution.max)}\n\n\`${sparkline(evolution.samples)}\``,
    );
  }
  return parts.join('\n\n');
}

/** The hover for a call whose range contains the position (innermost call wins). */
export function callHover(snapshot: DocumentSnapshot, at: Position, word: string): string | undefined {
  for (const statement of snapshot.statements) {
    if (!contains(statement.span, at)) continue;
    const calls = statement.calls.filter((call) => contains(call.span, at) && call.callee.endsWith(word));
    const innermost = calls.sort(
      (a, b) => b.span.start.line - a.span.start.line || b.span.start.character - a.span.start.character,
    )[0];
    if (innermost) return valueMarkdown(`${innermost.callee}(…)`, innermost.value);
  }
  return undefined;
}

/**
 * The hover for a variable: its value after the statement that last bound
 * it before this position (after this statement when hovering its target).
 */
export function variableHover(
  snapshot: DocumentSnapshot,
  at: Position,
  name: string,
  onTarget: boolean,
): string | undefined {
  let found: ShownValue | undefined;
  for (const statement of snapshot.statements) {
    const inside = contains(statement.span, at);
    const before =
      statement.span.end.line < at.line ||
      (statement.span.end.line === at.line && statement.span.end.character < at.character);
    if (!before && !(inside && onTarget)) {
      if (inside || statement.span.start.line > at.line) break;
      continue;
    }
    const binding = statement.bindings.find((b) => b.name === name);
    if (binding) found = binding.value;
    if (inside) break;
  }
  return found ? valueMarkdown(name, found) : undefined;
}

/** The hover for a built-in name (`dot`, `np.linalg.pinv`, `print`): signature and one line of doc. */
export function builtinHover(qualifiedWord: string): string | undefined {
  const parts = qualifiedWord.replace(/^(np|numpy)\./, '').split('.');
  let ref = parts.length === 1 ? resolveBareName(parts[0]) : undefined;
  if (parts.length === 2 && (parts[0] === 'linalg' || parts[0] === 'random')) {
    ref = resolveModuleMember(parts[0] === 'linalg' ? 'numpy.linalg' : 'numpy.random', parts[1]);
  }
  if (ref?.kind === 'builtin') {
    const info = builtinInfo(ref.name);
    if (!info) return undefined;
    const prefix = ref.name.startsWith(PYTHON_PREFIX) ? '' : 'np.';
    let text = `\`\`\`python\n${prefix}${info.signature}\n\`\`\`\n${info.doc}`;
    if (info.name.startsWith('random.')) {
      text += `\n\nDraws from NumPy's global legacy generator, which starts from seed ${DEFAULT_SEED} in every file until \`np.random.seed(...)\` is called.`;
    }
    return text;
  }
  if (ref?.kind === 'module') {
    if (ref.name === 'numpy.random') {
      return `\`numpy.random\` — NumPy's legacy generator, bit for bit. Each file starts from seed ${DEFAULT_SEED}.`;
    }
    return `\`${ref.name}\``;
  }
  return undefined;
}
