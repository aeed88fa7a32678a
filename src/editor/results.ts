import * as vscode from 'vscode';
import type { DocumentSnapshot } from '../engine/snapshot';

/** The evaluation shown for one document version. */
export interface DocumentResults {
  readonly version: number;
  readonly snapshot: DocumentSnapshot;
  /** True while the statements below an edit are dropped and not yet evaluated again. */
  readonly partial?: boolean;
  /** Set when the engine died during this evaluation: the statement it was running and why. */
  readonly crash?: { readonly message: string; readonly statementIndex: number };
  /** Statements whose results are shown; undefined shows all (live mode). */
  readonly visible?: ReadonlySet<number>;
  /** Calls whose values were asked for with a CodeLens (`line:character` keys). */
  readonly revealedCalls: ReadonlySet<string>;
}

/** Keeps only the statements that end before `line`: an edit there cannot have changed them. */
export function trimSnapshot(snapshot: DocumentSnapshot, line: number): DocumentSnapshot {
  return { ...snapshot, statements: snapshot.statements.filter((s) => s.span.end.line < line) };
}

/**
 * The latest results per document. Every view (inline text, diagnostics,
 * hovers, lenses) reads from here and redraws on `onDidChange`.
 */
export class ResultStore implements vscode.Disposable {
  private readonly results = new Map<string, DocumentResults>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  get(uri: vscode.Uri): DocumentResults | undefined {
    return this.results.get(uri.toString());
  }

  set(uri: vscode.Uri, results: DocumentResults): void {
    this.results.set(uri.toString(), results);
    this.changed.fire(uri);
  }

  update(uri: vscode.Uri, change: (results: DocumentResults) => DocumentResults): void {
    const current = this.get(uri);
    if (current) this.set(uri, change(current));
  }

  delete(uri: vscode.Uri): void {
    if (this.results.delete(uri.toString())) this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
    this.results.clear();
  }
}
