import * as vscode from 'vscode';
import { BinaryFileNotice, type HeaderReader } from './editor/binaryFiles';
import { MatCodeLensProvider, ParseCache } from './editor/codeLens';
import { COMMANDS, type CommandServices } from './editor/commands';
import { MatCompletionProvider, MatSignatureHelpProvider } from './editor/completion';
import { affectsConfig, type Config, readConfig } from './editor/config';
import { Diagnostics } from './editor/diagnostics';
import { type CrashTexts, EvaluationClient } from './editor/evaluationClient';
import { MatFoldingProvider } from './editor/folding';
import { MatHoverProvider } from './editor/hover';
import { InlineDecorations } from './editor/inlineDecorations';
import { DocumentEvaluator, isMatDocument, LANGUAGE_ID } from './editor/liveEvaluation';
import { ResultStore } from './editor/results';
import type { WorkerHost } from './editor/workerTransport';
import type { Playground } from './playground';
import { OPEN_COMMAND, VIEW_TYPE } from './playground/protocol';
import type * as extract from './playground/workerProtocol';
import type * as evaluation from './worker/protocol';

/** The lazily loaded playground module (src/playground/index.ts). */
export type PlaygroundModule = typeof import('./playground');

/**
 * What differs between the desktop (extension.ts) and the web
 * (extension.browser.ts); everything else is wired once, here.
 */
export interface Platform {
  /** Starts the evaluation worker: the engine off the extension host's thread. */
  readonly evaluationWorker: WorkerHost<evaluation.WorkerRequest, evaluation.WorkerResponse>;
  /** Starts the playground's file-reading worker. */
  readonly playgroundWorker: WorkerHost<extract.WorkerRequest, extract.WorkerResponse>;
  /** The playground's host side, loaded on its first use (a separate bundle on the desktop). */
  loadPlayground(): Promise<PlaygroundModule>;
  /** The quickest way to a file's first bytes, if better than `vscode.workspace.fs`. */
  readonly readHeader?: HeaderReader;
}

const crashTexts: CrashTexts = {
  outOfMemory: () => vscode.l10n.t('the evaluation ran out of memory and was stopped (the engine restarted)'),
  restarted: (reason) => vscode.l10n.t('{0} (the engine restarted)', reason),
  stuck: (ms) =>
    vscode.l10n.t(
      'a statement ran longer than {0} ms without stopping and was cut off (the engine restarted)',
      ms,
    ),
};

/** Builds every service once and hands each registration to `context.subscriptions`. */
export function activateWith(context: vscode.ExtensionContext, platform: Platform): void {
  let config: Config = readConfig();
  const currentConfig = () => config;
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };

  const client = new EvaluationClient(platform.evaluationWorker, { texts: crashTexts });
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
    new BinaryFileNotice(platform.readHeader),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerHoverProvider(selector, new MatHoverProvider(store)),
    vscode.languages.registerFoldingRangeProvider(selector, new MatFoldingProvider(parses)),
    vscode.languages.registerCompletionItemProvider(selector, new MatCompletionProvider(store), '.'),
    vscode.languages.registerSignatureHelpProvider(selector, new MatSignatureHelpProvider(), '(', ','),
  );

  registerPlayground(context, platform);

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
      const engineChanged =
        event.affectsConfiguration('matrixPlayground.limits') ||
        event.affectsConfiguration('matrixPlayground.print');
      if (engineChanged && !config.liveResults) {
        // Results made with the old limits or precision must not answer the next command.
        for (const document of vscode.workspace.textDocuments) {
          store.update(document.uri, (results) => ({ ...results, partial: true }));
        }
      }
      if (config.liveResults && (!wasLive || engineChanged)) {
        for (const document of vscode.workspace.textDocuments) {
          if (isMatDocument(document)) void evaluator.evaluate(document);
        }
      }
    }),
  );
}

/**
 * The playground's command and panel serializer, registered at once; the
 * playground itself is loaded when one of them is first used.
 */
function registerPlayground(context: vscode.ExtensionContext, platform: Platform): void {
  let playground: Promise<Playground> | undefined;
  const load = (): Promise<Playground> => {
    if (!playground) {
      const loading = platform.loadPlayground().then((module) => {
        const created = module.createPlayground(context.extensionUri, platform.playgroundWorker);
        context.subscriptions.push(created);
        return created;
      });
      // A failed load is tried again on the next use; this one reports its error.
      loading.catch(() => {
        if (playground === loading) playground = undefined;
      });
      playground = loading;
    }
    return playground;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_COMMAND, async (uri?: unknown, offset?: unknown) =>
      (await load()).open(uri, offset),
    ),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => (await load()).deserializeWebviewPanel(panel, state),
    }),
  );
}
