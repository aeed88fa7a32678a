/**
 * The messages between the extension host and the Neural Network Playground
 * webview, and the values they carry. Imported by both sides (this file uses
 * neither `vscode` nor the DOM); every message is checked on arrival by
 * `validate.ts`, so neither side trusts the other's shapes.
 */

/** The webview panel's view type (also the serializer's key). */
export const VIEW_TYPE = 'matrixPlayground.playground';

/** The command that opens the panel: `(uri?: Uri, offset?: number)`. */
export const OPEN_COMMAND = 'matrixPlayground.openPlayground';

/** Bounds every value is held to, on both sides. */
export const BOUNDS = {
  /** lr lies in (0, lrMax]. */
  lrMax: 100,
  epochsMin: 1,
  epochsMax: 1_000_000,
  hiddenMin: 1,
  hiddenMax: 64,
  /** X and y have at most this many rows … */
  rowsMax: 200,
  /** … and at most this many columns (inputs for X, outputs for y). */
  colsMax: 64,
  seedMax: 2 ** 32 - 1,
  /** Faded earlier runs kept on the chart. */
  historyMax: 5,
  /** Points kept per earlier run (its curve is thinned to this many). */
  historyPoints: 1000,
  /** A saved chart PNG, as a data URL, may be at most this many characters. */
  pngMaxChars: 16_000_000,
} as const;

/** A matrix as rows of numbers (JSON-friendly, what the grid edits). */
export type Rows = readonly (readonly number[])[];

/** One training run's settings: the arguments of `train(X, y, hidden, lr, epochs, seed)`. */
export interface RunConfig {
  readonly X: Rows;
  readonly y: Rows;
  readonly hidden: number;
  readonly lr: number;
  readonly epochs: number;
  /** `seed=None` is null: the weights come from {@link Source.rng} (or a fresh generator). */
  readonly seed: number | null;
}

/** NumPy's legacy generator state, as `np.random.get_state()` gives it. */
export interface RngState {
  /** 624 words, each an integer in [0, 2**32). */
  readonly key: readonly number[];
  readonly pos: number;
  readonly hasGauss: boolean;
  readonly gauss: number;
}

/** A `train(...)` argument the panel can change. */
export type Param = 'X' | 'y' | 'hidden' | 'lr' | 'epochs' | 'seed';

/** `train`'s parameters in positional order. */
export const PARAMS: readonly Param[] = ['X', 'y', 'hidden', 'lr', 'epochs', 'seed'];

/** A new value for one argument. */
export type ParamEdit =
  | { readonly param: 'X' | 'y'; readonly value: Rows }
  | { readonly param: 'hidden' | 'lr' | 'epochs'; readonly value: number }
  | { readonly param: 'seed'; readonly value: number | null };

/** Where the panel's values come from: a `train(...)` call in a file. */
export interface Origin {
  /** The document's URI, as a string. */
  readonly uri: string;
  /** Start offset of the `train(...)` call. */
  readonly offset: number;
  /** For people: `seed.mat:73`. */
  readonly label: string;
}

/** A run configuration and the generator to draw its weights from. */
export interface Source {
  readonly config: RunConfig;
  /** The generator where `train` ran in the file, used when seed is None; null means a fresh one (seed 0). */
  readonly rng: RngState | null;
}

// ---------------------------------------------------------------- host → webview

/** Sent by the host whenever the bound call's values are (re)read from the file, and after opening. */
export interface SourceMessage {
  readonly type: 'source';
  /** Increases with every source the host sends; the webview echoes the last one in `edit.basis`. */
  readonly id: number;
  readonly source: Source;
  /** The call it came from, or null when the panel runs the seed notebook's defaults. */
  readonly origin: Origin | null;
  /** What validation changed (a clamped value), for people. */
  readonly notes: readonly string[];
  /** False when this read only follows the panel's own edits to the file (it may lag the controls). */
  readonly external: boolean;
}

/** Sent by the host when the bound call cannot be read (an error before it, the call deleted). */
export interface SourceErrorMessage {
  readonly type: 'sourceError';
  readonly message: string;
  readonly origin: Origin | null;
}

/** The host's answer to an `edit`: applied to the file, or refused and why. */
export interface EditResultMessage {
  readonly type: 'editResult';
  readonly requestId: number;
  readonly ok: boolean;
  readonly message?: string;
}

/** Something to tell the user in the panel (a copied script, a refused message). */
export interface NoticeMessage {
  readonly type: 'notice';
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}

export type HostMessage = SourceMessage | SourceErrorMessage | EditResultMessage | NoticeMessage;

// ---------------------------------------------------------------- webview → host

/** Sent by the webview once its script runs; the host answers with a `source`. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Sent by the webview when a control changed: rewrite that argument of the bound call. */
export interface EditMessage {
  readonly type: 'edit';
  readonly requestId: number;
  /** Id of the last `source` the webview applied. */
  readonly basis: number;
  readonly edit: ParamEdit;
}

/** Sent by the webview for `Copy as NumPy`: the host writes the script to the clipboard. */
export interface CopyNumpyMessage {
  readonly type: 'copyNumpy';
  readonly source: Source;
}

/** Sent by the webview for `Save Chart`: a PNG data URL the host saves where the user says. */
export interface SaveChartMessage {
  readonly type: 'saveChart';
  readonly png: string;
}

export type WebviewMessage = ReadyMessage | EditMessage | CopyNumpyMessage | SaveChartMessage;

// ---------------------------------------------------------------- persisted state

/** An earlier run kept on the chart. */
export interface HistoryRun {
  readonly label: string;
  /** Epoch numbers (1-based) and the loss at each, thinned. */
  readonly epochs: readonly number[];
  readonly loss: readonly number[];
}

/** What the webview keeps with `setState` (and the serializer hands back after a reload). */
export interface PersistedState {
  readonly version: 1;
  readonly source: Source;
  readonly origin: Origin | null;
  readonly logScale: boolean;
  readonly history: readonly HistoryRun[];
}
