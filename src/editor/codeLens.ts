import * as vscode from 'vscode';
import type { Program } from '../engine/ast';
import { parse } from '../engine/parser';
import { reparse } from '../engine/parser/incremental';
import { LineIndex } from '../engine/positions';
import { playgroundLenses } from '../playground/lens';
import { OPEN_COMMAND } from '../playground/protocol';
import { Disposable } from '../util/dispose';
import type { Config } from './config';
import { callKey, valueSummary } from './inlineText';
import { planLenses } from './lensPlan';
import type { ResultStore } from './results';

/** Command ids the lenses run. */
export const LENS_COMMANDS = {
  showCall: 'matrixPlayground.showCall',
  runCell: 'matrixPlayground.runCell',
  runAbove: 'matrixPlayground.runAbove',
} as const;

/** A document's parse, cached per version: lenses, hovers and completion all ask for it. */
export class ParseCache {
  private cached:
    | { uri: string; version: number; text: string; program: Program; lines: LineIndex }
    | undefined;

  get(document: vscode.TextDocument): { program: Program; lines: LineIndex } {
    const uri = document.uri.toString();
    if (!this.cached || this.cached.uri !== uri || this.cached.version !== document.version) {
      const text = document.getText();
      // A keystroke re-parses only the lines around it.
      const program = this.cached?.uri === uri ? reparse(this.cached, text) : parse(text);
      this.cached = { uri, version: document.version, text, program, lines: new LineIndex(text) };
    }
    return this.cached;
  }
}

/**
 * `▶ dot(a, b)` above every statement that calls a product or inverse (one
 * lens per call); after it runs, `dot(a, b) = 2×2 int64`. `▶ Run Cell` and
 * `Run Above` over `# %%` markers.
 */
export class MatCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly store: ResultStore,
    private readonly parses: ParseCache,
    private readonly config: () => Config,
  ) {
    super();
    this._register(store.onDidChange(() => this.changed.fire()));
  }

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.config().showCodeLens) return [];
    const { program, lines } = this.parses.get(document);
    const results = this.store.get(document.uri);
    const current = results && results.version === document.version ? results : undefined;
    const lenses: vscode.CodeLens[] = [];
    for (const plan of planLenses(document.getText(), program)) {
      const start = lines.positionAt(plan.range.start);
      const end = lines.positionAt(plan.range.end);
      const range = new vscode.Range(start.line, start.character, end.line, end.character);
      if (plan.kind === 'cell') {
        const args = [document.uri, start.line];
        lenses.push(
          new vscode.CodeLens(range, {
            title: `▶ ${vscode.l10n.t('Run Cell')}`,
            command: LENS_COMMANDS.runCell,
            arguments: args,
          }),
        );
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('Run Above'),
            command: LENS_COMMANDS.runAbove,
            arguments: args,
          }),
        );
        continue;
      }
      const key = callKey(start.line, start.character);
      const call = current?.revealedCalls.has(key)
        ? current.snapshot.statements[plan.statementIndex]?.calls.find(
            (c) => c.span.start.line === start.line && c.span.start.character === start.character,
          )
        : undefined;
      const title = call ? `${plan.label} = ${valueSummary(call.value)}` : `▶ ${plan.label}`;
      lenses.push(
        new vscode.CodeLens(range, {
          title,
          tooltip: call ? call.value.block : vscode.l10n.t('Evaluate {0} and show its value', plan.label),
          command: LENS_COMMANDS.showCall,
          arguments: [document.uri, start.line, start.character],
        }),
      );
    }
    for (const lens of playgroundLenses(document.getText(), program)) {
      const start = lines.positionAt(lens.range.start);
      const end = lines.positionAt(lens.range.end);
      lenses.push(
        new vscode.CodeLens(new vscode.Range(start.line, start.character, end.line, end.character), {
          title: vscode.l10n.t('Open in Playground'),
          tooltip: vscode.l10n.t('Train this network live in the Neural Network Playground'),
          command: OPEN_COMMAND,
          arguments: [document.uri, lens.offset],
        }),
      );
    }
    return lenses;
  }
}
