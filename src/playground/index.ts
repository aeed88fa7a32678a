/**
 * The Neural Network Playground's host side, loaded on its first use (a
 * separate bundle on the desktop, so activation does not pay for it): what
 * the `Open Neural Network Playground` command does (from the palette, or
 * from a CodeLens with a document and the offset of a `train(...)` call)
 * and the serializer that brings the panel back after a window reload. One
 * panel at a time: opening again points the existing one at the new call.
 * extension.shared.ts registers both and loads this module when needed.
 */

import * as vscode from 'vscode';
import type { WorkerHost } from '../editor/workerTransport';
import { Disposable } from '../util/dispose';
import { ExtractClient } from './extractClient';
import { parsePersistedState } from './messages';
import { type PanelTarget, PlaygroundPanel } from './panel';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

/** The playground as the extension's wiring sees it. */
export interface Playground extends vscode.Disposable, vscode.WebviewPanelSerializer {
  /** The command: `(uri?, offset?)`; anything else opens the seed notebook's defaults. */
  open(uri?: unknown, offset?: unknown): void;
}

class PlaygroundManager extends Disposable implements Playground {
  private current: PlaygroundPanel | undefined;
  private readonly client: ExtractClient;

  constructor(
    private readonly extensionUri: vscode.Uri,
    worker: WorkerHost<WorkerRequest, WorkerResponse>,
  ) {
    super();
    this.client = new ExtractClient(worker);
    this._register({ dispose: () => this.client.dispose() });
    this._register({ dispose: () => this.current?.dispose() });
  }

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
 * The playground of this extension; `worker` starts its file-reading worker
 * (dist/playgroundWorker.js, or dist/web/playgroundWorker.js on the web).
 */
export function createPlayground(
  extensionUri: vscode.Uri,
  worker: WorkerHost<WorkerRequest, WorkerResponse>,
): Playground {
  return new PlaygroundManager(extensionUri, worker);
}
