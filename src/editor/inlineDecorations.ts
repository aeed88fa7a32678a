import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';
import type { Config } from './config';
import { inlineLines } from './inlineText';
import { isMatDocument } from './liveEvaluation';
import type { ResultStore } from './results';

/**
 * Draws each statement's result after its line, muted like a comment
 * (errors in the error colour), the way Error Lens shows diagnostics.
 */
export class InlineDecorations extends Disposable {
  private readonly valueType = this._register(
    vscode.window.createTextEditorDecorationType({
      after: {
        color: new vscode.ThemeColor('matrixPlayground.inlineResultForeground'),
        margin: '0 0 0 2em',
        fontStyle: 'normal',
      },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedOpen,
    }),
  );
  private readonly errorType = this._register(
    vscode.window.createTextEditorDecorationType({
      after: { color: new vscode.ThemeColor('matrixPlayground.inlineErrorForeground'), margin: '0 0 0 2em' },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedOpen,
    }),
  );

  constructor(
    private readonly store: ResultStore,
    private readonly config: () => Config,
  ) {
    super();
    this._register(store.onDidChange((uri) => this.refreshDocument(uri)));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()));
    // Only lines near the visible ones are decorated: scrolling past them draws the next ones.
    this._register(
      vscode.window.onDidChangeTextEditorVisibleRanges(({ textEditor }) => {
        const drawn = this.drawn.get(textEditor);
        const visible = visibleWindow(textEditor, 0);
        if (!drawn || visible.from < drawn.from || visible.to > drawn.to) this.refresh(textEditor);
      }),
    );
    this.refreshAll();
  }

  /** The lines each editor's decorations cover (see `visibleWindow`). */
  private readonly drawn = new WeakMap<vscode.TextEditor, { from: number; to: number }>();

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.refresh(editor);
  }

  private refreshDocument(uri: vscode.Uri): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === uri.toString()) this.refresh(editor);
    }
  }

  private refresh(editor: vscode.TextEditor): void {
    if (!isMatDocument(editor.document)) return;
    const results = this.store.get(editor.document.uri);
    const values: vscode.DecorationOptions[] = [];
    const errors: vscode.DecorationOptions[] = [];
    // Every decoration's text becomes CSS rules in the window: a 100,000-statement file must not make 100,000.
    const near = visibleWindow(editor, DECORATED_MARGIN);
    this.drawn.set(editor, near);
    if (results && results.version === editor.document.version) {
      const lines = inlineLines(results.snapshot, {
        maxLength: this.config().inlineMaxLength,
        visible: results.visible,
        revealedCalls: results.revealedCalls,
      });
      for (const line of lines) {
        if (line.line >= editor.document.lineCount || line.line < near.from || line.line > near.to) continue;
        const end = editor.document.lineAt(line.line).range.end;
        const option: vscode.DecorationOptions = {
          range: new vscode.Range(end, end),
          // Decoration text is HTML: plain spaces would collapse and break NumPy's column alignment.
          renderOptions: { after: { contentText: line.text.replace(/ /g, '\u00a0') } },
        };
        (line.kind === 'error' ? errors : values).push(option);
      }
    }
    editor.setDecorations(this.valueType, values);
    editor.setDecorations(this.errorType, errors);
  }
}

/** Lines decorated above and below the visible ones. */
const DECORATED_MARGIN = 200;

/** The visible lines of an editor, widened by `margin` on each side. */
function visibleWindow(editor: vscode.TextEditor, margin: number): { from: number; to: number } {
  const ranges = editor.visibleRanges;
  if (ranges.length === 0) return { from: 0, to: margin * 2 };
  const from = Math.min(...ranges.map((r) => r.start.line));
  const to = Math.max(...ranges.map((r) => r.end.line));
  return { from: Math.max(0, from - margin), to: to + margin };
}
