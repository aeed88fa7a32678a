import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';
import type { Config } from './config';
import type { EvaluationClient } from './evaluationClient';
import { type DocumentResults, type ResultStore, trimSnapshot } from './results';

export const LANGUAGE_ID = 'mat';

export function isMatDocument(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}

/**
 * Evaluates `.mat` documents: as the user types (debounced) in live mode,
 * and on demand for the commands. A result is stored only if the document
 * still has the version it was computed for, so a stale result never shows
 * for newer text; on an edit, results below the edit are dropped at once.
 */
export class DocumentEvaluator extends Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly warnedNotScript = new Set<string>();

  constructor(
    private readonly client: EvaluationClient,
    private readonly store: ResultStore,
    private readonly config: () => Config,
  ) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.onOpen(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)));
    this._register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cancelTimer(d.uri);
        this.client.forget(d.uri.toString());
        this.store.delete(d.uri);
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.onOpen(document);
  }

  private onOpen(document: vscode.TextDocument): void {
    if (isMatDocument(document) && this.config().liveResults) void this.evaluate(document);
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (!isMatDocument(document) || event.contentChanges.length === 0) return;
    const firstLine = Math.min(...event.contentChanges.map((c) => c.range.start.line));
    const current = this.store.get(document.uri);
    if (current) {
      const snapshot = trimSnapshot(current.snapshot, firstLine);
      const kept = snapshot.statements.length;
      // Live mode shows everything again after an edit; by hand, what was run above the edit stays shown.
      const visible = this.config().liveResults
        ? undefined
        : new Set([...(current.visible ?? [])].filter((i) => i < kept));
      this.store.set(document.uri, {
        ...current,
        version: document.version,
        snapshot,
        partial: true,
        visible,
        crash: undefined,
      });
    }
    if (!this.config().liveResults) return;
    this.cancelTimer(document.uri);
    const key = document.uri.toString();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.evaluate(document);
      }, this.config().debounceMs),
    );
  }

  private cancelTimer(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  /**
   * The results of the document's current text: the stored ones when they
   * are complete for this version, otherwise a new evaluation.
   */
  async resultsFor(document: vscode.TextDocument): Promise<DocumentResults | undefined> {
    const stored = this.store.get(document.uri);
    if (stored && stored.version === document.version && !stored.partial && !stored.crash) return stored;
    return this.evaluate(document);
  }

  /**
   * Evaluates the document's current text and stores the results (keeping
   * what is shown: `visible`, revealed calls). Resolves to the stored
   * results, or undefined if the document changed meanwhile.
   */
  async evaluate(document: vscode.TextDocument): Promise<DocumentResults | undefined> {
    this.cancelTimer(document.uri);
    const version = document.version;
    const key = document.uri.toString();
    const text = document.getText();
    const settings = this.config().engine;
    let outcome = await this.client.evaluate(key, text, settings);
    // The worker died: what ran before the statement it died on is evaluated again, to be shown.
    if (outcome.kind === 'crashed' && !this.isDisposed && document.version === version) {
      outcome = await this.client.recover(key, text, settings, outcome);
    }
    if (
      this.isDisposed ||
      document.isClosed ||
      document.version !== version ||
      outcome.kind === 'superseded'
    ) {
      return undefined;
    }
    const previous = this.store.get(document.uri);
    const kept = {
      visible: previous ? previous.visible : this.config().liveResults ? undefined : new Set<number>(),
      revealedCalls: previous?.revealedCalls ?? new Set<string>(),
    };
    let results: DocumentResults;
    if (outcome.kind === 'crashed') {
      const snapshot = outcome.snapshot ?? previous?.snapshot ?? { statements: [], cells: [], variables: [] };
      results = {
        ...kept,
        version,
        snapshot,
        crash: { message: outcome.message, statementIndex: outcome.statementIndex },
      };
    } else {
      results = { ...kept, version, snapshot: outcome.snapshot };
      if (outcome.snapshot.notAScript && !this.warnedNotScript.has(key)) {
        this.warnedNotScript.add(key);
        void vscode.window.showWarningMessage(outcome.snapshot.notAScript);
      }
    }
    this.store.set(document.uri, results);
    return results;
  }

  override dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    super.dispose();
  }
}
