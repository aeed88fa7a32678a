/**
 * One Neural Network Playground panel: its webview (CSP, nonce, bundled
 * assets only), its typed message handling, and its binding to a
 * `train(...)` call. The training itself runs in the webview, in slices.
 */

import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';
import { type BindingRead, SourceBinding } from './binding';
import { SEED_CONFIG } from './defaults';
import type { ExtractClient } from './extractClient';
import { type InitialState, makeNonce, playgroundHtml } from './html';
import { parseWebviewMessage } from './messages';
import { numpyScript } from './numpyScript';
import { type EditMessage, type HostMessage, type Origin, VIEW_TYPE, type WebviewMessage } from './protocol';

/** Where the panel's values come from: a call in a file, or the seed notebook's defaults. */
export interface PanelTarget {
  readonly uri: vscode.Uri;
  readonly offset: number;
}

export class PlaygroundPanel extends Disposable {
  private binding: SourceBinding | undefined;
  private sourceId = 0;
  /** Id of the first source sent after the user changed the file: edits based on older ones are stale. */
  private externalSourceId = 0;

  /** A new panel beside the editor. */
  static create(extensionUri: vscode.Uri, client: ExtractClient, target?: PanelTarget): PlaygroundPanel {
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      vscode.l10n.t('Neural Network Playground'),
      // Opened from a call, the focus stays in the editor, where the file is edited.
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: target !== undefined },
      PlaygroundPanel.webviewOptions(extensionUri),
    );
    return new PlaygroundPanel(panel, extensionUri, client, target, undefined);
  }

  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // A long training keeps running while the tab is in the background.
      retainContextWhenHidden: true,
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
        vscode.Uri.joinPath(extensionUri, 'media'),
      ],
    };
  }

  /**
   * @param restoredOrigin after a reload: the call the panel followed (its saved state holds the rest)
   */
  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly client: ExtractClient,
    target: PanelTarget | undefined,
    restoredOrigin: Origin | null | undefined,
  ) {
    super();
    panel.webview.options = PlaygroundPanel.webviewOptions(extensionUri);
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => void this.received(raw)));
    const restored = restoredOrigin
      ? { uri: vscode.Uri.parse(restoredOrigin.uri), offset: restoredOrigin.offset }
      : undefined;
    const bindTo = target ?? restored;
    if (bindTo) this.bind(bindTo);
    this.render({
      source: bindTo ? null : { config: SEED_CONFIG, rng: null },
      origin: this.binding?.origin() ?? null,
    });
  }

  /** Follows another call (or none: the seed notebook's defaults) and shows the panel. */
  retarget(target: PanelTarget | undefined): void {
    // Opened from a call: beside that editor (never covering it), the focus staying in the editor.
    const editorColumn = vscode.window.activeTextEditor?.viewColumn;
    const covers =
      target !== undefined && editorColumn !== undefined && this.panel.viewColumn === editorColumn;
    this.panel.reveal(covers ? vscode.ViewColumn.Beside : this.panel.viewColumn, target !== undefined);
    if (!target) {
      this.unbind();
      this.post({
        type: 'source',
        id: ++this.sourceId,
        source: { config: SEED_CONFIG, rng: null },
        origin: null,
        notes: [],
        external: true,
      });
      return;
    }
    this.bind(target);
    void this.binding?.read();
  }

  override dispose(): void {
    this.unbind();
    super.dispose();
    this.panel.dispose();
  }

  private bind(target: PanelTarget): void {
    this.unbind();
    this.binding = new SourceBinding(target.uri, target.offset, this.client, (read) => this.sourceRead(read));
  }

  private unbind(): void {
    this.binding?.dispose();
    this.binding = undefined;
  }

  private render(initial: InitialState): void {
    const webview = this.panel.webview;
    const asset = (name: string) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', name)).toString();
    webview.html = playgroundHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asset('playground.js'),
      styleUri: asset('playground.css'),
      initial,
    });
  }

  private sourceRead(read: BindingRead): void {
    const id = ++this.sourceId;
    if (read.external) this.externalSourceId = id;
    if (read.result.ok) {
      this.post({
        type: 'source',
        id,
        source: read.result.source,
        origin: read.origin,
        notes: read.result.notes,
        external: read.external,
      });
    } else {
      this.post({ type: 'sourceError', message: read.result.message, origin: read.origin });
    }
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async received(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.post({
        type: 'notice',
        level: 'error',
        message: vscode.l10n.t('The panel sent a message the extension refused: {0}', parsed.error),
      });
      return;
    }
    const message: WebviewMessage = parsed.value;
    switch (message.type) {
      case 'ready':
        if (this.binding) await this.binding.read();
        return;
      case 'edit':
        return this.edit(message, parsed.notes);
      case 'copyNumpy': {
        const script = numpyScript(message.source);
        await vscode.env.clipboard.writeText(script);
        this.post({
          type: 'notice',
          level: 'info',
          message: vscode.l10n.t(
            'Copied a NumPy script ({0} lines) that reproduces this run.',
            script.split('\n').length,
          ),
        });
        return;
      }
      case 'saveChart':
        return this.saveChart(message.png);
    }
  }

  private async edit(message: EditMessage, notes: readonly string[]): Promise<void> {
    const reply = (ok: boolean, text?: string) =>
      this.post({ type: 'editResult', requestId: message.requestId, ok, ...(text ? { message: text } : {}) });
    if (!this.binding)
      return reply(
        false,
        vscode.l10n.t('The panel is not opened from a train(...) call: there is no source to change.'),
      );
    if (message.basis < this.externalSourceId) {
      void this.binding.read();
      return reply(
        false,
        vscode.l10n.t(
          "{0} changed while you edited, so this change was not written. The panel now shows the file's values.",
          this.binding.origin().label,
        ),
      );
    }
    try {
      const result = await this.binding.apply(message.edit);
      reply(result.ok, result.ok ? notes.join('; ') || undefined : result.message);
    } catch (error) {
      reply(
        false,
        vscode.l10n.t(
          'The change was not written: {0}',
          error instanceof Error ? error.message : String(error),
        ),
      );
    }
  }

  private async saveChart(png: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, 'loss-chart.png') : undefined,
      filters: { [vscode.l10n.t('PNG image')]: ['png'] },
      saveLabel: vscode.l10n.t('Save Chart'),
      title: vscode.l10n.t('Save the loss chart as PNG'),
    });
    if (!target) return;
    // atob, not Buffer: the same code runs in VS Code for the Web's worker extension host.
    const bytes = Uint8Array.from(atob(png.slice(png.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    await vscode.workspace.fs.writeFile(target, bytes);
    this.post({
      type: 'notice',
      level: 'info',
      message: vscode.l10n.t('Saved the chart to {0}.', vscode.workspace.asRelativePath(target)),
    });
  }
}
