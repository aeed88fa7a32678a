import * as vscode from 'vscode';
import { BinaryFileNotice } from './editor/binaryFiles';
import { MatCodeLensProvider, ParseCache } from './editor/codeLens';
import { COMMANDS, type CommandServices } from './editor/commands';
import { MatCompletionProvider, MatSignatureHelpProvider } from './editor/completion';
import { affectsConfig, type Config, readConfig } from './editor/config';
import { Diagnostics } from './editor/diagnostics';
import { EvaluationClient } from './editor/evaluationClient';
import { MatFoldingProvider } from './editor/folding';
import { MatHoverProvider } from './editor/hover';
import { InlineDecorations } from './editor/inlineDecorations';
import { DocumentEvaluator, isMatDocument, LANGUAGE_ID } from './editor/liveEvaluation';
import { ResultStore } from './editor/results';
import { registerPlayground } from './playground';

/** Builds every service once and hands each registration to `context.subscriptions`. */
export function activate(context: vscode.ExtensionContext): void {
  let config: Config = readConfig();
  const currentConfig = () => config;
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };

  const client = new EvaluationClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath);
  const store = new ResultStore();
  const evaluator = new DocumentEvaluator(client, store, currentConfig);
  const parses = new ParseCache();
  const lenses = new MatCodeLensProvider(store, parses, currentConfig);
  const inline = new InlineDecorations(store, currentConfig);
  context.subscriptions.push(
    client,
    store,
    evaluator,
    lenses,
    inline,
    new Diagnostics(store),
    new BinaryFileNotice(),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerHoverProvider(selector, new MatHoverProvider(store)),
    vscode.languages.registerFoldingRangeProvider(selector, new MatFoldingProvider(parses)),
    vscode.languages.registerCompletionItemProvider(selector, new MatCompletionProvider(store), '.'),
    vscode.languages.registerSignatureHelpProvider(selector, new MatSignatureHelpProvider(), '(', ','),
  );

  registerPlayground(context);

  const services: CommandServices = { evaluator, store, extensionUri: context.extensionUri };
  for (const [id, run] of Object.entries(COMMANDS)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => run(services, ...args)),
    );
  }

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!affectsConfig(event)) return;
      const wasLive = config.liveResults;
      config = readConfig();
      lenses.refresh();
      inline.refreshAll();
      // Turning live mode on (or changing limits/precision) re-evaluates what is open.
      if (config.liveResults && !wasLive) {
        for (const document of vscode.workspace.textDocuments) {
          store.update(document.uri, (results) => ({ ...results, visible: undefined }));
        }
      }
      if (
        config.liveResults &&
        (!wasLive ||
          event.affectsConfiguration('matrixPlayground.limits') ||
          event.affectsConfiguration('matrixPlayground.print'))
      ) {
        for (const document of vscode.workspace.textDocuments) {
          if (isMatDocument(document)) void evaluator.evaluate(document);
        }
      }
    }),
  );
}

export function deactivate(): void {}
