import * as vscode from 'vscode';
import { builtinHover, callHover, innerHover, variableHover } from './hoverText';
import type { ResultStore } from './results';

const QUALIFIED_WORD = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;

/** Hovers: a call's or variable's value in NumPy's block form with shape and dtype; a built-in's signature. */
export class MatHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: ResultStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const wordRange = document.getWordRangeAtPosition(position, /[A-Za-z_][A-Za-z0-9_]*/);
    if (!wordRange) return undefined;
    const word = document.getText(wordRange);
    const qualifiedRange = document.getWordRangeAtPosition(position, QUALIFIED_WORD);
    const qualified = qualifiedRange
      ? document.getText(new vscode.Range(qualifiedRange.start, wordRange.end))
      : word;
    const results = this.store.get(document.uri);
    const at = { line: position.line, character: position.character };
    let markdown: string | undefined;
    if (results && results.version === document.version) {
      const lineText = document.lineAt(position.line).text;
      const after = lineText.slice(wordRange.end.character);
      if (/^\s*\(/.test(after)) markdown = callHover(results.snapshot, at, word);
      markdown ??= innerHover(results.snapshot, at);
      const isAttribute = lineText.slice(0, wordRange.start.character).trimEnd().endsWith('.');
      if (!markdown && !isAttribute) {
        const onTarget = /^\s*(\[.*\])?\s*(=(?!=)|[-+*/@%]=|\*\*=|\/\/=|,)/.test(after);
        markdown = variableHover(results.snapshot, at, word, onTarget);
      }
    }
    markdown ??= builtinHover(qualified);
    if (!markdown) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(markdown), wordRange);
  }
}
