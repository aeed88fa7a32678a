import * as vscode from 'vscode';
import { notAScriptReason } from '../engine/scriptKind';
import { Disposable } from '../util/dispose';

const HEADER_BYTES = 128;

/**
 * Largest file read whole to look at its header: `vscode.workspace.fs` has
 * no ranged read, and MATLAB data files can be gigabytes.
 */
const WHOLE_READ_LIMIT = 16 * 1024 * 1024;

/** Reads up to `bytes` bytes from the start of a file; undefined when it cannot or will not. */
export type HeaderReader = (uri: vscode.Uri, bytes: number) => Promise<Uint8Array | undefined>;

/**
 * Through `vscode.workspace.fs`: any scheme (local, remote, virtual) on
 * every platform, the web included; files too big to read whole are skipped.
 */
export const readHeaderThroughWorkspace: HeaderReader = async (uri, bytes) => {
  const { size } = await vscode.workspace.fs.stat(uri);
  if (size > WHOLE_READ_LIMIT) return undefined;
  return (await vscode.workspace.fs.readFile(uri)).subarray(0, bytes);
};

/**
 * MATLAB's binary `.mat` data files share our extension. VS Code refuses to
 * show them as text with a generic "binary" notice; this says plainly what
 * the file is, once per file, and it is never evaluated.
 */
export class BinaryFileNotice extends Disposable {
  private readonly told = new Set<string>();

  /** @param readHeader the platform's fastest way to the first bytes of a file */
  constructor(private readonly readHeader: HeaderReader = readHeaderThroughWorkspace) {
    super();
    this._register(vscode.window.tabGroups.onDidChangeTabs((event) => this.check(event.opened)));
    this.check(vscode.window.tabGroups.all.flatMap((group) => group.tabs));
  }

  private check(tabs: readonly vscode.Tab[]): void {
    for (const tab of tabs) {
      const input = tab.input;
      if (
        input instanceof vscode.TabInputText &&
        input.uri.scheme !== 'untitled' &&
        input.uri.path.toLowerCase().endsWith('.mat')
      ) {
        void this.inspect(input.uri);
      }
    }
  }

  private async inspect(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (this.told.has(key)) return;
    let header: Uint8Array | undefined;
    try {
      header = await this.readHeader(uri, HEADER_BYTES);
    } catch {
      return;
    }
    if (!header) return;
    // Latin-1: one character per byte, as the header check expects.
    const reason = notAScriptReason(String.fromCharCode(...header.subarray(0, HEADER_BYTES)));
    if (!reason || this.told.has(key)) return;
    this.told.add(key);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('{0}: {1}', vscode.workspace.asRelativePath(uri), reason),
    );
  }
}
