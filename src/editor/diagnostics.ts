import * as vscode from 'vscode';
import type { SpanSnapshot } from '../engine/snapshot';
import { Disposable } from '../util/dispose';
import { ENGINE_STOPPED } from './evaluationClient';
import type { ResultStore } from './results';

export function toRange(span: SpanSnapshot): vscode.Range {
  return new vscode.Range(span.start.line, span.start.character, span.end.line, span.end.character);
}

/** Every engine error as a diagnostic on its exact range, with NumPy's message; cleared when fixed. */
export class Diagnostics extends Disposable {
  private readonly collection = this._register(
    vscode.languages.createDiagnosticCollection('matrixPlayground'),
  );

  constructor(private readonly store: ResultStore) {
    super();
    this._register(store.onDidChange((uri) => this.refresh(uri)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)));
  }

  private refresh(uri: vscode.Uri): void {
    const results = this.store.get(uri);
    if (!results) {
      this.collection.delete(uri);
      return;
    }
    const diagnostics: vscode.Diagnostic[] = [];
    for (const { error } of results.snapshot.statements) {
      if (error) {
        const where = error.context && error.context.length > 0 ? ` (${error.context.join(', ')})` : '';
        diagnostics.push(errorDiagnostic(toRange(error.span), `${error.message}${where}`, error.type));
      }
    }
    const { crash } = results;
    // A crash placed on its statement is that statement's error (above); one not placed goes on the first line.
    if (crash && results.snapshot.statements[crash.statementIndex]?.error?.type !== ENGINE_STOPPED) {
      diagnostics.push(errorDiagnostic(new vscode.Range(0, 0, 0, 0), crash.message, ENGINE_STOPPED));
    }
    this.collection.set(uri, diagnostics);
  }
}

/** `code`: the Python exception class, or {@link ENGINE_STOPPED} when the engine died. */
function errorDiagnostic(range: vscode.Range, message: string, code: string): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = vscode.l10n.t('Matrix Playground');
  diagnostic.code = code;
  return diagnostic;
}
