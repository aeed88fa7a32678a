import * as vscode from 'vscode';
import {
  BUILTIN_CATALOG,
  type BuiltinInfo,
  bareBuiltinNames,
  builtinInfo,
  type ModuleName,
  moduleMemberNames,
  resolveBareName,
  resolveModuleMember,
} from '../engine/builtins/catalog';
import { callContext } from './callContext';
import type { ResultStore } from './results';

const MODULE_PATH = /\b(np|numpy)((?:\.(?:linalg|random))?)\.([A-Za-z_]\w*)?$/;
const KEYWORDS = ['import', 'from', 'as', 'lambda', 'def', 'return', 'True', 'False', 'None'];

function moduleOf(path: string): ModuleName {
  if (path === '.linalg') return 'numpy.linalg';
  if (path === '.random') return 'numpy.random';
  return 'numpy';
}

function infoOf(module: ModuleName, name: string): BuiltinInfo | undefined {
  const ref =
    module === 'numpy' && !name.includes('.') ? resolveBareName(name) : resolveModuleMember(module, name);
  return ref?.kind === 'builtin' ? builtinInfo(ref.name) : undefined;
}

function builtinItem(
  label: string,
  info: BuiltinInfo | undefined,
  kind = vscode.CompletionItemKind.Function,
): vscode.CompletionItem {
  const item = new vscode.CompletionItem(label, info ? kind : vscode.CompletionItemKind.Module);
  if (info) {
    item.detail = info.signature;
    item.documentation = new vscode.MarkdownString(info.doc);
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
        const info = BUILTIN_CATALOG.get(module === 'numpy' ? name : `${module.slice(6)}.${name}`);
        return builtinItem(
          name,
          info,
          info ? vscode.CompletionItemKind.Function : vscode.CompletionItemKind.Constant,
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
    for (const name of bareBuiltinNames()) items.push(builtinItem(name, infoOf('numpy', name)));
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
    const info =
      path.length === 1
        ? infoOf('numpy', path[0])
        : path.length === 2 && (path[0] === 'linalg' || path[0] === 'random')
          ? infoOf(path[0] === 'linalg' ? 'numpy.linalg' : 'numpy.random', path[1])
          : undefined;
    if (!info) return undefined;
    const signature = new vscode.SignatureInformation(info.signature, new vscode.MarkdownString(info.doc));
    const inside = info.signature.slice(info.signature.indexOf('(') + 1, info.signature.lastIndexOf(')'));
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
