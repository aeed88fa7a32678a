import * as vscode from 'vscode';
import type { ParseCache } from './codeLens';
import { planFolds } from './foldingPlan';

/** Folding for `# %%` cells and multi-line statements. */
export class MatFoldingProvider implements vscode.FoldingRangeProvider {
  constructor(private readonly parses: ParseCache) {}

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    const { program, lines } = this.parses.get(document);
    return planFolds(document.getText(), program, lines).map(
      (fold) =>
        new vscode.FoldingRange(
          fold.start,
          fold.end,
          fold.region ? vscode.FoldingRangeKind.Region : undefined,
        ),
    );
  }
}
