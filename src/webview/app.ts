/**
 * The playground in the webview: holds the configuration, runs the training
 * in slices, keeps earlier runs for the chart, and keeps the file in step —
 * a control's change retrains at once (debounced, the running training
 * cancelled) and, at the end of the gesture, is sent to the host to be
 * written into the `train(...)` call; a new configuration from the file
 * retrains the same way.
 */

import {
  BOUNDS,
  type HistoryRun,
  type HostMessage,
  type Origin,
  type ParamEdit,
  type PersistedState,
  type Rows,
  type RunConfig,
  type Source,
} from '../playground/protocol';
import { formatCount, formatLoss, formatRate } from './dom';
import type { Host } from './host';
import { type Action, buildLayout, type Layout } from './layout';
import { runLabel, sameSource, thin } from './series';
import { alarmText, type Clock, lossAlarm, TrainingRun } from './trainingLoop';

const RETRAIN_DELAY_MS = 120;
const LIVE_POINTS = 2000;
const VIEWS_EVERY_MS = 100;
const NOTICE_MS = 8000;

export interface Start {
  readonly source: Source | null;
  readonly origin: Origin | null;
  readonly logScale: boolean;
  readonly history: readonly HistoryRun[];
}

export class Playground {
  private readonly ui: Layout;
  private source: Source | null;
  private origin: Origin | null;
  private history: HistoryRun[];
  private run: TrainingRun | undefined;
  /** Whether the user wants training to run (Pause, Step and Reset turn it off; Play and any change on). */
  private playing = true;
  private sourceId = 0;
  /** A control changed and its gesture has not ended (not yet written to the file). */
  private uncommitted = false;
  private nextRequest = 1;
  private retrainTimer: number | undefined;
  private noticeTimer: number | undefined;
  private frame = 0;
  private lastViews = 0;

  constructor(
    root: HTMLElement,
    private readonly host: Host,
    private readonly clock: Clock,
    start: Start,
  ) {
    this.source = start.source;
    this.origin = start.origin;
    this.history = [...start.history];
    this.ui = buildLayout(
      root,
      start.logScale,
      {
        change: (edit, commit) => this.edited([edit], commit),
        dataChange: (X, y, changed, commit) => this.dataEdited(X, y, changed, commit),
        problem: (message, level) => this.notify(message, level),
      },
      (action) => this.act(action),
    );
    this.ui.chart.setHistory(this.history);
    this.showOrigin();
    // Space plays or pauses, unless it is typed into a field or presses a button.
    document.addEventListener('keydown', (e) => {
      const target = e.target as HTMLElement;
      if (e.key !== ' ' || target.closest('input, button, textarea, select')) return;
      e.preventDefault();
      this.act('play');
    });
    if (this.source) {
      this.showConfig(this.source.config);
      this.startRun(false);
    } else {
      this.ui.status.textContent = 'Reading train(...) from the file…';
    }
  }

  /** The theme changed: the chart's canvas colours are redrawn. */
  themeChanged(): void {
    this.ui.chart.refreshTheme();
  }

  /** A checked message from the host. */
  handle(message: HostMessage): void {
    switch (message.type) {
      case 'source':
        this.sourceId = message.id;
        this.origin = message.origin;
        this.showOrigin();
        this.ui.sourceError.hidden = true;
        if (message.notes.length > 0) this.notify(`From the file: ${message.notes.join('; ')}`, 'warning');
        // A re-read after the panel's own edits can lag a control still being moved: the control wins.
        if (!message.external && this.uncommitted) return;
        if (!this.source || !sameSource(this.source, message.source)) {
          const first = !this.source;
          this.source = message.source;
          this.showConfig(message.source.config);
          this.playing = true;
          this.startRun(!first);
        }
        this.save();
        return;
      case 'sourceError':
        this.origin = message.origin ?? this.origin;
        this.showOrigin();
        this.ui.sourceError.textContent = `${sentence(message.message)} The panel keeps its last values.`;
        this.ui.sourceError.hidden = false;
        return;
      case 'editResult':
        if (!message.ok) this.notify(message.message ?? 'The change was not written to the file.', 'warning');
        else if (message.message) this.notify(message.message, 'info');
        return;
      case 'notice':
        this.notify(message.message, message.level);
        return;
    }
  }

  private edited(edits: ParamEdit[], commit: boolean): void {
    if (!this.source) return;
    this.uncommitted = !commit;
    let config: RunConfig = this.source.config;
    for (const edit of edits) config = { ...config, [edit.param]: edit.value };
    this.configure(config);
    if (commit && this.origin) {
      for (const edit of edits)
        this.host.post({ type: 'edit', requestId: this.nextRequest++, basis: this.sourceId, edit });
    }
  }

  private dataEdited(X: Rows, y: Rows, changed: readonly ('X' | 'y')[], commit: boolean): void {
    const value = { X: X.map((r) => [...r]), y: y.map((r) => [...r]) };
    this.edited(
      changed.map((param) => ({ param, value: value[param] })),
      commit,
    );
  }

  /** A new configuration from a control: retrain after a short quiet spell. */
  private configure(config: RunConfig): void {
    // The end of a gesture repeats the value its last step already set: nothing to retrain.
    if (!this.source || JSON.stringify(config) === JSON.stringify(this.source.config)) return;
    this.source = { ...this.source, config };
    this.playing = true;
    window.clearTimeout(this.retrainTimer);
    this.retrainTimer = window.setTimeout(() => this.startRun(true), RETRAIN_DELAY_MS);
  }

