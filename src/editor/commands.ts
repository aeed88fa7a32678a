import * as vscode from 'vscode';
import type { StatementSnapshot } from '../engine/snapshot';
import { LENS_COMMANDS } from './codeLens';
import { asComment, callKey } from './inlineText';
import type { DocumentEvaluator } from './liveEvaluation';
import { isMatDocument, LANGUAGE_ID } from './liveEvaluation';
import type { DocumentResults, ResultStore } from './results';

/** What the commands need; built once in `extension.ts`. */
export interface CommandServices {
  readonly evaluator: DocumentEvaluator;
  readonly store: ResultStore;
  readonly extensionUri: vscode.Uri;
}

type Command = (services: CommandServices, ...args: unknown[]) => unknown;

function activeMatEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && isMatDocument(editor.document)) return editor;
  void vscode.window.showInformationMessage(vscode.l10n.t('Open a .mat file to use this command.'));
  return undefined;
}

async function documentFor(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  return activeMatEditor()?.document;
}

function statementsOn(results: DocumentResults, first: number, last: number): number[] {
  const indices: number[] = [];
  results.snapshot.statements.forEach((s, i) => {
    if (s.span.end.line >= first && s.span.start.line <= last) indices.push(i);
  });
  return indices;
}

/** Shows these statements' results (adds to what is shown; in live mode everything is shown anyway). */
function reveal(store: ResultStore, uri: vscode.Uri, indices: Iterable<number>): void {
  store.update(uri, (results) => {
    if (!results.visible) return results;
    return { ...results, visible: new Set([...results.visible, ...indices]) };
  });
}

function statementAtCursor(results: DocumentResults, line: number): StatementSnapshot | undefined {
  return results.snapshot.statements.find((s) => s.span.start.line <= line && s.span.end.line >= line);
}

async function evaluateLine(services: CommandServices): Promise<void> {
  const editor = activeMatEditor();
  if (!editor) return;
  const results = await services.evaluator.resultsFor(editor.document);
  if (!results) return;
  const { selection } = editor;
  const indices = statementsOn(results, selection.start.line, selection.end.line);
  reveal(services.store, editor.document.uri, indices);
  if (selection.isEmpty && indices.length > 0) {
    // Like Shift+Enter in a notebook: run, then move on to the next statement.
    const last = results.snapshot.statements[indices[indices.length - 1]];
    const next = results.snapshot.statements.find((s) => s.span.start.line > last.span.end.line);
    const line = next
      ? next.span.start.line
      : Math.min(last.span.end.line + 1, editor.document.lineCount - 1);
    const position = new vscode.Position(line, next ? next.span.start.character : 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position));
  }
}

async function evaluateFile(services: CommandServices, uri?: unknown): Promise<void> {
  const document = await documentFor(uri);
  if (!document) return;
  const results = await services.evaluator.evaluate(document);
  if (results) services.store.set(document.uri, { ...results, visible: undefined });
}

function clearResults(services: CommandServices): void {
  const editor = activeMatEditor();
  if (!editor) return;
  services.store.update(editor.document.uri, (results) => ({
    ...results,
    visible: new Set(),
    revealedCalls: new Set(),
  }));
}

async function resultAtCursor(
  services: CommandServices,
): Promise<{ editor: vscode.TextEditor; statement: StatementSnapshot } | undefined> {
  const editor = activeMatEditor();
  if (!editor) return undefined;
  const results = await services.evaluator.resultsFor(editor.document);
  const statement = results && statementAtCursor(results, editor.selection.active.line);
  if (!statement || (!statement.value && !statement.error)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no result on this line.'));
    return undefined;
  }
  return { editor, statement };
}

async function insertResultAsComment(services: CommandServices): Promise<void> {
  const found = await resultAtCursor(services);
  if (!found) return;
  const { editor, statement } = found;
  const block = statement.value
    ? statement.value.block
    : `${statement.error?.type}: ${statement.error?.message}`;
  const line = editor.document.lineAt(statement.span.end.line);
  const indent = editor.document.lineAt(statement.span.start.line).text.match(/^\s*/)?.[0] ?? '';
  const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  await editor.edit((edit) =>
    edit.insert(line.range.end, eol + asComment(block, indent).replace(/\n/g, eol)),
  );
}

async function copyResult(services: CommandServices): Promise<void> {
  const found = await resultAtCursor(services);
  if (!found) return;
  const { statement } = found;
  await vscode.env.clipboard.writeText(
    statement.value ? statement.value.block : (statement.error?.message ?? ''),
  );
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Result copied'), 2000);
}

async function newPlaygroundFile(services: CommandServices): Promise<void> {
  const bytes = await vscode.workspace.fs.readFile(
    vscode.Uri.joinPath(services.extensionUri, 'examples', 'seed.mat'),
  );
  const document = await vscode.workspace.openTextDocument({
    language: LANGUAGE_ID,
    content: new TextDecoder().decode(bytes),
  });
  await vscode.window.showTextDocument(document);
}

async function toggleLiveResults(): Promise<void> {
  const config = vscode.workspace.getConfiguration('matrixPlayground');
  const next = !config.get<boolean>('liveResults', true);
  await config.update('liveResults', next, vscode.ConfigurationTarget.Global);
  void vscode.window.setStatusBarMessage(
    next ? vscode.l10n.t('Matrix: live results on') : vscode.l10n.t('Matrix: live results off'),
    3000,
  );
}

async function showCall(
  services: CommandServices,
  uri: unknown,
  line: unknown,
  character: unknown,
): Promise<void> {
  const document = await documentFor(uri);
  if (!document || typeof line !== 'number' || typeof character !== 'number') return;
  const results = await services.evaluator.resultsFor(document);
  if (!results) return;
  const key = callKey(line, character);
  services.store.update(document.uri, (r) => ({ ...r, revealedCalls: new Set([...r.revealedCalls, key]) }));
}

async function runCells(
  services: CommandServices,
  uri: unknown,
  markerLine: unknown,
  above: boolean,
): Promise<void> {
  const document = await documentFor(uri);
  if (!document || typeof markerLine !== 'number') return;
  const results = await services.evaluator.resultsFor(document);
  if (!results) return;
  const nextMarker =
    results.snapshot.cells.find((cell) => cell.line > markerLine)?.line ?? Number.POSITIVE_INFINITY;
  const [first, last] = above ? [0, markerLine - 1] : [markerLine, nextMarker - 1];
  reveal(services.store, document.uri, statementsOn(results, first, last));
}

/** Every command by id: registered in one loop in `extension.ts`. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  'matrixPlayground.evaluateLine': evaluateLine,
  'matrixPlayground.evaluateFile': evaluateFile,
  'matrixPlayground.clearResults': clearResults,
  'matrixPlayground.insertResultAsComment': insertResultAsComment,
  'matrixPlayground.copyResult': copyResult,
  'matrixPlayground.newPlaygroundFile': newPlaygroundFile,
  'matrixPlayground.toggleLiveResults': toggleLiveResults,
  [LENS_COMMANDS.showCall]: showCall,
  [LENS_COMMANDS.runCell]: (services, uri, line) => runCells(services, uri, line, false),
  [LENS_COMMANDS.runAbove]: (services, uri, line) => runCells(services, uri, line, true),
};
