import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { type HeaderReader, readHeaderThroughWorkspace } from './editor/binaryFiles';
import { nodeWorkerHost } from './editor/nodeTransport';
import { activateWith, type PlaygroundModule } from './extension.shared';

/** Heap the evaluation worker may use; past it only the worker dies, never the extension host. */
const WORKER_HEAP_MB = 1536;

/**
 * The desktop entry (package.json `main`, bundled to dist/extension.js):
 * Node worker threads, and the playground in its own bundle
 * (dist/playground.js), required on first use so activation stays quick.
 */
export function activate(context: vscode.ExtensionContext): void {
  const dist = (file: string) => vscode.Uri.joinPath(context.extensionUri, 'dist', file).fsPath;
  activateWith(context, {
    evaluationWorker: nodeWorkerHost(dist('worker.js'), { heapMb: WORKER_HEAP_MB }),
    playgroundWorker: nodeWorkerHost(dist('playgroundWorker.js')),
    loadPlayground: async () => require(dist('playground.js')) as PlaygroundModule,
    readHeader: readLocalHeader,
  });
}

export function deactivate(): void {}

/** Local files: only the header is read (MATLAB data files can be gigabytes); other schemes go through VS Code. */
const readLocalHeader: HeaderReader = async (uri, bytes) => {
  if (uri.scheme !== 'file') return readHeaderThroughWorkspace(uri, bytes);
  const file = await open(uri.fsPath, 'r');
  try {
    const header = new Uint8Array(bytes);
    const { bytesRead } = await file.read(header, 0, bytes, 0);
    return header.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
};
