import * as vscode from 'vscode';
import {
  BUILTINS,
  bareBuiltin,
  bareBuiltinNames,
  builtinSpec,
  type ModuleName,
  moduleMember,
  moduleMemberNames,
} from '../engine/builtins';
import type { BuiltinSpec } from '../engine/builtins/registry';
import { callContext } from './callContext';
import type { ResultStore } from './results';

const MODULE_PATH = /\b(np|numpy)((?:\.(?:linalg|random))?)\.([A-Za-z_]\w*)?$/;
const KEYWORDS = ['import', 'from', 'as', 'lambda', 'def', 'return', 'True', 'False', 'None'];

function moduleOf(path: string): ModuleName {
  if (path === '.linalg') return 'numpy.linalg';
  if (path === '.random') return 'numpy.random';
  return 'numpy';
}

function specOf(module: ModuleName, name: string): BuiltinSpec | undefined {
  const value = module === 'numpy' && !name.includes('.') ? bareBuiltin(name) : moduleMember(module, name);
  return value && !(value instanceof Object && 'data' in value) && 'kind' in value && value.kind === 'builtin'
    ? builtinSpec(value.name)
    : undefined;
}

function builtinItem(
  label: string,
  spec: BuiltinSpec | undefined,
  kind = vscode.CompletionItemKind.Function,
): vscode.CompletionItem {
  const item = new vscode.CompletionItem(label, spec ? kind : vscode.CompletionItemKind.Module);
  if (spec) {
    item.detail = spec.signature;
    item.documentation = new vscode.MarkdownString(spec.doc);
  }
  return item;
}

/** Built-ins (bare and after `np.`, `np.linalg.`, `np.random.`), the file's variables and keywords. */
export class MatCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly store: ResultStore) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const qualified = MODULE_PATH.exec(before);
    if (qualified) {
      const module = moduleOf(qualified[2]);
      return moduleMemberNames(module).map((name) => {
        const spec = BUILTINS.get(module === 'numpy' ? name : `${module.slice(6)}.${name}`);
        return builtinItem(
          name,
          spec,
          spec ? vscode.CompletionItemKind.Function : vscode.CompletionItemKind.Constant,
        );
      });
    }
    if (/\.\w*$/.test(before)) return [];
    const items: vscode.CompletionItem[] = [];
    for (const name of this.store.get(document.uri)?.snapshot.variables ?? []) {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Variable);
      item.sortText = `0${name}`;
      items.push(item);
    }
    for (const name of bareBuiltinNames()) items.push(builtinItem(name, specOf('numpy', name)));
    for (const keyword of KEYWORDS)
      items.push(new vscode.CompletionItem(keyword, vscode.CompletionItemKind.Keyword));
    return items;
  }
}

/** Parameter hints for built-in calls: `np.dot(a, |` highlights `b`. */
export class MatSignatureHelpProvider implements vscode.SignatureHelpProvider {
  provideSignatureHelp(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): vscode.SignatureHelp | undefined {
    const start = new vscode.Position(Math.max(0, position.line - 20), 0);
    const context = callContext(document.getText(new vscode.Range(start, position)));
    if (!context) return undefined;
    const path = context.callee.replace(/^(np|numpy)\./, '').split('.');
    const spec =
      path.length === 1
        ? specOf('numpy', path[0])
        : path.length === 2 && (path[0] === 'linalg' || path[0] === 'random')
          ? specOf(path[0] === 'linalg' ? 'numpy.linalg' : 'numpy.random', path[1])
          : undefined;
    if (!spec) return undefined;
    const signature = new vscode.SignatureInformation(spec.signature, new vscode.MarkdownString(spec.doc));
    const inside = spec.signature.slice(spec.signature.indexOf('(') + 1, spec.signature.lastIndexOf(')'));
    const labels = inside
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p && p !== '*' && p !== '...');
    signature.parameters = labels.map((label) => new vscode.ParameterInformation(label));
    const help = new vscode.SignatureHelp();
    help.signatures = [signature];
    help.activeSignature = 0;
    const byKeyword = context.keyword ? labels.findIndex((l) => l.split('=')[0] === context.keyword) : -1;
    const varargs = labels.findIndex((l) => l.startsWith('*'));
    help.activeParameter =
      byKeyword >= 0
        ? byKeyword
        : varargs >= 0
          ? Math.min(context.argumentIndex, varargs)
          : context.argumentIndex;
    return help;
  }
}
