/**
 * The panel's HTML: a strict Content-Security-Policy (nothing but our own
 * bundled stylesheet and one nonce'd script), and the initial state in an
 * escaped `data-` attribute rather than pasted into script text. Pure.
 */

import type { Origin, Source } from './protocol';

/** What the webview starts from before the host says more. */
export interface InitialState {
  /** The configuration to run at once, or null to wait for the file's (a panel bound to a call). */
  readonly source: Source | null;
  readonly origin: Origin | null;
}

export interface HtmlParts {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly initial: InitialState;
}

/** A fresh nonce, 128 bits from the platform's CSPRNG as hex (a new one for every render). */
export function makeNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Escapes text for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** The Content-Security-Policy: no inline script or style, no network, no eval. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function playgroundHtml(parts: HtmlParts): string {
  const csp = contentSecurityPolicy(parts.cspSource, parts.nonce);
  const initial = escapeAttribute(JSON.stringify(parts.initial));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(parts.styleUri)}">
<title>Neural Network Playground</title>
</head>
<body data-initial="${initial}">
<main id="app" aria-live="polite"></main>
<script nonce="${parts.nonce}" src="${escapeAttribute(parts.scriptUri)}"></script>
</body>
</html>`;
}