  /** Replaces the run (the old one is cancelled, and kept faded on the chart when `keepOld`). */
  private startRun(keepOld: boolean): void {
    window.clearTimeout(this.retrainTimer);
    if (!this.source) return;
    const old = this.run;
    if (old) {
      old.cancel();
      if (keepOld && old.epoch > 0 && !sameSource(old.source, this.source)) {
        const run: HistoryRun = {
          label: runLabel(old.source.config),
          ...thin(old.loss, old.epoch, BOUNDS.historyPoints),
        };
        // The same settings again draw the same curve: keep one copy, the newest.
        const others = this.history.filter(
          (h) => h.label !== run.label || JSON.stringify(h.loss) !== JSON.stringify(run.loss),
        );
        this.history = [run, ...others].slice(0, BOUNDS.historyMax);
        this.ui.chart.setHistory(this.history);
      }
    }
    try {
      this.run = new TrainingRun(this.source, this.clock, () => this.requestRender());
    } catch (error) {
      this.run = undefined;
      this.notify(`Cannot train: ${error instanceof Error ? error.message : error}`, 'error');
      return;
    }
    if (this.playing) this.run.play();
    this.lastViews = 0;
    this.save();
    this.requestRender();
  }

  private act(action: Action): void {
    const run = this.run;
    switch (action) {
      case 'play':
        if (!run) return;
        if (run.status === 'running') {
          this.playing = false;
          run.pause();
        } else {
          this.playing = true;
          if (run.finished) this.startRun(false);
          else run.play();
        }
        break;
      case 'step':
        this.playing = false;
        run?.pause();
        run?.step(1);
        break;
      case 'reset':
        this.playing = false;
        this.startRun(false);
        break;
      case 'copyNumpy':
        if (this.source) this.host.post({ type: 'copyNumpy', source: this.source });
        break;
      case 'saveChart':
        try {
          this.host.post({ type: 'saveChart', png: this.ui.chart.toPng() });
        } catch (error) {
          this.notify(`Cannot save the chart: ${error instanceof Error ? error.message : error}`, 'error');
        }
        break;
      case 'logScale':
        this.ui.chart.setLogScale(this.ui.logScale.checked);
        this.save();
        break;
      case 'clearRuns':
        this.history = [];
        this.ui.chart.setHistory(this.history);
        this.save();
        break;
    }
    this.requestRender();
  }

  /** Redraws once per animation frame, however many slices reported in between. */
  private requestRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const run = this.run;
    if (!run || !this.source) return;
    const { config } = run.source;
    const epoch = run.epoch;
    const loss = epoch > 0 ? run.loss[epoch - 1] : Number.NaN;
    this.ui.chart.setLive(runLabel(config), thin(run.loss, epoch, LIVE_POINTS), run.epochs);
    const rate =
      run.status === 'running' || run.epochsPerSecond > 0
        ? ` · ${formatRate(run.epochsPerSecond)} epochs/s`
        : '';
    this.ui.status.textContent = `epoch ${formatCount(epoch)} / ${formatCount(run.epochs)} · loss ${epoch > 0 ? formatLoss(loss) : '–'}${rate} · ${run.status}`;
    const root = this.ui.root;
    root.dataset.status = run.status;
    root.dataset.epoch = String(epoch);
    root.dataset.runs = String(this.history.length);
    root.dataset.lr = String(config.lr);
    root.dataset.scale = this.ui.chart.isLogScale ? 'log' : 'linear';
    this.ui.playButton.textContent = run.status === 'running' ? 'Pause' : 'Play';
    this.showAlarm(run);
    const now = performance.now();
    if (run.status !== 'running' || now - this.lastViews >= VIEWS_EVERY_MS) {
      this.lastViews = now;
      this.ui.predictions.show(config.X, config.y, run.trainer.output?.data ?? null);
      this.ui.wh.show(run.trainer.wh);
      this.ui.wout.show(run.trainer.wout);
    }
  }

  private showAlarm(run: TrainingRun): void {
    const alarm = lossAlarm(run);
    this.ui.alarm.hidden = alarm === null;
    this.ui.alarm.textContent = alarm
      ? alarmText(alarm, run.source.config.lr, run.haltedOnRise ? run.epoch : null)
      : '';
    this.ui.root.dataset.alarm = alarm?.kind ?? '';
  }

  private showConfig(config: RunConfig): void {
    this.ui.controls.show(config);
    this.ui.grid.show(config.X, config.y);
  }

  private showOrigin(): void {
    this.ui.origin.textContent = this.origin
      ? `following train(...) in ${this.origin.label}`
      : 'seed notebook values (open from a train(...) call to follow a file)';
    this.ui.root.dataset.bound = String(this.origin !== null);
  }

  private notify(message: string, level: 'info' | 'warning' | 'error'): void {
    const notice = this.ui.notice;
    notice.textContent = message;
    notice.className = `message notice ${level}`;
    notice.hidden = false;
    window.clearTimeout(this.noticeTimer);
    if (level === 'info') this.noticeTimer = window.setTimeout(() => (notice.hidden = true), NOTICE_MS);
  }

  private save(): void {
    if (!this.source) return;
    const state: PersistedState = {
      version: 1,
      source: this.source,
      origin: this.origin,
      logScale: this.ui.chart.isLogScale,
      history: this.history,
    };
    this.host.save(state);
  }
}

/** A message as a sentence: a full stop added unless it ends with one (it is followed by another). */
function sentence(message: string): string {
  return /[.!?…]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`;
}
