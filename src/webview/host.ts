/**
 * The webview's side of the message channel, typed: what it may send
 * (`WebviewMessage`), what arrives (checked by `parseHostMessage` before
 * anyone sees it), and the state VS Code keeps across reloads.
 */

import { parseHostMessage } from '../playground/messages';
import type { HostMessage, PersistedState, WebviewMessage } from '../playground/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class Host {
  private readonly api = acquireVsCodeApi();

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /** The state saved before a reload (unchecked: see `parsePersistedState`). */
  savedState(): unknown {
    return this.api.getState();
  }

  save(state: PersistedState): void {
    this.api.setState(state);
  }

  /** Delivers every checked host message; a refused one goes to `refused` with the reason. */
  listen(handle: (message: HostMessage) => void, refused: (reason: string) => void): void {
    window.addEventListener('message', (event: MessageEvent) => {
      const checked = parseHostMessage(event.data);
      if (checked.ok) handle(checked.value);
      else refused(checked.error);
    });
  }
}
