/**
 * Checking whole messages and the saved state on arrival, with the value
 * checkers of `validate.ts`: the host checks what the webview sends, the
 * webview what the host sends and what VS Code restores after a reload.
 * No `vscode`, no DOM.
 */

import {
  BOUNDS,
  type HistoryRun,
  type HostMessage,
  type PersistedState,
  type WebviewMessage,
} from './protocol';
import {
  type Checked,
  checkEdit,
  checkOrigin,
  checkSource,
  integer,
  object,
  refuse,
  run,
  text,
} from './validate';

function checkPng(value: unknown): string {
  const png = text(value, 'png', BOUNDS.pngMaxChars);
  if (!/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/.test(png)) refuse('png must be a base64 PNG data URL');
  return png;
}

/** A message from the webview, checked (the host calls this on every message). */
export function parseWebviewMessage(raw: unknown): Checked<WebviewMessage> {
  return run((notes) => {
    const o = object(raw, 'message');
    switch (o.type) {
      case 'ready':
        return { type: 'ready' };
      case 'edit':
        return {
          type: 'edit',
          requestId: integer(o.requestId, 'requestId'),
          basis: integer(o.basis, 'basis'),
          edit: checkEdit(o.edit, notes),
        };
      case 'copyNumpy':
        return { type: 'copyNumpy', source: checkSource(o.source, notes) };
      case 'saveChart':
        return { type: 'saveChart', png: checkPng(o.png) };
      default:
        return refuse(`unknown message type ${JSON.stringify(o.type)}`);
    }
  });
}

function checkNotes(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > 50) refuse('notes must be a short list');
  return value.map((note: unknown) => text(note, 'note', 1000));
}

/** A message from the host, checked (the webview calls this on every message). */
export function parseHostMessage(raw: unknown): Checked<HostMessage> {
  return run((notes) => {
    const o = object(raw, 'message');
    switch (o.type) {
      case 'source':
        return {
          type: 'source',
          id: integer(o.id, 'id'),
          source: checkSource(o.source, notes),
          origin: checkOrigin(o.origin),
          notes: checkNotes(o.notes),
          external: o.external !== false,
        };
      case 'sourceError':
        return { type: 'sourceError', message: text(o.message, 'message'), origin: checkOrigin(o.origin) };
      case 'editResult':
        return {
          type: 'editResult',
          requestId: integer(o.requestId, 'requestId'),
          ok: o.ok === true,
          ...(o.message === undefined ? {} : { message: text(o.message, 'message') }),
        };
      case 'notice': {
        const level = o.level === 'warning' || o.level === 'error' ? o.level : 'info';
        return { type: 'notice', level, message: text(o.message, 'message') };
      }
      default:
        return refuse(`unknown message type ${JSON.stringify(o.type)}`);
    }
  });
}

function checkHistoryRun(value: unknown): HistoryRun {
  const o = object(value, 'history run');
  if (!Array.isArray(o.epochs) || !Array.isArray(o.loss) || o.epochs.length !== o.loss.length) {
    refuse('a history run needs epochs and loss lists of one length');
  }
  if (o.epochs.length > BOUNDS.historyPoints + 1) refuse('a history run has too many points');
  return {
    label: text(o.label, 'label', 500),
    epochs: o.epochs.map((e: unknown) => integer(e, 'epoch')),
    // A diverged run's last loss may be NaN or infinite (JSON turns it into null).
    loss: o.loss.map((l: unknown) => (typeof l === 'number' ? l : Number.NaN)),
  };
}

/** The webview's saved state after a reload; anything unreadable yields a refusal (start afresh). */
export function parsePersistedState(raw: unknown): Checked<PersistedState> {
  return run((notes) => {
    const o = object(raw, 'state');
    if (o.version !== 1) refuse('unknown state version');
    if (!Array.isArray(o.history)) refuse('history must be a list');
    return {
      version: 1,
      source: checkSource(o.source, notes),
      origin: checkOrigin(o.origin),
      logScale: o.logScale === true,
      history: o.history.slice(0, BOUNDS.historyMax).map(checkHistoryRun),
    };
  });
}
