/**
 * The panel's page: header (where the values come from, exports), toolbar
 * (play / pause / step / reset, status), messages, and the sections around
 * the chart. Buttons carry `data-action`; the app wires them.
 */

import { LossChart } from './chart';
import { type ControlEvents, Controls } from './controls';
import { h } from './dom';
import { DataGrid, type GridEvents } from './grid';
import { Heatmap, PredictionsTable } from './views';

export type Action = 'play' | 'step' | 'reset' | 'copyNumpy' | 'saveChart' | 'logScale' | 'clearRuns';

export interface Layout {
  readonly root: HTMLElement;
  readonly origin: HTMLElement;
  readonly status: HTMLElement;
  readonly alarm: HTMLElement;
  readonly notice: HTMLElement;
  readonly sourceError: HTMLElement;
  readonly playButton: HTMLButtonElement;
  readonly logScale: HTMLInputElement;
  readonly chart: LossChart;
  readonly controls: Controls;
  readonly grid: DataGrid;
  readonly predictions: PredictionsTable;
  readonly wh: Heatmap;
  readonly wout: Heatmap;
}

function button(action: Action, label: string, title: string, secondary = true): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', 'data-action': action, title, class: secondary ? 'secondary' : undefined },
    label,
  );
}

export function buildLayout(
  root: HTMLElement,
  logScale: boolean,
  events: ControlEvents & GridEvents,
  act: (action: Action) => void,
): Layout {
  const origin = h('span', { class: 'origin', id: 'origin' });
  const status = h('div', { class: 'status', id: 'status', role: 'status' });
  const alarm = h('div', { class: 'message alarm', id: 'alarm', role: 'alert', hidden: true });
  const notice = h('div', { class: 'message notice', id: 'notice', hidden: true });
  const sourceError = h('div', { class: 'message error', id: 'source-error', role: 'alert', hidden: true });
  const playButton = button('play', 'Pause', 'Play or pause the training (Space)', false);
  playButton.id = 'play';
  const scaleBox = h('input', {
    type: 'checkbox',
    id: 'log-scale',
    'data-action': 'logScale',
    checked: logScale,
  });
  const chart = new LossChart(logScale);
  const controls = new Controls(events);
  const grid = new DataGrid(events);
  const predictions = new PredictionsTable();
  const wh = new Heatmap('wh', 'input → hidden weights');
  const wout = new Heatmap('wout', 'hidden → output weights');

  root.replaceChildren(
    h(
      'header',
      { class: 'header' },
      h('h1', {}, 'Neural Network Playground'),
      origin,
      h(
        'div',
        { class: 'exports' },
        button('copyNumpy', 'Copy as NumPy', 'Copy a Python script that reproduces this run'),
        button('saveChart', 'Save Chart', 'Save the loss chart as a PNG image'),
      ),
    ),
    h(
      'div',
      { class: 'toolbar' },
      playButton,
      button('step', 'Step', 'Pause and run one epoch'),
      button('reset', 'Reset', 'Start this run again from its initial weights, paused'),
      status,
    ),
    sourceError,
    alarm,
    notice,
    h(
      'div',
      { class: 'columns' },
      h('div', { class: 'area-controls' }, controls.element),
      h(
        'section',
        { class: 'area-loss loss', 'aria-label': 'Loss chart' },
        h(
          'div',
          { class: 'chart-head' },
          h('h2', {}, 'Loss'),
          h('label', { class: 'toggle' }, scaleBox, ' log scale'),
          button('clearRuns', 'Clear earlier runs', 'Remove the faded curves of earlier runs'),
        ),
        chart.element,
      ),
      h('div', { class: 'area-data' }, grid.element),
      h(
        'div',
        { class: 'area-results results' },
        predictions.element,
        h(
          'section',
          { class: 'weights', 'aria-label': 'Weights' },
          h('h2', {}, 'Weights'),
          wh.element,
          wout.element,
        ),
      ),
    ),
  );
  root.addEventListener('click', (e) => {
    const target = (e.target as HTMLElement).closest('button[data-action]');
    if (target instanceof HTMLButtonElement && root.contains(target)) act(target.dataset.action as Action);
  });
  scaleBox.addEventListener('change', () => act('logScale'));
  return {
    root,
    origin,
    status,
    alarm,
    notice,
    sourceError,
    playButton,
    logScale: scaleBox,
    chart,
    controls,
    grid,
    predictions,
    wh,
    wout,
  };
}
