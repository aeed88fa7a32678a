import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { notAScriptReason } from '../engine/document';
import { Disposable } from '../util/dispose';

const HEADER_BYTES = 128;

/**
 * MATLAB's binary `.mat` data files share our extension. VS Code refuses to
 * show them as text with a generic "binary" notice; this says plainly what
 * the file is, once per file, and it is never evaluated.
 */
export class BinaryFileNotice extends Disposable {
  private readonly told = new Set<string>();

  constructor() {
    super();
    this._register(vscode.window.tabGroups.onDidChangeTabs((event) => this.check(event.opened)));
    this.check(vscode.window.tabGroups.all.flatMap((group) => group.tabs));
  }

  private check(tabs: readonly vscode.Tab[]): void {
    for (const tab of tabs) {
      const input = tab.input;
      if (
        input instanceof vscode.TabInputText &&
        input.uri.scheme === 'file' &&
        input.uri.path.toLowerCase().endsWith('.mat')
      ) {
        void this.inspect(input.uri);
      }
    }
  }

  private async inspect(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (this.told.has(key)) return;
    let head: string;
    try {
      // Read only the header: such files can be gigabytes.
      const file = await open(uri.fsPath, 'r');
      try {
        const buffer = Buffer.alloc(HEADER_BYTES);
        const { bytesRead } = await file.read(buffer, 0, HEADER_BYTES, 0);
        head = buffer.subarray(0, bytesRead).toString('latin1');
      } finally {
        await file.close();
      }
    } catch {
      return;
    }
    const reason = notAScriptReason(head);
    if (!reason || this.told.has(key)) return;
    this.told.add(key);
    void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)}: ${reason}`);
  }
}
