/**
 * A throwaway extension that proves the e2e harness, written to a temp folder at test time (it
 * is not part of the product): a command `Smoke: Say Hello`, a `smoke` language for `.smoke`
 * files with a CodeLens, a hover and a diagnostic, and `Smoke: Show Panel`, a webview whose
 * script draws on a canvas.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVsix } from './harness';

const manifest = {
  name: 'e2e-smoke',
  displayName: 'E2E Smoke',
  description: 'Throwaway extension that proves the e2e harness.',
  publisher: 'e2e',
  version: '0.0.1',
  engines: { vscode: '^1.100.0' },
  main: './extension.js',
  files: ['extension.js', 'README.md'],
  activationEvents: ['onLanguage:smoke'],
  contributes: {
    commands: [
      { command: 'smoke.sayHello', title: 'Say Hello', category: 'Smoke' },
      { command: 'smoke.showPanel', title: 'Show Panel', category: 'Smoke' },
    ],
    languages: [{ id: 'smoke', aliases: ['Smoke'], extensions: ['.smoke'] }],
  },
};

const extensionJs = `
const vscode = require('vscode');

function activate(context) {
  const out = vscode.window.createOutputChannel('Smoke');
  out.appendLine('smoke: activated');
  console.log('smoke: console.log from the extension host');

  context.subscriptions.push(
    vscode.commands.registerCommand('smoke.sayHello', () => {
      out.appendLine('smoke: sayHello');
      vscode.window.showInformationMessage('Hello from Smoke!');
    }),
    vscode.commands.registerCommand('smoke.lensClicked', (line) => {
      out.appendLine('smoke: lens clicked on line ' + line);
      vscode.window.showInformationMessage('Lens clicked on line ' + line);
    }),
    vscode.languages.registerCodeLensProvider({ language: 'smoke' }, {
      provideCodeLenses(doc) {
        const lenses = [];
        for (let i = 0; i < doc.lineCount; i++) {
          if (doc.lineAt(i).text.startsWith('hello')) {
            lenses.push(new vscode.CodeLens(new vscode.Range(i, 0, i, 0), {
              title: 'Greet line ' + (i + 1),
              command: 'smoke.lensClicked',
              arguments: [i + 1],
            }));
          }
        }
        return lenses;
      },
    }),
    vscode.languages.registerHoverProvider({ language: 'smoke' }, {
      provideHover(doc, pos) {
        const range = doc.getWordRangeAtPosition(pos);
        if (!range) return undefined;
        return new vscode.Hover('Smoke hover: **' + doc.getText(range) + '**', range);
      },
    }),
    vscode.commands.registerCommand('smoke.showPanel', () => {
      const panel = vscode.window.createWebviewPanel('smokePanel', 'Smoke Panel', vscode.ViewColumn.Beside, {
        enableScripts: true,
      });
      panel.webview.html = '<!DOCTYPE html><html><body>' +
        '<h1 id="title">Smoke panel</h1><p id="out">script did not run</p>' +
        '<canvas id="c" width="200" height="100"></canvas>' +
        '<script>document.getElementById("out").textContent = "script ran: " + (6 * 7);' +
        'const g = document.getElementById("c").getContext("2d"); g.fillStyle = "#e06c00"; g.fillRect(10, 10, 180, 80);' +
        '</script></body></html>';
    }),
  );

  const diagnostics = vscode.languages.createDiagnosticCollection('smoke');
  context.subscriptions.push(diagnostics);
  const lint = (doc) => {
    if (doc.languageId !== 'smoke') return;
    const found = [];
    for (let i = 0; i < doc.lineCount; i++) {
      const col = doc.lineAt(i).text.indexOf('bad');
      if (col >= 0) {
        const d = new vscode.Diagnostic(new vscode.Range(i, col, i, col + 3), 'smoke does not like "bad"', vscode.DiagnosticSeverity.Error);
        d.source = 'smoke';
        found.push(d);
      }
    }
    diagnostics.set(doc.uri, found);
  };
  vscode.workspace.textDocuments.forEach(lint);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => lint(e.document)),
  );
}

module.exports = { activate, deactivate() {} };
`;

/** Writes the smoke extension to a temp folder, packages it, and returns the .vsix path. */
export async function buildSmokeVsix(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-smoke-ext-'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'extension.js'), extensionJs);
  writeFileSync(join(dir, 'README.md'), '# E2E Smoke\n\nThrowaway extension for the e2e harness.\n');
  return packageVsix(dir, join(dir, 'e2e-smoke.vsix'));
}

/** A workspace folder with a couple of .smoke files. */
export function makeSmokeWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-smoke-ws-'));
  writeFileSync(join(dir, 'hello.smoke'), 'hello world\nplain line\nhello again\n');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'other.smoke'), 'this line is bad\n');
  return dir;
}
