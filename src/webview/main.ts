/**
 * The webview's entry (bundled to dist/webview/playground.js with its
 * stylesheet): restores the saved state or reads the initial one from the
 * page, starts the playground, and connects it to the host.
 */

import 'uplot/dist/uPlot.min.css';
import '../../media/playground.css';
import type { InitialState } from '../playground/html';
import { parsePersistedState } from '../playground/messages';
import { checkOrigin, checkSource } from '../playground/validate';
import { Playground, type Start } from './app';
import { Host } from './host';
import type { Clock } from './trainingLoop';

/** Slices run as message-channel tasks: after pending input and rendering, without setTimeout's 4 ms clamp. */
function messageChannelClock(): Clock {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return {
    now: () => performance.now(),
    schedule(task) {
      queue.push(task);
      channel.port2.postMessage(0);
      return () => {
        const i = queue.indexOf(task);
        if (i >= 0) queue.splice(i, 1);
      };
    },
  };
}

/** The page's `data-initial` (from the host), checked like any message. */
function initialState(): InitialState {
  try {
    const raw = JSON.parse(document.body.dataset.initial ?? 'null') as Partial<InitialState> | null;
    const notes: string[] = [];
    return {
      source: raw?.source ? checkSource(raw.source, notes) : null,
      origin: raw?.origin ? checkOrigin(raw.origin) : null,
    };
  } catch {
    return { source: null, origin: null };
  }
}

function start(): void {
  const host = new Host();
  const saved = parsePersistedState(host.savedState());
  const initial = initialState();
  const begin: Start = saved.ok
    ? saved.value
    : { source: initial.source, origin: initial.origin, logScale: false, history: [] };
  const root = document.getElementById('app');
  if (!root) return;
  const playground = new Playground(root, host, messageChannelClock(), begin);
  host.listen(
    (message) => playground.handle(message),
    (reason) => console.error(`Refused a message from the extension: ${reason}`),
  );
  // Colours come from the theme: redraw the chart when VS Code switches it.
  new MutationObserver(() => playground.themeChanged()).observe(document.body, {
    attributes: true,
    attributeFilter: ['class'],
  });
  host.post({ type: 'ready' });
}

start();
