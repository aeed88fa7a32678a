import * as vscode from 'vscode';
import { webWorkerHost } from './editor/webTransport';
import { inProcessHost } from './editor/workerTransport';
import { activateWith } from './extension.shared';
import { extractWorkerMain } from './playground/extractService';
import { evaluationWorkerMain } from './worker/serve';

/**
 * The web entry (package.json `browser`, bundled to dist/web/extension.js)
 * for vscode.dev, github.dev and VS Code's web worker extension host: Web
 * Workers, and, should this host be unable to start one, the same worker
 * logic on the extension host's thread (bounded by the engine's limits).
 */
export function activate(context: vscode.ExtensionContext): void {
  const script = (file: string) => vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', file).toString();
  activateWith(context, {
    evaluationWorker: webWorkerHost(script('worker.js'), {
      name: 'Matrix Playground evaluation',
      fallback: inProcessHost(evaluationWorkerMain),
    }),
    playgroundWorker: webWorkerHost(script('playgroundWorker.js'), {
      name: 'Matrix Playground file reader',
      fallback: inProcessHost(extractWorkerMain),
    }),
    // One bundle on the web: loading a second file costs a round trip here.
    loadPlayground: () => import('./playground'),
  });
}

export function deactivate(): void {}
