import * as vscode from 'vscode';
import type { EngineSettings } from '../worker/protocol';

/** Every `matrixPlayground.*` setting, read once into an immutable snapshot. */
export interface Config {
  /** Evaluate as you type; off leaves evaluation to the commands. */
  readonly liveResults: boolean;
  /** Milliseconds of quiet typing before a live evaluation. */
  readonly debounceMs: number;
  /** Longest inline result, in characters, before it is cut with `…`. */
  readonly inlineMaxLength: number;
  /** Show the value of calls inside a statement (CodeLens results) inline too. */
  readonly showCodeLens: boolean;
  readonly engine: EngineSettings;
}

const SECTION = 'matrixPlayground';

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** Reads the settings that apply to `scope` (a document), clamping out-of-range values. */
export function readConfig(scope?: vscode.ConfigurationScope): Config {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    liveResults: c.get<boolean>('liveResults', true),
    debounceMs: clamp(c.get<number>('debounceMs', 150), 0, 5000, 150),
    inlineMaxLength: clamp(c.get<number>('inlineResults.maxLength', 120), 10, 2000, 120),
    showCodeLens: c.get<boolean>('codeLens.enabled', true),
    engine: {
      limits: {
        maxElements: clamp(c.get<number>('limits.maxElements', 50_000_000), 1000, 1_000_000_000, 50_000_000),
        maxMilliseconds: clamp(c.get<number>('limits.maxMilliseconds', 5000), 100, 600_000, 5000),
      },
      print: {
        precision: clamp(c.get<number>('print.precision', 8), 0, 17, 8),
      },
    },
  };
}

/** True when a configuration change touches any of our settings. */
export function affectsConfig(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}
