import * as vscode from 'vscode';
import { parse } from '../engine/parser';
import { LineIndex } from '../engine/positions';
import type { SpanSnapshot } from '../engine/snapshot';
import { Disposable } from '../util/dispose';
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
    for (const statement of results.snapshot.statements) {
      if (!statement.error) continue;
      const diagnostic = new vscode.Diagnostic(
        toRange(statement.error.span),
        statement.error.message,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = vscode.l10n.t('Matrix Playground');
      diagnostic.code = statement.error.type;
      diagnostics.push(diagnostic);
    }
    if (results.crash) diagnostics.push(this.crashDiagnostic(uri, results.crash));
    this.collection.set(uri, diagnostics);
  }

  /** The engine died: blame the statement it was running, so the user sees where, not a silent blank. */
  private crashDiagnostic(
    uri: vscode.Uri,
    crash: { message: string; statementIndex: number },
  ): vscode.Diagnostic {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let range = new vscode.Range(0, 0, 0, 0);
    if (document) {
      const text = document.getText();
      const statement = parse(text).statements[crash.statementIndex];
      if (statement) {
        const lines = new LineIndex(text);
        const start = lines.positionAt(statement.range.start);
        const end = lines.positionAt(statement.range.end);
        range = new vscode.Range(start.line, start.character, end.line, end.character);
      }
    }
    const diagnostic = new vscode.Diagnostic(range, crash.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = vscode.l10n.t('Matrix Playground');
    diagnostic.code = 'EngineStopped';
    return diagnostic;
  }
}
