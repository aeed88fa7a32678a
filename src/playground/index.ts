/**
 * The Neural Network Playground's registrations: the `Open Neural Network
 * Playground` command (from the palette, or from a CodeLens with a
 * document and the offset of a `train(...)` call) and the serializer that
 * brings the panel back after a window reload. One panel at a time: opening
 * again points the existing one at the new call.
 */

import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';
import { ExtractClient } from './extractClient';
import { parsePersistedState } from './messages';
import { type PanelTarget, PlaygroundPanel } from './panel';
import { OPEN_COMMAND, VIEW_TYPE } from './protocol';

export { playgroundLenses } from './lens';
export { OPEN_COMMAND } from './protocol';

class PlaygroundManager extends Disposable implements vscode.WebviewPanelSerializer {
  private current: PlaygroundPanel | undefined;
  private readonly client: ExtractClient;

  constructor(private readonly extensionUri: vscode.Uri) {
    super();
    this.client = new ExtractClient(vscode.Uri.joinPath(extensionUri, 'dist', 'playgroundWorker.js').fsPath);
    this._register({ dispose: () => this.client.dispose() });
    this._register({ dispose: () => this.current?.dispose() });
  }

  /** The command: `(uri?, offset?)`; anything else opens the seed notebook's defaults. */
  open(uri?: unknown, offset?: unknown): void {
    const target: PanelTarget | undefined =
      uri instanceof vscode.Uri && typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0
        ? { uri, offset }
        : undefined;
    if (this.current) {
      this.current.retarget(target);
      return;
    }
    this.track(PlaygroundPanel.create(this.extensionUri, this.client, target));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = parsePersistedState(state);
    const origin = saved.ok ? saved.value.origin : null;
    // One panel at a time: a restored one replaces any other.
    this.current?.dispose();
    this.track(new PlaygroundPanel(panel, this.extensionUri, this.client, undefined, origin));
  }

  private track(panel: PlaygroundPanel): void {
    this.current = panel;
    panel.panel.onDidDispose(() => {
      if (this.current === panel) this.current = undefined;
    });
  }
}

/**
 * Registers the playground's command and panel serializer; everything goes
 * into `context.subscriptions`.
 */
export function registerPlayground(context: vscode.ExtensionContext): void {
  const manager = new PlaygroundManager(context.extensionUri);
  context.subscriptions.push(
    manager,
    vscode.commands.registerCommand(OPEN_COMMAND, (uri?: unknown, offset?: unknown) =>
      manager.open(uri, offset),
    ),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, manager),
  );
}
