/**
 * Ties a panel to one `train(...)` call in a document: follows the call as
 * text moves around it, re-reads its configuration (in the worker) when the
 * document changes, and writes a control's new value back as one undoable
 * WorkspaceEdit — refused when the document changed since the panel last
 * read it, so a stale panel never overwrites what the user typed.
 */

import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';
import type { Extraction } from './extract';
import type { ExtractClient } from './extractClient';
import type { Origin, ParamEdit } from './protocol';

/** Milliseconds of quiet after a document change before the call is read again. */
const REREAD_DELAY_MS = 200;

export interface BindingRead {
  readonly origin: Origin;
  readonly result: Extraction;
  /** True when the read follows a change the panel did not make (the user typed). */
  readonly external: boolean;
}

export class SourceBinding extends Disposable {
  private offset: number;
  private syncedVersion = -1;
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Changes the panel did not make, counted; `reported` is how many a read has covered. */
  private externalChanges = 1;
  private reportedExternal = 0;
  private ownEdit: { text: string } | undefined;
  private editQueue: Promise<unknown> = Promise.resolve();
  private editsInFlight = 0;

  constructor(
    readonly uri: vscode.Uri,
    offset: number,
    private readonly client: ExtractClient,
    private readonly onRead: (read: BindingRead) => void,
  ) {
    super();
    this.offset = offset;
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.changed(e)));
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  /** Where the call is, for people and for the saved state. */
  origin(line?: number): Origin {
    const name = this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
    return {
      uri: this.uri.toString(),
      offset: this.offset,
      label: line === undefined ? name : `${name}:${line + 1}`,
    };
  }

  /** Reads the call now (cancelling a read in progress); reports through `onRead`. */
  async read(): Promise<void> {
    clearTimeout(this.timer);
    const generation = ++this.generation;
    const seen = this.externalChanges;
    const external = seen > this.reportedExternal;
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(this.uri);
    } catch (error) {
      if (generation !== this.generation || this.isDisposed) return;
      const message = vscode.l10n.t(
        'Cannot open {0}: {1}',
        this.origin().label,
        error instanceof Error ? error.message : String(error),
      );
      this.onRead({ origin: this.origin(), result: { ok: false, message }, external });
      return;
    }
    const version = document.version;
    let answer: Awaited<ReturnType<ExtractClient['extract']>>;
    try {
      answer = await this.client.extract(this.uri.toString(), document.getText(), this.offset);
    } catch (error) {
      answer = {
        offset: this.offset,
        result: { ok: false, message: String(error instanceof Error ? error.message : error) },
      };
    }
    if (generation !== this.generation || this.isDisposed) return;
    if (answer.offset !== null) this.offset = answer.offset;
    this.syncedVersion = version;
    this.reportedExternal = Math.max(this.reportedExternal, seen);
    this.onRead({
      origin: this.origin(answer.result.ok ? answer.result.line : undefined),
      result: answer.result,
      external,
    });
  }

  /**
   * Rewrites one argument of the call in the file. Edits run one after
   * another; each is refused when the document changed since the panel read it.
   */
  apply(edit: ParamEdit): Promise<{ ok: boolean; message?: string }> {
    this.editsInFlight++;
    const run = this.editQueue.then(() => this.applyNow(edit));
    this.editQueue = run.catch(() => undefined);
    return run.finally(() => {
      this.editsInFlight--;
      // Re-read once the panel's own edits have settled (the worker sees them all at once).
      if (this.editsInFlight === 0) this.schedule();
    });
  }

  private async applyNow(edit: ParamEdit): Promise<{ ok: boolean; message?: string }> {
    const document = await vscode.workspace.openTextDocument(this.uri);
    if (document.version !== this.syncedVersion) {
      void this.read();
      return { ok: false, message: changedMessage(this.origin().label) };
    }
    const version = document.version;
    const rewrite = await this.client.rewrite(document.getText(), this.offset, edit);
    if (!rewrite.ok) return { ok: false, message: rewrite.message };
    if (document.version !== version) return { ok: false, message: changedMessage(this.origin().label) };
    const replacement = rewrite.replacement;
    if (!replacement) return { ok: true };
    const workspaceEdit = new vscode.WorkspaceEdit();
    const range = new vscode.Range(
      document.positionAt(replacement.start),
      document.positionAt(replacement.end),
    );
    workspaceEdit.replace(this.uri, range, replacement.newText);
    this.ownEdit = { text: replacement.newText };
    try {
      if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
        return {
          ok: false,
          message: vscode.l10n.t('VS Code did not apply the edit to {0}.', this.origin().label),
        };
      }
    } finally {
      this.ownEdit = undefined;
    }
    // The panel's own edit keeps it in step with the file (the change listener moved the offset).
    if (document.version === version + 1) this.syncedVersion = document.version;
    return { ok: true };
  }

  private changed(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.uri.toString() !== this.uri.toString() || e.contentChanges.length === 0) return;
    const own =
      this.ownEdit !== undefined &&
      e.contentChanges.length === 1 &&
      e.contentChanges[0].text === this.ownEdit.text;
    if (!own) this.externalChanges++;
    // A read in flight saw the text before this change: drop its answer (a new read follows).
    this.generation++;
    // Changes come in descending order and do not overlap: shift the offset past each one before it.
    for (const change of e.contentChanges) {
      const start = change.rangeOffset;
      const end = start + change.rangeLength;
      if (end <= this.offset) {
        this.offset += change.text.length - change.rangeLength;
      } else if (start < this.offset && this.offset < end) {
        this.offset = start;
      }
    }
    if (!own) this.schedule();
  }

  private schedule(): void {
    if (this.editsInFlight > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.read(), REREAD_DELAY_MS);
  }
}

function changedMessage(label: string): string {
  return vscode.l10n.t(
    "{0} changed since the panel last read it, so this change was not written. The panel now shows the file's values; change the control again to write it.",
    label,
  );
}
